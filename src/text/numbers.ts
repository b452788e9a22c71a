// Chinese numbers as villagers write them: 六十五, 两千, 0.2万, 一万二, 俩, 仨. Pure.
import Nzh from "nzh";

/** The numerals of cheques and receipts ("贰级残疾壹年"), as the everyday ones. */
export const CHEQUE_NUMERALS: Readonly<Record<string, string>> = {
  壹: "一",
  贰: "二",
  叁: "三",
  肆: "四",
  伍: "五",
  陆: "六",
  柒: "七",
  捌: "八",
  玖: "九",
  拾: "十",
  佰: "百",
  仟: "千",
};

const BIG_TO_SMALL: Record<string, string> = {
  ...CHEQUE_NUMERALS,
  貳: "二",
  參: "三",
  陸: "六",
  〇: "零",
  两: "二",
  兩: "二",
  俩: "二",
  倆: "二",
  仨: "三",
  萬: "万",
};
const DIGIT_OF: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NEXT_LOWER: Record<string, string> = { 万: "千", 千: "百", 百: "十" };

/** One number as written; "一万二" means 12000 in speech (nzh reads it as 10002), so the unit is filled in first. */
export function parseNumber(token: string): number | undefined {
  const text = token.normalize("NFKC").trim().replace(/[,，]/g, "");
  if (!text) return undefined;
  if (text === "半") return 0.5; // "半吨", "半亩"
  const scaled = /^(\d+(?:\.\d+)?)(万|千|百)?$/.exec(text);
  if (scaled) {
    const base = Number(scaled[1]);
    const factor = scaled[2] === "万" ? 10_000 : scaled[2] === "千" ? 1000 : scaled[2] === "百" ? 100 : 1;
    return Number.isFinite(base) ? round(base * factor) : undefined;
  }
  let chinese = [...text].map((c) => BIG_TO_SMALL[c] ?? c).join("");
  if (!/^[零一二三四五六七八九十百千万亿点]+$/.test(chinese)) return undefined;
  // "三四场", "七八个", "两三户": two digits one after the other are a rough range, never 34 (a year is written
  // with four: "二〇一六").
  // So are "十五六" (15 or 16), "二三十" (20 or 30), "五六百": never 56, 230, 5600.
  if (roughRange(chinese)) return undefined;
  const colloquial = /([万千百])([一二三四五六七八九])$/.exec(chinese);
  if (colloquial && !chinese.includes("点")) chinese += NEXT_LOWER[colloquial[1]!]!;
  const value = Number(Nzh.cn.decodeS(chinese));
  // nzh answers 0 for text it cannot read; a real zero is only "零".
  if (!Number.isFinite(value) || (value === 0 && chinese !== "零")) return undefined;
  return value;
}

/** Two digits one after the other, the second one more ("三四", "十五六", "二三十"), in a number of two characters or with a unit. */
export function isRoughRange(said: string): boolean {
  return roughRange([...said].map((c) => BIG_TO_SMALL[c] ?? c).join(""));
}

