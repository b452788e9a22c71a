// The pure parts of consultations: reading answers, dates, commands; tallies, thresholds and hidden small cells.
import { describe, expect, it } from "vitest";
import { parseDeadline, formatChinaTime } from "../../src/consultations/dates.ts";
import {
  consultationRef,
  parseAnswer,
  parseAudience,
  parseOptions,
  parseLooseAnswer,
  parsePublishCommand,
  parseRecordedTally,
} from "../../src/consultations/parse.ts";
import { computeResults, formatResults, type TallyRow } from "../../src/consultations/results.ts";
import { groupByTheme, themeOf } from "../../src/consultations/themes.ts";
import { DEFAULT_OPTIONS, type Consultation, type VillageInfo } from "../../src/consultations/model.ts";

const VILLAGES: VillageInfo[] = [
  { name: "三家庄", aliases: ["三家庄村"], households: 100, households_is_example: true },
  { name: "白鹿屯", aliases: [], households: 60, households_is_example: true },
  { name: "岭西", aliases: ["岭西村"], households: 40, households_is_example: true },
];
// Sunday 29 November 2026, 12:00 in China.
const NOW = new Date("2026-11-29T04:00:00Z");

function consultation(extra: Partial<Consultation> = {}): Consultation {
  return {
    id: 2,
    title: "村东建养猪场",
    background: "",
    options: [...DEFAULT_OPTIONS],
    audience: ["三家庄", "白鹿屯", "岭西"],
    deadline: "2026-12-10T15:59:59.000Z",
    createdBy: "web:cadre",
    createdAt: NOW.toISOString(),
    closedAt: null,
    decision: null,
    decisionReason: null,
    riskNote: null,
    decidedBy: null,
    decidedAt: null,
    ...extra,
  };
}

describe("reading a villager's answer", () => {
  it("takes an option number, with or without a comment", () => {
    expect(parseAnswer("1", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 0, comment: undefined });
    expect(parseAnswer("２，太吵了", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 1, comment: "太吵了" });
    expect(parseAnswer("第三个", DEFAULT_OPTIONS)).toMatchObject({ kind: "answer", optionIndex: 2 });
  });
  it("takes the option in words, longest label first", () => {
    expect(parseAnswer("支持", DEFAULT_OPTIONS)).toMatchObject({ optionIndex: 0 });
    expect(parseAnswer("反对，太吵了", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 1, comment: "太吵了" });
    expect(parseAnswer("有条件支持，要先修路", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 2, comment: "要先修路" });
    expect(parseAnswer("我不同意 占了我家的地", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 1, comment: "占了我家的地" });
    expect(parseAnswer("同意！", DEFAULT_OPTIONS)).toMatchObject({ optionIndex: 0 });
  });
  it("says when a number is out of range", () => {
    expect(parseAnswer("7", DEFAULT_OPTIONS)).toEqual({ kind: "out_of_range", number: 7 });
    expect(parseAnswer("0", DEFAULT_OPTIONS)).toEqual({ kind: "out_of_range", number: 0 });
  });
  it("does not take ordinary questions as answers", () => {
    expect(parseAnswer("低保怎么申请", DEFAULT_OPTIONS)).toBeUndefined();
    expect(parseAnswer("12345678901", DEFAULT_OPTIONS)).toBeUndefined();
  });
  it("maps stance words onto custom options", () => {
    const options = parseOptions("同意建/不同意建/无所谓");
    expect(options.ok && options.value.map((o) => o.stance)).toEqual(["support", "oppose", "choice"]);
    if (!options.ok) return;
    expect(parseAnswer("不同意建，离水源太近", options.value)).toMatchObject({ optionIndex: 1, comment: "离水源太近" });
    expect(parseAnswer("反对", options.value)).toMatchObject({ optionIndex: 1 });
  });
});

