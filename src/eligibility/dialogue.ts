// The eligibility dialogue as a pure state machine: (state, message) → (new state, reply). Storage lives elsewhere.
import { type Claim, claimHolds, overMonths, readClaim, spanOf } from "../core/claim.ts";
import { quickReply } from "../core/payload.ts";
import { GRADE_NUMBER } from "../core/tally.ts";
import { foldText } from "../text/fold.ts";
import { z } from "zod";
import type { EligibilityRules } from "./load.ts";
import { evaluateAll, focusOf, nextFactToAsk, type Facts, type ProgrammeResult } from "./evaluate.ts";
import { askedWeightUnit, containsAny, extractFacts, parseAnswer, type Extraction } from "./extract.ts";
import { findQuantities, parseNumber, spanText, WEIGHT_UNITS } from "./numbers.ts";
import { computeBiomass, computeLandTransfer } from "./calculators.ts";
import {
  money,
  renderBiomass,
  renderBiomassPerTon,
  renderBriquettes,
  renderLabour,
  renderLand,
  renderOverYears,
  renderSum,
  renderQuestion,
  renderRentTotal,
  renderResults,
  renderSoFar,
  type Rendered,
} from "./render.ts";
import {
  compareMembers,
  GONE,
  goneFromCount,
  householdLines,
  type HouseholdLine,
  isCounted,
  markElderly,
  type Person,
  PRONOUN,
  readHousehold,
  readReckoning,
  renderHousehold,
  type Reckoning,
} from "./household.ts";

export const DialogueTopicSchema = z.enum(["benefits", "land", "biomass"]);
export type DialogueTopic = z.infer<typeof DialogueTopicSchema>;

/**
 * "奶奶三级贫困残疾，又是贫困老年残疾人，假如两样都能领，一年一共多少": one person, every programme that
 * applies, summed, not only the one named. Two or more named ("一户多残…又是贫困老年残疾人") are those;
 * a household's people are screened as they are. "老年补助也算上": the one named besides the rest.
 */
export function sumsEverything(text: string, named: readonly string[], household: boolean): boolean {
  // "一年能拿多少 每月的那个老年补助也算上": the one named is counted besides the rest, not instead of them.
  const besides = /也(?:要)?(?:算上|加上|算进去|加进去|算进来|加进来)|一块儿?算|一起算/.test(text);
  return (besides || (/两样|几样|全都领|全算上|都算上/.test(text) && readReckoning(text).total === true)) && named.length < 2 && !household;
}

/** "都能享受啥", "我们家能有啥帮助", "还能领什么": everything the household may get is asked, not one programme. */
const ASKS_FOR_ALL = /(?:都|还|一共)?能(?:享受|领|拿|得到|有)(?:点|些)?(?:什么|啥|哪些)|有(?:什么|啥|哪些)(?:帮助|帮扶|照顾|好处|政策|补助|待遇)/;

/**
 * "我三级残疾 贫困户 娃要装人工耳蜗 我们家能有啥帮助": someone's grade is said and what the household may get is
 * asked. The programme another member's condition names (耳蜗, 白内障) is one of the answers, not the only one.
 */
export function asksForAll(text: string, gradeSaid: boolean): boolean {
  return gradeSaid && ASKS_FOR_ALL.test(text);
}

const ScreeningSchema = z.object({
  v: z.literal(1),
  topic: DialogueTopicSchema,
  facts: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()])),
  /** Facts answered "不知道": not asked again; the reply gives a conditional answer instead. */
  unknown: z.array(z.string()),
  pending: z.string().nullable(),
  /** Programmes the first question named; empty: all of them. */
  focus: z.array(z.string()).default([]),
  failures: z.number().int().min(0),
  step: z.enum(["asking", "done", "handoff"]),
  /** The villager's first message (masked), shown to staff if the question is handed to a cadre. */
  question: z.string().max(500),
  /** The people of the household when the question speaks of two or more (each with their own grade). */
  people: z
    .array(
      z.object({
        label: z.string(),
        grade: z.number().int().optional(),
        severe: z.boolean().optional(),
        age: z.number().optional(),
        elderly: z.boolean().optional(),
        certified: z.boolean().optional(),
        poor: z.boolean().optional(),
        ailing: z.boolean().optional(),
        years: z.number().optional(),
      }),
    )
    .default([]),
  disabledCount: z.number().int().optional(),
  /** What the figures are to be turned into: per month, over several years. */
  reckon: z
    .object({
      perMonth: z.boolean(),
      years: z.number().optional(),
      total: z.boolean().optional(),
      every: z.boolean().optional(),
      each: z.boolean().optional(),
      perHead: z.boolean().optional(),
      /** "俺爹这两项加一块": the one person of the household the sum is asked for (their label); for one answer only. */
      of: z.string().optional(),
    })
    .default({ perMonth: false }),
});
export const DialogueStateSchema = ScreeningSchema.extend({
  /**
   * A finished screening of the household, kept while a calculator's questions run ("俺娘三级贫困残疾" ⏎
   * "土地流转能入股不" ⏎ "俺娘那个救助一个月多少"): taken up again when a message comes back to it.
   */
  earlier: ScreeningSchema.optional(),
});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export interface Step {
  /** null: the dialogue is over and its stored state should be deleted. */
  state: DialogueState | null;
  reply: Rendered;
  /** The villager accepted the offer to pass the question to a cadre. */
  handoff?: boolean;
}

export interface Signals {
  /** The message looks like a new question or a complaint rather than an answer. */
  newQuestion: boolean;
  /** It speaks of the villager's own situation (我/俺家…); an impersonal question is never read as an answer. */
  personal: boolean;
  /** "他每年能领多少生活救助" in the middle of a screening: the programme now asked about, for the same person. */
  focus?: readonly string[];
  /** The message comes back to this finished screening after something else ("俺娘那个救助一个月多少"): its answer again. */
  again?: boolean;
  /** "他也够得上贫困老年残疾人补助": more said of the one screened, asking nothing: added to the answer. */
  more?: boolean;
}

export const MAX_FAILURES = 2;
/** "不是俺爸 是俺爷爷": one relative said in the place of another. */
const SWAPPED = /不是(?:俺|我|咱)?([\u4e00-\u9fa5]{1,3}?)[，,\s]*(?:是|而是)(?:俺|我|咱)?([\u4e00-\u9fa5]{1,3}?)(?=[\s，,。！!]|$)/;
const QUESTION_MARK = /[?？吗呢]|多少|几/;
/** "还有两个一二级的", "另外一个三级": people besides those said before. */
const ADDING = /^(?:还有|另外|另|再加上|加上|外加|再有|再加|又加)/;
/** "先不算她", "把俺哥去掉": someone the villager says to leave out of the sum. */
// (Not "不算贫困户": a standing, not someone left out.)
/** "老三跟老大一样", "俺二姐和俺大姐一样": who is new, and whom they are like. */
const LIKE_ONE =
  /^(?:还有)?([俺我咱]?[\u4e00-\u9fa5]{1,3}?)(?:也)?(?:跟|和|同)([俺我咱]?[\u4e00-\u9fa5]{1,3}?)(?:的情况)?(?:也)?(?:一样|一个样|差不多一样)(?:的)?$/;
const EXCLUDED = /不算(?!贫困|低保|困难)|别算|不要算|甭算|去掉|刨去|刨掉|扣掉|除去/;

/** "家里只有我一个残疾人", "就俺娘是残疾": one disabled person, whatever programme name follows. */
// ("不止一个残疾人" says more than one.)
export const ONLY_ONE =
  /(?<!不止|不只|不光|不仅|不单)(?:只有|就|只)(?:我|俺|他|她|[俺我]?(?:爹|娘|妈|爸|儿子|闺女|爷爷|奶奶|姥爷|姥姥|老伴|媳妇|男人))?(?:一个|自己)(?:人)?(?:是|有)?(?:残疾|一个残疾)?|(?:只有|就)(?:[俺我](?:爹|娘|妈|爸))(?:是)|(?<!不止|不只|不光|不仅|不单)一个残疾人|一个是残疾/;

const CALCULATOR_FACTS: Record<Exclude<DialogueTopic, "benefits">, string[]> = {
  land: ["land_mu", "land_parts", "rent_per_mu", "rent_total", "labour_year", "daily_wage", "work_days", "workers"],
  biomass: [
    "coal_tons",
    "coal_unit",
    "coal_households",
    "coal_each",
    "coal_price",
    "briquette_tons",
    "briquette_unit",
    "briquette_from_straw",
    "briquette_parts",
    "asked_weight_unit",
  ],
};

function relevant(rules: EligibilityRules, topic: DialogueTopic, factId: string): boolean {
  return topic === "benefits" ? rules.factById.has(factId) : CALCULATOR_FACTS[topic].includes(factId);
}

function relevantPart(rules: EligibilityRules, topic: DialogueTopic, extraction: Extraction): Extraction {
  const facts: Facts = {};
  for (const [k, v] of Object.entries(extraction.facts)) if (relevant(rules, topic, k) && v !== undefined) facts[k] = v;
  const invalid = extraction.invalid.filter((i) => relevant(rules, topic, i.fact));
  return extraction.corrected && topic === "biomass" ? { facts, invalid, corrected: extraction.corrected } : { facts, invalid };
}

function plain(text: string, quickReplies: Rendered["quickReplies"] = []): Rendered {
  return { text, quickReplies, citations: [] };
}

/** "残疾等级 二级" for the facts that changed, so a correction is confirmed in words. */
function describeChanges(rules: EligibilityRules, before: Facts, after: Facts): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (before[key] === value || value === undefined || value === null) continue;
    const fact = rules.factById.get(key);
    if (!fact) continue;
    if (fact.type === "choice") parts.push(`${fact.label}：${fact.options.find((o) => o.value === value)?.label ?? value}`);
    else if (fact.type === "boolean") parts.push(`${fact.label.replace(/^是否/, "")}：${value ? "是" : "不是"}`);
    else parts.push(`${fact.label}：${value}${fact.unit}`);
  }
  return parts.join("，");
}

/** Asks the next missing fact, or answers when nothing more is worth asking. */
/** Several people, or one said to be 重度 without a grade: each person's programmes are summed (with 重度 as grade 1–2). */
function isHousehold(state: DialogueState): boolean {
  return state.people.length >= 2 || (state.disabledCount ?? 0) >= 2 || state.people.some((p) => p.severe && p.grade === undefined);
}

/** Two or more people: each programme summed over them, with the formula; only poverty is worth asking. */
function advanceHousehold(rules: EligibilityRules, state: DialogueState, on: Date, prefix: string, claim?: Claim): Step {
  const household = { people: state.people, disabledCount: state.disabledCount };
  const poor = typeof state.facts.poor === "boolean" ? state.facts.poor : undefined;
  const lines = ofOne(householdLines(rules, household, poor, on), state.reckon.of);
  const ifPoor = claim && poor === undefined ? householdLines(rules, household, true, on) : undefined;
  const rendered = renderHousehold(rules, household, poor, lines, state.focus, state.reckon, state.question, claim, ifPoor);
  const pending = poor === undefined && !state.unknown.includes("poor") ? "poor" : null;
  return { state: { ...state, pending, step: pending ? "asking" : "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
}

/** "俺爹这两项加一块": what one person of the household gets, the others' shares and the household's own left out. */
function ofOne(lines: HouseholdLine[], who: string | undefined): HouseholdLine[] {
  if (!who) return lines;
  return lines.map((line) => {
    const parts = line.parts.filter((p) => p.who === who);
    return {
      ...line,
      parts,
      total: parts.reduce((sum, p) => sum + p.amount, 0),
      // (Notes open with the person's label and 要 or ：; "您" is the start of every label.)
      notes: line.notes.filter((n) => n.startsWith(`${who}要`) || n.startsWith(`${who}：`)),
      refusals: line.refusals.filter((r) => r.who === who),
    };
  });
}

/**
 * "俺是三级 贫困户 一年救助800对吧": an amount one person was said to get, against what they likely get — the
 * programme asked about, or any whose amount is settled. Empty when nothing settles it.
 */
function personVerdict(results: readonly ProgrammeResult[], focus: readonly string[], claim: Claim): string {
  if (claim.kind !== "period") return "";
  const months = claim.months ?? 12;
  const span = spanOf(months);
  const likely = results
    .filter((r) => r.status === "likely" && r.amount.known && r.amount.year && r.amount.year[0] === r.amount.year[1])
    .filter((r) => focus.length === 0 || focus.includes(r.programme.id))
    .map((r) => ({ name: r.programme.name, value: overMonths(r.amount.year![0], months), cash: r.programme.benefit.kind === "cash" }));
  const settled = likely.filter((x) => x.cash);
  if (settled.length === 0) return "";
  // "一个月六十多吧": 66.7 is sixty-odd; "每年100对吧": the pension paid for them (no cash) is 100 a year.
  const same = likely.find((x) => claimHolds(x.value, claim));
  if (same) return `对：按您说的情况，${same.name}${span} ${money(same.value)} 元。\n`;
  const first = settled[0]!;
  // "一年1680对吧" for one person: that is another programme's amount, which what was said does not settle for them.
  const other = results.find(
    (r) =>
      r.status !== "likely" && r.amount.year && r.amount.year[0] === r.amount.year[1] && Math.abs(overMonths(r.amount.year[0], months) - claim.value) < 0.01,
  );
  const whose = other ? `${money(claim.value)} 元是${other.programme.name}的标准，按您说的情况还定不了；` : "";
  return settled.length === 1 || focus.length > 0
    ? `不对：${whose}按您说的情况，${first.name}${span} ${money(first.value)} 元${whose ? "" : `，不是 ${money(claim.value)} 元`}。\n`
    : "";
}

/** A sum the villager put to confirm ("一年一共1600是不") is answered 对 or 不对 in a household's answer. */
function advance(rules: EligibilityRules, given: DialogueState, on: Date, prefix = "", claim?: Claim): Step {
  // "家里三个残疾人" ⏎ "不对不对 就俺一个残疾人": the count corrected as a fact is the household's count too.
  const count = given.facts.disabled_in_household;
  const state = typeof count === "number" && given.disabledCount !== undefined && given.disabledCount !== count ? { ...given, disabledCount: count } : given;
  if (state.topic === "benefits" && isHousehold(state)) return advanceHousehold(rules, state, on, prefix, claim);
  if (state.topic === "benefits") {
    const next = nextFactToAsk(rules, state.facts, state.unknown, on, state.focus);
    // Answer first: what the facts so far already decide is said before the one question that remains.
    // Only when the villager told us something: "我能领什么补助？" alone decides nothing yet. A programme asked
    // about ("俺娘残疾，一年救助给多少钱") has its amounts to say whatever is told.
    // ("俺爹残疾了 能领啥": someone said to be disabled is told enough for the amounts and their conditions.)
    const told =
      Object.values(state.facts).some((v) => v !== undefined && v !== null) ||
      state.focus.length > 0 ||
      (/残疾/.test(state.question) && !/(?:没|不是?|没有)残疾/.test(state.question));
    if (next)
      return {
        state: { ...state, pending: next, step: "asking" },
        reply: renderQuestion(rules, next, prefix + (told ? renderSoFar(evaluateAll(rules, state.facts, on), state.focus) : "")),
      };
    const results = evaluateAll(rules, state.facts, on);
    const sum = state.reckon.total ? renderSum(results, state.focus) : "";
    const rendered = renderResults(rules, state.facts, results, state.focus, sum);
    const over = state.reckon.years ? renderOverYears(results, state.focus, state.reckon.years) : "";
    const verdict = claim ? personVerdict(results, state.focus, claim) : "";
    // "五月份开始领 到年底能领多少": the span asked is the answer, said before the screening it comes from.
    const text = over ? `${verdict}${prefix}${over.trim()}\n\n${rendered.text}` : verdict + prefix + rendered.text;
    return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text } };
  }
  if (state.topic === "land") {
    const mu = state.facts.land_mu;
    if (typeof mu === "number" && typeof state.facts.rent_total !== "number") {
      const rent = typeof state.facts.rent_per_mu === "number" ? state.facts.rent_per_mu : undefined;
      const labour = typeof state.facts.labour_year === "number" ? state.facts.labour_year : undefined;
      const parts = typeof state.facts.land_parts === "string" ? state.facts.land_parts : undefined;
      const of = typeof state.facts.land_of === "string" ? state.facts.land_of : undefined;
      const rendered = renderLand(rules, computeLandTransfer(mu, rent), state.reckon.years, labour, parts, of);
      return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
    }
    // "一天一百二，一年干九十天，俩人一年挣多少": the labour income alone, from their own numbers.
    if (typeof state.facts.daily_wage === "number" && typeof state.facts.work_days === "number" && typeof mu !== "number") {
      const workers = typeof state.facts.workers === "number" ? state.facts.workers : 1;
      const rendered = renderLabour(rules, state.facts.daily_wage, state.facts.work_days, workers);
      return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
    }
    // "一亩600，一共收了4800，我流转了几亩": the area is the total divided by the rent per mu.
    if (typeof state.facts.rent_total === "number" && typeof state.facts.rent_per_mu === "number" && typeof mu !== "number") {
      const area = state.facts.rent_total / state.facts.rent_per_mu;
      const shown = Number.isInteger(area) ? String(area) : area.toFixed(2).replace(/0+$/, "");
      const text = `按您说的：一年一共收了 ${state.facts.rent_total} 元，每亩 ${state.facts.rent_per_mu} 元：\n· 流转的地：${state.facts.rent_total} ÷ ${state.facts.rent_per_mu} ${Number.isInteger(area) ? "=" : "≈"} ${shown} 亩\n（租金按合同，每年不一样的话以合同为准。）`;
      return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { text: prefix + text, quickReplies: [], citations: [] } };
    }
    if (typeof state.facts.rent_total === "number" && typeof mu === "number") {
      // "十亩地一年租金一共六千": per mu is the total divided by the area.
      const rendered = renderRentTotal(rules, state.facts.rent_total, state.reckon.years, mu);
      return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
    }
    if (typeof state.facts.rent_total === "number") {
      const rendered = renderRentTotal(rules, state.facts.rent_total, state.reckon.years);
      return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
    }
    if (state.unknown.includes("land_mu")) {
      const rent = typeof state.facts.rent_per_mu === "number" ? state.facts.rent_per_mu : undefined;
      const rendered = renderLand(rules, computeLandTransfer(undefined, rent));
      return { state: { ...state, pending: null, step: "done" }, reply: { ...rendered, text: prefix + rendered.text } };
    }
    return { state: { ...state, pending: "land_mu", step: "asking" }, reply: renderQuestion(rules, "land_mu", prefix) };
  }
  const tons = state.facts.coal_tons;
  const price = typeof state.facts.coal_price === "number" ? state.facts.coal_price : undefined;
  if (typeof state.facts.briquette_tons === "number") {
    const rendered = renderBriquettes(
      rules,
      state.facts.briquette_tons,
      price,
      typeof state.facts.briquette_unit === "string" ? state.facts.briquette_unit : undefined,
      typeof tons === "number" ? tons : undefined,
      state.facts.briquette_from_straw === true,
      typeof state.facts.briquette_parts === "string" && state.facts.briquette_parts.includes("+") ? state.facts.briquette_parts : undefined,
      typeof state.facts.asked_weight_unit === "string" ? state.facts.asked_weight_unit : undefined,
    );
    return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
  }
  if (typeof tons === "number") {
    const unit = typeof state.facts.coal_unit === "string" ? state.facts.coal_unit : undefined;
    const households =
      typeof state.facts.coal_households === "number" && typeof state.facts.coal_each === "number"
        ? { count: state.facts.coal_households, each: state.facts.coal_each }
        : undefined;
    const asked = typeof state.facts.asked_weight_unit === "string" ? state.facts.asked_weight_unit : undefined;
    const rendered = renderBiomass(rules, computeBiomass(rules.calculators.biomass, tons, price), unit, households, asked);
    return { state: { ...state, pending: null, step: "done", failures: 0 }, reply: { ...rendered, text: prefix + rendered.text } };
  }
  // "优质煤一吨1360块，合一公斤多少钱": the price alone is enough to answer per tonne and per kilo.
  if (state.unknown.includes("coal_tons") || (price !== undefined && typeof tons !== "number")) {
    const rendered = renderBiomassPerTon(rules, computeBiomass(rules.calculators.biomass, 1, price));
    return { state: { ...state, pending: null, step: "done" }, reply: { ...rendered, text: prefix + rendered.text } };
  }
  return { state: { ...state, pending: "coal_tons", step: "asking" }, reply: renderQuestion(rules, "coal_tons", prefix) };
}

