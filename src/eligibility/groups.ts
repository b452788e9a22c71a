// A cadre's counts for several programmes at once ("村里五户一户多残 还有8个重度残疾人要代缴养老费"): each
// count at its programme's own amount, then the sum. Arithmetic on the rules' figures only: a group whose
// amount depends on something not said (a grade) makes the whole reading undefined rather than a guess.
import { evaluateProgramme, focusOf } from "./evaluate.ts";
import type { Reckoning } from "./household.ts";
import type { EligibilityRules } from "./load.ts";
import { parseNumber } from "./numbers.ts";
import { citationOf, money, monthOf, type Rendered } from "./render.ts";

export interface ProgrammeGroup {
  programmeId: string;
  name: string;
  count: number;
  unit: "户" | "人";
  /** The programme's amount a year for one household or person of the group. */
  yearly: number;
  /** How the amount is given: "每户每年 1680 元", "每人每月 50 元". */
  rate: string;
  contribution: boolean;
}

/** Where one group's words end and the next begin. */
const SEGMENT = /[，,。；;、？?！!\s]+|还有|另外|再加上|加上|以及/;
/** "五户", "8个", "6位": how many, not a grade (三级), a span (3个月) or the household programme's own name (一户多残). */
const COUNT = /(\d+|[一两二三四五六七八九十百]+|俩|仨)\s*(户|家|个|人|位|名)(?!级|月|年|天|多残|两残|三残)/;
const GRADE = /([一二三1-3])(?:级|(?=[、和]?[一二三1-3]级))/;
const GRADE_OF: Record<string, number> = { 一: 1, 二: 2, 三: 3, "1": 1, "2": 2, "3": 3 };

/**
 * Two or more programmes, each with a count said beside it, in the order said; undefined when fewer, or when a
 * count's amount cannot be told (a programme paid by grade with no grade said, or one without a set amount).
 */
