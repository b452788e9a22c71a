// A villager typing on a pinyin keyboard picks the right sound and the wrong character: the knowledge
// base's term is read instead, while ordinary words typed right are never "corrected".
import { describe, expect, it } from "vitest";
import { loadKnowledgeData } from "../../src/knowledge/load.ts";
import { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { createTypoFixer } from "../../src/text/typos.ts";

const kb = new KnowledgeBase(loadKnowledgeData("data"));
const read = (text: string) => kb.index.analyze(text).text;

describe("sound-alike typos", () => {
  it.each([
    ["沼起服务站投了多少钱", "沼气"],
    ["土地留转签合同的有多少户", "流转"],
    ["秸秆压锁点都设在哪些村子", "压缩"],
    ["妇女小额担宝贷款贷了多少钱", "担保"],
    ["精神残疾住院智疗有补组吗", "补助"],
    ["优质没一吨多少钱", "优质煤"],
  ])("reads %s as meaning %s", (text, meant) => {
    expect(read(text)).toContain(meant);
  });

  it.each([
    "燃油补贴补了多少人 发了多少钱",
    "我们夫妻都是二级残疾 贫困户 每年救助俩人共多少",
    "村图书室一直锁着门,从来没开过",
    "幼儿园门口那条路车开得飞快,也没个减速带",
    "村里每年放几场电影啊 可以多放点",
  ])("leaves function words typed right alone: %s", (text) => {
    const before = kb.rewrite(text);
    expect(read(text)).toBe(before);
  });

  it("answers the question the typo stood for", () => {
    const hits = kb.index.search(kb.index.analyze("召气池坏了找谁修"), 3);
    expect(hits[0]?.entry.title).toMatch(/沼气/);
  });

  it("guesses nothing when two terms sound alike", () => {
    const cut = (t: string) => [...t];
    const fixer = createTypoFixer(["流转", "留转"], cut);
    expect(fixer.fix("刘转")).toBe("刘转");
    expect(createTypoFixer(["流转"], cut).fix("刘转")).toBe("流转");
  });
});
