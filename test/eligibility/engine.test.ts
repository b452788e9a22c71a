// The pure parts: Chinese numbers, the evaluator (dates, unknown ≠ zero, trace) and the dialogue state machine.
import { describe, expect, it } from "vitest";
import {
  continueDialogue,
  evaluateAll,
  loadEligibilityRules,
  parameterValue,
  parseBareNumber,
  parseNumber,
  parseAnswer,
  readDuration,
  readHousehold,
  findQuantities,
  focusOf,
  renderResults,
  startDialogue,
  type DialogueState,
  type Step,
} from "../../src/eligibility/index.ts";
import { foldText } from "../../src/text/fold.ts";
import type { Parameter } from "../../src/eligibility/schema.ts";

const rules = loadEligibilityRules("data");
const on = new Date("2026-06-01T00:00:00Z");
const answerSignals = { newQuestion: false, personal: false };

describe("Chinese numbers", () => {
  it.each([
    ["三", 3],
    ["叁", 3],
    ["六十五", 65],
    ["两千", 2000],
    ["一万二", 12000],
    ["三千五", 3500],
    ["0.2万", 2000],
    ["五点五", 5.5],
    ["2000", 2000],
    ["十", 10],
  ])("reads %s as %d", (text, value) => expect(parseNumber(text)).toBe(value));

  it("gives up on words that are not numbers", () => {
    expect(parseNumber("你好")).toBeUndefined();
    expect(parseBareNumber("不知道")).toBeUndefined();
  });

  it("reads quantities with units, halves, approximations and minus signs", () => {
    expect(findQuantities("我有五亩半地", ["亩"])[0]).toMatchObject({ value: 5.5, unit: "亩" });
    expect(findQuantities("俺爹七十多岁了", ["岁"])[0]).toMatchObject({ value: 70, approx: true });
    expect(findQuantities("−3亩", ["亩"])[0]).toMatchObject({ value: 3, negative: true });
    expect(findQuantities("五千斤煤", ["斤", "吨"])[0]).toMatchObject({ value: 5000, unit: "斤" });
    expect(parseBareNumber("六十五岁")).toMatchObject({ value: 65 });
  });
});

describe("spans of time an amount adds up over", () => {
  it.each([
    ["领两年总共多少", 2],
    ["一年半能领多少", 1.5],
    ["半年多少钱", 0.5],
    ["俺领了八个月 该是多少", 8 / 12],
    ["两年零四个月一共多少", 2 + 4 / 12],
    ["一年零八个月一共多少", 1 + 8 / 12],
    ["五月份开始领 到年底能领多少", 8 / 12],
    ["从3月开始发，到年底一共多少", 10 / 12],
    ["合同签10年，一共多少", 10],
    ["这两年一户多残的补助加起来能拿多少", 2],
  ])("reads %s as %d years", (text, years) => expect(readDuration(text)).toBeCloseTo(years, 4));

  it.each(["一年能领多少", "每个月多少", "2015年领了多少", "上半年发了多少", "十年前建的"])("reads no span in %s (a rate, a date, or no sum)", (text) => {
    expect(readDuration(text)).toBeUndefined();
  });
});