describe("reading options and villages", () => {
  it("gives the default three when none are named", () => {
    expect(parseOptions("默认")).toEqual({ ok: true, value: DEFAULT_OPTIONS });
    expect(parseOptions("")).toEqual({ ok: true, value: DEFAULT_OPTIONS });
  });
  it("refuses one option, duplicates, numbers and too many", () => {
    expect(parseOptions("支持").ok).toBe(false);
    expect(parseOptions("支持/支持").ok).toBe(false);
    expect(parseOptions("1/2").ok).toBe(false);
    expect(parseOptions("a/b/c/d/e/f/g/h/i/j").ok).toBe(false);
  });
  it("resolves village names and aliases, and names the unknown ones", () => {
    expect(parseAudience("三家庄村，白鹿屯", VILLAGES)).toEqual({ ok: true, value: ["三家庄", "白鹿屯"] });
    expect(parseAudience("全镇", VILLAGES)).toEqual({ ok: true, value: [] });
    const bad = parseAudience("三家庄,火星村", VILLAGES);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/火星村/);
  });
  it("finds a consultation number in a query", () => {
    expect(consultationRef("第2号征求意见结果")).toBe(2);
    expect(consultationRef("征求意见12的结果")).toBe(12);
    expect(consultationRef("结果如何")).toBeUndefined();
  });
});

describe("reading deadlines in China time", () => {
  it("reads month-day as the end of that day, next year once it has passed", () => {
    expect(parseDeadline("12月10日", NOW)?.toISOString()).toBe("2026-12-10T15:59:59.000Z");
    expect(parseDeadline("11月1日", NOW)?.toISOString()).toBe("2027-11-01T15:59:59.000Z");
    expect(parseDeadline("2026-12-10", NOW)?.toISOString()).toBe("2026-12-10T15:59:59.000Z");
    expect(parseDeadline("2026年12月10日前", NOW)?.toISOString()).toBe("2026-12-10T15:59:59.000Z");
  });
  it("reads relative days and weekdays", () => {
    expect(parseDeadline("明天", NOW)?.toISOString()).toBe("2026-11-30T15:59:59.000Z");
    expect(parseDeadline("3天后", NOW)?.toISOString()).toBe("2026-12-02T15:59:59.000Z");
    // Today is Sunday: next week's Friday is 4 December.
    expect(parseDeadline("下周五", NOW)?.toISOString()).toBe("2026-12-04T15:59:59.000Z");
    expect(parseDeadline("周五", NOW)?.toISOString()).toBe("2026-12-04T15:59:59.000Z");
    expect(parseDeadline("下下周一", NOW)?.toISOString()).toBe("2026-12-07T15:59:59.000Z");
  });
  it("refuses what is not a date", () => {
    expect(parseDeadline("2月30日", NOW)).toBeUndefined();
    expect(parseDeadline("尽快", NOW)).toBeUndefined();
    expect(formatChinaTime("2026-12-10T15:59:59.000Z")).toBe("2026年12月10日 23:59");
  });
});

describe("the publish command", () => {
  it("reads all five fields", () => {
    const parsed = parsePublishCommand("发布征求意见：村东建养猪场｜企业计划投资200万｜默认｜三家庄,白鹿屯｜12月10日", VILLAGES, NOW);
    expect(parsed).toEqual({
      ok: true,
      value: {
        title: "村东建养猪场",
        background: "企业计划投资200万",
        options: DEFAULT_OPTIONS,
        audience: ["三家庄", "白鹿屯"],
        deadline: new Date("2026-12-10T15:59:59.000Z"),
      },
    });
  });
  it("explains the format when fields are missing, and names a bad deadline", () => {
    const missing = parsePublishCommand("发布征求意见：修路｜背景", VILLAGES, NOW);
    expect(missing?.ok).toBe(false);
    expect(missing && !missing.ok && missing.error).toMatch(/5 项/);
    const past = parsePublishCommand("发布征求意见：修路｜｜默认｜全镇｜2026-01-01", VILLAGES, NOW);
    expect(past && !past.ok && past.error).toMatch(/已经过了/);
  });
});

