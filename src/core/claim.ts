// A figure the villager says and asks us to confirm: "一年400对吧", "每人200块是吧", "一吨1360对吧",
// "培训了373个妇女 对不", "一年一共1600是不". Reading only; whoever knows the figure says 对 or 不对. Pure.
import { parseNumber } from "../text/numbers.ts";

export interface Claim {
  value: number;
  /** money over a period, money per person or household, a price per unit, a count, or a sum in 万元. */
  kind: "period" | "each" | "price" | "count" | "sum";
  /** For a period: how many months ("一年" 12, "半年" 6, "一个月" 1). */
  months?: number;
  /** For a price: the unit priced (吨, 斤 …); for a count: the unit counted (人, 户 …). */
  unit?: string;
  /** "六十六块多": at least this much, less than one more. */
  more?: boolean;
  /** "每人…", "每户…": whom the amount was said to be for. */
  per?: "人" | "户";
  /** The clause the figure was said in ("三级的就是一年400对吧"): what it was said of. */
  clause: string;
  /** Every other number the message says ("853人 一人补1000"): a claim beside them may be about them. */
  others: string[];
}

/** "对吧", "是不是", "没记错吧": a figure put to us to confirm ("不对不对" corrects, asks nothing). */
export const CONFIRM_TAG =
  /(?<!不)对吧|(?<!不)对么|(?<!不)对不对|(?<!不)对不\s*[?？]?\s*$|(?<!不)对吗|是不是|是不\s*[?？]?\s*$|是吧|没错吧|没记错吧|记错没|真[的哩嘞]假[的哩嘞]|真的吗|是真的不|真的不\s*[?？]?\s*$|是这个数[不吗吧]|(?:得不得|中不中|对头不|是不嘞|是么|对哦|对啵|对伐|是伐|对唔对|系咪)(?:哦|啊|呀)?\s*[?？]?\s*$|有\s*(?:\d|[一两二三四五六七八九十百千万])[^，,。？?\s]{0,10}?没有?\s*[?？]?\s*$|吧[，,\s]+[^，,。？?]{0,16}那(?:就|么)?是/;
/** A bare 吧/吗 (噻 in the south-west) closing the message confirms only an amount: "那一年就是600吧", not "能领多少吗". */
const CLOSING = /[吧吗噻]\s*[?？]?\s*$/;
/** A message asking for a figure asks; it confirms nothing. */
const ASKS = /多少|几(?!级)|啥|什么|咋|怎么|哪/;
export const CONFIRM_ASKED = new RegExp(`${CONFIRM_TAG.source}|${CLOSING.source}`);

/** A number, whole: not the 一 of "一共", not the start of a longer run of digits. */
const NUMBER = "(\\d+(?:\\.\\d+)?|[零一二三四五六七八九十百千万两]+)(?=\\s*(?:元|块|多|对|是|吧|吗|不|没|呢|[，,。？?！!\\s]|$))";
/** Words between the period and the number: "一年救助", "一年一共", "每人代缴". */
const BETWEEN = "(?:一共|总共|合计|加起来|[^，,。？?\\d零一二三四五六七八九十百千万两俩仨]){0,8}?";
const PERIOD = new RegExp(`(一年|每年|全年|一个月|每个?月|半年)${BETWEEN}${NUMBER}\\s*(?:元|块钱?)?(多)?`, "g");
const EACH = new RegExp(`(?:每人|每户|一人|一户(?!多残)|每位|每个人|一个人|每名|每个[\u4e00-\u9fa5]{1,6}?人)${BETWEEN}${NUMBER}\\s*(?:元|块钱?)?(多)?`, "g");
const PRICE = new RegExp(`(?:一|每|1)\\s*(吨|斤|公斤|亩)${BETWEEN}${NUMBER}\\s*(多)?\\s*(?:元|块钱?)?`, "g");
/** "1360一吨", "1360元每吨": the price said before its unit. */
const PRICE_BEFORE = /(\d+(?:\.\d+)?)\s*(多)?\s*(?:元|块钱?)?\s*(?:一|每|\/)\s*(吨|斤|公斤|亩)/g;
/**
 * "培训了373个", "六千多户", "一天5吨": a count or a quantity (Chinese numerals only with 十, 百, 千 or 万 after a digit:
 * "一户" is no count, nor "万人就业").
 */
