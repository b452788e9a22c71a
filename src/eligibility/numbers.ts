// Chinese numbers and quantities in villagers' words: 六十五, 两千块, 0.2万, 五亩半, 一万二, 十来亩, −3亩. Pure.
import { parseNumber } from "../text/numbers.ts";

export { parseNumber };

export interface Quantity {
  value: number;
  unit: string;
  /** 多/来/几/左右: "七十多岁", "十来亩". */
  approx: boolean;
  negative: boolean;
  index: number;
  /** Where the quantity as written ends ("三吨六" ends after 六). */
  end: number;
}

const NUMBER_SOURCE = String.raw`(\d+(?:\.\d+)?(?:万|千|百)?|[零〇一二两兩三四五六七八九十百千万萬亿点壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+|(?<![\d零一二两三四五六七八九十])半)`;

function escapeRegex(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const quantityPatterns = new Map<string, RegExp>();
const TENTHS = "〇一二三四五六七八九";

/** Numbers that stand right before one of the units ("3吨", "五千斤", "五亩半", "−3亩"). */
export function findQuantities(text: string, units: readonly string[]): Quantity[] {
  const key = units.join("|");
  let pattern = quantityPatterns.get(key);
  if (!pattern) {
    const unitSource = [...units]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex)
      .join("|");
    // "三吨六" is 3.6 吨 and "五亩三" 5.3 亩 in speech: one digit right after the unit is the tenths (not the 一 of
    // "72岁一级", which begins what is said next).
    pattern = new RegExp(
      String.raw`([-−－负]\s*)?${NUMBER_SOURCE}\s*(好几|多|来|几)?\s*(个)?(${unitSource})(半|[一二三四五六七八九](?![一二三四五六七八九十百千万亩吨斤元块个年月天人级组户口家位名]))?`,
      "g",
    );
    quantityPatterns.set(key, pattern);
  }
  const out: Quantity[] = [];
  const normalized = text.normalize("NFKC");
  for (const match of normalized.matchAll(pattern)) {
    const parsed = parseNumber(match[2]!);
    if (parsed === undefined) continue;
    const end = (match.index ?? 0) + match[0].length;
    // "一本书都没有", "一亩也没种": 一 before 都/也 and a no is none at all, not one.
    const value = match[2] === "一" && !match[6] && NOT_A_SINGLE.test(normalized.slice(end)) ? 0 : parsed;
    out.push({
      value: value + (match[6] === "半" ? 0.5 : match[6] ? TENTHS.indexOf(match[6]) / 10 : 0),
      unit: match[5]!,
      approx: Boolean(match[3]) || /左右|上下/.test(normalized.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 2)),
      negative: Boolean(match[1]),
      index: match.index ?? 0,
      end,
    });
  }
  return out;
}

/** What follows "一本" in "一本书都没有": a few characters of the thing counted, then 都/也 and a no. */
const NOT_A_SINGLE = /^[^\s，,。；;？?！!\d一二三四五六七八九十]{0,4}?[都也]\s*(?:没|未|不(?!到|够|足|满))/;

const FILLER = /^(?:今年|大概|大约|差不多|有|是|就|应该是|约)+|(?:了|啊|吧|呀|哈|吧|的样子|左右|上下|多点|来着)+$/g;

const BARE_NUMBER = new RegExp(String.raw`^([-−－负])?${NUMBER_SOURCE}(好几|多|来|几)?(?:个|位|名|口|人|岁|周岁|亩|吨|斤|公斤|元|块|块钱|级|等)?(半)?$`);

/** A reply that is only a number, with or without a unit: "65", "六十五岁", "两个", "−3". */
export function parseBareNumber(text: string): { value: number; negative: boolean; approx: boolean } | undefined {
  // A dot between digits is a decimal point ("0.2万", "5.5亩"), anywhere else punctuation.
  const trimmed = text
    .normalize("NFKC")
    .trim()
    .replace(/[。!！?？,，、\s]+|\.(?!\d)/g, "")
    .replace(FILLER, "");
  const match = BARE_NUMBER.exec(trimmed);
  if (!match) return undefined;
  const value = parseNumber(match[2]!);
  if (value === undefined) return undefined;
  return { value: value + (match[4] ? 0.5 : 0), negative: Boolean(match[1]), approx: Boolean(match[3]) };
}

/** Weight in tonnes: 3吨, 五千斤 (1 斤 = 0.5 kg), 800公斤. */
export const WEIGHT_UNITS: Record<string, number> = { 吨: 1, 公斤: 0.001, 千克: 0.001, kg: 0.001, 斤: 0.0005 };
/** Up to four decimals, trailing zeros dropped: a factor shown in a formula must be the one multiplied (0.15 t, not 0.2). */
export const exactly = (n: number): string => String(Math.round(n * 10000) / 10000);
/** Money in 元: 2000元, 两千块, 0.2万 (the 万 is read by parseNumber). */
export const MONEY_UNITS = ["元", "块钱", "块"] as const;