/**
 * The first turn: facts the question already gives are used; only the missing ones are asked.
 * `known` carries facts from a finished dialogue on the same topic ("还能领什么" after a cataract question).
 */
export function startDialogue(
  rules: EligibilityRules,
  topic: DialogueTopic,
  text: string,
  question: string,
  on: Date,
  known: DialogueState["facts"] = {},
  householdText = text,
  /** What a supposition in the last message says ("那要是评上贫困户了呢"), over what was said before it. */
  supposed: DialogueState["facts"] = {},
): Step {
  const { facts, invalid, corrected = [] } = relevantPart(rules, topic, extractFacts(rules, text));
  // "张家三亩": whose land it is, kept for the parcels told next.
  const holder = topic === "land" && typeof facts.land_mu === "number" && facts.land_parts === undefined ? holderOf(foldText(text)) : undefined;
  if (holder) facts.land_parts = `${holder} ${facts.land_mu}`;
  // "隔壁老张家流转了五亩": a neighbour's land, reckoned as theirs; the villager's own is not known yet.
  // ("隔壁老张家流转了五亩 俺家三亩": the villager's own said beside it is theirs.)
  const neighbour = topic === "land" && typeof facts.land_mu === "number" && !holder ? othersLand(foldText(text)) : undefined;
  const own = neighbour
    ? extractFacts(
        rules,
        foldText(text).replace(OTHERS_LAND, (m) => "，".repeat(m.length)),
      ).facts.land_mu
    : undefined;
  if (typeof own === "number") facts.land_mu = own;
  // ("俺家地流转给隔壁老王家种了 三亩": the villager's own land, rented to the neighbour, stays the villager's.)
  else if (neighbour && !OWN_LAND.test(foldText(text))) facts.land_of = neighbour;
  // "俺村压秸秆块 一组压了六吨": whose straw it is, kept for the parts told next.
  const strawHolder = topic === "biomass" && typeof facts.briquette_tons === "number" ? holderOf(foldText(text), "吨") : undefined;
  if (strawHolder) facts.briquette_parts = `${strawHolder} ${facts.briquette_tons}`;
  const named = topic === "benefits" ? focusOf(rules, text) : [];
  const household = readHousehold(householdText);
  // "一二级…救助一年多少" then "俺爹一级俺娘二级": the grades of the earlier question described the programme.
  if (householdText !== text && household.people.some((p) => p.grade !== undefined)) {
    const own = extractFacts(rules, householdText).facts.disability_grade;
    if (own === undefined) delete facts.disability_grade;
    else facts.disability_grade = own;
  }
  markElderly(household, text);
  // "俺爹65 一级", "俺娘七十五 二级": an age said right after the one person named, which the sentence's own
  // reading (65岁, 今年65) does not take.
  const [alone] = household.people.length === 1 ? household.people : [];
  if (alone && facts.age === undefined && alone.age !== undefined && invalid.length === 0) facts.age = alone.age;
  // People of whom nothing is said ("俺爹俺娘俩人一年共多少") are a count for arithmetic, not a household to screen.
  // "俺爹俺都好好的": people named without any disability are not disabled members of the household.
  const saidOf = household.people.filter((p) => p.grade !== undefined || p.severe || p.certified || p.elderly || p.ailing);
  // "俺家仨三级贫困残疾人，俺哥户口迁到城里去了": someone named as gone, not among the people named, was one of
  // those counted.
  const goneCounted = (household.gone ?? []).filter((label) => label.startsWith("您") && !household.people.some((p) => p.label === label)).length;
  const described = goneCounted > 0 && saidOf.length > goneCounted && saidOf.every(isCounted) ? saidOf.slice(0, saidOf.length - goneCounted) : saidOf;
  // "俺爹二级 俺娘好好的没残疾": one disabled member of a household named with others is that household's
  // answer (the 没残疾 is about someone else, not the one with the grade).
  const onlyOneOfSeveral = described.length === 1 && household.people.length >= 2 && described[0]!.grade !== undefined;
  // "俺家俩残疾人，一年救助多少": the disabled counted, nothing said of each: each one's grade is what is missing.
  const countedOnly =
    saidOf.length === 0 && (household.disabledCount ?? 0) >= 2 && household.people.length === household.disabledCount && household.people.every(isCounted)
      ? household.people.map((p) => ({ ...p, certified: true }))
      : [];
  const people = countedOnly.length > 0 ? countedOnly : described.length >= 2 || described.some((p) => p.severe && p.grade === undefined) ? described : [];
  const gradeSaid = facts.disability_grade !== undefined || household.people.some((p) => p.grade !== undefined);
  // ("俺叔是二级残疾，贫困户，还开着机动轮椅车": a grade told, nothing asked: all they may get.)
  const toldOnly = gradeSaid && !/[?？吗呢]|多少|怎么|咋|哪|什么|啥|谁|能不能|可不可以|是不是|想|要|份|[不没](?:有)?\s*$|能领|够不够|行不行|中不中/.test(text);
  const focus = sumsEverything(text, named, people.length > 0) || asksForAll(text, gradeSaid) || toldOnly ? [] : named;
  // "俺婆姨二级 俺没残疾": the one with the grade is screened; 没残疾 was said of someone else.
  if (onlyOneOfSeveral) {
    facts.disability_grade = described[0]!.grade;
    if (facts.certified === false) delete facts.certified;
  }
  // "俺娘三级…俺爹好好的不残疾，能领一户多残不": everyone else said to be well, so one disabled member, whatever
  // the programme's name (一户多残) would otherwise suggest.
  if (onlyOneOfSeveral && household.people.every((p) => p === described[0] || p.certified === false)) facts.disabled_in_household = 1;
  if (ONLY_ONE.test(text)) facts.disabled_in_household = 1;
  // "原先俩残疾 俺哥搬城里落户了": the count now, without those who died or moved out.
  if (household.gone) {
    if (household.disabledCount !== undefined) facts.disabled_in_household = household.disabledCount;
    else if (described.length > 0) facts.disabled_in_household = described.length;
    // "俺是一级 俺儿是三级…俺儿户口迁出去了": the grade is the one who stays, not the last one said.
    if (described.length === 1 && described[0]!.grade !== undefined) facts.disability_grade = described[0]!.grade;
    // (And the standing said of them: "我爸一级 是贫困户 我自己…分户单过 不是贫困户".)
    if (described.length === 1 && described[0]!.poor !== undefined) facts.poor = described[0]!.poor;
  }
  // "一户多残家庭补助加上俺奶奶的…一共多少": a total the villager asks for with the household allowance in it
  // counts it as theirs; the answer still says what 一户多残 means.
  const said = readReckoning(text);
  // ("俺家重度残疾人俩 县里给代缴养老保险 一年一共多少": the two counted are the people of the programme named, not
  // every programme they may get.)
  // (Someone with a grade of their own is paid by another programme too: then every programme is summed.)
  const reckon =
    named.length > 0 && said.every && household.people.every((p) => p.grade === undefined) && !readReckoning(text.replace(PEOPLE_COUNTED, "")).every
      ? { ...said, every: undefined }
      : said;
  if (facts.disabled_in_household === undefined && reckon.total && named.includes("multi-disabled-household")) facts.disabled_in_household = 2;
  const state: DialogueState = {
    v: 1,
    topic,
    facts: { ...known, ...(facts as DialogueState["facts"]), ...supposed },
    unknown: [],
    pending: null,
    focus,
    failures: 0,
    step: "asking",
    question: question.slice(0, 500),
    people,
    ...(household.disabledCount !== undefined ? { disabledCount: household.disabledCount } : {}),
    reckon,
  };
  if (invalid.length > 0) {
    return { state: { ...state, pending: invalid[0]!.fact, failures: 1 }, reply: renderQuestion(rules, invalid[0]!.fact, `${invalid[0]!.message}\n`) };
  }
  const step = advance(rules, state, on, "", readClaim(text));
  // Said first: the rule behind amounts the villager quotes, and who was left out of the household.
  const before = [
    ...corrected,
    // (A rent or a price a calculator reckons with is no programme's amount: "一亩一年给800" is the land's.)
    topic === "benefits" ? quotedRules(rules, text) : undefined,
    household.gone ? `按您说的，${household.gone.join("、")}已经不在户上，下面没有算进去。` : undefined,
  ].filter((line): line is string => line !== undefined);
  return before.length > 0 ? { ...step, reply: { ...step.reply, text: `${before.join("\n")}\n${step.reply.text}` } } : step;
}

/** An amount the villager says they or others are given: "才给400", "给八百", "领了 600 元". */
const QUOTED_AMOUNT = /(?:给|领|拿|发)了?(\d+|[一二两三四五六七八九十百千]+)(?:元|块)?|(\d+|[一二两三四五六七八九十百千]+)\s*(?:元|块)/g;

/**
 * "为啥俺家三级才给400 隔壁家给800": amounts the villager quotes that a programme's rule states are answered
 * with that rule first, so the difference is explained by the rule itself, not by the screening alone.
 */
function quotedRules(rules: EligibilityRules, text: string): string | undefined {
  const amounts = new Set<number>();
  /** The span each amount was said for ("每月给1680": a month), from the words right before it. */
  const spans = new Map<number, "month" | "year">();
  for (const m of text.matchAll(QUOTED_AMOUNT)) {
    const n = parseNumber((m[1] ?? m[2])!);
    if (n === undefined || n < 10) continue;
    amounts.add(n);
    const before = text.slice(Math.max(0, m.index - 6), m.index);
    const span = /每个?月|一个月/.test(before) ? "month" : /每年|一年/.test(before) ? "year" : undefined;
    if (span) spans.set(n, span);
  }
  if (amounts.size === 0) return undefined;
  const lines = rules.programmes.programmes.flatMap((p) => {
    const said = [...amounts].filter((n) => new RegExp(`(?<![\\d.])${n} 元`).test(p.rule));
    // "一户多残每户每月给1680": the rule's yearly amount said to be monthly (or the other way round).
    const misspan = said.find((n) => {
      const stated = new RegExp(`年\\s*${n} 元`).test(p.rule) ? "year" : new RegExp(`月\\s*${n} 元`).test(p.rule) ? "month" : undefined;
      return stated !== undefined && spans.has(n) && spans.get(n) !== stated;
    });
    if (misspan !== undefined) {
      const [isPer, notPer] = spans.get(misspan) === "month" ? ["年", "月"] : ["月", "年"];
      return [`不对：${misspan} 元是每${isPer}的，不是每${notPer}的：${p.rule}（来源：${p.source.section}）`];
    }
    return said.length > 0 ? [`您说的 ${said.join("、")} 元，是这条规定里的：${p.rule}（来源：${p.source.section}）`] : [];
  });
  return lines.length > 0 ? lines.slice(0, 2).join("\n") : undefined;
}

/** "不是半年", "不是两年", "不是6个月": a span said before, denied. */
const DENIED_SPAN = /不是\s*(?:半年|[\d零一二两三四五六七八九十]+\s*(?:多)?年|[\d零一二两三四五六七八九十]+\s*个\s*(?:多)?月)/;

const AMOUNT_QUESTION = /多少|几多|几个钱|能领啥|能拿啥|给多少|能有多少/;

/** "一共多少", "都算上" asked after the answer: the sum, and with it everything the people get when asked so. */
function summing(reckon: DialogueState["reckon"], asked: Reckoning): DialogueState["reckon"] {
  return {
    ...reckon,
    ...(asked.total ? { total: true } : {}),
    ...(asked.every ? { every: true } : {}),
    ...(asked.perMonth ? { perMonth: true } : {}),
    ...(asked.each ? { each: true } : {}),
    ...(asked.perHead ? { perHead: true } : {}),
  };
}