const COUNT =
  /(?<!领了?|领过|干了?|过了)(\d+|[零一二两三四五六七八九]+[十百千万][零一二两三四五六七八九十百千万]*|十[零一二两三四五六七八九]*)\s*(多|来)?\s*(?:个|名|位)?\s*(人|户|期|所|次|名|个|吨|例|亩|座|场|套|处|台|辆|项|公里|千米|米|年(?!级|了))/g;
/** "投了500万是吧": a sum of money in 万. */
// ("一万零八百五十个" is a count; the numeral goes on after 万.)
const SUM = /(\d+(?:\.\d+)?|[一两二三四五六七八九十百千]+)\s*(多)?\s*万(多)?(?:元|块)?(?![人户名个位亩吨斤米零]|[一二两三四五六七八九][千百])/g;
const PERIOD_MONTHS: Record<string, number> = { 一年: 12, 每年: 12, 全年: 12, 一个月: 1, 每月: 1, 每个月: 1, 半年: 6 };

/** "一千六百多", "1300多": anything from the figure said up to the next unit of its last digit (1600–1699). */
export function withinMore(value: number, said: number): boolean {
  const step = 10 ** (/0+$/.exec(String(said))?.[0].length ?? 0);
  return value >= said && value < said + step;
}

/**
 * The figure put to confirm holds for `value`: the same to the fen, within its 多, or right to the 元 of an amount
 * with fen ("三级的一个月33块" for 33.33).
 */
export function claimHolds(value: number, claim: Pick<Claim, "value" | "more">): boolean {
  return (
    Math.abs(value - claim.value) < 0.01 ||
    (claim.more === true && withinMore(value, claim.value)) ||
    (!Number.isInteger(value) && Math.abs(value - claim.value) < 1)
  );
}

/**
 * `readClaim`, or else a figure said as a fact of the knowledge base's ("听说…发给了1749个人", "填表率是98.32%"):
 * for the answer to check against what it quotes, never for routing (a villager's own numbers are no claim).
 */
export function readStatedClaim(text: string): Claim | undefined {
  return readClaim(text) ?? kept(statedRead, text, () => (statedOutright(text) ? readClaimUncached(text, true) : undefined));
}
const statedRead = new Map<string, Claim | undefined>();

/** The last figure of the message put to confirm, or undefined when nothing is asked to be confirmed. */
export function readClaim(text: string): Claim | undefined {
  // Read by several steps of one turn (routing, the handlers, the answer): the latest readings are kept.
  return kept(claimsRead, text, () => readClaimUncached(text));
}
const claimsRead = new Map<string, Claim | undefined>();
const CLAIMS_KEPT = 64;

/** `read()` for `text`, kept among the latest CLAIMS_KEPT readings of `readings`. */
function kept(readings: Map<string, Claim | undefined>, text: string, read: () => Claim | undefined): Claim | undefined {
  if (readings.has(text)) return readings.get(text);
  const claim = read();
  if (readings.size >= CLAIMS_KEPT) readings.delete(readings.keys().next().value!);
  readings.set(text, claim);
  return claim;
}

/**
 * "复明手术做了1100例？", "燃油补贴每人9.23万？这么多": a figure with what it counts, then a question mark (and at
 * most a short remark): put to confirm as surely as with 对吧.
 */
const QUESTIONED_FIGURE =
  /(?:\d+(?:\.\d+)?|[一两二三四五六七八九十百千万]+)\s*(?:多)?\s*(?:个|名|位|人|户|例|所|座|场|次|吨|亩|万元|万|元|块)[^，,。？?\d]{0,2}\s*[?？][^，,。？?\d]{0,10}$/;
/**
 * "听讲秸秆压缩点一天能压30吨？", "镇里花了500万装修那个幼儿园？": a statement with a figure, heard somewhere, closed
 * with a question mark and asking nothing: put to confirm too.
 */
const STATED_FIGURE = /(?:\d+(?:\.\d+)?|[一两二三四五六七八九十百千万]+)\s*(?:多)?\s*(?:个|名|位|人|户|例|所|座|场|次|吨|亩|万元|万|元|块|%)|\d{2,}/;
export const HEARSAY = /听说|听讲|听人说|听人讲|人家说|别人说|据说|有人说|都说|村里人说/;
const questionedStatement = (text: string): boolean =>
  /[?？]\s*$/.test(text) && STATED_FIGURE.test(text) && !ASKS.test(text) && !/谁|吗|么|[俺我咱]家/.test(text);