describe("who a household is", () => {
  const grades = (text: string) => readHousehold(text).people.map((p) => p.grade ?? (p.severe ? "重度" : undefined));
  it.each([
    ["家里三个人全是三级残疾", [3, 3, 3]],
    ["俺家俩二级一个三级 都贫困", [2, 2, 3]],
    ["男的一级 女的三级", [1, 3]],
    ["家里俩重度残疾", ["重度", "重度"]],
    ["俺一级 俺儿子二级 孙子三级", [1, 2, 3]],
    ["兄弟俩都是一级", [1, 1]],
    ["家里三个残疾人都是一级贫困", [1, 1, 1]],
    ["俺家俩重度残疾的 一个一级一个二级", [1, 2]],
    ["家里俩重度 还有一个三级的", ["重度", "重度", 3]],
    ["我妈三级、我爸一级、我妹二级，都是贫困残疾，今年开春我爸走了", [3, 2]],
    ["俺叔一级残疾，去年户口迁到城里了；俺娘三级", [3]],
    // 大 is a father in northern speech; children by their order are each their own person.
    ["俺大二级 俺娘三级", [2, 3]],
    ["俺三级 大娃一级 二娃二级", [3, 1, 2]],
    // Severe people counted, then named with their grades, are the same people; with 还有 they are others.
    ["家里俩重度 俺爹一级 俺娘二级", [1, 2]],
    ["家里俩重度 还有俺娘一级", ["重度", "重度", 1]],
    // A pair or three named together (娘俩, 爷仨) are that many people, the one who speaks among them.
    ["俺家娘俩都是三级残疾", [3, 3]],
    ["俺们娘仨都是二级", [2, 2, 2]],
    ["爷俩都是一级 贫困户", [1, 1]],
    ["父子俩一个一级一个三级", [1, 3]],
  ] as const)("reads %s", (text, expected) => expect(grades(text)).toEqual(expected));
  it("keeps a mother named right after a father when 俩人 follows (俺爹俺娘俩人)", () => {
    expect(readHousehold("俺爹俺娘俩人 一年一共呢").people.map((p) => p.label)).toEqual(["您父亲", "您母亲"]);
  });
  it("reads empty, blank, hostile and overlong text without people it does not say, in linear time", () => {
    expect(readHousehold("").people).toEqual([]);
    expect(readHousehold("   ").people).toEqual([]);
    const started = performance.now();
    for (const hostile of ["大的小的".repeat(500), "三级的是俩 ".repeat(400), "一级两个".repeat(500), "搬到城里闺女家".repeat(300), "俺家俩".repeat(700)])
      expect(readHousehold(hostile).people.length).toBeLessThan(5000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it("labels a father called 大 and children by order, and takes 俺跟俺哥好好的 as both not disabled", () => {
    expect(readHousehold("俺大一级").people.map((p) => p.label)).toEqual(["您父亲"]);
    expect(readHousehold("大娃二级 二娃好好的").people.map((p) => p.label)).toEqual(["您家大娃", "您家二娃"]);
    expect(readHousehold("俺妹三级 俺跟俺哥好好的").people.map((p) => p.certified)).toEqual([undefined, false, false]);
  });
});

describe("evaluator", () => {
  it("picks the parameter value in force on the day asked", () => {
    const p: Parameter = {
      id: "x",
      label: "x",
      unit: "元",
      example: false,
      needs_review: false,
      values: [
        { since: null, value: 400 },
        { since: "2027-01-01", value: 500 },
      ],
    };
    expect(parameterValue(p, new Date("2026-12-31T12:00:00Z"))).toBe(400);
    expect(parameterValue(p, new Date("2027-01-01T12:00:00Z"))).toBe(500);
  });

  it("never turns an unknown fact into a zero: grade unknown gives the 400–800 range and both tiers", () => {
    const relief = evaluateAll(rules, { poor: true }, on).find((r) => r.programme.id === "disability-living-relief")!;
    expect(relief.status).toBe("unknown");
    expect(relief.amount.year).toEqual([400, 800]);
    expect(relief.unknown.map((o) => o.condition.fact)).toEqual(["disability_grade"]);
    const text = renderResults(rules, { poor: true }, evaluateAll(rules, { poor: true }, on)).text;
    expect(text).toMatch(/如果残疾等级是一到三级，一、二级每人每年 800 元，三级每人每年 400 元/);
  });

  it("explains each condition in a trace: met, not met, not yet known", () => {
    const r = evaluateAll(rules, { disability_grade: 3, poor: false }, on).find((x) => x.programme.id === "elderly-disabled-allowance")!;
    expect(r.trace.join("\n")).toMatch(/✓ 有残疾证（残疾等级：三级）/);
    expect(r.trace.join("\n")).toMatch(/✗ 这项补助要求是贫困户/);
    expect(r.trace.join("\n")).toMatch(/\? 年龄够“老年”（年龄：不知道）/);
  });

  it("lists two money programmes together and says combining must be confirmed, never a sum", () => {
    const facts = { disability_grade: 2, poor: true, age: 75, disabled_in_household: 2, disability_type: "physical" };
    const text = renderResults(rules, facts, evaluateAll(rules, facts, on)).text;
    expect(text).toMatch(/每人每年 800 元/);
    expect(text).toMatch(/每人每月 50 元/);
    expect(text).toMatch(/每户每年 1680 元/);
    expect(text).toMatch(/能不能同时领，原文没有写，要向县残联确认/);
    expect(text).not.toMatch(/3080|合计|一共/);
  });

  it("says the age line for 老年 is an example, not a rule of the seed", () => {
    const facts = { disability_grade: 2, poor: true, age: 70 };
    expect(renderResults(rules, facts, evaluateAll(rules, facts, on)).text).toMatch(/60 岁只是示例），请向县残联确认/);
  });

  it("does not invent a per-person amount for home care, only the county total", () => {
    const facts = { disability_grade: 1, poor: true, disability_type: "mental" };
    const text = renderResults(rules, facts, evaluateAll(rules, facts, on)).text;
    expect(text).toMatch(/131 人共 7\.86 万元），没有每人标准/);
    expect(text).not.toMatch(/600 元.*托养|托养.*600 元/);
  });
});

function talk(first: string, topic: "benefits" | "land" | "biomass" = "benefits") {
  let step: Step = startDialogue(rules, topic, foldText(first), first, on);
  return {
    get step() {
      return step;
    },
    say(text: string, signals: Parameters<typeof continueDialogue>[4] = answerSignals): Step | "leave" {
      const next = continueDialogue(rules, step.state as DialogueState, foldText(text), on, signals);
      if (next !== "leave") step = next;
      return next;
    },
  };
}

describe("dialogue state machine", () => {
  it("answers at once when the first message gives the grade and poverty, with side programmes as conditions", () => {
    const d = talk("我三级残疾，家里困难，能领多少？");
    expect(d.step.state?.facts).toMatchObject({ disability_grade: 3, poor: true });
    expect(d.step.state?.step).toBe("done");
    expect(d.step.reply.text).toMatch(/每人每年 400 元/);
    expect(d.step.reply.text).toMatch(/如果年龄够“老年”/);
    expect(d.step.reply.text).not.toMatch(/多大岁数|他（她）/);
  });

  it("asks only what changes the main figure: poverty when only the grade is known", () => {
    const d = talk("我三级残疾，能领什么补助");
    expect(d.step.reply.text).toMatch(/贫困户/);
    const s = d.say("是贫困户") as Step;
    expect(s.reply.text).toMatch(/每人每年 400 元/);
  });

  it("sums a household's people per programme with the formula", () => {
    const d = talk("俺爹一级残疾，俺娘三级残疾，家里是贫困户，他俩的生活特别救助一年加起来多少钱？");
    expect(d.step.reply.text).toMatch(/您父亲 800 \+ 您母亲 400 = 1200 元\/年/);
    const three = talk("我二级、我媳妇三级残疾，贫困户，生活特别救助领5年一共多少？");
    expect(three.step.reply.text).toMatch(/6000 元（1200 × 5/);
  });

  it("does not take a programme listed by name for a person's age, but does when they receive it", () => {
    const d = talk("俺爷是贫困老年残疾人，俺爹一级、俺哥三级都是贫困残疾人。老年补助、特别救助、一户多残全算上一年多少");
    expect(d.step.reply.text).toMatch(/合计每年：1200 \+ 600 \+ 1680 = 3480 元/);
    expect(d.step.reply.text).not.toMatch(/您哥哥 50/);
    const receives = talk("我娘是三级贫困残疾人，我爹领贫困老年残疾人补助，他俩各自一年能领多少？");
    expect(receives.step.reply.text).toMatch(/您父亲 50 元\/月/);
  });

  it("adds a contribution into the total when the villager says 加上 it", () => {
    const d = talk("俺爹一级、俺娘二级、俺哥二级，都是贫困户重度的，特别救助加上代缴养老，全家一年多少");
    expect(d.step.reply.text).toMatch(/合计每年：2400 \+ 300 = 2700 元/);
    expect(d.step.reply.text).toMatch(/按您问的算进下面的合计/);
  });

  it("adds the programmes each person's own description names when asked for 这两样 together", () => {
    const d = talk("俺爹是贫困老年残疾人，俺哥是三级贫困残疾人，这两样补助一家一年加起来多少");
    expect(d.step.reply.text).toMatch(/合计每年：400 \+ 600 = 1000 元/);
  });

  it("sums the first person and one named in a follow-up (俺娘也是二级，俩人一共呢)", () => {
    const d = talk("俺爹二级贫困残疾，一年能领多少");
    const s = d.say("俺娘也是二级，俩人一共呢") as Step;
    expect(s.reply.text).toMatch(/您父亲 800 \+ 您母亲 800 = 1600 元\/年/);
  });

  it("reckons a monthly allowance over months by the month, not a rounded fraction of a year", () => {
    const d = talk("俺娘是贫困老年残疾人，从正月领到八月，8个月一共该领多少");
    expect(d.step.reply.text).toMatch(/400 元（50 × 8/);
    const later = talk("俺爹是贫困老年残疾人");
    const s = later.say("领了7个月了") as Step;
    expect(s.reply.text).toMatch(/350 元（50 × 7/);
  });

  it("reads a household where everyone else is well as one disabled member, even when 一户多残 is asked about", () => {
    const d = talk("俺娘三级贫困残疾，俺爹好好的不残疾，俺家能领一户多残不？俺娘一年能拿多少");
    expect(d.step.reply.text).toMatch(/您问的“一户多残家庭生活补助”/);
    expect(d.step.reply.text).toMatch(/领不了/);
    expect(d.step.reply.text).toMatch(/每人每年 400 元/);
  });

  it("does not take 能领一户多残不 for a household of two, and refuses it once only one is disabled", () => {
    const d = talk("俺家能领一户多残补助不");
    expect(d.step.reply.text).not.toMatch(/很可能能领[^【]*1680/);
    expect(d.step.reply.text).toMatch(/如果家里有两个及以上持证残疾人/);
    const s = d.say("家里就俺爹一个残疾人") as Step;
    expect(s.reply.text).toMatch(/记下了/);
    expect(s.reply.text).toMatch(/您问的“一户多残家庭生活补助”，按您说的情况不符合条件/);
  });

  it("reads in-laws and nephews as people of their own, and 也是 as the same as the person before", () => {
    const d = talk("俺哥二级、俺嫂子三级、俺侄子三级，都是贫困残疾人，一年救助加一块多少");
    expect(d.step.reply.text).toMatch(/您哥哥 800 \+ 您嫂子 400 \+ 您侄子 400 = 1600 元\/年/);
    const also = talk("俺爷是贫困老年残疾人，俺奶也是，俩人那老年补助一年一共多少");
    expect(also.step.reply.text).toMatch(/您爷爷 50 \+ 您奶奶 50 = 100 元\/月/);
  });

  it("gives 都是老年残疾人 only to the people of its own clause, not to everyone named before", () => {
    const d = talk("俺爹一级贫困残疾 俺爷俺奶都是贫困老年残疾人 全家一年一共能领多少");
    expect(d.step.reply.text).toMatch(/您爷爷 50 \+ 您奶奶 50 = 100 元\/月/);
    expect(d.step.reply.text).not.toMatch(/您父亲 50/);
    // 全家…一共: what everyone gets, summed with the formula.
    expect(d.step.reply.text).toMatch(/合计每年：(?:1200 \+ 800|800 \+ 1200) = 2000 元/);
    const both = talk("俺爷俺奶都七十多了 都是残疾 家里困难 老年残疾人补助俩人一年多少");
    expect(both.step.reply.text).toMatch(/您爷爷 50 \+ 您奶奶 50 = 100 元\/月/);
  });

  it("reads 爷 alone at a clause's start as 爷爷 named again, so what follows is not said of the person before", () => {
    const d = talk("爷爷是贫困老年残疾人 爸一级 妈三级 都贫困 爷的老年补助一年 加上爸妈的救助 加起来多少");
    expect(d.step.reply.text).not.toMatch(/您母亲 50/);
    expect(d.step.reply.text).toMatch(/合计每年：(?:1200 \+ 600|600 \+ 1200) = 1800 元/);
  });

  it("reads 领救助 as the living relief a person receives, and 司法救助 as legal aid", () => {
    const d = talk("俺奶领老年残疾人那个按月的补助 俺爹二级贫困领救助 一年家里一共多少");
    expect(d.step.reply.text).toMatch(/合计每年：(?:600 \+ 800|800 \+ 600) = 1400 元/);
    expect(focusOf(rules, "残疾人司法救助找谁")).toEqual(["legal-aid"]);
  });

  it("adds every programme the people get when asked after the answer to put them all in (都算上)", () => {
    const d = talk("俺家一户多残 俺爹一级 俺娘二级 俺三级 都是贫困户 一年能领多少");
    expect(d.step.reply.text).not.toMatch(/合计每年/);
    const asked = "救助和一户多残补助都算上 一年能拿多少";
    const s = d.say(asked, { ...answerSignals, focus: focusOf(rules, asked) }) as Step;
    expect(s.reply.text).toMatch(/合计每年：(?:2000 \+ 1680|1680 \+ 2000) = 3680 元/);
    expect(s.reply.text).toMatch(/原文没写，请向县残联确认/);
  });

  it("keeps the person screened first apart from the villager who then gives their own grade, and sums the two", () => {
    const d = talk("俺爷爷八十了 腿有残疾 家里贫困 领的是老年残疾人那个补助");
    const two = d.say("俺是三级残疾 也是贫困户") as Step;
    expect(two.reply.text).toMatch(/您爷爷 50 元\/月/);
    expect(two.reply.text).toMatch(/贫困残疾人生活特别救助：您 400 元\/年/);
    expect(two.reply.text).not.toMatch(/三级，贫困户，年龄 80岁/);
    const sum = d.say("俺爷俩一年一共能领多少") as Step;
    expect(sum.reply.text).toMatch(/合计每年：(?:400 \+ 600|600 \+ 400) = 1000 元/);
  });

  it("adds two programmes named with 加 (救助加户补助) and never starts the people with a stray comma", () => {
    const d = talk("俺家算一户多残 俩人都是三级贫困 救助加户补助 一年总共多少");
    expect(d.step.reply.text).toMatch(/合计每年：800 \+ 1680 = 2480 元/);
    const counted = talk("家里有三个残疾人，都贫困，一户多残加上特别救助一年一共多少");
    expect(counted.step.reply.text).toMatch(/按您说的情况（家里共 3 个残疾人，贫困户）/);
  });

  it("adds a programme named with 再加 on top of what the people get", () => {
    const d = talk("俺娘三级，俺大姐三级，都贫困，再加一户多残，一年一共多少？合一个月多少");
    expect(d.step.reply.text).toMatch(/合计每年：800 \+ 1680 = 2480 元/);
    expect(d.step.reply.text).toMatch(/约 206.67 元（2480 ÷ 12/);
  });

  it("does not count one disabled person as a multi-disabled household", () => {
    const d = talk("家里只有我一个残疾人，一户多残的补助我能领吗");
    expect(d.step.reply.text).not.toMatch(/很可能能领[^【]*1680/);
    expect(d.step.reply.text).toMatch(/两个及以上/);
  });

  it("accepts a correction of an earlier answer and confirms it", () => {
    const d = talk("我能领什么补助？");
    d.say("三级");
    const s = d.say("不对，是二级") as Step;
    expect(s.reply.text).toMatch(/已改为：残疾等级：二级/);
    expect(s.state?.facts.disability_grade).toBe(2);
    expect(s.reply.text).toMatch(/贫困户/); // still asking the pending question
  });

  it("offers a cadre after two failed tries and hands off on yes", () => {
    const d = talk("我能领什么补助？");
    const first = d.say("asdfgh") as Step;
    expect(first.reply.text).toMatch(/没听明白/);
    const second = d.say("qwerty") as Step;
    expect(second.state?.step).toBe("handoff");
    expect(second.reply.quickReplies.map((q) => q.label)).toContain("好，请干部帮我");
    const yes = d.say("好") as Step;
    expect(yes.handoff).toBe(true);
    expect(yes.state).toBeNull();
  });

  it("rejects absurd numbers without losing earlier answers", () => {
    const d = talk("我二级残疾，是贫困户，帮我算算");
    const s = d.say("200岁") as Step;
    expect(s.reply.text).toMatch(/0 到 120 岁/); // even after the answer, a bare impossible age is explained
    expect(s.state?.facts).toMatchObject({ disability_grade: 2, poor: true });
    expect(s.state?.facts.age).toBeUndefined();
  });

  it("leaves the dialogue for an impersonal new question, but not for an answer", () => {
    const d = talk("我能领什么补助？");
    expect(d.say("低保怎么申请？", { newQuestion: true, personal: false })).toBe("leave");
    expect(d.say("二级", { newQuestion: false, personal: false })).not.toBe("leave");
    // A personal sentence that looks like a question still carries answers: "我是三级，能领多少？".
    expect(d.say("我是三级，能领多少？", { newQuestion: true, personal: true })).not.toBe("leave");
  });

  it("resets on 重新开始 / 取消 / 算了", () => {
    for (const word of ["重新开始", "取消", "算了"]) {
      const d = talk("我能领什么补助？");
      const s = d.say(word) as Step;
      expect(s.state).toBeNull();
      expect(s.reply.text).toMatch(/已经取消/);
    }
  });

  it("asks only what a programme named in the question needs (白内障 → poverty, not the grade)", () => {
    const d = talk("俺娘白内障70多了能免费做不");
    expect(d.step.reply.text).toMatch(/贫困户/);
    const s = d.say("是") as Step;
    expect(s.state?.step).toBe("done");
    expect(s.reply.text).toMatch(/贫困白内障患者免费复明手术：免费复明手术/);
    expect(s.reply.text).not.toMatch(/生活特别救助/);
    expect(s.reply.quickReplies.map((q) => q.label)).toContain("还能领什么");
  });

  it("starts a follow-up dialogue with the facts already given, so nothing is asked twice", () => {
    const first = talk("我三级残疾，家里困难，能领多少？");
    const next = startDialogue(rules, "benefits", foldText("我还能领什么补助"), "我还能领什么补助", on, { ...first.step.state!.facts, age: 45 });
    expect(next.reply.text).not.toMatch(/残疾证是几级|是不是贫困户|多大岁数/);
    expect(next.reply.text).toMatch(/每人每年 400 元/);
  });

  it("reckons land income only on the rent from the contract, never on one the seed does not state", () => {
    const d = talk("我有5亩地，流转出去一年能挣多少？", "land");
    expect(d.step.reply.text).toMatch(/5 亩 × 合同上的每亩租金/);
    expect(d.step.reply.text).toMatch(/资料里没写本镇每亩一年租金多少/);
    expect(d.step.reply.text).not.toMatch(/\d+ 元\/年|示例/);
    const s = d.say("合同上每亩1000元") as Step;
    expect(s.reply.text).toMatch(/5 × 1000 = 5000 元/);
    expect(s.reply.text).toMatch(/按您说的合同租金/);
  });

  it("asks how much coal when the biomass question gives no amount, and answers per tonne on 不知道", () => {
    const d = talk("俺家想改烧秸秆压块能省多少", "biomass");
    expect(d.step.reply.text).toMatch(/烧多少煤/);
    const s = d.say("不知道") as Step;
    expect(s.reply.text).toMatch(/1046～1133 元/);
  });
});

describe("answers in villagers' words", () => {
  const answer = (fact: string, text: string) => parseAnswer(rules, fact, foldText(text));

  it.each(["三级", "3级", "叁级", "三等", "3", "三"])("reads %s as grade 3", (text) => {
    expect(answer("disability_grade", text)).toEqual({ kind: "value", value: 3 });
  });

  it.each([
    ["是", true],
    ["对", true],
    ["嗯", true],
    ["有", true],
    ["是的", true],
    ["没有", false],
    ["不是", false],
    ["没", false],
  ] as const)("reads %s as %s", (text, value) => {
    expect(answer("poor", text)).toEqual({ kind: "value", value });
  });

  it.each(["不知道", "不清楚", "记不清了"])("reads %s as not known, never as no", (text) => {
    expect(answer("poor", text)).toEqual({ kind: "unknown" });
  });

  it.each([
    ["六十五岁", 65],
    ["65", 65],
    ["今年七十了", 70],
  ] as const)("reads age %s", (text, value) => {
    expect(answer("age", text)).toEqual({ kind: "value", value });
  });

  it.each([
    ["两千块", 2000],
    ["2000元", 2000],
    ["0.2万元", 2000],
    ["每亩八百", 800],
  ] as const)("reads rent %s", (text, value) => {
    expect(answer("rent_per_mu", text)).toEqual({ kind: "value", value });
  });

  it.each([
    ["3吨", 3],
    ["五千斤", 2.5],
    ["800公斤", 0.8],
  ] as const)("reads coal %s in tonnes", (text, value) => {
    expect(answer("coal_tons", text)).toEqual({ kind: "value", value });
  });

  it.each([
    ["−3亩", "land_mu"],
    ["十万亩", "land_mu"],
    ["200岁", "age"],
    ["五级", "disability_grade"],
    ["-2", "age"],
  ] as const)("rejects %s with what is expected", (text, fact) => {
    const a = answer(fact, text);
    expect(a?.kind).toBe("invalid");
    expect(a && "message" in a ? a.message : "").toMatch(/请再说一次/);
  });
});

describe("implausible quantities", () => {
  it("confirms a rent of a few 元 a mu with the villager instead of computing with it", () => {
    const d = talk("我有8亩地，每亩租金5块，一年多少", "land");
    expect(d.step.reply.text).toMatch(/5 元？这个数太小了/);
    expect(d.step.reply.text).not.toMatch(/8 × 5/);
    const s = d.say("每亩一年500") as Step;
    expect(s.reply.text).toMatch(/8 × 500 = 4000 元\/年/);
  });
});
