// Understanding villagers' words: facts in a free sentence, an answer to the question just asked, the topic. Pure.
// Text is expected folded (Simplified, lower case: foldText) before it gets here.
import type { EligibilityRules } from "./load.ts";
import type { Facts } from "./evaluate.ts";
import type { Fact, FactValue } from "./schema.ts";
import { findQuantities, parseBareNumber, parseNumber, WEIGHT_UNITS } from "./numbers.ts";

export type Answer = { kind: "value"; value: FactValue } | { kind: "unknown" } | { kind: "invalid"; message: string };
export interface Extraction {
  facts: Facts;
  invalid: Array<{ fact: string; message: string }>;
  /** Figures of the seed's the villager checked and got wrong ("优质煤1630一吨对吧"): said before anything is computed. */
  corrected?: string[];
}
export type Topic = "benefits" | "land" | "biomass" | "outside";

export function containsAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(w));
}

// A dot between digits is a decimal point ("5.5亩"), anywhere else punctuation.
const PUNCTUATION = /[\s。!！?？,，、~～…；;：:"“”'‘’]+|\.(?!\d)/g;
const PARTICLES = /[的啊呀吧哈嘛了呢哦噢]+$/;

function strip(text: string): string {
  return text.replace(PUNCTUATION, "");
}

/** "是" / "没有的" / "嗯嗯": the whole reply is one of the words, maybe with a particle. */
function isExactly(text: string, words: readonly string[]): boolean {
  const core = strip(text).replace(PARTICLES, "");
  return core.length > 0 && words.includes(core);
}

export function isUnknownAnswer(rules: EligibilityRules, text: string): boolean {
  const core = strip(text);
  return core.length <= 8 && containsAny(core, rules.words.unknown_words);
}

function lastMatch(text: string, words: readonly string[]): number {
  let best = -1;
  for (const w of words)
    for (let at = text.lastIndexOf(w); at >= 0; at = at > 0 ? text.lastIndexOf(w, at - 1) : -1)
      if (!inRange(text, at)) {
        best = Math.max(best, at);
        break;
      }
  return best;
}

/** "一二级", "一、二级", "一到三级": the end of a range of grades names a group, not a person's grade. */
export function inRange(text: string, at: number): boolean {
  return /[一二三四1-4][、到至]?$/.test(text.slice(Math.max(0, at - 2), at));
}

function choiceFrom(fact: Extract<Fact, { type: "choice" }>, text: string): FactValue | undefined {
  let found: { value: FactValue; at: number } | undefined;
  for (const option of fact.options) {
    const at = lastMatch(text, option.words);
    if (at >= 0 && (!found || at > found.at)) found = { value: option.value, at };
  }
  return found?.value;
}

/** "不算贫困", "家里并不困难", "没有低保": a yes-word right after a negation says no. */
const NEGATED = /(?:不|没|没有|并不|并非|不算|算不上|不是|非|未)\s*(?:算|是|属于|属|太|很|那么)?\s*$/;
/** "俺妈没残疾 俺也没有 贫困户": 也没有 echoing a 没残疾 said just before closes that clause; it denies nothing after it. */
const ECHOED_DENIAL = /(?:没|不)(?:有)?残疾[^。；;]{0,8}?[俺我咱他她]也没有?\s+$/;

function booleanFrom(fact: Extract<Fact, { type: "boolean" }>, text: string): boolean | undefined {
  // Negative phrases first: "没低保" contains "低保"; "不是贫困户…那个贫困残疾人生活特别救助" names a programme.
  // Unless corrected after: "不是贫困户 … 搞错了 俺家是建档立卡贫困户" (a question read with its correction).
  const lastDenied = Math.max(...fact.no_words.map((w) => text.lastIndexOf(w)));
  if (lastDenied >= 0) {
    const after = text.slice(lastDenied);
    const corrected = CORRECTED_AFTER.exec(after);
    const rest = corrected ? after.slice(corrected.index) : "";
    if (!corrected || containsAny(rest, fact.no_words) || !fact.yes_words.some((w) => rest.includes(w))) return false;
    return booleanFrom(fact, rest);
  }
  let said: boolean | undefined;
  for (const word of fact.yes_words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (NEGATED.test(text.slice(Math.max(0, at - 4), at)) && !ECHOED_DENIAL.test(text.slice(0, at))) return false;
      // "俺家低保没评上", "家里低保申请了还没批": not granted (yet), which says neither yes nor no.
      if (PENDING_AFTER.test(text.slice(at + word.length))) continue;
      said = true;
    }
  }
  return said;
}

/** What follows a standing asked for and not (yet) granted: "没评上", "申请了还没批". */
const PENDING_AFTER = /^[^，,。；\s]{0,4}?(?:还)?(?:没|未|没有)(?:评上|批|批下来|下来|办下来|通过|吃上|给)/;

/** A correction said after a fact was denied. */
const CORRECTED_AFTER = /搞错|说错|弄错|记错|不对|其实|应该是|更正|纠正/;

function checkNumber(fact: Extract<Fact, { type: "number" }>, value: number, negative: boolean): Answer {
  if (negative || value < fact.min || value > fact.max || (fact.integer && !Number.isInteger(value))) {
    return { kind: "invalid", message: `${fact.range_message}，请再说一次。${fact.hint}` };
  }
  return { kind: "value", value };
}

