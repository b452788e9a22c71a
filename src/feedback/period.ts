// Periods named in staff questions and API filters (本月, 上周, 最近7天 …), in China time (UTC+8). Pure.

const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface Period {
  from?: string;
  to?: string;
  label: string;
}

/** Midnight China time of the China-calendar day containing `instant`, as a UTC Date. */
function chinaMidnight(instant: Date): Date {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()) - CHINA_OFFSET_MS);
}

function chinaParts(instant: Date): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate(), weekday: (shifted.getUTCDay() + 6) % 7 };
}

const chinaDate = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month, day) - CHINA_OFFSET_MS);

export function periodByName(name: "today" | "week" | "last_week" | "month" | "last_month" | "quarter" | "year" | "all", now: Date): Period {
  const { year, month, weekday } = chinaParts(now);
  const today = chinaMidnight(now);
  switch (name) {
    case "today":
      return { from: today.toISOString(), label: "今天" };
    case "week":
      return { from: new Date(today.getTime() - weekday * 86_400_000).toISOString(), label: "本周" };
    case "last_week": {
      const thisWeek = new Date(today.getTime() - weekday * 86_400_000);
      return { from: new Date(thisWeek.getTime() - 7 * 86_400_000).toISOString(), to: thisWeek.toISOString(), label: "上周" };
    }
    case "month":
      return { from: chinaDate(year, month).toISOString(), label: "本月" };
    case "last_month":
      return { from: chinaDate(year, month - 1).toISOString(), to: chinaDate(year, month).toISOString(), label: "上个月" };
    case "quarter":
      return { from: chinaDate(year, month - (month % 3)).toISOString(), label: "本季度" };
    case "year":
      return { from: chinaDate(year, 0).toISOString(), label: "今年" };
    case "all":
      return { label: "累计" };
  }
}

const NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The period a question names; "累计" (everything) when it names none. */
export function parsePeriod(text: string, now: Date): Period {
  const recent = /(?:最近|近)\s*(\d{1,3}|[一两二三四五六七八九十])\s*(天|周|个月|月)/.exec(text);
  if (recent) {
    const n = NUMBERS[recent[1]!] ?? Number(recent[1]);
    const days = recent[2] === "天" ? n : recent[2] === "周" ? n * 7 : n * 30;
    // Whole days, today included: "最近7天" on a Friday starts at midnight the Saturday before.
    return { from: new Date(chinaMidnight(now).getTime() - (days - 1) * 86_400_000).toISOString(), label: `最近${recent[1]}${recent[2]}` };
  }
  if (/今天|今日/.test(text)) return periodByName("today", now);
  if (/上周|上礼拜|上星期/.test(text)) return periodByName("last_week", now);
  if (/本周|这周|本週|這週|这礼拜|这星期|周报/.test(text)) return periodByName("week", now);
  if (/上个?月|上個?月/.test(text)) return periodByName("last_month", now);
  if (/本月|这个月|這個月|这月|月报/.test(text)) return periodByName("month", now);
  if (/本季度|这季度|这个季度/.test(text)) return periodByName("quarter", now);
  if (/今年|本年/.test(text)) return periodByName("year", now);
  return periodByName("all", now);
}