/**
 * "县财政给每个重度残疾人代缴了1000块的养老钱", "月嫂培训班免费培训了3730个妇女": a figure of the knowledge base's
 * said as a fact, asking nothing. Not the villager's own ("俺家3亩地", "我领了6个月"), nor a supposition.
 */
const statedOutright = (text: string): boolean =>
  STATED_FIGURE.test(text) &&
  !ASKS.test(text) &&
  !/[?？吗呢]|谁|要是|如果|假如|假设|万一/.test(text) &&
  !/[俺我咱](?:们)?(?:家|村|组|乡)|[俺我咱](?!听|们听)[^，,。\s]{0,3}(?:有|种|烧|养|领|拿|交|花|压|是)/.test(text) &&
  // A village's or a group's own count ("村里…上半年登记了6个", "一组2户") is a cadre's tally, not the county's figure.
  !/村里(?!人(?:说|讲))|全村|本村|组里|[一二三四五六七八九十\d]组|村会计|村干部/.test(text) &&
  // (Nor a village named by its own name: "郝家庄贫困老年残疾人6个", "三家庄今年放了10场".)
  !/(?<![\u4e00-\u9fa5])(?:(?![俺我咱全本这那哪各每个农乡])[\u4e00-\u9fa5]){1,3}(?:庄|屯|村)(?![民委干里])[^，,。；\s]{0,12}?\d/.test(text);