function numberFrom(fact: Extract<Fact, { type: "number" }>, text: string): Answer | undefined {
  for (const { word, value } of fact.words) if (text.includes(word)) return { kind: "value", value };
  // "领到现在一年半了": the 半 of a span, not an age said with 了.
  // ("那就是5040了": a number said with 了 that no age could be is some sum, not an age out of range.)
  const found = findQuantities(text, fact.units).filter(
    (q) =>
      !(q.unit === "了" && (/[年月天]$/.test(text.slice(0, q.index)) || q.value > fact.max || /就是$|是$/.test(text.slice(0, q.index)))) &&
      // "家里不止一个残疾人": more than the number said, which is no count of them.
      !/(?:不止|不只|不光|不仅|不单|超过|多于)$/.test(text.slice(0, q.index)),
  )[0];
  if (found) return checkNumber(fact, found.value, found.negative);
  for (const prefix of fact.prefixes) {
    const at = text.indexOf(prefix);
    if (at < 0) continue;
    // "今年三月", "今年一月到六月": a month or a day after 今年 is a date, not an age.
    const after =
      // ("今年一共能领多少", "今年一直没领": 一 of a word, not a number.)
      /^(?:是|有)?([-−－负])?([零〇一二两三四五六七八九十百\d]+)(?![零〇一二两三四五六七八九十百\d]|\s*(?:月|号|日|天|个月|年|块|元|万|斤|亩)|共|直|起|样|块儿|下|些|点|般|定|次|户)/.exec(
        text.slice(at + prefix.length),
      );
    const value = after ? parseNumber(after[2]!) : undefined;
    if (value !== undefined) return checkNumber(fact, value, Boolean(after![1]));
  }
  return undefined;
}

/** Other people's clauses: 人家, 别人, 隔壁, 邻居 … up to the next pause. */
const OTHERS = /(?:(?<![疾困难残户])人家|别人家?|别家|隔壁(?:家|的)?|邻居(?:家)?|邻家)[^，,。；;！!？?\s]*/g;

/**
 * "俺三级才给四百 人家一二级给八百", "隔壁家给800": what others are given says nothing of the villager's own
 * household, so such a clause is blanked, every other position kept. "俺邻居是三级残疾 能领多少" asks for the
 * neighbour (no amount given in the clause) and is kept; a 困难残疾人家 is a household, not 人家.
 */
export function blankOthers(text: string): string {
  // ("俺家四亩地 人家给一亩一千": 人家 beside a rate per mu is the party renting the land, paying the villager.)
  // (Unless the villager's own rate is said beside it: "人家一亩给一千 俺家只给九百" compares with other villagers.)
  const ownRate = /(?:俺|我|咱)家[^，,。；\s]{0,3}(?:只|才|就)?(?:给|是|拿|收)/.test(text);
  const blanked = text.replace(OTHERS, (m) => (/给|领|拿|发|得/.test(m) && (ownRate || !/^人家.*亩/.test(m)) ? "，".repeat(m.length) : m));
  // "听说三级的一年800 俺家俩三级": the rule as heard is nobody's grade, when the household's own are said beside it.
  return HEARSAY.test(blanked)
    ? blanked.replace(HEARSAY_ALL, (m, at: number) => (/[一二三四1-4]级/.test(blanked.slice(0, at) + blanked.slice(at + m.length)) ? "，".repeat(m.length) : m))
    : blanked;
}

const HEARSAY_SOURCE = "(?:听说|听人说|人家说|都说|说是)[一二三四1-4]级的?[^，,。；;！!？?\\s]*?(?:\\d+|[一二三四五六七八九十百千两]+)\\s*(?:元|块)?";
const HEARSAY = new RegExp(HEARSAY_SOURCE);
const HEARSAY_ALL = new RegExp(HEARSAY_SOURCE, "g");

/** "俺娘贫困老年残疾", "俺爹是个老年残疾人": one of the family, named, then described as old and disabled. */
const DESCRIBED_ELDERLY =
  /(?:[俺我咱](?:家)?(?:的)?)(?:爹|娘|爸|妈|老爹|老娘|爷爷?|奶奶?|姥姥|姥爷|外公|外婆|老伴|公公|婆婆|岳父|岳母|丈人|丈母娘|老头|老太)(?:也)?(?:是)?(?:个)?(?:贫困)?老年残疾(?!人?\s*(?:不|吗|么|嘛|没|啊[？?]))/;

