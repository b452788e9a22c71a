// `npm run kb:check` reports each bad file with its path and field and exits non-zero.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { kbCheck } from "../helpers/kb-check.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyData(): string {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-kb-"));
  dirs.push(dir);
  cpSync("data", dir, { recursive: true });
  return dir;
}

describe("npm run kb:check", { timeout: 60_000 }, () => {
  it("passes on the shipped knowledge base", async () => {
    const { code, out } = await kbCheck("data");
    expect(out).toContain("检查通过");
    expect(code).toBe(0);
  });

  it("names the field of a bad or missing word list in conversation.yaml, and a missing file", async () => {
    const dir = copyData();
    writeFileSync(join(dir, "conversation.yaml"), "not_a_report: []\nreport_words: 反映\n");
    const bad = await kbCheck(dir);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain("conversation.yaml");
    expect(bad.out).toMatch(/not_a_report/);
    expect(bad.out).toMatch(/report_words/);
    expect(bad.out).toMatch(/problem_words/);
    rmSync(join(dir, "conversation.yaml"));
    const missing = await kbCheck(dir);
    expect(missing.code).not.toBe(0);
    expect(missing.out).toMatch(/conversation\.yaml.*文件不存在/);
  });

  it("names attribute_words when it holds an empty word or is not a list, and takes a long list", async () => {
    const dir = copyData();
    const file = join(dir, "conversation.yaml");
    const shipped = readFileSync(file, "utf8").replace(/^attribute_words:.*$/m, "");
    writeFileSync(file, `${shipped}\nattribute_words: [投资, ""]\n`);
    const empty = await kbCheck(dir);
    expect(empty.code).not.toBe(0);
    expect(empty.out).toMatch(/attribute_words/);
    writeFileSync(file, `${shipped}\nattribute_words: 投资\n`);
    const notList = await kbCheck(dir);
    expect(notList.code).not.toBe(0);
    expect(notList.out).toMatch(/attribute_words/);
    writeFileSync(file, `${shipped}\nattribute_words: [${Array.from({ length: 5000 }, (_, i) => `词${i}`).join(", ")}]\n`);
    expect((await kbCheck(dir)).code).toBe(0);
  });

  it("names the file and field of each problem and exits non-zero", async () => {
    const dir = copyData();
    writeFileSync(
      join(dir, "knowledge", "zz-broken.yaml"),
      "topic: 测试\nentries:\n  - id: Bad_Id\n    title: 坏条目\n    category: 测试\n    summary: ''\n    contact: 村委会\n    source: { file: x.txt, section: 一 }\n",
    );
    writeFileSync(join(dir, "knowledge", "zz-unparseable.yaml"), "topic: [unclosed\n");
    const { code, out } = await kbCheck(dir);
    expect(code).not.toBe(0);
    expect(out).toContain("knowledge/zz-broken.yaml");
    expect(out).toMatch(/entries\[0\]\.id/);
    expect(out).toMatch(/entries\[0\]\.summary/);
    expect(out).toContain("knowledge/zz-unparseable.yaml");
  });

  it("requires a review note on entries marked needs_review", async () => {
    const dir = copyData();
    writeFileSync(
      join(dir, "knowledge", "zz-review.yaml"),
      "topic: 测试\nentries:\n  - id: zz-review\n    title: 待核实\n    category: 测试\n    summary: 没有标准\n    contact: 村委会\n    needs_review: true\n    source: { file: x.txt, section: 一 }\n",
    );
    const { code, out } = await kbCheck(dir);
    expect(code).not.toBe(0);
    expect(out).toContain("review_note");
  });

  it("reports duplicate ids across files", async () => {
    const dir = copyData();
    const dup =
      "topic: 测试\nentries:\n  - id: zz-dup\n    title: 甲\n    category: 测试\n    summary: 甲\n    contact: 村委会\n    source: { file: x.txt, section: 一 }\n";
    writeFileSync(join(dir, "knowledge", "zz-a.yaml"), dup);
    writeFileSync(join(dir, "knowledge", "zz-b.yaml"), dup);
    const { code, out } = await kbCheck(dir);
    expect(code).not.toBe(0);
    expect(out).toMatch(/zz-dup.*重复/);
  });
});