describe("tallying results", () => {
  const settings = { minCell: 5, supportThreshold: 0.5 };
  function rows(village: string | null, counts: number[], method: TallyRow["method"] = "chat"): TallyRow[] {
    return counts.map((count, optionIndex) => ({ village, optionIndex, method, count })).filter((r) => r.count > 0);
  }

  it("counts options, turnout against households and support share", () => {
    const tally = [...rows("三家庄", [30, 10, 10]), ...rows("白鹿屯", [20, 5, 5]), ...rows("岭西", [10, 0, 5], "meeting")];
    const r = computeResults(consultation(), VILLAGES, tally, [], settings, NOW);
    expect(r.respondents).toBe(95);
    expect(r.options.map((o) => o.count)).toEqual([60, 15, 20]);
    expect(r.households).toEqual({ total: 200, isExample: true, villagesWithoutData: [] });
    expect(r.turnout).toBeCloseTo(95 / 200);
    expect(r.support.supporters).toBe(80);
    expect(r.support.share).toBeCloseTo(0.4);
    expect(r.support.belowThreshold).toBe(true);
    expect(r.advice).toMatch(/绝大多数群众不支持的项目不立项/);
    expect(r.byMethod).toEqual({ chat: 80, meeting: 15, proxy: 0 });
  });

  it("does not flag when enough households support", () => {
    const tally = [...rows("三家庄", [80, 5, 0]), ...rows("白鹿屯", [30, 0, 0])];
    const r = computeResults(consultation(), VILLAGES, tally, [], settings, NOW);
    expect(r.support.share).toBeCloseTo(110 / 200);
    expect(r.advice).toBeNull();
  });

  it("hides a village whose cells are small, and pools it with the smallest other so it cannot be subtracted out", () => {
    const tally = [...rows("三家庄", [30, 10, 10]), ...rows("白鹿屯", [20, 5, 5]), ...rows("岭西", [2, 1, 0])];
    const r = computeResults(consultation(), VILLAGES, tally, [], settings, NOW);
    const lingxi = r.villages.find((v) => v.village === "岭西")!;
    expect(lingxi.options).toBeNull();
    expect(lingxi.respondents).toBeNull();
    // 岭西 alone (2/1/0) would be public as totals minus the others, so 白鹿屯 joins the pool.
    expect(r.pooled?.villages).toEqual(["岭西", "白鹿屯"]);
    expect(r.pooled?.options).toEqual([22, 6, 5]);
    expect(r.villages.find((v) => v.village === "三家庄")!.options).toEqual([30, 10, 10]);
    const text = formatResults(r);
    expect(text).not.toMatch(/岭西：回复/);
    expect(text).toMatch(/三家庄：回复 50 人/);
  });

  it("hides every split when no pooling makes the cells big enough", () => {
    const r = computeResults(consultation(), VILLAGES, [...rows("三家庄", [3, 1, 0]), ...rows("白鹿屯", [1, 0, 0])], [], settings, NOW);
    expect(r.villages.filter((v) => v.village !== "岭西").every((v) => v.options === null)).toBe(true);
    expect(r.pooled?.options).toBeNull();
    expect(r.options.map((o) => o.count)).toEqual([4, 1, 0]);
  });

  it("honours a different minimum cell size", () => {
    const r = computeResults(consultation(), VILLAGES, rows("三家庄", [3, 2, 2]), [], { ...settings, minCell: 2 }, NOW);
    expect(r.villages.find((v) => v.village === "三家庄")!.options).toEqual([3, 2, 2]);
  });

  it("judges on respondents and says so when no household numbers exist", () => {
    const villages = VILLAGES.map((v) => ({ ...v, households: undefined }));
    const r = computeResults(consultation(), villages, rows("三家庄", [8, 2, 0]), [], settings, NOW);
    expect(r.support.base).toBe("respondents");
    expect(r.support.share).toBeCloseTo(0.8);
    expect(r.advice).toBeNull();
    expect(formatResults(r)).toMatch(/户数还没有登记/);
  });

  it("groups comments by theme, hiding the option split of small themes", () => {
    const comments = [
      ...Array.from({ length: 5 }, () => ({ text: "太吵了，晚上睡不着", optionIndex: 1 })),
      { text: "要先修路", optionIndex: 2 },
      { text: "补偿款要公开", optionIndex: 2 },
    ];
    const r = computeResults(consultation(), VILLAGES, rows("三家庄", [10, 5, 5]), comments, settings, NOW);
    expect(r.comments.total).toBe(7);
    expect(r.comments.themes[0]).toMatchObject({ theme: "噪音与环境", count: 5, byOption: [0, 5, 0] });
    expect(r.comments.themes.find((t) => t.theme === "道路与交通")).toMatchObject({ count: 1, byOption: null });
  });

  it("names themes by keyword and sorts 其他 last", () => {
    expect(themeOf("占了我家的地")).toBe("土地与占地");
    expect(themeOf("挺好")).toBe("其他");
    const groups = groupByTheme([
      { text: "挺好", optionIndex: 0 },
      { text: "挺好的", optionIndex: 0 },
      { text: "要赔钱", optionIndex: 1 },
    ]);
    expect(groups.map((g) => g.theme)).toEqual(["补偿与费用", "其他"]);
  });
});