// (Not the point of a decimal: "是1.2吨" is 1.2, never 12.)
function strip(text: string): string {
  return text.replace(/[\s。!！?？,，、~～…；;：:"“”]+|\.(?!\d)/g, "");
}

function failed(rules: EligibilityRules, state: DialogueState, message: string): Step {
  const failures = state.failures + 1;
  if (failures >= MAX_FAILURES) {
    return {
      state: { ...state, failures, step: "handoff" },
      reply: plain(`${message}\n我这边还是没弄明白，抱歉。要不要请村里干部帮您看看？回复“好”我就把您的问题转给他们；也可以回复“重新开始”。`, [
        quickReply("好，请干部帮我", "好"),
        quickReply("重新开始"),
      ]),
    };
  }
  const question = state.pending ? renderQuestion(rules, state.pending) : plain("");
  return { state: { ...state, failures }, reply: { ...question, text: `${message}\n${question.text}`.trim() } };
}

/**
 * One or more of the people counted, regraded: "大的那个今年重新评成二级了", "其中两个评成二级了", "三级那个前年改评成
 * 一级了", "俩三级里有一个其实是二级". Groups: who (1), the grade they had (2 or 3), how many (4), the grade now (5).
 */
const REGRADED_SOME =
  /(大的|老大|小的|老小|最小的|([一二三四])级的?(?:那个|那位|那人)|(?:([一二三四])级的?(?:里|中|里头|当中|里面))?(?:其中(?:有)?|有)(一|两|俩|二|三|1|2|3)个)[^，,。？?]{0,8}?(?:评成|评为|鉴定成|鉴定为|改成|改为|变成|调成|升成|升为|升到|降成|降为|其实是|实际是|实际上是|应该是)了?([一二三四])级/;

/** "也评了重度 搬过来落户了", "搬回来住了": someone coming to the household besides those counted. */
const JOINING = /搬(?:过|回)来|住(?:过|回)来|(?:过来|回来)落户|落户(?:过来|到[俺我咱]家)|迁(?:过|回)来|也(?:评了|评上|是|算)/;

/** "三级那个不是贫困户", "二级的那个是低保户": the standing (2) of the one counted with a grade (1). */
const STANDING_OF_GRADE = /([一二三四])级的?(?:那个|那位|那人)[^，,。？?]{0,4}?(不是|不算|非|是|算)(?:贫困|低保|困难)/;

/** "只有俺娘一个是", "就俺爹一个人是残疾": the only one of those counted who is. */
const ONLY_NAMED = /(?:只有|就|只)[俺我咱]?([^，,。；\s是]{1,3}?)(?:一个|1个)(?:人)?(?:是|算|有)/;

/** "俺俩孩子没残疾": nothing told but who is not disabled (no standing, no question, no correction). */
export function saysNothingElse(rules: EligibilityRules, text: string): boolean {
  return (
    extractFacts(rules, text).facts.poor === undefined &&
    !/不对|说错|搞错|弄错|记错|改成|改为|多少|几|吗|呢|[?？]|一共|加起来/.test(text) &&
    readReckoning(text).years === undefined
  );
}

/** "哦还有 白内障手术要钱不", "另外 假肢去哪装": a service's cost or place asked beside the answer. */
/**
 * Whether what the screening knows of the one screened (grade, age, card, old age) was only read from the names
 * of the programmes asked about ("贫困老年残疾人生活补助" names a card and old age, said of nobody).
 */
function onlyNamesDescribed(rules: EligibilityRules, state: DialogueState): boolean {
  if (state.facts.disability_grade !== undefined || state.facts.age !== undefined) return false;
  const names = rules.programmes.programmes.flatMap((p) => [p.name, ...p.keywords]).sort((a, b) => b.length - a.length);
  let beside = foldText(state.question);
  for (const name of names) beside = beside.replaceAll(name, "，");
  const own = extractFacts(rules, beside).facts;
  return (["certified", "elderly"] as const).every((k) => state.facts[k] === undefined || own[k] === undefined) && readHousehold(beside).people.length === 0;
}

/**
 * A household's grades corrected, nobody new named: the people as they are now and what changed, or undefined.
 * "俺家二级残疾贫困户俩人" ⏎ "是三级不是二级": all those counted, of the grade denied (unless one is named:
 * "俺弟不是一级 是三级" is told by the steps after). "俺家三级…两个" ⏎ "其实一个是二级": some of those counted alike.
 * "一级2个 三级1个" ⏎ "那个三级的其实是四级": the one of that grade.
 */
function regradeCounted(people: readonly Person[], core: string, named: readonly Person[]): { people: Person[]; said: string } | undefined {
  const gradeName = (g: number) => `${"一二三四"[g - 1]}级`;
  const swapped = GRADE_SWAPPED.exec(core);
  const denied = swapped ? GRADE_NUMBER[(swapped[2] ?? swapped[3])!] : undefined;
  const meant = swapped ? GRADE_NUMBER[(swapped[1] ?? swapped[4])!] : undefined;
  if (
    denied !== undefined &&
    meant !== undefined &&
    denied !== meant &&
    people.every((p) => isCounted(p) && p.grade === denied) &&
    named.every((p) => p.label === "您")
  )
    return { people: people.map((p) => ({ ...p, grade: meant })), said: `${people.length} 个都是${gradeName(meant)}` };
  const some = SOME_REGRADED.exec(core);
  const count = some ? parseNumber(some[1]!) : undefined;
  const other = some ? GRADE_NUMBER[some[2]!] : undefined;
  const alike = people[0]?.grade;
  if (
    count !== undefined &&
    other !== undefined &&
    alike !== undefined &&
    count < people.length &&
    alike !== other &&
    people.every((p) => isCounted(p) && p.grade === alike) &&
    named.every((p) => p.label === "您" || isCounted(p))
  )
    return { people: people.map((p, k) => (k < count ? { ...p, grade: other } : p)), said: `其中 ${count} 个是${gradeName(other)}` };
  const one = REGRADED_ONE.exec(core);
  const was = one ? GRADE_NUMBER[one[1]!] : undefined;
  const is = one ? GRADE_NUMBER[one[2]!] : undefined;
  const ones = was !== undefined && was !== is ? people.filter((p) => p.grade === was) : [];
  if (is !== undefined && ones.length === 1)
    return { people: people.map((p) => (p === ones[0] ? { ...p, grade: is } : p)), said: `${ones[0]!.label}${gradeName(is)}` };
  return undefined;
}

/** "其实一个是二级", "有俩是一级": some of those counted said to be of a grade. */
const SOME_REGRADED = /^(?:哦|噢|不对)?[，,\s]*(?:其实|其中|实际上?|里头)?(?:有)?\s*(一|1|两|2|俩)个?(?:其实|实际上?)?是([一二三四1-4])级(?:的)?$/;
/** "是三级不是二级", "不是二级 是三级": a grade said instead of another. */
const GRADE_SWAPPED = /是([一二三四1-4])级[的，,\s]*不是([一二三四1-4])级|不是([一二三四1-4])级[的，,\s]*(?:是|而是)([一二三四1-4])级/;
/** "那个三级的其实是四级", "三级那个应该是二级": one person of a grade said to be of another. */
const REGRADED_ONE = /(?:那个|那位)?([一二三四1-4])级的?(?:那个|那位)?[，,\s]*(?:其实|实际上?|应该)(?:是|算)?([一二三四1-4])级/;

/** The people of a household counted ("俩人", "他们仨", "三个人"), which name no programme. */
const PEOPLE_COUNTED = /(?:[他她]们|[俺我咱]们)?(?:俩|仨)人?|[两三四五六]个人/g;

const BESIDE_QUESTION =
  /^(?:哦|噢|对了|那|还有|另外|顺便问一?下?)[，,\s]*(?:还有|另外)?[^，,。？?]*(?:要钱|要不要钱|收钱|收不收钱|免费|收费|花钱|掏钱|在哪|去哪|找谁)/;

/** "折成每个月多少", "一个月合多少": a year's sum asked per month. */
const MONTH_OF = /(?:折|合)(?:成|到)?(?:每个?月|一个月|月)|(?:每个?月|一个月)(?:合|能|是)?(?:多少|几个钱)/;

/** "他俩", "俩人", "仨人", "两个人": the household's own people, counted, at the start of a question about them. */
function bothOf(size: number): RegExp {
  const spoken = size === 2 ? "俩|两个|二" : size === 3 ? "仨|三个" : `${"一二三四五六七八九"[size - 1] ?? size}个`;
  return new RegExp(`^(?:那)?(?:他们|她们|他|她|俺们|我们)?(?:${spoken}|${size}个)人?(?=[^一二三四1-4级都也]|$)(?:的)?`);
}

/** People named, all said not to be disabled, none of them a member of the household screened. */
export function outsideHousehold(state: DialogueState, named: readonly Person[]): boolean {
  return named.length > 0 && named.every((p) => p.certified === false && p.label !== PRONOUN && !state.people.some((q) => q.label === p.label));
}

/**
 * A later turn. Returns "leave" when the message is not for this dialogue (a new question, a complaint):
 * the caller then routes it normally.
 */
export function continueDialogue(rules: EligibilityRules, stateBefore: DialogueState, said: string, on: Date, signals: Signals): Step | "leave" {
  // "…六百斤 ⏎ 能顶多少公斤好煤": the unit the coal is asked in now, kept for whichever answer follows.
  const askedUnit = stateBefore.topic === "biomass" ? askedWeightUnit(said) : undefined;
  let state = askedUnit ? { ...stateBefore, facts: { ...stateBefore.facts, asked_weight_unit: askedUnit } } : stateBefore;
  // "俩人救助折成每个月多少钱" after a household of two was answered: 俩人 are the two, not two more people.
  // (Only for a span asked of them: "那俩人呢", "俩人一年一共" sum the two as before.)
  const both = state.step === "done" && state.people.length >= 2 ? bothOf(state.people.length).exec(said) : null;
  const text = both && MONTH_OF.test(said.slice(both[0].length)) ? said.slice(both[0].length) : said;
  const core = strip(text);
  const words = rules.words;
  // ("算了，俺姐嫁出去了不算": 算了 before what changes is no cancelling; only the words of cancelling, alone.)
  const leftOver = words.reset_words.reduce((t, w) => t.split(w).join(""), core).replace(/[吧吗啊呀了哦嗯好的那就我俺不]/g, "");
  if (core.length <= 10 && containsAny(core, words.reset_words) && (leftOver.length <= 2 || readHousehold(text).people.length === 0)) {
    return { state: null, reply: plain("好的，已经取消了，刚才的回答都不算数。想重新算，就再问我一次，比如“我能领什么补助？”") };
  }
  if (state.step === "handoff") {
    if (words.handoff_yes_words.includes(core.replace(/[的啊吧呀了]+$/, ""))) {
      return { state: null, handoff: true, reply: plain("好的，已经把您的问题转给村里干部了，他们看到后会联系您。您也可以直接到村委会问。") };
    }
    state = { ...state, step: "asking", failures: 0 };
  }
  // "俺娘贫困老年残疾人 补助金多少" ⏎ "哦还有 白内障手术要钱不": another programme's cost or place asked beside the
  // answer, nobody's facts told, is a new question (the screening is kept to come back to).
  if (
    state.step === "done" &&
    BESIDE_QUESTION.test(core) &&
    focusOf(rules, text).some((id) => !state.focus.includes(id)) &&
    readHousehold(text).people.length === 0 &&
    extractFacts(rules, text.replace(/白内障|脑瘫|精神|智力|下肢|假肢/g, "")).facts.disability_grade === undefined
  )
    return "leave";
  // One person's sum, each one's month and the share per head were for the answer they were asked for.
  if (state.reckon.of || state.reckon.each || state.reckon.perHead)
    state = { ...state, reckon: { ...state.reckon, of: undefined, each: undefined, perHead: undefined } };
  // "半年能领多少" ⏎ "是一年，不是半年": the span said now, the one denied left out.
  // (A whole year said now is a span too, though "一年多少" alone asks per year.)
  const saidNow = DENIED_SPAN.test(core) ? core.replace(new RegExp(DENIED_SPAN.source, "g"), "，") : undefined;
  const spanNow = saidNow === undefined ? undefined : (readReckoning(saidNow).years ?? (/一年|整年|全年/.test(saidNow) ? 1 : undefined));
  if (state.step === "done" && spanNow !== undefined && spanNow !== state.reckon.years && core.length <= 16)
    return advance(rules, { ...state, reckon: { ...state.reckon, years: spanNow } }, on, `好的，改为 ${spanText(spanNow)}。\n`);
  // "合同签10年，一共多少" after the answer: the figures are turned over the years too.
  const asked = readReckoning(text);
  if (asked.years || asked.perMonth)
    state = {
      ...state,
      reckon: {
        perMonth: state.reckon.perMonth || asked.perMonth,
        ...((asked.years ?? state.reckon.years) ? { years: asked.years ?? state.reckon.years } : {}),
      },
    };
  // "我奶奶是贫困老年残疾人" ⏎ "补助金从今年4月开始发": the month it began, told after the answer: reckoned to the
  // year's end (April to December is 9 months), said so.
  const began = /(?:从)?(?:今年)?(\d{1,2}|[一二三四五六七八九十]+)\s*月份?(?:开始|起)(?:领|发|批|拿|给)?/.exec(core);
  const from = began ? parseNumber(began[1]!) : undefined;
  if (state.step === "done" && state.topic === "benefits" && from !== undefined && from >= 1 && from <= 12 && !asked.years && !/到|至/.test(core)) {
    const months = 12 - from + 1;
    return advance(rules, { ...state, reckon: { ...state.reckon, years: months / 12 } }, on, `好的，记下了：从 ${from} 月开始领，到年底是 ${months} 个月。\n`);
  }
  // "那俩人呢" after a household's answer: the same people, summed.
  if (state.step === "done" && isHousehold(state) && /^(?:那)?(?:俩|两个|仨|三个|四个|他们|她们)(?:人)?(?:一共|加起来|合起来)?(?:呢|多少)$/.test(core))
    return advance(rules, { ...state, reckon: { ...state.reckon, total: true } }, on, "");
  // "那现在呢" after someone left (the household may be one person now): the same question, as it now stands.
  if (state.step === "done" && /^(?:那|那么)?(?:现在|这会儿?|如今)(?:一共|总共|加起来)?(?:呢|多少)$/.test(core))
    return advance(rules, { ...state, reckon: summing(state.reckon, asked) }, on, "");
  // "那俺家现在一年能领多少" after a household's answer changed: the same household, as it now stands.
  if (
    state.step === "done" &&
    isHousehold(state) &&
    /(?:能领|能拿|领|拿|给)多少|多少钱/.test(core) &&
    focusOf(rules, text).length === 0 &&
    readHousehold(text).people.length === 0 &&
    Object.keys(extractFacts(rules, text).facts).length === 0
  )
    return advance(rules, { ...state, reckon: summing(state.reckon, asked) }, on, "");
  // "俺爹这两项加一块一年多少" after a household's answer: the sum for one of them, nothing new told of them.
  const one = readHousehold(text).people;
  if (
    state.step === "done" &&
    isHousehold(state) &&
    AMOUNT_QUESTION.test(core) &&
    one.length === 1 &&
    // ("那我自己一年能领多少": the one who speaks, said to be alone in the sum.)
    (one[0]!.label !== "您" || /[我俺咱]自己|自个儿?/.test(text)) &&
    state.people.some((p) => p.label === one[0]!.label) &&
    one[0]!.grade === undefined &&
    !one[0]!.severe &&
    one[0]!.age === undefined &&
    // ("俺爷上个月走了 现在…", "先不算她 俩人多少": someone left out, the rest asked for.)
    !GONE.test(text) &&
    // ("俺娘一年比俺多拿多少": two compared.)
    !/不算|除了|除去|去掉|剩下|[俩仨]|两个|三个|都|他们|她们|一家|全家|比/.test(text) &&
    Object.keys(extractFacts(rules, text).facts).length === 0
  ) {
    // ("娃能托养不？俺娘一年救助多少": a programme paying no sum, named beside, is answered too.)
    const named = focusOf(rules, text).filter((id) => !state.focus.includes(id));
    const focus = named.length > 0 ? [...state.focus, ...named] : state.focus;
    return advance(rules, { ...state, focus, reckon: { ...summing(state.reckon, asked), of: one[0]!.label } }, on, `只算${one[0]!.label}的：\n`);
  }
  // "俺家3个重度残疾" ⏎ "哦 是2个 俺娘不是重度": fewer of those counted, the count said again.
  const fewerSaid = /^(?:哦|噢|不对|说错了?|搞错了?)?[，,\s]*(?:是|就|只有|其实是|应该是)\s*(两|俩|二|三|仨|[1-5])\s*个(?:人)?(?=[，,\s]|$)/.exec(text.trim());
  // (Not "哦 是2个 还有一个是三级": people of another grade told besides.)
  const fewer = fewerSaid && !/还有|另外|[一二三四1-4]级|也是/.test(text.trim().slice(fewerSaid[0].length)) ? (parseNumber(fewerSaid[1]!) ?? 0) : 0;
  if (state.topic === "benefits" && state.people.length >= 2 && state.people.every(isCounted) && fewer >= 1 && fewer < state.people.length) {
    const people = state.people.slice(0, fewer);
    return advance(
      rules,
      { ...state, people, disabledCount: fewer, facts: { ...state.facts, disabled_in_household: fewer } },
      on,
      `好的，改为 ${fewer} 个人：\n`,
    );
  }
  // "俺家仨残疾人 都是一级 贫困户" ⏎ "不对 有一个不是贫困户": some of the household not poor, the rest still are.
  // Only people told apart by nothing but their count can be picked; named ones are asked about.
  const somePoorNot = SOME_NOT_POOR.exec(text);
  if (state.topic === "benefits" && state.step === "done" && isHousehold(state) && somePoorNot) {
    const n = parseNumber(somePoorNot[1]!) ?? 0;
    const poorNow = state.people.filter((p) => (p.poor ?? state.facts.poor) !== false);
    if (n >= 1 && n < poorNow.length) {
      if (!poorNow.every(isCounted))
        return { state, reply: plain(`是哪${n === 1 ? "一位" : "几位"}不是贫困户？请直接说，比如“${poorNow[0]!.label.replace(/^您/, "")}不是贫困户”。`) };
      const notPoor = new Set(poorNow.slice(-n));
      const people = state.people.map((p) => (notPoor.has(p) ? { ...p, poor: false } : { ...p, poor: p.poor ?? (state.facts.poor === true ? true : p.poor) }));
      return advance(rules, { ...state, people }, on, `好的，已改为：${[...notPoor].map((p) => p.label).join("、")}不是贫困户。\n`);
    }
  }
  // "一年一共1600是不" after a household's answer: the same household, the sum put to confirm checked.
  const claim = readClaim(text);
  if (state.step === "done" && isHousehold(state) && claim?.kind === "period" && readHousehold(text).people.length === 0)
    return advance(rules, { ...state, reckon: summing(state.reckon, asked) }, on, "", claim);
  // "俺娘二级贫困残疾" ⏎ "一年是400 对吧": an amount put to confirm for the one just screened, nobody else named.
  if (state.step === "done" && !isHousehold(state) && claim?.kind === "period" && readHousehold(text).people.length === 0 && focusOf(rules, text).length === 0)
    return advance(rules, state, on, "", claim);
  // "俺一级 俺家是贫困户" ⏎ "俺叔二级残疾 他家不是贫困户 单独一个户口本": someone of another household, told
  // after the answer, changes nothing of this one's (never screened in the villager's place).
  // ("俺婶子也是二级 不在俺家户上": said alike, but of another registration: not one more of this household.)
  if (
    state.topic === "benefits" &&
    state.step === "done" &&
    (SEPARATE_HOUSEHOLD.test(text) || (OUTSIDE_HOUSEHOLD.test(text) && /也是|也一样/.test(text))) &&
    !/一共|加起来|总共|都算|算上|算进/.test(text)
  ) {
    const told = readHousehold(text).people.filter((p) => p.label !== "您" && p.label !== PRONOUN && !isCounted(p));
    if (told.length === 1 && !state.people.some((q) => q.label === told[0]!.label))
      return advance(rules, state, on, `好的，${told[0]!.label}是另一户的，不算进您家；您家的还是这样：\n`);
  }
  // "俺娘一级 俺爹二级 俺三级" ⏎ "俺爹那个搞错了 他不是跟俺过 他跟俺哥过 俺哥家不是贫困户": one of the household
  // said to live in another's; taken out, and what is said of that other household is not this one's.
  if (state.topic === "benefits" && state.step === "done" && state.people.length >= 2 && LIVES_ELSEWHERE.test(text)) {
    const gone = readHousehold(text).people.find((p) => p.label !== "您" && state.people.some((q) => q.label === p.label));
    if (gone) {
      const people = state.people.filter((p) => p.label !== gone.label);
      return advance(
        rules,
        { ...state, people, facts: { ...state.facts, disabled_in_household: people.length } },
        on,
        `好的，${gone.label}跟别人过、不在您家户上，不算进去；您家的是：\n`,
      );
    }
  }
  // "俺爹一级，俺哥三级" after "我家有两个残疾人": the household gets its people.
  if (state.topic === "benefits") {
    const more = readHousehold(text.replace(/^(?:不对|不是)[，,]?/, ""));
    // "她三级", "不对，她也是二级": 他/她 is the last person named other than the villager.
    // 她 is the last woman named, 他 the last man, when the words tell them apart.
    const female = /奶|娘|妈|母|婆|姥姥|妻|老婆|媳妇|爱人|女(?!婿)|姐(?!夫)|妹(?!夫)|婶|姑|姨|嫂|老太/;
    const pronoun = /她/.test(text) ? "her" : /他/.test(text) ? "him" : undefined;
    const earlier = [...state.people].reverse().filter((p) => p.label !== "您");
    const other =
      (pronoun === "her"
        ? earlier.find((p) => female.test(p.label))
        : pronoun === "him"
          ? earlier.find((p) => !female.test(p.label) && !isCounted(p))
          : undefined) ?? earlier[0];
    for (const p of more.people) if (p.label === PRONOUN && other) p.label = other.label;
    // "俺爸一级 贫困户" ⏎ "俺妈没残疾": someone other than the one screened, said not to be disabled, changes
    // nothing of that screening (it is no correction of the one screened).
    // "帮着算算特别救助" ⏎ "俺爷爷一级 去年冬天没了": someone gone, before anyone is screened, is not screened; what is
    // said of them is theirs, not the household's.
    // ("俺爹一级" ⏎ "俺娘三级 去年走了": someone new, said to be gone, joins nobody either.)
    const newlyGone = more.people.length === 1 ? more.people[0]! : undefined;
    const screenedBefore = readHousehold(foldText(state.question)).people;
    // Nobody described yet: no grade, age, card or old age said of the one screened.
    const nobodyDescribed = ["disability_grade", "age", "certified", "elderly"].every((k) => state.facts[k] === undefined);
    if (
      newlyGone &&
      newlyGone.label !== PRONOUN &&
      newlyGone.label !== "您" &&
      !isCounted(newlyGone) &&
      // ("俺爹一级 一条腿没了": a leg lost, not the man. "俺爸前阵子没了 现在就俺妈 三级": the one gone is another.)
      DIED.test(text) &&
      !more.gone?.length &&
      !/现在|剩|就/.test(text) &&
      !state.people.some((p) => p.label === newlyGone.label) &&
      screenedBefore.every((p) => p.label !== newlyGone.label) &&
      // (Not one of those counted before: "俺家老两口…" ⏎ "俺老伴去年走了" is one of the two, taken out below.)
      !state.people.some(isCounted) &&
      !/[俩仨]|两口|[两三四五]个|[三四五]口|一户多残/.test(state.question) &&
      (state.people.length > 0 || screenedBefore.length > 0 || nobodyDescribed)
    )
      return advance(rules, state, on, `好的，${more.people[0]!.label}已经不在了，不算进去。\n`);
    // "俺家贫困户" ⏎ "俺爷八十一了 腿残疾": the first of the family described, nobody before, is the one screened.
    const firstNamed = more.people.length === 1 ? more.people[0]! : undefined;
    const firstDescribed =
      state.people.length === 0 &&
      firstNamed &&
      firstNamed.label !== PRONOUN &&
      firstNamed.label !== "您" &&
      !isCounted(firstNamed) &&
      // ("俺爷爷一级 去年冬天没了": someone gone is screened for nothing.)
      !more.gone?.includes(firstNamed.label) &&
      (firstNamed.age !== undefined || firstNamed.certified || firstNamed.grade !== undefined || firstNamed.elderly) &&
      screenedBefore.length === 0;
    if (firstDescribed && nobodyDescribed) state = { ...state, question: `${state.question} ${text}`.slice(0, 500) };
    // "贫困老年残疾人生活补助 俺家想算算" ⏎ "俺爷 八十一": the card and old age the programme's name spoke of were
    // said of nobody; the first of the family described is the one screened, screened again as if asked at once.
    else if (firstDescribed && onlyNamesDescribed(rules, state) && firstNamed.grade === undefined && !/不对|说错|搞错|弄错|记错|改成|改为/.test(text)) {
      const question = `${state.question} ${text}`.slice(0, 500);
      return startDialogue(rules, "benefits", question, question, on, state.facts.poor !== undefined ? { poor: state.facts.poor } : {});
    }
    const screenedLabel = readHousehold(foldText(state.question)).people[0]?.label ?? "您";
    const healthyOther =
      more.people.length === 1 && more.people[0]!.certified === false && more.people[0]!.label !== screenedLabel && more.people[0]!.label !== PRONOUN;
    // "俺爹八十多了…老年残疾人补助一个月多少" ⏎ "俺娘也七十多了，也是贫困老年残疾人": someone else said to be alike
    // joins the one screened; the household of both is answered (never the first one's facts changed to hers).
    const alsoOne = more.people.length === 1 ? more.people[0]! : undefined;
    if (
      state.people.length === 0 &&
      alsoOne &&
      // ("俺爷八十一了 腿残疾" ⏎ "俺奶七十六 有残疾证": another, old and disabled of their own, joins too.)
      (/也|还有|另外/.test(text) || (alsoOne.age !== undefined && alsoOne.certified === true)) &&
      alsoOne.label !== screenedLabel &&
      alsoOne.label !== PRONOUN &&
      !isCounted(alsoOne) &&
      alsoOne.certified !== false &&
      // (Someone with a grade of their own is joined by the steps below, which keep what each was told.)
      alsoOne.grade === undefined &&
      !alsoOne.severe &&
      // (Facts answered in the dialogue are not in its question: then the steps below, which keep them.)
      // (The age said after who it is, "俺爷 八十一", is read of the question as the screening read it.)
      Object.keys(state.facts).every(
        (k) => k === "poor" || k in extractFacts(rules, state.question).facts || (k === "age" && screenedBefore[0]?.age === state.facts.age),
      ) &&
      // ("我外公也是": said to be alike, with nothing of their own.)
      (alsoOne.certified || alsoOne.elderly || /也(?:是|一样|算)(?![^，,。；\s]{0,4}残疾)/.test(text)) &&
      !/不对|说错|搞错|弄错|记错|改成|改为/.test(text)
    ) {
      const question = `${state.question} ${text}`.slice(0, 500);
      const step = startDialogue(rules, "benefits", question, question, on, state.facts.poor !== undefined ? { poor: state.facts.poor } : {});
      return { ...step, reply: { ...step.reply, text: `好的，记下了。\n${step.reply.text}` } };
    }
    if (state.people.length === 0 && healthyOther && !/不对|说错|搞错|弄错|记错|改成|改为/.test(text))
      return advance(rules, state, on, `好的，记下了：${more.people[0]!.label}不算残疾人，不影响上面算的。\n`);
    // "俺家老两口是贫困老年残疾人" ⏎ "不对，只有俺娘一个是，俺爹不残疾": of those counted, only the one named is;
    // screened alone, as the counted were described.
    const only = ONLY_NAMED.exec(text);
    const onlyOne = only ? readHousehold(`俺${only[1]!}`).people : [];
    if (state.people.length >= 2 && state.people.every(isCounted) && onlyOne.length === 1 && onlyOne[0]!.label !== PRONOUN) {
      const { label } = onlyOne[0]!;
      const [first] = state.people as [Person];
      const facts = {
        ...state.facts,
        ...(first.elderly ? { elderly: true } : {}),
        ...(first.certified ? { certified: true } : {}),
        ...(first.grade !== undefined ? { disability_grade: first.grade } : {}),
        disabled_in_household: 1,
      };
      return advance(rules, { ...state, people: [], disabledCount: 1, facts }, on, `好的，改为只算${label}一个人：\n`);
    }
    // "俺爸一级 ⏎ 俺妈二级 ⏎ 俺俩孩子没残疾": others of the family, none disabled, after a household's answer.
    if (state.people.length >= 2 && outsideHousehold(state, more.people) && saysNothingElse(rules, text)) {
      const names = [...new Set(more.people.map((p) => p.label.replace(/（\d+）$/, "")))];
      return advance(rules, state, on, `好的，记下了：${names.join("、")}没有残疾，不算进去，上面算的不变。\n`);
    }
    // "想问贫困老年残疾人补助 俺爸领的" ⏎ "不是俺爸 是俺爷爷 俺爸没残疾": someone else in the place of the one
    // screened; the question asked again of them (what is said of the first now goes with the first).
    const swap = SWAPPED.exec(text);
    const [from, to] = swap ? [readHousehold(`俺${swap[1]}`).people, readHousehold(`俺${swap[2]}`).people] : [[], []];
    if (state.people.length === 0 && swap && from.length === 1 && to.length === 1 && from[0]!.label === screenedLabel && to[0]!.label !== screenedLabel) {
      // "不是俺哥 是俺嫂子 她三级": a grade said of the one now meant replaces the one said of the first.
      const regraded = /[一二三四1-4]\s*级/.exec(text.slice(swap.index + swap[0].length))?.[0];
      const swapped = state.question.replace(swap[1]!, swap[2]!);
      const question = regraded ? swapped.replace(/[一二三四1-4]\s*级/, regraded) : swapped;
      const step = startDialogue(rules, "benefits", question, question, on);
      return { ...step, reply: { ...step.reply, text: `好的，改为${to[0]!.label}：\n${step.reply.text}` } };
    }
    // "两个三级 一个二级" ⏎ "二级那个是俺爷": one of those counted, named; nobody new.
    const namedCounted = /^([一二三四1-4])级(?:的)?(?:那个|那位|那一个)(?:是|就是)(.{1,6})$/.exec(core);
    const who = namedCounted ? readHousehold(`俺${namedCounted[2]!.replace(/^[俺我咱]/, "")}`).people : [];
    const ofThatGrade = namedCounted ? state.people.filter((p) => isCounted(p) && p.grade === GRADE_NUMBER[namedCounted[1]!]) : [];
    if (namedCounted && who.length === 1 && who[0]!.label !== PRONOUN && ofThatGrade.length === 1) {
      const people = state.people.map((p) => (p === ofThatGrade[0] ? { ...p, label: who[0]!.label } : p));
      return advance(rules, { ...state, people, reckon: summing(state.reckon, asked) }, on, `好的，记下了：${namedCounted[1]}级的是${who[0]!.label}。\n`);
    }
    // "俺家三口都是一级" ⏎ "哦不对 俺闺女是二级 其他没错": one of those counted, named and regraded; nobody new.
    const namedOne = more.people.length === 1 ? more.people[0]! : undefined;
    if (
      namedOne &&
      namedOne.grade !== undefined &&
      namedOne.label !== PRONOUN &&
      namedOne.label !== "您" &&
      !isCounted(namedOne) &&
      state.people.length >= 2 &&
      state.people.every(isCounted) &&
      // Said to leave the rest as it was ("其他没错"), or nothing but who it is and the grade: "不对 俺闺女是二级".
      (/(?:其他|别的|其余)(?:的)?(?:人)?(?:都)?(?:没错|不变|对|一样)/.test(text) ||
        /^(?:哦|噢)?(?:不对|说错了?|搞错了?|弄错了?|记错了?)[，,\s]*[俺我咱]?[^，,\s]{1,4}?(?:是|其实是)?[一二三四1-4]级(?:的)?$/.test(core)) &&
      // ("不对，是仨，俺哥也是一级的", "忘说俺娘了 她一级", "一共四口人": one more, not one of them renamed.)
      !/还有|也|漏|忘|加|添|[俩仨]|(?:\d|[两三四五六])(?:个|口)/.test(text)
    ) {
      const people = [...state.people.slice(0, -1), { ...state.people.at(-1)!, label: namedOne.label, grade: namedOne.grade, severe: false }];
      return advance(rules, { ...state, people }, on, `好的，已改为：${namedOne.label}${"一二三四"[namedOne.grade - 1]}级，其他的不变。\n`);
    }
    // "三个孩子都是三级" ⏎ "大的那个今年重新评成二级了": one of those counted, regraded.
    // "其中两个评成二级了": that many of them.
    // "三级那个前年改评成一级了", "俩三级里有一个其实是二级": those of a grade said, that many of them.
    const regradedOne = REGRADED_SOME.exec(text);
    const fromGrade = regradedOne && (regradedOne[2] ?? regradedOne[3]) ? "一二三四".indexOf((regradedOne[2] ?? regradedOne[3])!) + 1 : undefined;
    const howMany = regradedOne ? (parseNumber(regradedOne[4] ?? "一") ?? 1) : 0;
    const ofGrade = fromGrade === undefined ? [] : state.people.flatMap((p, k) => (p.grade === fromGrade ? [k] : []));
    if (
      regradedOne &&
      howMany < state.people.length &&
      state.people.length >= 2 &&
      state.people.every(isCounted) &&
      (fromGrade === undefined ? more.people.every((p) => p.label === "您") : ofGrade.length >= howMany)
    ) {
      const last = /小/.test(regradedOne[1]!);
      const grade = "一二三四".indexOf(regradedOne[5]!) + 1;
      const chosen = (k: number) => (fromGrade !== undefined ? ofGrade.slice(0, howMany).includes(k) : last ? k === state.people.length - 1 : k < howMany);
      const people = state.people.map((p, k) => (chosen(k) ? { ...p, grade, severe: false } : p));
      const changed = people.filter((p, k) => p.grade !== state.people[k]!.grade).map((p) => p.label);
      return advance(rules, { ...state, people }, on, `好的，已改为：${changed.join("、")}${regradedOne[5]}级。\n`);
    }
    // "三级那个不是贫困户 是一般户": the standing of those counted with a grade said, changed.
    const gradeStanding = STANDING_OF_GRADE.exec(text);
    const standingGrade = gradeStanding ? "一二三四".indexOf(gradeStanding[1]!) + 1 : 0;
    if (gradeStanding && state.people.length >= 2 && state.people.every(isCounted) && state.people.some((p) => p.grade === standingGrade)) {
      const poor = !/不|非/.test(gradeStanding[2]!);
      const people = state.people.map((p) => (p.grade === standingGrade ? { ...p, poor } : p));
      const who = people.filter((p) => p.grade === standingGrade).map((p) => p.label);
      return advance(rules, { ...state, people }, on, `好的，已改为：${who.join("、")}${poor ? "是" : "不是"}贫困户。\n`);
    }
    // "俺哥今年结婚搬出去另立了户口" after a household's answer: the same household without him.
    // "哦不对 我妈不是残疾人 就我爸一个": someone of the household said not to be disabled leaves its sums too.
    // Not when it is asked ("俺娘不是残疾人吗 咋没算她"), supposed ("要不是…的话") or someone else is named instead
    // ("俺爹不是残疾 是俺哥").
    // "不对 俺闺女不是残疾 是俺儿 二级的": a correction naming who it is instead; that one takes the other's place.
    const questioning = /吗|咋|怎么|为啥|要不是|如果|假如|的话/.test(text);
    const newcomers = more.people.filter((p) => p.certified !== false && !state.people.some((q) => q.label === p.label));
    const replacing =
      !questioning &&
      newcomers.length > 0 &&
      newcomers.every((p) => p.grade !== undefined) &&
      (/不对|说错|搞错|弄错|记错|说岔|记岔|搞岔|弄岔|不是残疾[^，,。？?\d]{0,3}[，,\s]*是/.test(text) || SWAPPED.test(text));
    // (Someone new said to be of another household's registration raises no doubt about this one's people.)
    const doubted = questioning || (more.people.some((p) => !state.people.some((q) => q.label === p.label)) && !replacing && !OUTSIDE_HOUSEHOLD.test(text));
    // "不对 俺娘不是二级 是俺嫂子 三级": one of the household named again without a grade, beside the one instead.
    const notDisabled =
      state.people.length >= 2 && !doubted
        ? more.people.filter(
            (p) =>
              state.people.some((q) => q.label === p.label) &&
              (p.certified === false || (replacing && p.grade === undefined && !p.severe && /不是[一二三四1-4]级/.test(text))),
          )
        : [];
    // "俺娘的证过期了 先不算她", "把俺哥去掉": someone of the household the villager says to leave out.
    const leftOut =
      EXCLUDED.test(text) && !doubted && more.people.length === 1 && state.people.some((q) => q.label === more.people[0]!.label) ? [more.people[0]!.label] : [];
    const leaving =
      more.gone ?? (GONE.test(text) && more.people.length === 1 ? [more.people[0]!.label] : leftOut.length > 0 ? leftOut : notDisabled.map((p) => p.label));
    // "原来有三个重度残疾人" then "俺大伯去年没了": counted people not named yet; one of them leaves.
    const counted = state.people.every(isCounted);
    // "有一个三级的搬走了": of people counted, one of the grade said leaves (the last of that grade).
    const leavingGrades = more.people.filter((p) => leaving.includes(p.label) && p.grade !== undefined).map((p) => p.grade!);
    const withoutGrades = (people: readonly Person[]) => {
      const rest = [...people];
      for (const grade of leavingGrades) {
        const at = rest.map((p) => p.grade).lastIndexOf(grade);
        if (at >= 0) rest.splice(at, 1);
      }
      return rest.map((p, k) => (isCounted(p) ? { ...p, label: `第${k + 1}人` } : p));
    };
    const staying = counted
      ? leavingGrades.length === leaving.length && leavingGrades.every((g) => state.people.some((p) => p.grade === g))
        ? withoutGrades(state.people)
        : state.people.slice(0, Math.max(0, state.people.length - leaving.length))
      : state.people.filter((p) => !leaving.includes(p.label));
    // Counted people are told by how many and their grade, not by a number of their own.
    const leavingSaid = leaving.every((l) => /^第\d+人$/.test(l))
      ? `其中 ${leaving.length} 人${leavingGrades.length === leaving.length ? `（${[...new Set(leavingGrades)].map((g) => `${"一二三四"[g - 1]}级`).join("、")}）` : ""}`
      : leaving.join("、");
    if (leaving.length > 0 && staying.length > 0 && staying.length < state.people.length) {
      // The one instead stands as the others all do ("都是贫困户"), unless said otherwise.
      const othersPoor = staying.every((p) => p.poor === staying[0]?.poor) ? staying[0]?.poor : undefined;
      // ("二级的是俺婶子 她不在俺家户上": the one instead is someone else's household's, and joins nobody's sum.)
      const joining =
        replacing && notDisabled.length > 0 && !OUTSIDE_HOUSEHOLD.test(text)
          ? newcomers.map((p) => ({ ...p, ...((p.poor ?? othersPoor) !== undefined ? { poor: p.poor ?? othersPoor } : {}) }))
          : [];
      const kept = [...staying, ...joining];
      const count = Number(state.facts.disabled_in_household ?? state.disabledCount ?? state.people.length);
      const disabled_in_household = Math.max(kept.length, count - (state.people.length - staying.length) + joining.length);
      // "俺爹没了 俺家不算贫困户了": what else the message says holds for those who stay.
      // (Only the household's standing: what is said of the one leaving, "我妈不是残疾人", is not the others'.)
      const saidPoor = extractFacts(rules, text).facts.poor;
      const told: Record<string, boolean> = typeof saidPoor === "boolean" ? { poor: saidPoor } : {};
      // (The household's standing said again is everyone's: "俺家现在不是贫困户了".)
      const staying_ = typeof saidPoor === "boolean" && /(?:俺|我|咱)家|家里|全家/.test(text) ? kept.map((p) => ({ ...p, poor: saidPoor })) : kept;
      const rest = { ...state, people: staying_, facts: { ...state.facts, ...told, disabled_in_household }, disabledCount: disabled_in_household };
      const said =
        joining.length > 0
          ? `好的，不是${leavingSaid}，是${joining.map((p) => `${p.label}${p.grade ? `${"一二三四"[p.grade - 1]}级` : ""}`).join("、")}，按 ${kept.length} 个人重新算：\n`
          : leftOut.length > 0 && !more.gone
            ? leftSaying(leavingSaid, "先不算", staying.length)
            : notDisabled.length > 0 && !more.gone
              ? notCounted(leavingSaid, staying.length)
              : recounting(leavingSaid, staying.length);
      // One person left is screened as one person: the household's sums no longer apply.
      if (kept.length === 1) {
        const [one] = kept as [Person];
        const facts = { ...rest.facts, ...(one.grade !== undefined ? { disability_grade: one.grade } : {}) };
        return advance(rules, { ...rest, people: [], facts }, on, said);
      }
      return advance(rules, rest, on, said);
    }
    // "我爷爷去年走了，之前他也是一级" after a household named without him: nobody to add, nobody to take out.
    const goneBefore = (more.gone ?? (GONE.test(text) && more.people.length === 1 ? [more.people[0]!.label] : [])).filter(
      (label) => label.startsWith("您") && !state.people.some((p) => p.label === label),
    );
    // "俺家老两口都是二级贫困残疾人 俺是三级的" ⏎ "俺爹上个月走了": a parent of the old couple counted is one of them
    // (when those counted are alike, it does not matter which).
    const countedOnes = state.people.filter(isCounted);
    if (
      goneBefore.length === 1 &&
      more.people.length === 1 &&
      // (Only a parent: "俺家老两口" are the villager's parents, never the grandparents.)
      /父亲|母亲/.test(goneBefore[0]!) &&
      OLD_COUPLE.test(foldText(state.question)) &&
      countedOnes.length >= 2 &&
      new Set(countedOnes.map((p) => `${p.grade}|${p.severe}|${p.poor}`)).size === 1
    ) {
      const drop = countedOnes.at(-1)!;
      const kept = state.people.filter((p) => p !== drop).map((p, k) => (isCounted(p) ? { ...p, label: `第${k + 1}人` } : p));
      const disabled_in_household = Math.max(kept.length, Number(state.facts.disabled_in_household ?? state.people.length) - 1);
      const rest = { ...state, people: kept, facts: { ...state.facts, disabled_in_household }, disabledCount: disabled_in_household };
      return advance(rules, rest, on, `好的，${goneBefore[0]}是老两口里的一位，已经不在户上，按 ${kept.length} 个人重新算：\n`);
    }
    if (state.people.length >= 2 && goneBefore.length > 0 && more.people.every((p) => goneBefore.includes(p.label)))
      return advance(rules, state, on, `好的，${goneBefore.join("、")}已经不在户上，不算进去。\n`);
    // "现在其中一个分出去单独立户了" after a household counted, not named: that many fewer.
    const countGone = leaving.length === 0 ? goneFromCount(text) : null;
    const before = Number(state.facts.disabled_in_household ?? state.disabledCount ?? state.people.length);
    const goneCount = countGone ? (parseNumber(countGone[1]!) ?? 0) : 0;
    if (goneCount > 0 && before > goneCount && state.people.every(isCounted)) {
      const remaining = before - goneCount;
      const people = state.people.slice(0, Math.max(0, state.people.length - goneCount));
      const said = recounting(`其中 ${goneCount} 人`, remaining);
      return advance(
        rules,
        { ...state, people: people.length >= 2 ? people : [], disabledCount: remaining, facts: { ...state.facts, disabled_in_household: remaining } },
        on,
        said,
      );
    }
    // "我爷爷也是 两个人一年加起来多少": someone new said to be as the one screened.
    const alike = more.people.length === 1 && /也是|也一样|也符合|也够|也(?:算上|加上|带上|算进去)/.test(text) ? more.people : [];
    // ("不对 俺媳妇是轻度的": one of the household said now not to be severe is named too.)
    const named = more.people.filter(
      (p) => p.grade !== undefined || p.severe || (p.severe === false && state.people.some((q) => q.label === p.label && q.severe)),
    );
    // "俺家仨残疾人" ⏎ "都一级 贫困户": a grade said of all, nobody named, is each counted one's (never the villager's).
    // (Not "都二级 就俺是三级", nor "都一级吗": an exception or a doubt is no grade of all.)
    const allOf =
      (core.match(/[一二三四1-4]\s*级/g)?.length ?? 0) === 1 && !/[?？吗]|不清楚|不知道|好像|可能/.test(core)
        ? /^(?:那)?(?:都|全都|全是|都是|全部是?)\s*([一二三四1-4])\s*级/.exec(core)
        : null;
    const waiting = state.people.filter((p) => isCounted(p) && p.grade === undefined && !p.severe);
    if (allOf && waiting.length >= 2 && waiting.length === state.people.length && more.people.every((p) => p.label === "您")) {
      const allGrade = parseNumber(allOf[1]!) ?? Number(allOf[1]);
      const poor = extractFacts(rules, text).facts.poor;
      const people = state.people.map((p) => ({ ...p, grade: allGrade }));
      const facts = { ...state.facts, ...(typeof poor === "boolean" ? { poor } : {}) };
      return advance(rules, { ...state, people, facts, reckon: summing(state.reckon, asked) }, on, `好的，${people.length} 个人都按${allOf[1]}级算：\n`);
    }
    // "俺娘也是二级，俩人一共呢" after one person's answer: that person and the one named now, summed.
    // "俺爷爷八十了…领老年补助" then "俺是三级残疾 也是贫困户": the one screened keeps what was said of them.
    const grade = state.facts.disability_grade;
    const screened = readHousehold(foldText(state.question)).people;
    const subject =
      typeof grade === "number" ? (screened.find((p) => p.grade === grade) ?? { label: "您", grade }) : screened.length === 1 ? screened[0] : undefined;
    // "俺爹一级贫困" ⏎ "俺爹上个月没了 现在就俺娘 三级": the one screened is gone; whom the message names now is
    // screened in their place (what was said of the one gone, such as an age, goes with them).
    if (subject && !isHousehold(state) && more.gone?.includes(subject.label) && named.length > 0 && named.every((p) => p.label !== subject.label)) {
      const { age: _age, elderly: _elderly, severe: _severe, disability_grade: _grade, ...kept } = state.facts;
      const only = named.length === 1 ? named[0]! : undefined;
      // What the message says besides ("…不是贫困户", "家里现在不困难了") holds for whoever is screened now.
      const saidPoor = extractFacts(rules, text).facts.poor;
      const facts = {
        ...kept,
        ...(typeof saidPoor === "boolean" ? { poor: saidPoor } : {}),
        ...(only?.grade !== undefined ? { disability_grade: only.grade } : {}),
      };
      return advance(rules, { ...state, people: only ? [] : named, facts, question: text.slice(0, 500) }, on, recounting(subject.label, named.length));
    }
    // "俺爹一级贫困户" ⏎ "俺爹去年走了": the only one screened is gone, and nobody else is named.
    if (subject && !isHousehold(state) && named.length === 0 && more.people.length === 1 && more.people[0]!.label === subject.label && GONE.test(text)) {
      const { age: _age, elderly: _elderly, severe: _severe, disability_grade: _grade, ...kept } = state.facts;
      const died = /去世|过世|没了|走了|不在了|过身|死/.test(text);
      const who = subject.label === "您" ? "这位家人" : subject.label;
      return {
        state: { ...state, people: [], facts: kept, question: "", pending: null, step: "done", failures: 0 },
        reply: plain(
          `${died ? "请节哀。" : ""}好的，${who}已经不在户上，就不按${who}算了（从哪个月起停发，资料里没写，请问县残联）。` +
            "家里还有别的残疾人的话，告诉我是谁、几级、是不是贫困户，我帮您重新算。",
        ),
      };
    }
    // "俺爹也是" alone after one person's answer: he is as she is, a second member of the household.
    // "俺爹一级贫困残疾" ⏎ "俺娘是贫困老年残疾人，领着每月的补助": someone new who receives the allowance for the old.
    const receiver =
      more.people.length === 1 && more.people[0]!.elderly === true && more.people[0]!.certified === true && /领着|在领|领了|也领/.test(text)
        ? more.people[0]
        : undefined;
    const second =
      named.length === 1
        ? named[0]
        : receiver && receiver.label !== PRONOUN && receiver.label !== subject?.label
          ? receiver
          : alike.length === 1 &&
              (/一共|加起来|总共|俩|两个|合计|又(?:添|多|来|加)了?|搬(?:过|回)来|住过来|一块住/.test(text) ||
                /^[^，,。？?]{1,6}也是[啊呀的]?(?:也(?:在领|领着|领了|领))?$/.test(core) ||
                // "俺爷也是贫困老年残疾人": someone new, said to be what the first was said to be.
                (alike[0]!.label !== PRONOUN && (alike[0]!.elderly === true || alike[0]!.certified === true) && /^[^，,。\s]{1,5}也(?:是|批下来了)/.test(core)))
            ? alike[0]
            : undefined;
    // "俺家俺爹是一级残疾" ⏎ "俺娘是三级": someone else with a grade of their own, while the first is asked
    // about, is a second member of the household, not a correction of the first one's grade.
    // ("俺大闺女一级残疾" ⏎ "二闺女也是" while the household's standing is asked: a second one, as the first is.)
    const another =
      state.step === "asking" &&
      ((named.length === 1 && !/不对|不是|说错|搞错|记错/.test(text)) ||
        (named.length === 0 && alike.length === 1 && alike[0]!.label !== PRONOUN && /^[^，,。？?]{1,6}也是[啊呀的]?$/.test(core)));
    // "我老豆一级" ⏎ … ⏎ "我阿妈都系残疾 三级": someone other than the one screened, with a grade of their own,
    // after the answer: a second member, unless the message says it corrects something.
    const someoneElse =
      second !== undefined &&
      subject !== undefined &&
      second.label !== subject.label &&
      // ("俺家一级贫困残疾人 是俺闺女" ⏎ "俺自己三级": the villager, when the one screened is another, is a second.)
      (second.label !== "您" || (subject.label !== "您" && /自己|自个|本人/.test(text))) &&
      !/不对|不是|说错|搞错|记错|改成|改为/.test(text);
    // What is known of the one screened, as a member of the household.
    const screenedPerson = (one: Person): Person => ({
      ...one,
      ...(typeof grade === "number" ? { grade } : {}),
      ...(typeof state.facts.age === "number" ? { age: state.facts.age } : {}),
      ...(state.facts.elderly === true ? { elderly: true } : {}),
      ...(state.facts.certified === true ? { certified: true } : {}),
    });
    // "我们家有一个三级贫困残疾人" ⏎ "还有两个一二级的 也都贫困": people counted besides the one screened join
    // them; counted people are numbered on from the first.
    if (state.people.length === 0 && subject && named.length >= 1 && named.every(isCounted) && ADDING.test(foldText(text).trim())) {
      const people = [screenedPerson(subject), ...named].map((p, k) => (isCounted(p) ? { ...p, label: `第${k + 1}人` } : p));
      const poor = extractFacts(rules, text).facts.poor;
      const facts = {
        ...state.facts,
        ...(poor === undefined ? {} : { poor }),
        disabled_in_household: Math.max(people.length, Number(state.facts.disabled_in_household ?? 0)),
      };
      return advance(rules, { ...state, people, facts, reckon: summing(state.reckon, asked) }, on, "好的，记下了。\n");
    }
    // "老大三级…" ⏎ "老二一级" ⏎ "老三跟老大一样": someone new, said to be as one of the household is.
    const likeOne = LIKE_ONE.exec(core);
    const newcomer = likeOne ? readHousehold(`俺${likeOne[1]!.replace(/^[俺我咱]/, "")}`).people : [];
    const model = likeOne ? readHousehold(`俺${likeOne[2]!.replace(/^[俺我咱]/, "")}`).people : [];
    const modelled = model.length === 1 ? state.people.find((p) => p.label === model[0]!.label) : undefined;
    if (
      state.people.length >= 2 &&
      modelled &&
      newcomer.length === 1 &&
      newcomer[0]!.label !== PRONOUN &&
      !state.people.some((p) => p.label === newcomer[0]!.label)
    ) {
      const people = [...state.people, { ...modelled, label: newcomer[0]!.label }];
      const disabled_in_household = Math.max(people.length, Number(state.facts.disabled_in_household ?? 0) + 1);
      return advance(
        rules,
        { ...state, people, disabledCount: disabled_in_household, facts: { ...state.facts, disabled_in_household }, reckon: summing(state.reckon, asked) },
        on,
        `好的，记下了：${newcomer[0]!.label}跟${modelled.label}一样，一共 ${people.length} 个人。\n`,
      );
    }
    // "俺爷俺奶都是贫困老年残疾人" ⏎ "又添了一个 俺姥爷搬过来一块住了 也是": someone new, said to be as the others
    // are, joins the household (with what is known of the one named last).
    const joining = alike.length === 1 && second === alike[0] ? second : undefined;
    if (state.people.length >= 2 && joining && !state.people.some((p) => p.label === joining.label)) {
      // (What is said of the newcomer is theirs: "还有我 三级 也是贫困户" is 三级 whatever the one before is.)
      const own = Object.fromEntries(Object.entries(joining).filter(([, v]) => v !== undefined)) as Partial<Person>;
      const people = [...state.people, { ...state.people.at(-1)!, ...own, label: joining.label }];
      const disabled_in_household = Math.max(people.length, Number(state.facts.disabled_in_household ?? 0) + 1);
      // ("我自己也是三级 我们是贫困户": the household's standing said beside, everyone's.)
      const standing: { poor?: boolean } = HOUSEHOLD_POOR.test(text) ? { poor: true } : {};
      return advance(
        rules,
        {
          ...state,
          people,
          disabledCount: disabled_in_household,
          facts: { ...state.facts, disabled_in_household, ...standing },
          reckon: summing(state.reckon, asked),
        },
        on,
        `好的，记下了：${joining.label}也算上，一共 ${people.length} 个人。\n`,
      );
    }
    // "再加上俺婆婆是贫困老年残疾人": someone new, said in so many words to be disabled (no grade), joins the
    // household with what is said of them.
    const arrivals = more.people.filter((p) => !state.people.some((q) => q.label === p.label));
    if (
      isHousehold(state) &&
      !questioning &&
      named.length === 0 &&
      arrivals.length >= 1 &&
      arrivals.length === more.people.length &&
      arrivals.every((p) => p.certified === true && !isCounted(p) && p.label !== PRONOUN)
    ) {
      const poor = extractFacts(rules, text).facts.poor;
      const people = [...state.people, ...arrivals.map((p) => ({ ...p, ...(p.poor === undefined && typeof poor === "boolean" ? { poor } : {}) }))];
      const disabled_in_household = Math.max(people.length, Number(state.facts.disabled_in_household ?? 0) + arrivals.length);
      return advance(
        rules,
        { ...state, people, disabledCount: disabled_in_household, facts: { ...state.facts, disabled_in_household }, reckon: summing(state.reckon, asked) },
        on,
        `好的，记下了：${arrivals.map((p) => p.label).join("、")}也算上，一共 ${people.length} 个人。\n`,
      );
    }
    if (
      (state.step === "done" || another) &&
      state.people.length === 0 &&
      subject &&
      second &&
      (another || someoneElse || /也|一共|加起来|总共|俩|两个|合计/.test(text))
    ) {
      const first = screenedPerson(subject);
      if (first.label !== second.label) {
        const reckon = summing(state.reckon, asked);
        // Said to be alike: what is known of the first holds for the second too.
        // "俺爹是贫困老年残疾人" ⏎ "俺娘也是，她还是二级": alike in what was said of him, with a grade of her own.
        const inherited: Partial<Person> = {
          ...(first.elderly ? { elderly: true } : {}),
          ...(first.certified ? { certified: true } : {}),
          ...(first.poor !== undefined ? { poor: first.poor } : {}),
        };
        // (Only a relative named and said 也是 at once: "她也是二级" is the same person, "俺是三级 也是贫困户" no likeness.)
        const saidAlike = alike[0]?.label === second.label && second.label !== PRONOUN && /^[^，,。\s]{1,5}也(?:是|一样)/.test(core);
        // (Someone new who receives the allowance for the old is as said, not as the first.)
        const other =
          named.length === 1 ? (saidAlike ? { ...inherited, ...second } : second) : second === receiver ? second : { ...first, label: second.label };
        // "俺爹一级 俺家贫困户": the household's standing, said with the second, is the first one's too.
        const poor = extractFacts(rules, text).facts.poor;
        const people = [poor !== undefined && first.poor === undefined && other.poor === poor ? { ...first, poor } : first, other];
        return advance(
          rules,
          {
            ...state,
            people,
            reckon,
            facts: {
              ...state.facts,
              ...(poor === undefined ? {} : { poor }),
              disabled_in_household: Math.max(2, Number(state.facts.disabled_in_household ?? 0)),
            },
          },
          on,
          "好的，记下了。\n",
        );
      }
    }
    // "俺哥其实不算贫困户": the standing of someone of the household, changed.
    const standing = more.people.filter((p) => p.poor !== undefined && p.grade === undefined && !p.severe && state.people.some((q) => q.label === p.label));
    if (isHousehold(state) && standing.length > 0 && named.length === 0) {
      const people = state.people.map((p) => ({
        ...p,
        ...(standing.find((x) => x.label === p.label) ? { poor: standing.find((x) => x.label === p.label)!.poor } : {}),
      }));
      const said = standing.map((p) => `${p.label}${p.poor ? "是" : "不是"}贫困户`).join("、");
      return advance(rules, { ...state, people }, on, `好的，已改为：${said}。\n`);
    }
    // "一级两个 三级一个" then "不对 三级的是俩 俺弟也是三级": the count of one grade corrected; relatives named
    // with that grade are among those counted.
    const countedNamed = named.filter(isCounted);
    const correctedGrade = countedNamed[0]?.grade;
    if (
      state.people.length > 0 &&
      state.people.every(isCounted) &&
      /不对|说错|记错|搞错|错了|应该是|其实是/.test(text) &&
      correctedGrade !== undefined &&
      // Not "说错了 有一个是二级": some of those counted are of another grade (read below).
      state.people.some((p) => p.grade === correctedGrade) &&
      !/(?:有|其中)(?:一|两|俩|二|1|2)个/.test(text) &&
      countedNamed.every((p) => p.grade === correctedGrade) &&
      named.every((p) => isCounted(p) || p.grade === correctedGrade)
    ) {
      const people = [...state.people.filter((p) => p.grade !== correctedGrade), ...countedNamed].map((p, k) => ({ ...p, label: `第${k + 1}人` }));
      const gradeName = `${"一二三四"[correctedGrade - 1]}级`;
      return advance(
        rules,
        { ...state, people, disabledCount: people.length, facts: { ...state.facts, disabled_in_household: people.length } },
        on,
        `好的，已改为：${gradeName}的是 ${countedNamed.length} 个。\n`,
      );
    }
    // "俺家有俩重度的" ⏎ "哦不对 是三个 俺叔也是": the size of a household counted alike, corrected; those named
    // without anything of their own are among them.
    const recount =
      /(?:不对|說錯|说错|记错|搞错|数错|错了|更正|应该是|其实是|说漏了?|不是\s*(?:\d+|[两三四五六七八九十俩仨])\s*个)[^。？?]*?(?:是|有|共)\s*(?:(\d+|[两三四五六七八九十俩仨])\s*(?:个|口|人)|(俩|仨)(?![\u4e00-\u9fa5]))(?!级)/.exec(
        text,
      );
    const size = recount ? parseNumber((recount[1] ?? recount[2])!) : undefined;
    const kind = state.people[0];
    if (
      size !== undefined &&
      size >= 2 &&
      size !== state.people.length &&
      kind !== undefined &&
      state.people.every((p) => isCounted(p) && p.grade === kind.grade && p.severe === kind.severe && p.elderly === kind.elderly) &&
      more.people.every((p) => p.grade === undefined && !p.severe)
    ) {
      const people = Array.from({ length: size }, (_, k) => ({ ...kind, label: `第${k + 1}人` }));
      return advance(
        rules,
        { ...state, people, disabledCount: size, facts: { ...state.facts, disabled_in_household: size } },
        on,
        `好的，已改为：一共 ${size} 个。\n`,
      );
    }
    // "俺家一级贫困残疾人2个 三级1个" ⏎ "哦不 那个三级的其实是四级": one of a grade said to be of another, the rest
    // as they were.
    // "是三级不是二级", "其实一个是二级", "那个三级的其实是四级": grades of those counted, corrected.
    const regraded = isHousehold(state) ? regradeCounted(state.people, core, more.people) : undefined;
    if (regraded) return advance(rules, { ...state, people: regraded.people }, on, `好的，已改为：${regraded.said}。\n`);
    // A household counted, not named ("一个一级一个三级", "三个三级"), told more of in counts: "又评上一个二级的"
    // adds to it; "说错了 有一个是二级" changes that many of them; a count said again replaces it.
    if (state.people.length > 0 && state.people.every(isCounted) && named.length >= 1 && named.every(isCounted)) {
      // ("俺家一级贫困残疾人俩" ⏎ "三级贫困残疾人一个": people of a grade not counted yet, no correction said, are more.)
      // (Those counted without a grade, "俩重度", are told their grades next, not joined.)
      const otherGrades =
        state.people.every((p) => p.grade !== undefined) &&
        named.every((n) => n.grade !== undefined) &&
        named.every((n) => !state.people.some((p) => p.grade === n.grade && Boolean(p.severe) === Boolean(n.severe))) &&
        // (Nor a count said again: "是二级的俩 俺记岔了", "打错了 是两个二级的", "更正一下", "搞混了".)
        !/不对|错|岔|混|更正|纠正|改成|改为|其实|应该|不是|^(?:哦|噢|嗯|啊)?[，,\s]*是/.test(core);
      const some = /(?:有|其中)(?:一|1|两|2|俩)个/.test(text) && named.length < state.people.length;
      // ("是2个 还有一个是三级": some of those counted said to be of another grade, not more of them.)
      const adds = ADDING.test(core) || /又(?:评上|多了|添了|新评|查出)|新评上|新增/.test(text) || (otherGrades && !some);
      const people = (
        adds
          ? [...state.people, ...named]
          : some
            ? state.people.map((p, k) => (k < named.length ? { ...p, grade: named[k]!.grade, severe: named[k]!.severe } : p))
            : named
      ).map((p, k) => ({ ...p, label: `第${k + 1}人` }));
      const changed = some
        ? `好的，已改为：其中 ${named.length} 个是${named.map((n) => (n.grade ? `${"一二三四"[n.grade - 1]}级` : "重度")).join("、")}。\n`
        : "好的，记下了。\n";
      const disabled_in_household = adds ? Math.max(people.length, Number(state.facts.disabled_in_household ?? 0) + named.length) : people.length;
      // "还有个一级的 都是贫困户": the household's standing said with the people added.
      const poor = extractFacts(rules, text).facts.poor;
      return advance(
        rules,
        {
          ...state,
          people,
          disabledCount: disabled_in_household,
          facts: { ...state.facts, disabled_in_household, ...(typeof poor === "boolean" ? { poor } : {}) },
          unknown: state.unknown.filter((f) => f !== "poor" || poor === undefined),
        },
        on,
        changed,
      );
    }
    // "俺家的老年残疾人补助咋算" ⏎ "俺爹俺娘俩人 都是贫困老年残疾人": people described without grades, answering a
    // screening of one, are the household to screen (with the one screened before, when their grade is known).
    if (state.people.length === 0 && named.length < 2 && !/不对|不是|说错|搞错|记错|改成|改为/.test(text)) {
      const told = readHousehold(text);
      markElderly(told, text);
      // (Said to be disabled: "老两口…加起来" only counts the one screened again.)
      const described = told.people.filter((p) => p.grade !== undefined || p.severe || p.certified === true);
      if (described.length >= 2 && described.length === told.people.length) {
        const before = subject && typeof grade === "number" && !described.some((p) => p.label === subject.label) ? [screenedPerson(subject)] : [];
        const people = [...before, ...described];
        const poor = extractFacts(rules, text).facts.poor;
        const facts = {
          ...state.facts,
          ...(typeof poor === "boolean" ? { poor } : {}),
          disabled_in_household: Math.max(people.length, Number(state.facts.disabled_in_household ?? 0)),
        };
        return advance(rules, { ...state, people, facts, reckon: summing(state.reckon, asked) }, on, "好的，记下了。\n");
      }
    }
    if (named.length >= 2 || (isHousehold(state) && named.length >= 1)) {
      // People counted before stand for those now named, unless the named are added to them ("还有俺 一级").
      // "俺家三口都残疾" ⏎ "俺一级" ⏎ "俺娘二级": counted without grades, they are named one by one; each named
      // takes one's place, and the rest wait to be named.
      const standIns = state.people.filter((p) => isCounted(p) && p.grade === undefined && !p.severe);
      const arriving = named.filter((n) => !state.people.some((p) => p.label === n.label)).length;
      // "俺姑也评了重度 搬过来落户了": someone joining those counted, not one of them.
      const adding = ADDING.test(core) || JOINING.test(text);
      const oneByOne = !adding && standIns.length === state.people.filter(isCounted).length && standIns.length > arriving;
      const replaced = new Set(oneByOne ? standIns.slice(0, arriving) : []);
      // "俺家三个残疾人 都是一级" ⏎ "俺弟不是一级 是三级": one named with the grade said of those counted denied is
      // one of them, told more exactly, not one more.
      const denied = /不是([一二三1-3])级/.exec(core);
      const deniedGrade = denied ? (parseNumber(denied[1]!) ?? undefined) : undefined;
      const sameGrade = state.people.filter((p) => isCounted(p) && p.grade === deniedGrade);
      if (!adding && !oneByOne && named.length === 1 && arriving === 1 && deniedGrade !== undefined && named[0]!.grade !== deniedGrade && sameGrade.length > 0)
        replaced.add(sameGrade.at(-1)!);
      // ("有个二级残疾的娃" ⏎ "娃他爷三级" ⏎ "不对 他爷是一级": one counted with a grade of their own is someone, kept.)
      const kept = state.people.filter(
        (p) =>
          !named.some((n) => n.label === p.label) &&
          !(replaced.has(p) && !oneByOne) &&
          (!isCounted(p) || (p.grade !== undefined && !oneByOne) || adding || (oneByOne && !replaced.has(p))),
      );
      // A person named again keeps their place and what was said of them; the new grade wins.
      const listed = [
        ...state.people
          .filter((p) => kept.includes(p) || named.some((n) => n.label === p.label))
          .map((p) => ({ ...p, ...named.find((n) => n.label === p.label) })),
        ...named.filter((n) => !state.people.some((p) => p.label === n.label)),
      ];
      // (Those still to be named come after those named.)
      const waiting = oneByOne ? listed.filter((p) => isCounted(p) && p.grade === undefined && !p.severe) : [];
      // "俺是二级" ⏎ "俺媳妇三级 俺闺女也三级": the one screened, with their grade, is of the household too.
      const first =
        // (Relatives named, not people counted: "两个一级 一个三级" after "3个" are the household's three.)
        state.people.length === 0 &&
        subject &&
        typeof grade === "number" &&
        named.every((n) => !isCounted(n) && n.label !== subject.label) &&
        Number(state.facts.disabled_in_household ?? state.disabledCount ?? named.length + 1) > named.length &&
        !/不对|不是|说错|搞错|记错/.test(text)
          ? [screenedPerson(subject)]
          : [];
      const people = [...first, ...listed.filter((p) => !waiting.includes(p)), ...waiting];
      const corrected = named.filter(
        (n) => state.people.some((p) => p.label === n.label && p.grade !== undefined && p.grade !== n.grade) || (n.severe === false && n.grade === undefined),
      );
      // "我舅一级，但他单过，不是贫困户": poverty said of one person is theirs, not the household's.
      const poor = more.people.some((p) => p.poor === false) ? undefined : extractFacts(rules, text).facts.poor;
      const facts: DialogueState["facts"] = poor === undefined ? { ...state.facts } : { ...state.facts, poor };
      // ("俺媳妇是重度残疾" ⏎ "不对 俺媳妇是轻度的": the one screened alone, now not severe.)
      if (people.length <= 1 && named.some((n) => n.severe === false) && facts.severe === true) facts.severe = false;
      const said =
        corrected.length > 0
          ? `好的，已改为：${corrected.map((n) => `${n.label}${n.grade ? `${"一二三四"[n.grade - 1]}级` : n.severe === false ? "不是重度" : ""}`).join("、")}。\n`
          : "好的，记下了。\n";
      // "还有俺 一级…全家加起来多少": the sum asked with the people added.
      const reckon = summing(state.reckon, asked);
      return advance(rules, { ...state, people, facts, reckon, unknown: state.unknown.filter((f) => f !== "poor" || poor === undefined) }, on, said);
    }
  }
  // "能领那个特别救助不" beside the answer: the result is about that programme.
  if (signals.focus && signals.focus.length > 0 && state.topic === "benefits") state = { ...state, focus: [...signals.focus] };
  // ("不是三吨 是两吨": a quantity denied, another said, corrects it.)
  const correcting = containsAny(core, words.correction_words) || DENIED_QUANTITY.test(core);
  const cleaned = correcting ? words.correction_words.reduce((t, w) => t.split(w).join(" "), text) : text;
  const extracted = relevantPart(rules, state.topic, extractFacts(rules, cleaned));
  // "一冬烧三吨煤 要花多少" ⏎ "说错了，是两吨": a bare quantity, correcting the one figure of its unit reckoned with.
  const extraction = (Object.keys(extracted.facts).length === 0 && correcting && correctedFigure(rules, state, core)) || extracted;
  // "一共120亩" ⏎ "其中30亩今年收回来了": the land still transferred is what is left.
  const takenBack = /(?:其中|有)?\s*(\d+(?:\.\d+)?|[一两二三四五六七八九十百半]+)\s*亩[^，,。；\d]{0,8}?(?:收回|退回|要回|拿回|不租了|不流转了|不种了)/.exec(
    text,
  );
  const before = typeof state.facts.land_mu === "number" ? state.facts.land_mu : undefined;
  const back = takenBack ? parseNumber(takenBack[1]!) : undefined;
  if (state.topic === "land" && before !== undefined && back !== undefined && back > 0 && back < before) extraction.facts.land_mu = before - back;
  const merged = { ...state.facts, ...(extraction.facts as DialogueState["facts"]) };
  // "隔壁老张家流转了五亩" ⏎ "俺家流转出去一年能挣多少": the neighbour's area is not the villager's; their own is
  // asked for, or taken when said ("俺家三亩").
  const neighbours = state.topic === "land" && typeof state.facts.land_of === "string" ? state.facts.land_of : undefined;
  if (neighbours && OWN_LAND.test(core) && !othersLand(core)) {
    delete merged.land_of;
    delete merged.land_parts;
    if (typeof extraction.facts.land_mu !== "number") {
      delete merged.land_mu;
      return advance(rules, { ...state, facts: merged }, on, `${neighbours}的 ${state.facts.land_mu} 亩是人家的，不是您家的。\n`);
    }
  }
  // "一组压了六吨" ⏎ "二组压了九吨" ⏎ "三组三吨半": each group's straw pressed, told a message each, added up (the
  // words of straw were said with the first only).
  // (Not coal burnt, "一组一年烧八吨煤"; a price per tonne, "煤按1500一吨算", is no quantity of straw.)
  const strawParts = state.topic === "biomass" && state.step === "done" ? holderParts(state.facts.briquette_parts) : [];
  const strawCore = core.replace(/(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:元|块)?\s*(?:一|每|\/)\s*吨/g, " ");
  const coalTold = /烧[^，,。；\s]{0,6}(?:吨|斤)|(?:吨|斤)(?:的)?(?:优质|好)?煤(?!按|价|钱|的价)/.test(strawCore);
  const strawHolder = strawParts.length > 0 && !coalTold ? holderOf(strawCore, "吨") : undefined;
  const strawSaid = strawHolder ? findQuantities(strawCore, ["吨", "斤", "公斤"]) : [];
  if (strawHolder && strawSaid.length === 1 && !strawSaid[0]!.negative) {
    const q = strawSaid[0]!;
    const parts = new Map(strawParts);
    parts.set(strawHolder, Math.round(q.value * WEIGHT_UNITS[q.unit]! * 1000) / 1000);
    const { total, text: briquette_parts } = partsTold(parts, 1000);
    // ("二组压了九吨 煤按1500一吨算": the price said with it counts too.)
    const facts: DialogueState["facts"] = { ...state.facts, briquette_tons: total, briquette_parts };
    if (typeof extraction.facts.coal_price === "number") facts.coal_price = extraction.facts.coal_price;
    return advance(rules, { ...state, facts }, on, "");
  }
  // "一组压了六吨" ⏎ "二组压了九吨" ⏎ "一组一年烧八吨煤 够不够": one group's coal, against that group's own straw;
  // the village's tally is kept for what is asked next.
  const coalOf = coalTold && strawParts.length > 0 ? holderOf(strawCore, "吨") : undefined;
  const ownStraw = coalOf ? new Map(strawParts).get(coalOf) : undefined;
  if (coalOf && ownStraw !== undefined && typeof extraction.facts.coal_tons === "number") {
    const step = advance(
      rules,
      { ...state, facts: { ...state.facts, briquette_tons: ownStraw, briquette_parts: `${coalOf} ${ownStraw}`, coal_tons: extraction.facts.coal_tons } },
      on,
      `按${coalOf}自己压的 ${ownStraw} 吨算：\n`,
    );
    return step.state ? { ...step, state: { ...step.state, facts: state.facts } } : step;
  }
  // "张家三亩" ⏎ "李家两亩" ⏎ "王家五亩": each household's (group's, village's) land told a message each, added up; the
  // same holder told again replaces its own part ("李家不是两亩 是三亩").
  const landParts = holderParts(state.facts.land_parts);
  // ("张家三亩" ⏎ "李家两亩" ⏎ "俺家也两亩": among others' parcels, the villager's own is one more.)
  const ownParcel =
    landParts.length > 0 && /^(?:那)?(?:俺|我|咱)家(?:也|还)?(?:有)?[^，,。；]{0,3}?(?:\d|[一二两三四五六七八九十半])/.test(core) ? "您家" : undefined;
  const holder =
    state.topic === "land" && typeof extraction.facts.land_mu === "number" && !extraction.facts.land_parts ? (holderOf(core) ?? ownParcel) : undefined;
  // "张家那三亩不流转了 剩下的一年多少": a holder's parcel taken back leaves the parts.
  if (state.topic === "land" && takenBack && landParts.length > 0) {
    const backFrom = holderOf(core.replace(/(?:不流转|收回|退回|要回|拿回|不租)[^，,。；]*/, "亩"));
    const parcels = new Map(landParts);
    if (backFrom && parcels.has(backFrom) && back !== undefined) {
      const left = Math.round((parcels.get(backFrom)! - back) * 100) / 100;
      if (left > 0) parcels.set(backFrom, left);
      else parcels.delete(backFrom);
      const { total, text } = partsTold(parcels, 100);
      const land_parts = parcels.size > 0 ? text : undefined;
      return advance(rules, { ...state, facts: { ...merged, land_mu: total, ...(land_parts ? { land_parts } : {}) } }, on, `好的，${backFrom}的不算了：\n`);
    }
  }
  // (An area said of nobody's, after parts were added, replaces the whole: the parts no longer hold.)
  if (state.topic === "land" && !holder && typeof extraction.facts.land_mu === "number" && !extraction.facts.land_parts) delete merged.land_parts;
  if (holder && typeof extraction.facts.land_mu === "number") {
    const parcels = new Map(landParts);
    const total = state.step === "done" && parcels.size > 0 && typeof state.facts.land_mu === "number" ? parcels : new Map<string, number>();
    total.set(holder, extraction.facts.land_mu);
    const told = partsTold(total, 100);
    merged.land_parts = told.text;
    merged.land_mu = told.total;
    if (total.size >= 2) return advance(rules, { ...state, facts: merged }, on, "");
  }
  // "三家庄流转了300亩，一亩一年租金800" ⏎ "岭西流转了250亩，一亩也是800": another parcel at the same rent, added to
  // the first (a correction would say so: "不对 是250亩").
  const moreLand = extraction.facts.land_mu;
  const landBefore = state.facts.land_mu;
  if (
    state.topic === "land" &&
    state.step === "done" &&
    !correcting &&
    /还有|另外|再加|加上/.test(core) &&
    typeof moreLand === "number" &&
    typeof landBefore === "number" &&
    (extraction.facts.rent_per_mu === undefined || extraction.facts.rent_per_mu === state.facts.rent_per_mu)
  ) {
    const total = Math.round((landBefore + moreLand) * 100) / 100;
    return advance(
      rules,
      { ...state, facts: { ...merged, land_mu: total } },
      on,
      `好的，加上这 ${moreLand} 亩：${landBefore} + ${moreLand} = ${total} 亩，一起算：\n`,
    );
  }

  // "俩人呢", "要是三个人呢" after one person's answer: that many people with the same facts, summed.
  // "两口子一年生活救助一共多少" after the wife's answer: the couple, both as she is.
  const times =
    /^(?:那|要是|如果)?(俩|仨|两个|三个|四个|五个|[2-9]个?)人?(?:呢|的话|一共|加起来|总共|合计)/.exec(core) ??
    /^(?:那|要是|如果)?(两口子|老两口)[^，,。？?]{0,10}?(?:一共|加起来|总共|合计)/.exec(core);
  if (state.step === "done" && state.topic === "benefits" && times && state.people.length === 0 && typeof state.facts.disability_grade === "number") {
    const n = /两口/.test(times[1]!) ? 2 : (parseNumber(times[1]!.replace(/个$/, "")) ?? 2);
    const grade = state.facts.disability_grade;
    const people = Array.from({ length: n }, (_, k) => ({ label: `第${k + 1}人`, grade }));
    const named = focusOf(rules, text);
    return advance(
      rules,
      {
        ...state,
        people,
        ...(named.length > 0 ? { focus: named } : {}),
        facts: { ...state.facts, disabled_in_household: Math.max(n, Number(state.facts.disabled_in_household ?? 0)) },
      },
      on,
      `好的，按 ${n} 个人都是${"一二三四"[grade - 1]}级算：\n`,
    );
  }
  // "那我家还能领吗" after an answer about one programme: that programme's answer again, as things now stand.
  if (state.step === "done" && state.focus.length > 0 && STILL_GETS.test(core)) return advance(rules, state, on, "");
  // "还能领什么" after a household's answer about one programme: the same household, every programme.
  if (state.step === "done" && isHousehold(state) && state.focus.length > 0 && MORE_BENEFITS.test(core)) return advance(rules, { ...state, focus: [] }, on, "");
  // "俺娘一年比俺多拿多少" after a household's answer: the two compared, with the difference worked out.
  if (state.step === "done" && isHousehold(state)) {
    const poor = typeof state.facts.poor === "boolean" ? state.facts.poor : undefined;
    const compared = compareMembers(householdLines(rules, { people: state.people, disabledCount: state.disabledCount }, poor, on), state.people, text);
    if (compared) return { state, reply: plain(compared) };
  }
  // "俺家一年特别救助一共多少" after a household's answer: the same household, now about that programme.
  // "爷爷的老年补助一年 加俺爹的救助一年 总共": its people named again by programme, nothing new said of them.
  const namedAgain = readHousehold(text).people;
  const restated =
    namedAgain.length > 0 &&
    namedAgain.every((p) => state.people.some((q) => q.label === p.label)) &&
    extraction.facts.disability_grade === undefined &&
    extraction.facts.poor === undefined &&
    extraction.facts.age === undefined;
  // ("那个贫困老年残疾人补助 俺家一年总共多少": 贫困 and 残疾人 in the programme's name say nothing of anyone.)
  const besideNames = Object.keys(extractFacts(rules, text.replace(PROGRAMME_NAMED, "，")).facts).length === 0;
  if (
    state.step === "done" &&
    isHousehold(state) &&
    signals.focus &&
    signals.focus.length > 0 &&
    (Object.keys(extraction.facts).length === 0 || restated || besideNames)
  )
    return advance(rules, { ...state, reckon: summing(state.reckon, asked) }, on, "");
  // "俺爷俩一年一共能领多少" after a household's answer: the same people, summed.
  // ("老年补助…" ⏎ "俺爷 八十一" ⏎ "俺奶 七十九 也在领" ⏎ "俩人一年一共多少": the two counted are the people of the
  // programme asked about, not every programme they may get.)
  if (state.step === "done" && isHousehold(state) && asked.total && Object.keys(extraction.facts).length === 0) {
    // (Someone with a grade of their own is paid by another programme too: "俺娘是贫困老年残疾人" ⏎ "俺爹一级" ⏎
    // "俩人一年一共" sums both.)
    const countsPeopleOnly =
      state.focus.length > 0 &&
      asked.every &&
      state.people.every((p) => p.grade === undefined && !p.severe) &&
      !readReckoning(text.replace(PEOPLE_COUNTED, "")).every;
    return advance(rules, { ...state, reckon: summing(state.reckon, countsPeopleOnly ? { ...asked, every: undefined } : asked) }, on, "");
  }
  // "俺今年六十七了 也算贫困老年残疾人" ⏎ "两样补助一年一共多少": not only the programme named last, every one
  // the villager can get, added up.
  if (
    state.step === "done" &&
    state.focus.length > 0 &&
    asked.total &&
    SEVERAL_KINDS.test(core) &&
    focusOf(rules, text).length === 0 &&
    Object.keys(extraction.facts).length === 0
  )
    return advance(rules, { ...state, focus: [], reckon: summing(state.reckon, asked) }, on, "");
  // "我家是一户多残" ⏎ "另外我奶奶是贫困老年残疾人" ⏎ "假如都能领 一年一共多少": the programmes asked about, summed.
  if (state.step === "done" && state.focus.length >= 2 && asked.total && Object.keys(extraction.facts).length === 0)
    return advance(rules, { ...state, reckon: summing(state.reckon, asked) }, on, "");
  // "领了7个月了", "三年呢" after the answer: the same figures over that span; "一共该领多少" asks them again.
  // "那就剩我一个 一年多少" after someone left the household: the answer as it now stands.
  // "俺娘自己一个月合多少": the one left, named, asked again; "重新算下" after a correction.
  const bare = core.replace(/^那/, "").replace(/(?:俺|我|咱)?(?:娘|妈|爹|爸|哥|姐|弟|妹|爷|奶|老伴|媳妇)?(?:自己|一个人|自个儿?)/, "");
  const again =
    (AMOUNT_QUESTION.test(core) &&
      (bare.length <= 8 || (/剩下的|剩下那|其余的|剩(?:下)?(?:我|俺|他|她)?(?:一个|一人|自己)/.test(core) && core.length <= 14))) ||
    /^(?:那)?(?:再|重新)(?:给我|帮我|帮忙)?(?:算|说|讲)(?:下|一下|一遍|算)?(?:吧|呗)?$/.test(core);
  // "那一年呢" after a monthly amount: the answer again, which gives each amount a year too.
  // ("不是 俺问的是一年" after a monthly answer: the span asked, put right.)
  const aYear =
    /^那?(?:一年|每年)(?:呢|的呢|多少|合多少|一共多少|一共呢)$/.test(core.replace(/[\s？?。!！]/g, "")) ||
    /^(?:不是|不对)?[，,]?[俺我咱](?:问|说|要)的?是(?:一年|每年|一整年)(?:的|多少|的钱)?$/.test(core.replace(/[\s？?。!！]/g, ""));
  // "按市场价一共得多少" after the coal reckoned: the reckoning again, which says what that coal costs.
  const costAgain =
    state.topic === "biomass" &&
    /市场价|得花|要花|花多少|得多少|一共多少|总共多少/.test(core) &&
    core.length <= 14 &&
    Object.keys(extraction.facts).length === 0;
  if (
    state.step === "done" &&
    (signals.again ||
      costAgain ||
      ((asked.years || again || aYear || (asked.perMonth && core.length <= 7)) && core.length <= 12 && Object.keys(extraction.facts).length === 0) ||
      // "俺家领了三年了 三年总共领了多少": longer, but only the span and the amount asked.
      (asked.years &&
        AMOUNT_QUESTION.test(core) &&
        Object.keys(extraction.facts).length === 0 &&
        readHousehold(text).people.length === 0 &&
        focusOf(rules, text).length === 0))
  )
    return advance(rules, state, on, "");
  // "那一年老年补助多少" after one person's answer: that programme's part of it.
  if (state.step === "done" && signals.focus && signals.focus.length > 0 && Object.keys(extraction.facts).length === 0 && AMOUNT_QUESTION.test(core))
    return advance(rules, state, on, "");
  if (state.step === "done") {
    const found = Object.keys(extraction.facts).length > 0;
    // A bare fact right after the answer ("65岁", "200岁") adds to it or is explained; a longer sentence is new.
    const bare = core.length <= 6;
    if (extraction.invalid.length > 0 && (correcting || bare || state.topic !== "benefits")) return { state, reply: plain(extraction.invalid[0]!.message) };
    // "都是贫困户 一年一共多少" after a household answer that asked just that: it completes the answer.
    // "家里就俺爹一个残疾人" after "能领一户多残不": the fact the answer about that programme was waiting on.
    const fillsGap =
      (state.people.length > 0 || state.focus.length > 0) &&
      Object.keys(extraction.facts).some((k) => state.facts[k as keyof typeof state.facts] === undefined);
    // "要是不是贫困户呢" after the answer: the answer again under that supposition.
    const supposing = /^(?:那)?(?:要是|如果|假如|万一)/.test(core);
    if (!found || (!correcting && !bare && !fillsGap && !supposing && !signals.more && state.topic === "benefits")) return "leave";
    const changed = describeChanges(rules, state.facts, merged);
    if (supposing && changed)
      return advance(rules, { ...state, facts: merged, unknown: state.unknown.filter((f) => !(f in extraction.facts)) }, on, `假设（${changed}）：\n`);
    // "另外我奶奶是贫困老年残疾人" after an answer about 一户多残: that allowance is asked about too.
    const focus = state.focus.length > 0 ? [...new Set([...state.focus, ...focusOf(rules, text)])] : state.focus;
    // "不对 俺家不是贫困户": the household's standing, named for nobody, is everyone's (what was said of one before goes).
    const people =
      extraction.facts.poor !== undefined && readHousehold(text).people.length === 0 ? state.people.map(({ poor: _poor, ...p }) => p) : state.people;
    return advance(
      rules,
      { ...state, focus, people, facts: merged, unknown: state.unknown.filter((f) => !(f in extraction.facts)) },
      on,
      changed ? `好的，${correcting || !fillsGap ? "已改为" : "记下了"}：${changed}。\n` : "好的，按新的数重算：\n",
    );
  }

  // The same person's screening, now about one programme: narrowed, and the pending question asked again.
  if (signals.focus && signals.focus.length > 0 && Object.keys(extraction.facts).length === 0) {
    return advance(rules, { ...state, focus: [...signals.focus], failures: 0 }, on, "");
  }
  // "俺二级的，听说二级跟三级一样都是一年四百？": what the message says of the one screened (二级) outweighs a grade
  // named last only to compare; the pending question's reading takes the last one said.
  const told = state.pending ? extraction.facts[state.pending] : undefined;
  const answer = state.pending ? (told !== undefined ? { kind: "value" as const, value: told } : parseAnswer(rules, state.pending, cleaned)) : undefined;
  // "三级贫困残疾人每年救助标准是多少？" names a grade but asks about the programme in general — unless it
  // answers exactly what was asked ("每亩一年500" after the rent question).
  // A household's answer is being completed: "都是贫困户 一年一共多少" answers and asks for that very sum.
  const answersPending = answer?.kind === "value" && (state.topic !== "benefits" || !QUESTION_MARK.test(text) || state.people.length > 0);
  if (signals.newQuestion && !signals.personal && !correcting && !answersPending) return "leave";
  if (answer?.kind === "invalid") return failed(rules, state, answer.message);
  if (answer?.kind === "value" || answer?.kind === "unknown") {
    const facts = { ...merged };
    const unknown = [...state.unknown];
    if (answer.kind === "value") facts[state.pending!] = answer.value;
    else unknown.push(state.pending!);
    const others = { ...extraction.facts };
    delete others[state.pending!];
    const changed = describeChanges(rules, state.facts, { ...state.facts, ...(others as DialogueState["facts"]) });
    // "…特别救助" ⏎ "残疾证是几级？" ⏎ "俺爹一级": the one screened is whom the answer names (for those named later).
    const named = state.people.length === 0 ? readHousehold(text).people : [];
    const whom =
      named.length === 1 && named[0]!.label !== "您" && !isCounted(named[0]!) && readHousehold(foldText(state.question)).people.length === 0
        ? `${state.question} ${text}`.slice(0, 500)
        : state.question;
    return advance(
      rules,
      { ...state, facts, unknown, failures: 0, question: whom },
      on,
      changed ? `好的，${correcting ? "已改为" : "记下了"}：${changed}。\n` : "",
    );
  }
  const invalid = extraction.invalid[0];
  if (invalid) return failed(rules, state, invalid.message);
  if (Object.keys(extraction.facts).length > 0) {
    const changed = describeChanges(rules, state.facts, merged);
    return advance(
      rules,
      { ...state, facts: merged, failures: 0 },
      on,
      changed ? `好的，${correcting ? "已改为" : "记下了"}：${changed}。\n` : "好的，记下了。\n",
    );
  }
  if (signals.newQuestion) return "leave";
  // "但不想光拿租金", "还能咋参与" while a calculator waits for a number: no number, so no answer to it.
  if (state.topic !== "benefits" && !/\d|[一二两三四五六七八九十百千万半俩仨]/.test(core)) return "leave";
  // "一年下来能有多少" while a fact is pending: what is already certain, then the same question again.
  // "每月能领点啥": the same.
  if (state.topic === "benefits" && (AMOUNT_QUESTION.test(core) || /能领(?:点|些)?(?:啥|什么)|有(?:点|些)?(?:啥|什么)(?:补助|钱)/.test(core))) {
    // "这两样一年一共多少": everything named so far, added up, not only the programme asked about last.
    const asked = readReckoning(text);
    const together = asked.total && /两样|几样|这些|都算上|全算上|加起来/.test(core) && focusOf(rules, text).length === 0;
    const next = together ? { ...state, focus: [], reckon: summing(state.reckon, asked) } : state;
    return advance(rules, { ...next, failures: 0 }, on, "按您已经说的，");
  }
  if (correcting) return { state, reply: plain("哪一项说错了？请直接说正确的，比如“不对，是二级”或“不对，今年70岁”。") };
  return failed(rules, state, "抱歉，我没听明白您的回答。");
}

/** "那个贫困老年残疾人补助", "重度残疾人养老保险代缴": a programme named by its words, which describe nobody. */
const PROGRAMME_NAMED =
  /(?:那个)?(?:贫困|重度)?(?:老年)?残疾人?(?:的)?(?:生活)?(?:特别)?(?:救助|补助|补贴|养老保险|代缴)(?:金|代缴)?|一户多残(?:家庭)?(?:生活)?(?:补助|补贴)?/g;

/** Someone said to have died ("去年走了", "前年没了"), not a leg or a hand lost ("一条腿没了"). */
export const DIED = /去世|过世|不在了|死了|(?<![腿脚手胳膊眼牙耳指])(?:没了|走了)/;

/** "我们是贫困户", "俺家算低保户", "一家贫困户": the household's standing, everyone's in it. */
const HOUSEHOLD_POOR =
  /(?<!不)(?:[俺我咱]们|[俺我咱]家|家里|全家|一家|[俺我咱]哋|阿拉)(?:都)?(?:是|算|系)?[^，,。；不非]{0,3}(?:贫困户|低保户|困难户|建档立卡)/;

/** "有一个不是贫困户", "其中俩不是低保户": some of those told of, not poor. */
// (Not 低保: a household may be poor without it. Not "还有一个不是贫困户的 三级": one more, of a grade.)
const SOME_NOT_POOR =
  /^(?!还有|另外|再|又)[^。？?]{0,6}?(?:有|其中|里头|里面)(?:有)?\s*(一|两|俩|二|三|仨|[1-3])\s*个?(?:人)?(?:不是|非|不算)(?:贫困|建档立卡)(?![^，,。]{0,6}[一二三四1-4]级)/;

/** "两样补助", "几项加起来", "都算上": several programmes, not only the one named last ("加起来" alone may add people). */
const SEVERAL_KINDS = /[两俩几]样|[两几]项|都算上|全算上/;

/** The unit that tells which of a calculation's figures a bare quantity is. */
const UNIT_OF: Record<string, RegExp> = {
  coal_tons: /吨|斤|公斤|千克|kg/,
  briquette_tons: /吨|斤|公斤|千克|kg/,
  land_mu: /亩/,
  rent_per_mu: /元|块/,
  coal_price: /元|块/,
};
const UNIT_FACT: Record<string, string> = { coal_tons: "coal_unit", briquette_tons: "briquette_unit" };

/** "是两吨", "改成5亩", "买了2吨": the figure a correction gives, when exactly one figure reckoned with has its unit. */
/**
 * "不是三吨": the quantity denied, before the one that corrects it ("是两吨"). The unit may be said with the
 * correcting one only ("不是300 是500斤").
 */
const DENIED_QUANTITY =
  /不是\s*(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万半俩仨]+)\s*(?:(?:吨|斤|公斤|千克|kg|亩|元|块)半?(?=[，,\s]*(?:而)?是)|(?=[，,\s]*(?:而)?是\s*(?:\d|[零一二两三四五六七八九十百千万半俩仨])))/;

function correctedFigure(rules: EligibilityRules, state: DialogueState, core: string): Extraction | undefined {
  if (state.topic === "benefits") return undefined;
  // ("是两吨", "改成5亩", "买了2吨": the last quantity said, with its unit.)
  const quantities = [
    ...core.replace(DENIED_QUANTITY, "").matchAll(/(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万半俩仨]+)\s*(?:吨|斤|公斤|千克|kg|亩|元|块)半?/g),
  ];
  // (Two quantities said, "买了2吨，花了2600块": which one corrects what is not guessed.)
  const said = quantities.length === 1 ? quantities[0]![0] : undefined;
  if (!said) return undefined;
  const facts = state.facts as Record<string, unknown>;
  const ids = CALCULATOR_FACTS[state.topic].filter((id) => typeof facts[id] === "number" && UNIT_OF[id]?.test(said));
  if (ids.length !== 1) return undefined;
  const id = ids[0]!;
  const answer = parseAnswer(rules, id, said);
  if (answer?.kind === "invalid") return { facts: {}, invalid: [{ fact: id, message: answer.message }] };
  if (answer?.kind !== "value") return undefined;
  const unit = UNIT_FACT[id] ? Object.keys(WEIGHT_UNITS).find((u) => said.includes(u)) : undefined;
  return { facts: { [id]: answer.value, ...(unit ? { [UNIT_FACT[id]!]: unit } : {}) } as Facts, invalid: [] };
}