export function readProgrammeGroups(rules: EligibilityRules, text: string, on: Date): ProgrammeGroup[] | undefined {
  const groups: ProgrammeGroup[] = [];
  const segments = text.split(SEGMENT);
  // "一户多残补助和代缴养老分别多少": programmes named where nothing is counted, for counts that name none.
  const asked = [...new Set(segments.filter((s) => !COUNT.test(s)).flatMap((s) => focusOf(rules, s)))];
  const placed = new Set(segments.filter((s) => COUNT.test(s)).flatMap((s) => focusOf(rules, s)));
  const byGrade = rules.programmes.programmes.filter((p) => p.benefit.tiers.length > 0).map((p) => p.id);
  const askedByGrade = segments.some((s) => !COUNT.test(s) && (GRADE.test(s) || focusOf(rules, s).some((id) => byGrade.includes(id))));
  for (const segment of segments) {
    const counted = COUNT.exec(segment);
    if (!counted) continue;
    // "重度残疾人12个" names no programme by itself: the one asked about that no other count names.
    const own = focusOf(rules, segment);
    const left = asked.filter((id) => !placed.has(id));
    // "一二级贫困残疾人12个", "三级7个" beside other programmes' counts: people counted by grade are the programme
    // paid by grade, when it is the only one.
    // (Not when the question names the programme it asks about: "…一户多残3户 一户多残一年一共多少".)
    // ("…一户多残2户，7个三级的 ⏎ 一户多残补助和三级救助加起来": the graded relief asked beside a programme the counts
    // already place; not "…一户多残3户 一户多残一年一共多少", which asks that one alone.)
    const graded =
      own.length === 0 &&
      (asked.length === 0 || (asked.every((id) => placed.has(id) || byGrade.includes(id)) && askedByGrade)) &&
      byGrade.length === 1 &&
      GRADE.test(segment) &&
      !/不是贫困|非贫困|不贫困/.test(segment);
    const ids = graded ? byGrade : own.length === 0 && left.length === 1 && /残疾|户/.test(segment) ? left : own;
    // A count that cannot be placed ("一级的2个" with no programme, "每户2个", two programmes in one breath)
    // makes the whole tally uncertain: nothing is summed.
    if (ids.length !== 1 || /^每/.test(segment.slice(counted.index - 1, counted.index + 1)) || /每(?:户|家|人)/.test(segment)) return undefined;
    const programme = rules.programmes.programmes.find((p) => p.id === ids[0])!;
    const count = parseNumber(counted[1]!);
    if (!count || count < 1) return undefined;
    // Households counted for a household's programme, people for a person's: "3个是一户多残家庭的" is neither.
    const household = programme.benefit.per === "household";
    if (household !== (counted[2] === "户" || counted[2] === "家")) return undefined;
    // "一级和三级的一共5个": grades paid differently in one count.
    const grades = new Set([...segment.matchAll(/([一二三1-3])(?:级|(?=[、和]?[一二三1-3]级))/g)].map((g) => GRADE_OF[g[1]!]!));
    if ([...grades].some((g) => g === 3) && [...grades].some((g) => g < 3)) return undefined;
    const grade = GRADE.exec(segment);
    const facts = grade ? { disability_grade: GRADE_OF[grade[1]!]! } : {};
    if (programme.benefit.tiers.length > 0 && !grade) return undefined;
    const { amount } = evaluateProgramme(rules, programme, facts, on);
    if (!amount.known || amount.year === undefined || amount.year[0] !== amount.year[1]) return undefined;
    const monthly = programme.benefit.period === "month";
    const perUnit = monthly ? amount.month![0] : amount.year[0];
    groups.push({
      programmeId: programme.id,
      name: graded
        ? `${programme.name}（${[...grades]
            .sort()
            .map((g) => "一二三"[g - 1])
            .join("、")}级）`
        : programme.name,
      count,
      unit: household ? "户" : "人",
      yearly: amount.year[0],
      rate: `${household ? "每户" : "每人"}每${monthly ? "月" : "年"} ${money(perUnit)} 元`,
      contribution: programme.benefit.kind === "contribution",
    });
  }
  return new Set(groups.map((g) => g.programmeId)).size >= 2 ? groups : undefined;
}

/** Each group's year, the sum, and the span asked (per month, over years), every line with its formula. */
export function renderProgrammeGroups(rules: EligibilityRules, groups: readonly ProgrammeGroup[], reckon: Reckoning): Rendered {
  const lines = ["按您说的数算（每户、每人都符合条件的话）："];
  for (const g of groups) {
    const per = g.rate.includes("每月") ? `${money(g.yearly / 12)} × 12 × ${g.count}` : `${money(g.yearly)} × ${g.count}`;
    const note = g.contribution ? "（县财政替交进养老保险账户，不发现金）" : "";
    lines.push(`· ${g.name}：${per} = ${money(g.yearly * g.count)} 元/年（${g.rate}，${g.count} ${g.unit}）${note}`);
  }
  const total = groups.reduce((sum, g) => sum + g.yearly * g.count, 0);
  lines.push(`合计每年：${groups.map((g) => money(g.yearly * g.count)).join(" + ")} = ${money(total)} 元`);
  if (reckon.perMonth) lines.push(`折合每月：${monthOf(total)}`);
  if (reckon.years && reckon.years > 1) lines.push(`${reckon.years} 年：${money(total)} × ${reckon.years} = ${money(total * reckon.years)} 元`);
  const programmes = groups.map((g) => rules.programmes.programmes.find((p) => p.id === g.programmeId)!);
  lines.push(`来源：${[...new Set(programmes.map((p) => p.source.section))].join("；")}。到哪办：县残联（可先到村委会问）。`);
  lines.push("提醒：合计是按原文的标准相加；同一个人能不能几项同时领，原文没写，请向县残联确认。");
  return { text: lines.join("\n"), quickReplies: [], citations: [...new Map(programmes.map((p) => [p.id, citationOf(p)])).values()] };
}