/** Every fact a sentence states: "我三级残疾，家里困难，今年68了" → grade 3, poor, age 68. */
export function extractFacts(rules: EligibilityRules, said: string): Extraction {
  // "俺爹是四级 不是二级": a grade denied is nobody's (blanked, every other position kept).
  const text = blankOthers(said).replace(/(?:不是|不算|并非)[一二三四1-4]级/g, (m) => "，".repeat(m.length));
  const facts: Facts = {};
  const invalid: Extraction["invalid"] = [];
  for (const fact of rules.facts) {
    if (fact.type === "choice") {
      const value = choiceFrom(fact, text);
      if (value !== undefined) facts[fact.id] = value;
    } else if (fact.type === "boolean") {
      const value = booleanFrom(fact, text);
      if (value !== undefined) facts[fact.id] = value;
    } else {
      const answer = numberFrom(fact, text);
      if (answer?.kind === "value") facts[fact.id] = answer.value;
      if (answer?.kind === "invalid") invalid.push({ fact: fact.id, message: answer.message });
    }
  }
  // "俺娘贫困老年残疾 补助金半年多少": someone named right before 老年残疾 is described by it, not asking about the
  // programme of that name only (老年 alone is never taken for a person's age).
  if (facts.elderly === undefined && DESCRIBED_ELDERLY.test(text)) {
    facts.elderly = true;
    facts.certified ??= true;
  }
  const corrected: string[] = [];
  extractCalculatorFacts(rules, text, facts, invalid, corrected);
  return corrected.length > 0 ? { facts, invalid, corrected } : { facts, invalid };
}

/** The reply to the question just asked: "三级" / "3" / "是" / "没有" / "65" / "不知道". */
export function parseAnswer(rules: EligibilityRules, factId: string, text: string): Answer | undefined {
  if (isUnknownAnswer(rules, text)) return { kind: "unknown" };
  const fact = rules.factById.get(factId);
  if (!fact) return parseCalculatorAnswer(rules, factId, text);
  const core = strip(text);
  if (fact.type === "choice") {
    const value = choiceFrom(fact, core);
    if (value !== undefined) return { kind: "value", value };
    const bare = parseBareNumber(core) ?? (/^[一二两三四五六七八九1-9]$/.test(core) ? { value: parseNumber(core) ?? NaN, negative: false } : undefined);
    if (bare) {
      const option = fact.options.find((o) => o.value === bare.value);
      if (option && !bare.negative) return { kind: "value", value: option.value };
      const numeric = fact.options.filter((o) => typeof o.value === "number").map((o) => o.label);
      return { kind: "invalid", message: `只能是${numeric.join("、")}中的一个，请再说一次。${fact.hint}` };
    }
    const none = fact.options.find((o) => o.value === "none");
    if (none && isExactly(text, rules.words.no_words)) return { kind: "value", value: none.value };
    return undefined;
  }
  if (fact.type === "boolean") {
    const value = booleanFrom(fact, core);
    if (value !== undefined) return { kind: "value", value };
    if (isExactly(text, rules.words.no_words)) return { kind: "value", value: false };
    if (isExactly(text, rules.words.yes_words)) return { kind: "value", value: true };
    return undefined;
  }
  const word = numberFrom(fact, core);
  if (word) return word;
  const bare = parseBareNumber(core);
  if (bare) return checkNumber(fact, bare.value, bare.negative);
  return undefined;
}

// ---- calculator facts ---------------------------------------------------------------------

// (一共, 一起, 一下 are words, never the amount 1: "一年租金一共多少".)
const AMOUNT = String.raw`([-−－负])?\s*(?!一共|一起|一下|一块儿)(\d+(?:\.\d+)?(?:万|千|百)?|[零一二两三四五六七八九十百千万点]+)`;
const MONEY = String.raw`${AMOUNT}\s*(?:元|块钱|块)`;
// After 每亩/租金 the unit may be left out ("每亩八百"); before 一亩 it is needed ("两千块一亩").
// "每亩一年租金450": 一年 and 租金 are units and labels between 每亩 and the value, never the value itself;
// a number followed by 年/亩/月 ("一年", "一亩") is a unit too, so the value must not be followed by one.
const RENT_LABELS = String.raw`(?:地|是|都|也|都是|也是|有|给|能给|一年|每年|年|的|租金|租子|地租|租费|流转费|大概|差不多|能|可以|收|拿|按|算)*`;
// 租金 alone ("租金一年0.2万") is the whole rent, not a rent per mu: only a 亩 word makes it per mu.
const RENT_PATTERNS = [
  new RegExp(String.raw`(?:每亩|一亩|1亩|亩租金?)${RENT_LABELS}${AMOUNT}(?![年亩月天个万千百\d])\s*(?:元|块钱|块)?`),
  new RegExp(String.raw`${MONEY}(?:钱)?(?:一亩|每亩|1亩)`),
];
/** "租金一年0.2万", "地租一年一万二": the whole rent for a year, when no per-mu figure is given. */
const RENT_TOTAL_PATTERN = new RegExp(
  String.raw`(?:地租|租金|租子|流转费)(?:一共|总共)?(?:一年|每年|年)(?:是|有|能有|给|一共|总共)*${AMOUNT}(?![年亩月天个])\s*(?:元|块钱|块)?|(?:一年|每年)(?:的)?(?:地租|租金|租子)(?:一共|总共)?(?:是|有)?${AMOUNT}(?![年亩月天个])`,
);
const COUNT = String.raw`(\d+|[一两二三四五六七八九十百]+)`;
const AREA = String.raw`(\d+(?:\.\d+)?|[一两二三四五六七八九十百半]+)`;
/** "二十户 每户三亩", "每户三亩地 一共二十户": households, and the area each has. */
const HOUSEHOLDS_EACH_MU = new RegExp(
  String.raw`${COUNT}\s*户[^，,。；\d]{0,6}?[，,\s]?\s*(?:每户|一户|户均|各户)(?:都|有|是|大概|差不多|平均)*\s*${AREA}\s*亩(半)?|(?:每户|一户|户均|各户)(?:都|有|是|大概|差不多|平均)*\s*${AREA}\s*亩(半)?[^，,。；\d]{0,6}?[，,\s]?[^，,。；\d]{0,4}?${COUNT}\s*户`,
);
/** "能顶多少公斤好煤": the unit a weight is asked in (千克 said as 公斤). */
export function askedWeightUnit(text: string): string | undefined {
  const unit = /(?:多少|几)\s*(公斤|千克|斤|吨)/.exec(text)?.[1];
  return unit === "千克" ? "公斤" : unit;
}
const DAILY_WAGE = /(?:一天|每天|一日|日工资|一个工)(?:能|给|挣|是|有|的工钱|工钱)?\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)\s*(?:元|块钱|块)?/;
const WORK_DAYS = /(?:干|做|上|出工|干活)\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:个)?天/;
const LABOUR_PATTERN =
  /(?:干活|打工|务工|上班|做工)[^，,。；]{0,4}?(?:一年|每年)(?:能)?(?:挣|赚|拿|有|收入)\s*(\d+(?:\.\d+)?(?:万|千)?|[零一二两三四五六七八九十百千万点]+)\s*(?:元|块钱|块)?/;