/**
 * Said before a household's answer worked out again without those who left: "好的，您母亲不算残疾人，按剩下的
 * 一个人重新算".
 */
const leftSaying = (who: string, why: string, left: number) => `好的，${who}${why}，按剩下的${left === 1 ? "一个人" : ` ${left} 个人`}重新算：\n`;
const notCounted = (who: string, left: number) => leftSaying(who, "不算残疾人", left);
const recounting = (who: string, left: number) => leftSaying(who, "已经不在户上", left);

/** "还能领什么", "我还能领什么补助", "别的呢": the rest of what the household can get. */
const MORE_BENEFITS = /还能领|还有(?:啥|什么|哪些)(?:能领|补助|可以领)|^(?:那)?别的(?:补助)?(?:呢|还有吗)?$/;

/** "那我家还能领吗", "现在还能领不": whether the programme just answered is still theirs. */
const STILL_GETS = /^(?:那|那么)?(?:我家|俺家|我们家|我们|我|俺)?(?:现在)?(?:还)?(?:能|可以)领(?:吗|不|么|不了|没)?$/;

/** Whose land (or straw) a message's quantity is: "张家三亩", "二组压了九吨", "岭西村八亩" (the villager's own 俺家 is nobody else's). */
const HOLDER_SOURCE = String.raw`(?:^|[\s，,。；;])(?:还有|另外|再有|那)?\s*((?:老)?[\u4e00-\u9fff]家|[一二三四五六七八九十\d]+组|[\u4e00-\u9fff]{1,3}(?:村|庄|屯))(?=[^，,。；]{0,4}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s*UNIT)`;
const HOLDERS = { 亩: new RegExp(HOLDER_SOURCE.replace("UNIT", "亩"), "g"), 吨: new RegExp(HOLDER_SOURCE.replace("UNIT", "(?:吨|斤|公斤)"), "g") };
const NOT_A_HOLDER = /^(?:俺|我|咱|自|人|大|国|农|全|一|谁|哪|每|本|老)家$/;

