// Reads a deadline the way a cadre writes it (12月10日, 2026-12-10, 下周五, 3天后), in China time. Pure.
import { foldText } from "../text/fold.ts";

/** China has one time zone and no daylight saving, so a fixed offset is exact. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7 };
const SMALL_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

interface ChinaDate {
  year: number;
  month: number;
  day: number;
}

function chinaDateOf(instant: Date): ChinaDate & { isoWeekday: number } {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const weekday = shifted.getUTCDay();
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), isoWeekday: weekday === 0 ? 7 : weekday };
}

/** The last second of that day in China: a deadline "12月10日" includes the whole of the 10th. */
export function endOfChinaDay(date: ChinaDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, 23, 59, 59) - CHINA_OFFSET_MS);
}

function addDays(date: ChinaDate, days: number): ChinaDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isValidDate(date: ChinaDate): boolean {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return d.getUTCFullYear() === date.year && d.getUTCMonth() === date.month - 1 && d.getUTCDate() === date.day;
}

function smallNumber(text: string): number | undefined {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return SMALL_NUMBERS[text];
}

/** Formats an instant as China-time "12月10日 23:59" for replies. */
export function formatChinaTime(instant: Date | string): string {
  const d = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

/**
 * Parses a deadline relative to `now`; undefined when the text is not a date this understands.
 * A date without a year is the next such date (12月10日 said in December after the 10th means next year).
 * The result is not checked against `now` here: the caller says "已经过了" in its own words.
 */
export function parseDeadline(input: string, now: Date): Date | undefined {
  const text = foldText(input)
    .replace(/\s+/g, "")
    .replace(/(之前|前|截止|为止)$/, "");
  if (!text) return undefined;
  const today = chinaDateOf(now);

  // Full ISO instants come from scripts using the HTTP API.
  if (/^\d{4}-\d{2}-\d{2}t/.test(text)) {
    const t = Date.parse(text.toUpperCase());
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(text);
  if (full) {
    const date = { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) };
    return isValidDate(date) ? endOfChinaDay(date) : undefined;
  }
  const monthDay = /^(\d{1,2})(?:月|\/)(\d{1,2})[日号]?$/.exec(text);
  if (monthDay) {
    const month = Number(monthDay[1]);
    const day = Number(monthDay[2]);
    let date = { year: today.year, month, day };
    if (!isValidDate(date) && !(month === 2 && day === 29)) return undefined;
    const todayKey = today.month * 100 + today.day;
    if (month * 100 + day < todayKey) date = { ...date, year: today.year + 1 };
    return isValidDate(date) ? endOfChinaDay(date) : undefined;
  }
  const relative: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
  if (text in relative) return endOfChinaDay(addDays(today, relative[text]!));
  const inDays = /^(\d{1,3}|[一两二三四五六七八九十])天(?:后|以后|之后|内)$/.exec(text);
  if (inDays) return endOfChinaDay(addDays(today, smallNumber(inDays[1]!)!));
  const inWeeks = /^(\d{1,2}|[一两二三四五六七八九十])(?:个)?(?:周|星期|礼拜)(?:后|以后|之后|内)$/.exec(text);
  if (inWeeks) return endOfChinaDay(addDays(today, 7 * smallNumber(inWeeks[1]!)!));
  const weekday = /^(下下|下|本|这|这个|下个)?(?:周|星期|礼拜)([一二三四五六日天1-7])$/.exec(text);
  if (weekday) {
    const target = WEEKDAYS[weekday[2]!]!;
    const thisMonday = addDays(today, 1 - today.isoWeekday);
    const prefix = weekday[1] ?? "";
    const weeksAhead = prefix === "下下" ? 2 : prefix.startsWith("下") ? 1 : 0;
    let days = 7 * weeksAhead + target - 1;
    // A bare "周五" said on Saturday means the coming Friday; "本周五" said on Saturday stays in the past.
    if (prefix === "" && target < today.isoWeekday) days += 7;
    return endOfChinaDay(addDays(thisMonday, days));
  }
  return undefined;
}