/** Straw asked of as fuel: the coal it would stand for, or the money it would save. */
const STRAW_TO_PRESS = /(?:顶|抵|换|相当于|当)[^，,。？?]{0,4}(?:多少|几)[^，,。？?]{0,3}煤|省(?:多少|几|下)[^，,。？?]{0,3}(?:钱|煤)?|值(?:多少|几)/;
/** "压了5吨秸秆块", "3吨生物质压块", "六百公斤压块": briquettes the villager has, to be turned into coal. */
const BRIQUETTE_WORDS = /压块|秸秆块|燃料块|成型燃料|生物质燃料|压成的块|块子/;
// "1360一吨" gives the price without a money unit: 一吨 after a number is the unit of the price.
const PRICE_PATTERNS = [
  new RegExp(String.raw`(?:每吨|一吨|1吨|吨煤|煤价|煤)(?:是|要|卖|得)*${MONEY}`),
  new RegExp(String.raw`${AMOUNT}\s*(?:元|块钱|块)?(?:钱)?(?:一吨|每吨|1吨)`),
];

/**
 * "一吨"/"一公斤" right after a number, or right before 多少/值/合, is a unit ("1360一吨", "合一公斤多少钱"),
 * and "1.2公斤压块顶1公斤煤" restates the conversion: neither is the villager's quantity.
 */
function isUnitOrConversion(text: string, q: { value: number; index: number; unit: string }, matched: string): boolean {
  const after = text.slice(q.index + matched.length, q.index + matched.length + 8);
  // "1.2公斤压块顶1公斤煤" restates the conversion (a number follows); "3吨压块相当于多少吨煤" asks with it.
  if (/^(?:秸秆|生物质|优质)?(?:压块|燃料块|成型燃料|燃料|煤)?(?:顶|相当于|等于|能顶|换)\s*[\d一二两半]/.test(after)) return true;
  if (q.value !== 1) return false;
  return /[\d零一二两三四五六七八九十百千万块元钱]$/.test(text.slice(0, q.index)) || /^(?:多少|值|合|能顶|的价|要多少)/.test(after);
}

/** "一块二亩", "两块地": plots of land counted. */
const PLOTS = /(?<![\d零一二两三四五六七八九十百千])[一两二三四五几]块(?=\s*(?:地|[\d一二两三四五六七八九十半]+\s*亩))/g;