/** "隔壁老张家…五亩", "邻居家流转了十亩": land said of another household than the villager's, and whose it is. */
function othersLand(core: string): string | undefined {
  const m = OTHERS_LAND.exec(core);
  return m ? `${m[1]}${m[2] ?? ""}` : undefined;
}
const OTHERS_LAND =
  /(隔壁|邻居|人家|别人|别家)(?:的|家)?((?:老)?[\u4e00-\u9fff]{1,2}家)?[^，,。；俺我咱]{0,6}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s*亩/;
/** The villager speaking of their own land ("俺家流转出去", "我的地"). */
const OWN_LAND = /(?:俺|我|咱)(?:们)?(?:家|的|自己|自个)|自家/;

function holderOf(core: string, unit: keyof typeof HOLDERS = "亩"): string | undefined {
  // The last one told ("俺们村往外流转土地 张家三亩" read with the question before it).
  const m = [...core.matchAll(HOLDERS[unit])].at(-1);
  return m && !NOT_A_HOLDER.test(m[1]!) ? m[1] : undefined;
}

/** Parts by holder, as stored ("张家 3 + 李家 2") and added up (rounded to 1/`scale`). */
function partsTold(parts: ReadonlyMap<string, number>, scale: number): { total: number; text: string } {
  const total = Math.round([...parts.values()].reduce((a, b) => a + b, 0) * scale) / scale;
  return { total, text: [...parts].map(([who, n]) => `${who} ${n}`).join(" + ") };
}