describe("reading answers the way villagers phrase them", () => {
  const cases: Array<[string, number, string | undefined]> = [
    ["我选1", 0, undefined],
    ["我投支持票", 0, undefined],
    ["俺同意，早该弄了", 0, "早该弄了"],
    ["坚决反对", 1, undefined],
    ["举双手赞成", 0, undefined],
    ["我选第一个选项", 0, undefined],
    ["投票：支持", 0, undefined],
    ["回复征求意见：反对", 1, undefined],
    ["我要改成2", 1, undefined],
    ["我有条件支持，希望多听听老人的意见", 2, "希望多听听老人的意见"],
  ];
  it.each(cases)("reads %s", (text, optionIndex, comment) => {
    expect(parseAnswer(text, DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex, comment });
  });
});

describe("Traditional script and full-width input", () => {
  it("reads answers, villages and dates written in Traditional characters", () => {
    expect(parseAnswer("反對，太吵了", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 1, comment: "太吵了" });
    expect(parseAnswer("有條件支持", DEFAULT_OPTIONS)).toMatchObject({ optionIndex: 2 });
    expect(parseDeadline("下週五", NOW)?.toISOString()).toBe("2026-12-04T15:59:59.000Z");
    expect(parseDeadline("2026-12-10T18:00:00+08:00", NOW)?.toISOString()).toBe("2026-12-10T10:00:00.000Z");
    expect(consultationRef("第２號徵求意見結果")).toBe(2);
  });
});

describe("reading a cadre's meeting tally", () => {
  it("reads counts per option, longest label first, with the method and village", () => {
    const parsed = parseRecordedTally("三家庄 会议 支持6 反对2 有条件支持1", DEFAULT_OPTIONS, VILLAGES);
    expect(parsed).toEqual({ ok: true, value: { method: "meeting", village: "三家庄", counts: [6, 2, 1] } });
    expect(parseRecordedTally("岭西 代为表达 2号3票", DEFAULT_OPTIONS, VILLAGES)).toEqual({
      ok: true,
      value: { method: "proxy", village: "岭西", counts: [0, 3, 0] },
    });
  });
  it("asks for the method and the numbers when they are missing", () => {
    expect(parseRecordedTally("三家庄 支持6", DEFAULT_OPTIONS, VILLAGES)).toMatchObject({ ok: false, error: expect.stringMatching(/会议/) });
    expect(parseRecordedTally("三家庄 会议 大家都支持", DEFAULT_OPTIONS, VILLAGES)).toMatchObject({ ok: false, error: expect.stringMatching(/没看到票数/) });
  });
});

describe("clustering comments no keyword theme catches", () => {
  it("groups them by a shared word, and leaves singletons under 其他", async () => {
    const { createSegmenter } = await import("../../src/text/segmenter.ts");
    const segmenter = createSegmenter();
    const cut = (text: string) => segmenter.words(text);
    const groups = groupByTheme(
      [
        { text: "广场舞音乐要小点", optionIndex: 0 },
        { text: "希望广场多种树", optionIndex: 0 },
        { text: "广场要有厕所", optionIndex: 2 },
        { text: "挺好", optionIndex: 0 },
      ],
      cut,
    );
    expect(groups.map((g) => [g.theme, g.comments.length])).toEqual([
      ["关于“广场”", 3],
      ["其他", 1],
    ]);
  });
});

describe("a stance stated in passing", () => {
  it("finds the one stance in a sentence and keeps the sentence as the comment", () => {
    expect(parseLooseAnswer("建垃圾站那个事我不同意", DEFAULT_OPTIONS)).toEqual({ kind: "answer", optionIndex: 1, comment: "建垃圾站那个事我不同意" });
    expect(parseLooseAnswer("装路灯那个事俺支持", DEFAULT_OPTIONS)).toMatchObject({ optionIndex: 0 });
    expect(parseLooseAnswer("修河堤我有条件支持", DEFAULT_OPTIONS)).toMatchObject({ optionIndex: 2 });
  });
  it("gives up on two stances or none", () => {
    expect(parseLooseAnswer("我之前投的赞成现在想改反对", DEFAULT_OPTIONS)).toBeUndefined();
    expect(parseLooseAnswer("还能改票吗", DEFAULT_OPTIONS)).toBeUndefined();
  });
});
