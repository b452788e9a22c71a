// A figure the villager says and asks us to confirm: "一年400对吧", "每人200块是吧", "一吨1360对吧",
// "培训了373个妇女 对不", "一年一共1600是不". Reading only; whoever knows the figure says 对 or 不对. Pure.
import { parseNumber } from "../text/numbers.ts";

export interface Claim {
  value: number;
  /** money over a period, money per person or household, a price per unit, or a count. */
  kind: "period" | "each" | "price" | "count";
  /** For a period: how many months ("一年" 12, "半年" 6, "一个月" 1). */
  months?: number;
  /** For a price: the unit priced (吨, 斤 …); for a count: the unit counted (人, 户 …). */
  unit?: string;
}

/** "对吧", "是不是", "没记错吧", "…吧": a figure put to us to confirm. */
// Not "不对不对 搞反了", a correction.
export const CONFIRM_ASKED =
  /(?<!不)对吧|(?<!不)对不对|(?<!不)对不\s*[?？]?\s*$|(?<!不)对吗|是不是|是不\s*[?？]?\s*$|是吧|没错吧|没记错吧|记错没|吧\s*[?？]?\s*$|吗\s*[?？]?\s*$|真的假的|真的吗/;

/** A number, whole: not the 一 of "一共", not the start of a longer run of digits. */
const NUMBER = "(\\d+(?:\\.\\d+)?|[零一二三四五六七八九十百千万两]+)(?=\\s*(?:元|块|对|是|吧|吗|不|没|呢|[，,。？?！!\\s]|$))";
/** Words between the period and the number: "一年救助", "一年一共", "每人代缴". */
const BETWEEN = "(?:一共|总共|合计|加起来|[^，,。？?\\d零一二三四五六七八九十百千万两俩仨]){0,8}?";
const PERIOD = new RegExp(`(一年|每年|全年|一个月|每个?月|半年)${BETWEEN}${NUMBER}\\s*(?:元|块钱?)?`, "g");
const EACH = new RegExp(`(?:每人|每户|一人|一户|每位|每个人|一个人)${BETWEEN}${NUMBER}\\s*(?:元|块钱?)`, "g");
const PRICE = new RegExp(`(?:一|每|1)\\s*(吨|斤|公斤|亩)${BETWEEN}${NUMBER}\\s*(?:元|块钱?)?`, "g");
const COUNT = /(\d+)\s*(?:个|名|位)?\s*(人|户|期|所|次|名|个)/g;
const PERIOD_MONTHS: Record<string, number> = { 一年: 12, 每年: 12, 全年: 12, 一个月: 1, 每月: 1, 每个月: 1, 半年: 6 };

/** The last figure of the message put to confirm, or undefined when nothing is asked to be confirmed. */
export function readClaim(text: string): Claim | undefined {
  if (!CONFIRM_ASKED.test(text)) return undefined;
  const found: Array<{ at: number; claim: Claim }> = [];
  for (const m of text.matchAll(PERIOD)) {
    const value = parseNumber(m[2]!);
    if (value) found.push({ at: m.index, claim: { value, kind: "period", months: PERIOD_MONTHS[m[1]!] ?? 12 } });
  }
  for (const m of text.matchAll(EACH)) {
    const value = parseNumber(m[1]!);
    if (value) found.push({ at: m.index, claim: { value, kind: "each" } });
  }
  for (const m of text.matchAll(PRICE)) {
    const value = parseNumber(m[2]!);
    if (value && value > 1) found.push({ at: m.index, claim: { value, kind: "price", unit: m[1]! } });
  }
  for (const m of text.matchAll(COUNT)) {
    const value = Number(m[1]);
    if (value > 0) found.push({ at: m.index - 0.5, claim: { value, kind: "count", unit: m[2]! } });
  }
  return found.sort((a, b) => a.at - b.at).at(-1)?.claim;
}