/** The parts of a total area as stored ("张家 3 + 李家 2"); parts without a holder's name are none. */
function holderParts(parts: unknown): Array<[string, number]> {
  if (typeof parts !== "string") return [];
  const out: Array<[string, number]> = [];
  for (const part of parts.split(" + ")) {
    const m = /^(\S+) (\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return [];
    out.push([m[1]!, Number(m[2])]);
  }
  return out;
}

/** "老两口", "俩老的", "爹娘": the old couple, counted before either is named. */
const OLD_COUPLE = /老两口|俩老|两个老的|二老|爹娘|爸妈|父母|老夫妻/;
/** "她不在俺家户上", "不是俺家户口上的": someone not of the household's registration. */
const OUTSIDE_HOUSEHOLD = /不在(?:俺|我|咱)?(?:家)?(?:的)?(?:户上|户口上|一个户|户口本上)|不是(?:俺|我|咱)家(?:户上|户口上)?的|不算(?:俺|我|咱)家/;
/** "单独一个户口本", "他家不是贫困户", "早分户了": someone of a household of their own. */
/** "他不是跟俺过", "他跟俺哥过", "住在他闺女家": someone living in another household. */
const LIVES_ELSEWHERE =
  /(?:不是|不|没)跟(?:俺|我|咱)(?:们)?(?:一起|一块)?过|跟(?:俺|我|咱)?[\u4e00-\u9fa5]{1,3}(?:一起|一块)?过(?!年|日子好)|(?:住|过)在[\u4e00-\u9fa5]{1,4}家/;
const SEPARATE_HOUSEHOLD =
  /单独(?:一个)?(?:户口本|户口|立户|一户|过)|不在(?:一个|俺家|我家)?户口本|分户|分家|另一户|自己一户|[他她]家(?:不是|是)?(?:贫困户|低保)/;