const SPAN_NUMBER = "(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+|俩|仨)";
const YEARS_AND_MONTHS = new RegExp(`${SPAN_NUMBER}\\s*年零?\\s*${SPAN_NUMBER}\\s*个?(?:多)?月`);
const YEARS_AND_HALF = new RegExp(`${SPAN_NUMBER}\\s*(?:个)?年半`);
const MONTHS = new RegExp(`${SPAN_NUMBER}\\s*个(?:多)?月`);
const YEARS = new RegExp(`${SPAN_NUMBER}\\s*年(?![级龄纪代底初前后])`);
/** Words with 年 that name a rate or a calendar year, never a span ("一年多少" is per year). */
// ("领了一年了 一共该领多少": a year after a verb of receiving is the span received over.)
const NOT_SPANS = /(?<!(?:领|拿|发|交|缴|补)了)一年(?!半|零|又)|每年|今年|去年|明年|前年|后年|当年|全年|上年|年年|每个月|一个月/g;
/** Said about the span: it is one over which an amount adds up ("领了八个月", "一年半能领多少", "半年多少钱"). */
const ACCUMULATES_BEFORE = /(?:领|拿|发|给|交|缴|补|干|租|流转|签)了?\s*$/;
// "两年的生活特别救助总共多少": the programme may stand between the span and the sum asked for.
// "三年呢", "要是五年的话" after an answer: the same figures over that span.
const ACCUMULATES_AFTER =
  /^(?:.{0,6}?|的[^，,。？?]{0,12}?|[^，,。？?]{0,10}?的[^，,。？?]{0,6}?)(?:一共|总共|加起来|加一起|加一块|加在一起|合计|共|多少|几个钱|该是|能领|能拿|能给|下来)|^(?:的话|呢)/;

/**
 * A span of time a figure is to be added up over, in years: "两年" 2, "一年半" 1.5, "半年" 0.5, "八个月" 8/12,
 * "两年零四个月" 2⅓. "一年" and "一个月" alone are rates ("一年多少"), and "2015年" is a date: neither is a span.
 */
export function readDuration(spoken: string): number | undefined {
  // "仨月", "俩月": months said without 个 (only after these words: "三月" is March).
  const text = spoken.replace(/(?<![\d一二三四五六七八九十])(俩|仨|两)月/g, "$1个月");
  // "从3月开始领，到12月底", "五月份开始领 到年底": both months counted.
  const range =
    /(\d{1,2}|[一二三四五六七八九十]+)\s*月(?:份)?(?:开始|起|初)?[^，,。\d]{0,6}[，,\s]?\s*(?:到|至)\s*(?:(\d{1,2}|[一二三四五六七八九十]+)\s*月|(?:今年)?(年底|年末|年终))/.exec(
      text,
    );
  if (range) {
    const from = parseNumber(range[1]!);
    const to = range[3] ? 12 : parseNumber(range[2]!);
    if (from !== undefined && to !== undefined && from >= 1 && to <= 12 && to >= from) return round((to - from + 1) / 12);
  }
  const cleaned = text.replace(NOT_SPANS, (m) => " ".repeat(m.length));
  const candidates: Array<{ years: number; index: number; end: number }> = [];
  const push = (m: RegExpExecArray | null, years: number | undefined) => {
    if (m && years !== undefined && years > 0 && years < 100) candidates.push({ years, index: m.index, end: m.index + m[0].length });
  };
  const ym = YEARS_AND_MONTHS.exec(cleaned);
  if (ym) push(ym, (parseNumber(ym[1]!) ?? NaN) + (parseNumber(ym[2]!) ?? NaN) / 12);
  else {
    const yh = YEARS_AND_HALF.exec(cleaned) ?? (/一年半/.exec(text) as RegExpExecArray | null);
    if (yh) push(yh, (yh[1] ? (parseNumber(yh[1]) ?? NaN) : 1) + 0.5);
    else {
      // "上半年该发多少": the first six months, when what is due for them is asked ("上半年发了多少" asks what was paid).
      const half =
        /(?<![前后多])(?<![上下])半年|(?<=[上下])半年(?=[^，,。？?]{0,4}(?:(?:该|应该|应|能|要|得|可以)(?:发|领|拿|给|补)|补助?多少|一共多少|合多少|多少钱))/.exec(
          cleaned,
        );
      if (half) push(half, 0.5);
      const m = MONTHS.exec(cleaned);
      if (m) push(m, (parseNumber(m[1]!) ?? NaN) / 12);
      const y = YEARS.exec(cleaned);
      if (y) push(y, parseNumber(y[1]!));
    }
  }
  // "干了40年木匠": years of work said of someone, not a span to add an amount over (unless asked so after it).
  const said = candidates.find((c) => {
    const before = text.slice(Math.max(0, c.index - 4), c.index);
    return (
      (ACCUMULATES_BEFORE.test(before) && !/干了?\s*$/.test(before)) ||
      ACCUMULATES_AFTER.test(text.slice(c.end, c.end + 16)) ||
      (/干了?\s*$/.test(before) && c.years < 1)
    );
  });
  return said ? round(said.years) : undefined;
}

/** A span for the reply: "2 年", "1.5 年", "8 个月". */
export function spanText(years: number): string {
  if (years === 0.5) return "半年";
  if (Number.isInteger(years)) return `${years} 年`;
  return Number.isInteger(years * 2) ? `${Math.floor(years)} 年半` : `${Math.round(years * 12)} 个月`;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