function readClaimUncached(text: string, stated = false): Claim | undefined {
  // (Not of the villager's own: "俺家3亩地？" is theirs to know, not the entry's to confirm.)
  // ("要是再多2个呢？" supposes; it confirms nothing.)
  const tagged =
    stated ||
    CONFIRM_TAG.test(text) ||
    ((QUESTIONED_FIGURE.test(text.trim()) || questionedStatement(text.trim())) &&
      !/[俺我咱]|要是|如果|假如|假设|再多|还有/.test(text) &&
      // ("一年才五十块？打发要饭的呢": 呢 after the question mark closes a grumble, not a supposition.)
      !/呢/.test(text.replace(/[?？][^?？]*$/, ""))) ||
    (HEARSAY.test(text) && questionedStatement(text.trim()));
  if (!tagged && !CLOSING.test(text)) return undefined;
  // "一吨1360是吧 ⏎ 三吨呢": a question after the confirmation asks something else; nothing is confirmed now.
  const tags = [...text.matchAll(new RegExp(CONFIRM_TAG.source, "g"))];
  const after = tags.length > 0 ? text.slice(tags.at(-1)!.index + tags.at(-1)![0].length) : "";
  if (/呢\s*[?？]?\s*$/.test(after) || ASKS.test(after)) return undefined;
  const found: Array<{ at: number; end: number; claim: Omit<Claim, "clause" | "others"> }> = [];
  const per = (said: string): Claim["per"] =>
    /每人|一人|每个人|一个人|每位|每名|每个[\u4e00-\u9fa5]{1,6}?人/.test(said) ? "人" : /每户|一户(?!多残)/.test(said) ? "户" : undefined;
  for (const m of text.matchAll(PERIOD)) {
    const value = parseNumber(m[2]!);
    // "一年有三百一十四万": hundreds of 万 are a sum paid out, read as one below, not anyone's money for a period.
    if (value && value >= 1_000_000 && /万$/.test(m[2]!)) continue;
    const before = text.slice(Math.max(0, m.index - 6), m.index + m[0].length);
    const who = per(before);
    if (value)
      found.push({
        at: m.index,
        end: m.index + m[0].length,
        claim: { value, kind: "period", months: PERIOD_MONTHS[m[1]!] ?? 12, ...(m[3] ? { more: true } : {}), ...(who ? { per: who } : {}) },
      });
  }
  for (const m of text.matchAll(EACH)) {
    const value = parseNumber(m[1]!);
    const who = per(m[0]);
    if (value)
      found.push({ at: m.index, end: m.index + m[0].length, claim: { value, kind: "each", ...(m[2] ? { more: true } : {}), ...(who ? { per: who } : {}) } });
  }
  for (const m of text.matchAll(PRICE)) {
    const value = parseNumber(m[2]!);
    if (value && value > 1)
      found.push({ at: m.index, end: m.index + m[0].length, claim: { value, kind: "price", unit: m[1]!, ...(m[3] ? { more: true } : {}) } });
  }
  for (const m of text.matchAll(PRICE_BEFORE)) {
    const value = Number(m[1]);
    if (value > 1) found.push({ at: m.index, end: m.index + m[0].length, claim: { value, kind: "price", unit: m[3]!, ...(m[2] ? { more: true } : {}) } });
  }
  // "三级的一年四百 俩人八百对吧": a bare amount right before the tag, for the period said before it.
  // "那俺娘三级 是四百不": 是 before the amount, the question's close right after it.
  const bare = new RegExp(
    `${NUMBER}\\s*(?:元|块钱?)?(?:多)?\\s*(?=(?:对吧|对不对|是吧|是不是|对不|对吗|没错吧)\\s*[?？]?\\s*$)|(?<=是)${NUMBER}\\s*(?:元|块钱?)?(?:多)?\\s*(?=(?:不|吗|吧)\\s*[?？]?\\s*$)`,
  ).exec(text);
  if (bare && !found.some((f) => f.end >= bare.index + bare[0].length - 1)) {
    const value = parseNumber(bare[1] ?? bare[2]!);
    const period = [...text.slice(0, bare.index).matchAll(/一年|每年|全年|一个月|每个?月|半年/g)].at(-1)?.[0];
    if (value && period)
      found.push({ at: bare.index, end: bare.index + bare[0].length, claim: { value, kind: "period", months: PERIOD_MONTHS[period] ?? 12 } });
  }
  // A count or a sum is confirmed with a word asking so, or a closing 吧 ("给了835人吧"), never with a bare 吗.
  const counts = tagged || /吧\s*[?？]?\s*$/.test(text);
  if (counts)
    for (const m of text.matchAll(SUM)) {
      const value = parseNumber(m[1]!);
      // "六十四万多": 64 to 65 万; "60多万": 60 to 70 万.
      // (Not the amount of a period already read: "一年一共一万" is 10000 元 a year.)
      const within = found.some((f) => m.index >= f.at && m.index + m[0].length <= f.end);
      if (value && !within)
        found.push({ at: m.index, end: m.index + m[0].length, claim: { value, kind: "sum", unit: "万元", ...(m[2] || m[3] ? { more: true } : {}) } });
    }
  if (counts)
    for (const m of text.matchAll(COUNT)) {
      const value = parseNumber(m[1]!) ?? 0;
      if (value > 0) found.push({ at: m.index, end: m.index + m[0].length, claim: { value, kind: "count", unit: m[3]!, ...(m[2] ? { more: true } : {}) } });
    }
  // The last said; an amount before a count said at the same place ("每人200块…").
  const last = found.sort((a, b) => a.at - b.at || (a.claim.kind === "count" ? -1 : 1)).at(-1);
  if (!last) return undefined;
  const start = Math.max(0, ...[...text.slice(0, last.at).matchAll(/[，,。；;！!？?\s]/g)].map((m) => m.index + 1));
  // "能领多少吗": the message from the figure on asks for one; it confirms nothing. (A question before it, in an
  // earlier message, does not matter: "一级一年多少 ⏎ 那三级的就是一年400对吧".)
  if (ASKS.test(text.slice(start))) return undefined;
  const said = new Set([...text.slice(last.at, last.end).matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]));
  const others = [...text.matchAll(/\d+(?:\.\d+)?/g)].filter((m) => !said.has(m[0])).map((m) => m[0]);
  return { ...last.claim, clause: text.slice(start, last.end), others };
}

/** "一年", "半年", "一个月", "3 个月": the span a claim's months name. */
export function spanOf(months: number): string {
  return months === 12 ? "一年" : months === 6 ? "半年" : months === 1 ? "一个月" : `${months} 个月`;
}

/** A yearly amount over that many months, to the fen. */
export function overMonths(yearly: number, months: number): number {
  return Math.round(((yearly * months) / 12) * 100) / 100;
}