function roughRange(chinese: string): boolean {
  if (chinese.length !== 2 && !/[十百千万]/.test(chinese)) return false;
  for (let i = 1; i < chinese.length; i++) {
    const a = DIGIT_OF[chinese[i - 1]!];
    const b = DIGIT_OF[chinese[i]!];
    if (a !== undefined && b === a + 1) return true;
  }
  return false;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** A number said in Chinese numerals right before what it counts ("三十三块", "四百元"). */
const SPOKEN_QUANTITY =
  /[零〇一二两兩三四五六七八九十百千万萬俩倆仨]{2,}(?=多|来|余|块|元|个|個|人|斤|亩|畝|里|岁|歲|户|戶|次|吨|噸|公斤|名|位|天|年|月|米|平|公顷|座|场|套|本|册|件|例)/g;

const SPOKEN_MAGNITUDE_SOURCE = "[一二两兩三四五六七八九十百千]+[万萬](?=\\s|$|[，,。？?！!吧呢啊嘛是])";
const SPOKEN_MAGNITUDE = new RegExp(SPOKEN_MAGNITUDE_SOURCE);
const SPOKEN_MAGNITUDE_ALL = new RegExp(SPOKEN_MAGNITUDE_SOURCE, "g");

/**
 * The quantities of a question written in digits ("三十三块" → "33块"), for reading which topic it is about: a
 * number is no topic, and cut into 三十 / 十三 / 三十三 it weighed as three unknown words.
 */
export function quantitiesAsDigits(text: string): string {
  // ("花了五百万 真舍得": a sum in 万 ending its clause is a quantity too.)
  const spoken = SPOKEN_MAGNITUDE.test(text) ? text.replace(SPOKEN_MAGNITUDE_ALL, (run) => `${parseNumber(run.slice(0, -1)) ?? run.slice(0, -1)}万`) : text;
  return spoken.replace(SPOKEN_QUANTITY, (run) => {
    // "两三个", "七八个", "七八十本", "两三百平米": a rough range, not one number.
    if (!/[十百千万萬]/.test(run) || /[一二两兩三四五六七八九]{2}/.test(run)) return run;
    const value = parseNumber(run);
    return value === undefined ? run : String(value);
  });
}

/** A count said in Chinese numerals before what it counts ("十五六户", "两三个"). */
const CHINESE_COUNT = /([一两二三四五六七八九十百千]{2,})\s*(?:个|人|户|名|位|家|口)/g;
/** A clause that is a count alone ("三个", "是3个", "就俩"), as said to settle a range asked about. */
const EXACT_COUNT =
  /^(?:是|有|就|就是|一共|总共|准数是?|应该是|其实是|确切是)?\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|户|名|位|家|口)?(?:吧|了|啊|呢)?$/;

/** The first count of `text` said as a range ("两三个"), or undefined. */
export function roughCountIn(text: string): RegExpExecArray | undefined {
  for (const m of text.matchAll(CHINESE_COUNT)) if (isRoughRange(m[1]!)) return m;
  return UNCOUNTED.exec(text) ?? undefined;
}
/**
 * "十几个", "二十几户", "几十个": a count with no number to reckon with, even roughly. ("好几个残疾的" describes a
 * kind of household, not a count.)
 */
// (Only of those a programme pays: "十几口人 就俺爹一个残疾", "几十户贫困户 俺是一级" count no one paid.)
export const UNCOUNTED =
  /((?:[一二两三四五六七八九]?十|[一二两三四五六七八九]?百)几|几十|几百)\s*(?:个|人|户|名|位|家)(?=[^，,。？?\s]{0,3}?(?:[一二三四1-4](?:[、到和]?[一二三四1-4])?级|重度|残疾|贫困残疾|贫困老年|老年残疾|一户多残))/;

/**
 * "家里两三个三级残疾的… ⏎ 三个": the exact count said after a range, as the last thing said (the answer to "到底是
 * 多少个？"), put in the range's place (and its clause taken out); the text as it was otherwise ("十五六户 二组 3户
 * 全村一共多少": a part's count, not the range settled).
 */
export function settleRoughCount(text: string): string {
  const rough = roughCountIn(text);
  if (!rough) return text;
  const after = text.slice(rough.index + rough[0].length);
  const clauses = after.split(/[，,。；;！!？?\s]+/).filter(Boolean);
  const clause = clauses.at(-1);
  const exact = clause === undefined ? null : EXACT_COUNT.exec(clause);
  // (Not after a part's name: "…二组 3户".)
  if (!clause || !exact || isRoughRange(exact[1]!) || /[组队村屯庄街片头边]$/.test(clauses.at(-2) ?? "")) return text;
  const before = text.slice(0, rough.index) + rough[0].replace(rough[1]!, exact[1]!);
  return before + after.slice(0, after.lastIndexOf(clause));
}