function moneyFrom(patterns: readonly RegExp[], text: string): { value: number; negative: boolean; at: number; end: number } | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    const value = parseNumber(m[2]!);
    if (value !== undefined) return { value, negative: Boolean(m[1]), at: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/**
 * "市场上优质煤1630一吨对吧", "听说煤价是1630": a figure the villager checks against what they heard, not their own
 * price. One that differs from the seed's is corrected before anything is computed, never computed with.
 */
const CHECKED_AFTER = /^[^，,。；]{0,3}?(?:对吧|是吧|对不对|没错吧|对吗|是吗|没错吗)(?=[\s，,。？?！!吧呢]|$)/;
const CHECKED_BEFORE = /(?:市场上|市场价|市面上|听说|听人说|资料上|原文)[^，,。；]{0,8}$/;

function checksSeedFigure(text: string, found: { at: number; end: number }): boolean {
  return CHECKED_AFTER.test(text.slice(found.end)) || CHECKED_BEFORE.test(text.slice(0, found.at));
}

function extractCalculatorFacts(rules: EligibilityRules, text: string, facts: Facts, invalid: Extraction["invalid"], corrected: string[]): void {
  const land = rules.calculators.land_transfer;
  const bio = rules.calculators.biomass;
  // "一块二亩 一块一亩半": a plot counted (一块地), never a rent of 1 元 (blanked, every position kept).
  const unplotted = text.replace(PLOTS, (m) => "，".repeat(m.length));
  const rent = moneyFrom(RENT_PATTERNS, unplotted);
  if (rent) {
    const answer =
      rent.value < land.min_rent_per_mu && !rent.negative
        ? implausibleRent(rent.value)
        : checkMoney(rent, land.max_rent_per_mu, "每亩租金", "照流转合同上写的说“每亩多少元”");
    if (answer.kind === "value") facts.rent_per_mu = answer.value;
    else if (answer.kind === "invalid") invalid.push({ fact: "rent_per_mu", message: answer.message });
  }
  // "一亩租金600，今年一共收了4800": the year's total beside the rate per mu (the area is what is asked).
  if (rent) {
    const received = /(?:一共|总共|共|合计)(?:收|拿|得|领)(?:了|到)?\s*(\d+(?:\.\d+)?(?:万)?|[一二两三四五六七八九十百千万]+)\s*(?:元|块)?/.exec(text);
    const value = received ? parseNumber(received[1]!) : undefined;
    if (value !== undefined && value > 0 && value <= land.max_rent_per_mu * land.max_mu) facts.rent_total = value;
  }
  if (!rent) {
    const total = RENT_TOTAL_PATTERN.exec(text);
    const value = total ? parseNumber(total[2] ?? total[4]!) : undefined;
    if (value !== undefined && value > 0 && value <= land.max_rent_per_mu * land.max_mu) facts.rent_total = value;
  }
  // "一人一天一百二，一年干九十天，俩人": a day's wage, the days worked and how many work.
  const daily = DAILY_WAGE.exec(text);
  const wagePerDay = daily ? parseNumber(daily[1]!) : undefined;
  const days = WORK_DAYS.exec(text);
  const dayCount = days ? parseNumber(days[1]!) : undefined;
  if (wagePerDay !== undefined && wagePerDay > 0 && wagePerDay <= 5000) facts.daily_wage = wagePerDay;
  if (dayCount !== undefined && dayCount > 0 && dayCount <= 366) facts.work_days = dayCount;
  const workers = /俩人|两口子|两个人|两人|夫妻俩|老两口/.test(text) ? 2 : /(三|四|五|3|4|5)个人/.exec(text)?.[1];
  if (workers !== undefined && facts.daily_wage !== undefined) facts.workers = typeof workers === "number" ? workers : (parseNumber(workers) ?? 1);
  // "俺还在基地干活一年挣12000": wages the villager earns besides the rent.
  const labour = LABOUR_PATTERN.exec(text);
  const wage = labour ? parseNumber(labour[1]!) : undefined;
  if (wage !== undefined && wage > 0) facts.labour_year = wage;
  const withoutRent = [...RENT_PATTERNS, RENT_TOTAL_PATTERN, LABOUR_PATTERN].reduce((t, p) => t.replace(p, " "), unplotted);
  // "一亩能给多少" asks the rent per mu; it does not say the household has one mu.
  // "一亩地补偿多少", "一亩能给多少": 一亩 is the unit of the price asked about, not the household's land —
  // unless the villager says so ("俺家就一亩地").
  const areas = findQuantities(withoutRent, ["亩"]).filter(
    (q) => !(q.value === 1 && /一|1/.test(withoutRent[q.index] ?? "") && !/(?:就|只有|只|才|有)\s*$/.test(withoutRent.slice(0, q.index))),
  );
  // "地一共六亩，流转出去四亩": the area that is transferred is the one the question is about.
  const transferred = areas.filter((q) => /(?:流转|租|包|转)[^，,。；\d]{0,3}$/.test(withoutRent.slice(Math.max(0, q.index - 6), q.index)));
  const distinct = new Set(areas.map((q) => q.value));
  // "一共120亩，其中30亩今年收回来了，剩下的…": the rest is what is still transferred.
  const back = areas.find((q) =>
    /^\s*亩?[^，,。；\d]{0,6}?(?:收回|退回|要回|拿回|不租了|不流转了|不种了)/.test(
      withoutRent.slice(q.index).replace(/^[\d.一二三四五六七八九十百千万两半]+/, ""),
    ),
  );
  const whole = back ? areas.find((q) => q !== back && q.value > back.value) : undefined;
  const rest = back && whole ? { ...whole, value: whole.value - back.value } : undefined;
  // "三家庄流转了300亩…岭西流转了250亩…两个村一年租金一共多少": parcels transferred, each said, added up when the
  // whole is asked.
  // ("两块地 ⏎ 一块二亩 一块一亩半": plots, each said, are parcels too.)
  const plots = areas.filter((q) => /[一两二三四五几]块\s*(?:地)?\s*$/.test(text.slice(Math.max(0, q.index - 4), q.index)));
  const parcels =
    transferred.length >= 2 && !back && /一共|总共|合计|加起来|加一起|[两俩三四几]个村|各村/.test(text) ? transferred : plots.length >= 2 && !back ? plots : [];
  if (parcels.length >= 2) {
    const total = parcels.reduce((sum, q) => sum + q.value, 0);
    const answer = checkMu(
      land.max_mu,
      total,
      parcels.some((q) => q.negative),
    );
    if (answer.kind === "value") {
      facts.land_mu = answer.value;
      facts.land_parts = parcels.map((q) => String(q.value)).join(" + ");
    } else if (answer.kind === "invalid") invalid.push({ fact: "land_mu", message: answer.message });
  }
  // "俺们组二十户 每户三亩": the households times each one's area, the formula shown.
  const perHousehold = HOUSEHOLDS_EACH_MU.exec(withoutRent);
  // (Groups: households, area, 半 — or area, 半, households. "每户两亩半": half a mu more.)
  const households = perHousehold ? parseNumber((perHousehold[1] ?? perHousehold[6])!) : undefined;
  const eachWhole = perHousehold ? parseNumber((perHousehold[2] ?? perHousehold[4])!) : undefined;
  const each = eachWhole !== undefined && (perHousehold![3] ?? perHousehold![5]) ? eachWhole + 0.5 : eachWhole;
  if (households !== undefined && each !== undefined && households > 1 && parcels.length < 2) {
    const answer = checkMu(land.max_mu, households * each, false);
    if (answer.kind === "value") {
      facts.land_mu = answer.value;
      facts.land_parts = `${households} 户 × 每户 ${each}`;
    } else if (answer.kind === "invalid") invalid.push({ fact: "land_mu", message: answer.message });
  }
  const mu = parcels.length >= 2 || facts.land_parts ? undefined : (rest ?? transferred[0] ?? (distinct.size <= 1 ? areas[0] : undefined));
  if (!mu && distinct.size > 1 && parcels.length < 2 && !facts.land_parts) {
    invalid.push({ fact: "land_mu", message: `您说了 ${[...distinct].join(" 亩和 ")} 亩，流转出去的是多少亩？我先不算，免得算错。` });
  }
  if (mu) {
    const answer = checkMu(land.max_mu, mu.value, mu.negative);
    if (answer.kind === "value") facts.land_mu = answer.value;
    else if (answer.kind === "invalid") invalid.push({ fact: "land_mu", message: answer.message });
  }
  const price = moneyFrom(PRICE_PATTERNS, text);
  const seedPrice = bio.coal_price_per_ton.value;
  if (price && !price.negative && checksSeedFigure(text, price)) {
    if (price.value !== seedPrice) corrected.push(`不对：原文写的优质煤市场价是每吨 ${seedPrice} 元，不是 ${price.value} 元。（来源：${bio.source.section}）`);
  } else if (price) {
    const answer = checkMoney(price, bio.max_coal_price, "煤价", "比如“每吨1360元”");
    if (answer.kind === "value") facts.coal_price = answer.value;
    else if (answer.kind === "invalid") invalid.push({ fact: "coal_price", message: answer.message });
  }
  // "压了四吨秸秆块，平常一冬烧三吨煤": both weights are the villager's, the coal one to compare against.
  let briquetteAt = -1;
  if (BRIQUETTE_WORDS.test(text)) {
    const withoutPrice = PRICE_PATTERNS.reduce((t, p) => t.replace(p, " "), text);
    const weight = findQuantities(withoutPrice, Object.keys(WEIGHT_UNITS)).find((q) => {
      const end = q.end;
      // The weight must be of the briquettes themselves ("5吨秸秆块"), not of coal said nearby ("3吨煤，改烧压块").
      // "1.2公斤生物质燃料相当于多少煤" asks about the seed's own ratio, not about the villager's briquettes.
      const ratio = /公斤|千克|kg/.test(q.unit) && (q.value === bio.briquette_per_coal.min || q.value === bio.briquette_per_coal.max);
      // The briquettes are named right after the weight ("5吨秸秆块") or just before it ("压成的块子有七百八十斤").
      const named =
        /^(?:的)?(?:秸秆|生物质)?(?:压块|秸秆块|燃料块|成型燃料|生物质燃料|燃料|块子|块(?!钱))/.test(withoutPrice.slice(end)) ||
        // ("燃料块 俺家有六百斤": who has them may come between.)
        /(?:压块|秸秆块|燃料块|块子|压成块|压成了块|压成|压了|压出了?)(?:\s*(?:[俺我咱]家|家里))?(?:有|是|共|一共|总共|足有)?$/.test(
          withoutPrice.slice(Math.max(0, q.index - 10), q.index),
        );
      return !ratio && named && !isUnitOrConversion(withoutPrice, q, withoutPrice.slice(q.index, end));
    });
    if (weight && !weight.negative && weight.value > 0) {
      briquetteAt = weight.index;
      facts.briquette_tons = Math.round(weight.value * WEIGHT_UNITS[weight.unit]! * 1000) / 1000;
      // The answer speaks in the villager's unit: 斤 in, 斤 out.
      facts.briquette_unit = weight.unit;
    }
  }
  // "能顶多少公斤好煤": the unit the coal is asked in, whatever the briquettes were weighed in.
  const askedUnit = askedWeightUnit(text);
  if (askedUnit) facts.asked_weight_unit = askedUnit;
  // "3吨秸秆 压成块能顶多少煤", "两千斤秸秆能省多少钱": the straw to be pressed, weighed before pressing.
  if (facts.briquette_tons === undefined && text.includes("秸秆") && STRAW_TO_PRESS.test(text)) {
    const withoutPrice = PRICE_PATTERNS.reduce((t, p) => t.replace(p, " "), text);
    const straw = findQuantities(withoutPrice, Object.keys(WEIGHT_UNITS)).find(
      (q) => /^(?:的)?(?:干)?秸秆(?!块)/.test(withoutPrice.slice(q.end)) && !isUnitOrConversion(withoutPrice, q, withoutPrice.slice(q.index, q.end)),
    );
    if (straw && !straw.negative && straw.value > 0) {
      briquetteAt = straw.index;
      facts.briquette_tons = Math.round(straw.value * WEIGHT_UNITS[straw.unit]! * 1000) / 1000;
      facts.briquette_unit = straw.unit;
      facts.briquette_from_straw = true;
    }
  }
  if (text.includes("煤")) {
    const withoutPrice = PRICE_PATTERNS.reduce((t, p) => t.replace(p, " "), text);
    const priceOnly = /多少钱|多钱|值多少|市场价|价钱|照.{0,3}价|得花|要花|花多少/.test(text) && !/压块|秸秆|燃料|块子|省|改烧|顶|换/.test(text);
    // Coal the household burns or buys: "3吨煤", "烧3吨", "买半吨" — not any weight in a sentence about coal.
    const weight = findQuantities(withoutPrice, Object.keys(WEIGHT_UNITS)).find((q) => {
      const matched = withoutPrice.slice(q.index, q.end);
      const after = withoutPrice.slice(q.end);
      const before = withoutPrice.slice(0, q.index);
      // "1.3公斤顶1公斤煤" is the conversion, not coal burnt; "要顶一吨半优质煤" is the coal to be replaced.
      const conversion = /[\d一二两三四五六七八九十半](?:公斤|千克|kg|斤|吨)?(?:压块|燃料块|块子?|燃料)?(?:能)?(?:顶|相当于|抵|换|折)\s*$/.test(before);
      // "两吨优质煤按市场价多少钱" asks a price: no coal is said to be burnt, and nothing is to be replaced.
      const burnt = /(?:烧|用|买|烧了|用了|买了|得烧|要烧)\s*$/.test(before);
      const coal = !conversion && (burnt || (/^(?:的)?(?:优质|好)?煤/.test(after) && !priceOnly));
      return coal && q.index !== briquetteAt && !isUnitOrConversion(withoutPrice, q, matched);
    });
    // "村里二十户 每户一冬烧两吨": the coal of each household, times the households counted.
    const each = weight && /(?:每户|每家|一户|户均|每一户)[^，,。；\d]{0,10}$/.test(withoutPrice.slice(0, weight.index));
    // (More than one: "一户一年烧两吨 村里一百二十户" counts 120, not the 一户 each is said of.)
    const count = each ? [...withoutPrice.matchAll(HOUSEHOLDS)].map((m) => parseNumber(m[1]!) ?? 0).find((n) => n > 1) : undefined;
    // ("每户一个月烧半吨": coal said by the month is no year's, and is not multiplied as one.)
    const monthly = /一个月|每月|每个月|一月/.test(withoutPrice);
    // ("一个月烧半吨": coal burns by the season, so a month's times 12 is no year's; the year's is asked, not guessed.)
    if (weight && monthly && /一年|每年|全年|一冬/.test(withoutPrice)) {
      invalid.push({
        fact: "coal_tons",
        message: `您说的是一个月烧 ${weight.value} ${weight.unit}；煤是按季节烧的，不好直接乘 12。一年（一冬）大概一共烧多少？比如“3吨”。`,
      });
    } else if (weight) {
      const tons = weight.value * WEIGHT_UNITS[weight.unit]!;
      const many = count !== undefined && count > 1 && !monthly;
      const answer = checkCoal(bio.max_coal_tons * (many ? count : 1), many ? tons * count : tons, weight.negative);
      if (answer.kind === "value") {
        facts.coal_tons = answer.value;
        // The answer speaks in the villager's unit: "5公斤" is not reckoned as 0 吨.
        facts.coal_unit = weight.unit;
        if (many) {
          facts.coal_households = count;
          facts.coal_each = Math.round(tons * 1000) / 1000;
        }
      } else if (answer.kind === "invalid") invalid.push({ fact: "coal_tons", message: answer.message });
    }
  }
}

/** Households counted ("二十户", "20户"), not one of them ("每户", "一户", "户均"). */
const HOUSEHOLDS = /(?<![每\d零一二两三四五六七八九十百千])(\d+|[一两二三四五六七八九十百千]+)\s*(?:户|家)(?!均)/g;

function checkMoney(found: { value: number; negative: boolean }, max: number, label: string, example: string): Answer {
  if (found.negative || found.value <= 0 || found.value > max)
    return { kind: "invalid", message: `${label}要大于 0、不超过 ${max} 元，请再说一次，${example}。` };
  return { kind: "value", value: found.value };
}

/** A rent of a few 元 a mu is confirmed with the villager, never computed. */
function implausibleRent(value: number): Answer {
  return { kind: "invalid", message: `每亩一年租金 ${value} 元？这个数太小了，我怕听错了，先不算。请再说一次每亩一年的租金，比如“每亩一年800元”。` };
}

function checkMu(max: number, value: number, negative: boolean): Answer {
  if (negative || value <= 0 || value > max) return { kind: "invalid", message: `地的亩数要大于 0、不超过 ${max} 亩，请再说一次，比如“5亩”或“五亩半”。` };
  return { kind: "value", value };
}

function checkCoal(max: number, tons: number, negative: boolean): Answer {
  if (negative || tons <= 0 || tons > max) return { kind: "invalid", message: `一年烧的煤要大于 0、不超过 ${max} 吨，请再说一次，比如“3吨”或“五千斤”。` };
  return { kind: "value", value: Math.round(tons * 1000) / 1000 };
}

/**
 * "一冬大概两吨半" to "您家一年大概烧多少煤？": the one quantity in the unit asked, in a sentence of its own words
 * (two quantities are not guessed between).
 */
function theOneQuantity(factId: string, text: string): { value: number; negative: boolean } | undefined {
  const units = factId === "coal_tons" || factId === "briquette_tons" ? Object.keys(WEIGHT_UNITS) : factId === "land_mu" ? ["亩"] : [];
  // ("流转出去一亩地一年给多少租金" asks with a quantity; it tells none.)
  if (units.length === 0 || /多少|几|吗|[？?]|啥|咋|怎么|每|一亩/.test(text)) return undefined;
  const found = findQuantities(text, units);
  if (found.length !== 1) return undefined;
  const q = found[0]!;
  // (In its own unit: the caller converts it, as it does a bare number's.)
  return { value: q.value, negative: q.negative };
}

function parseCalculatorAnswer(rules: EligibilityRules, factId: string, text: string): Answer | undefined {
  const { facts, invalid } = extractFacts(rules, text);
  const bad = invalid.find((i) => i.fact === factId);
  if (bad) return { kind: "invalid", message: bad.message };
  if (facts[factId] !== undefined) return { kind: "value", value: facts[factId]! };
  const bare = parseBareNumber(text) ?? theOneQuantity(factId, text);
  if (!bare) return undefined;
  if (factId === "land_mu") return checkMu(rules.calculators.land_transfer.max_mu, bare.value, bare.negative);
  if (factId === "coal_tons" || factId === "briquette_tons") {
    const unit = Object.keys(WEIGHT_UNITS).find((u) => text.includes(u)) ?? "吨";
    // (Briquettes are counted by the village too, "一组压了六吨 二组九吨": no household's coal bound.)
    const max = rules.calculators.biomass.max_coal_tons * (factId === "briquette_tons" ? 100 : 1);
    return checkCoal(max, bare.value * WEIGHT_UNITS[unit]!, bare.negative);
  }
  if (factId === "rent_per_mu") {
    const land = rules.calculators.land_transfer;
    return bare.value < land.min_rent_per_mu && !bare.negative
      ? implausibleRent(bare.value)
      : checkMoney(bare, land.max_rent_per_mu, "每亩租金", "照流转合同上写的说“每亩多少元”");
  }
  if (factId === "coal_price") return checkMoney(bare, rules.calculators.biomass.max_coal_price, "煤价", "比如“每吨1360元”");
  return undefined;
}

// ---- topic ------------------------------------------------------------------------------------

/** Which calculator or screener a question is for; "outside" names a programme the screener does not cover. */
export function detectTopic(rules: EligibilityRules, text: string): Topic | undefined {
  const t = rules.words.topics;
  if (containsAny(text, t.disability)) return "benefits";
  // "俺家五亩地流转了 低保每月给多少": the land or coal beside is not what is asked when the asking clause names
  // a programme of its own and no calculator's word.
  const asking = text
    .split(/[，,。；;！!？?\s]+/)
    .filter((c) => /多少|几个钱|几块|能领|能拿/.test(c))
    .at(-1);
  // ("小麦直补一亩地给多少": 亩地 is the unit of that programme's amount, no land transfer.)
  const landAsked = asking !== undefined && t.land.some((w) => w !== "亩地" && asking.includes(w));
  const askedElse = asking !== undefined && !landAsked && !containsAny(asking, t.biomass) && containsAny(asking, t.outside);
  if (askedElse) return "outside";
  if (containsAny(text, t.land)) return "land";
  if (containsAny(text, t.biomass)) return "biomass";
  if (containsAny(text, t.outside)) return "outside";
  if (containsAny(text, t.generic)) return "benefits";
  // "俺一级 俺儿子二级 孙子三级 都是贫困户" never says 残疾: grades of people are the disability programmes'.
  if (/[一二三四1-4]\s*级(?!标准|[联政])/.test(text) && (isPersonal(rules, text) || /俩|仨|[两三四]个|兄弟|姐妹|男的|女的/.test(text))) return "benefits";
  return undefined;
}

/** The villager talks about their own situation (我/俺家/我妈 …), not about a programme in general. */
export function isPersonal(rules: EligibilityRules, text: string): boolean {
  // "算下俺村特别救助", "我们组…": a cadre's village or group is no one's own situation.
  return containsAny(text.replace(/(?:我|俺|咱)(?:们)?(?:村|组|屯|庄(?!稼)|社区|镇|乡|县)/g, ""), rules.words.personal_words);
}
