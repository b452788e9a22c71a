// Aggregate queries behind the dashboard, the staff API and staff chat questions: part of the feedback repository
// (called through ReportStore; timed in bench/feedback.bench.ts). The same queries on SQLite and PostgreSQL.
import { sql as raw } from "kysely";
import type { Sql } from "../store/sql.ts";
import { filterStates, reportFilter, type ReportFilter } from "./store.ts";
import { OPEN_STATES } from "./states.ts";

export interface Count {
  key: string;
  count: number;
}

export interface OpenReportAge {
  id: number;
  category: string | null;
  village: string | null;
  status: string;
  createdAt: string;
  ageDays: number;
  meToo: number;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** "2026-11-01" when the instant is a China midnight (a day boundary the rollup can answer), else undefined. */
function chinaDayAt(iso: string | undefined): string | undefined | null {
  if (iso === undefined) return undefined;
  const shifted = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
  if (shifted.getUTCHours() || shifted.getUTCMinutes() || shifted.getUTCSeconds() || shifted.getUTCMilliseconds()) return null;
  return shifted.toISOString().slice(0, 10);
}

/** The instant a China calendar day begins: "2026-11-01" → "2026-10-31T16:00:00.000Z". */
const chinaMidnight = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();

/**
 * Whole-township questions over whole days are answered from feedback_rollup (kept by triggers);
 * anything narrower (a village, a category, a state, "the last 7 days") reads the reports themselves.
 */
function rollupRange(filter: ReportFilter): { from: string; to: string } | undefined {
  if (filter.village || filter.category || filter.state) return undefined;
  const from = chinaDayAt(filter.from);
  const to = chinaDayAt(filter.to);
  if (from === null || to === null) return undefined;
  return { from: from ?? "0000-00-00", to: to ?? "9999-99-99" };
}

// Keys are ordered here rather than by ORDER BY: SQLite compares text by its UTF-8 bytes, PostgreSQL by the database's
// collation (pinyin, strokes or bytes, depending on its locale). The lists are short (states, categories, villages).
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const byCountThenKey = (a: Count, b: Count) => b.count - a.count || byBytes(a.key, b.key);

async function grouped(sql: Sql, column: "status" | "category" | "village", filter: ReportFilter): Promise<Count[]> {
  const range = rollupRange(filter);
  if (range) {
    const rows = await sql.db
      .selectFrom("feedback_rollup")
      .select((eb) => ["key", eb.fn.sum<number>("n").as("count")])
      .where("dim", "=", column === "status" ? "state" : column)
      .where("day", ">=", range.from)
      .where("day", "<", range.to)
      .groupBy("key")
      .having((eb) => eb.fn.sum("n"), ">", 0)
      .execute();
    return rows.sort(byCountThenKey);
  }
  const rows = await sql.db
    .selectFrom("feedback")
    .select((eb) => [eb.fn.coalesce(column, eb.val("未填")).as("key"), eb.fn.countAll<number>().as("count")])
    .where(reportFilter(filter))
    .groupBy(column)
    .execute();
  return rows.sort(byCountThenKey);
}

/** Counts the reports themselves, whatever the filter (the list's total). */
export async function countScanned(sql: Sql, filter: ReportFilter): Promise<number> {
  const row = await sql.db
    .selectFrom("feedback")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(reportFilter(filter))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function countReports(sql: Sql, filter: ReportFilter): Promise<number> {
  const range = rollupRange(filter);
  const stateRange = !range && filter.state && !filter.village && !filter.category ? rollupRange({ ...filter, state: undefined }) : undefined;
  const rollup = range ?? stateRange;
  if (!rollup) return countScanned(sql, filter);
  const states = stateRange ? filterStates(filter.state) : undefined;
  let query = sql.db
    .selectFrom("feedback_rollup")
    .select((eb) => eb.fn.sum<number | null>("n").as("n"))
    .where("dim", "=", "state")
    .where("day", ">=", rollup.from)
    .where("day", "<", rollup.to);
  if (states) query = query.where("key", "in", states);
  const row = await query.executeTakeFirstOrThrow();
  return row.n ?? 0;
}

export const countByState = (sql: Sql, filter: ReportFilter) => grouped(sql, "status", filter);
export const countByCategory = (sql: Sql, filter: ReportFilter) => grouped(sql, "category", filter);
export const countByVillage = (sql: Sql, filter: ReportFilter) => grouped(sql, "village", filter);

/**
 * SQLite's strftime('%Y-W%W', day) for a "YYYY-MM-DD" day: the calendar year and the Monday-based week of that year,
 * 00 for the days before its first Monday (not the ISO week: 1 Jan 2027, a Friday, is "2027-W00"). Computed here so
 * both engines label weeks alike.
 */
export function weekOf(day: string): string {
  const date = Date.parse(`${day}T00:00:00Z`);
  const year = Number(day.slice(0, 4));
  const dayOfYear = Math.round((date - Date.UTC(year, 0, 1)) / 86_400_000);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // 0 Monday … 6 Sunday
  return `${day.slice(0, 4)}-W${String(Math.floor((dayOfYear + 7 - weekday) / 7)).padStart(2, "0")}`;
}

/** Reports per week (Monday start, China time), oldest first: key "2026-W47". */
export async function countByWeek(sql: Sql, filter: ReportFilter): Promise<Count[]> {
  const range = rollupRange(filter);
  // Counted per China day by the database, then per week here.
  const days = range
    ? await sql.db
        .selectFrom("feedback_rollup")
        .select((eb) => ["day", eb.fn.sum<number>("n").as("count")])
        .where("dim", "=", "state")
        .where("day", ">=", range.from)
        .where("day", "<", range.to)
        .groupBy("day")
        .execute()
    : await (() => {
        // The China day of each report: SQLite's date() takes a '+8 hours' modifier; PostgreSQL has the schema's
        // china_day() instead.
        const day = sql.engine === "sqlite" ? raw<string>`date(created_at, '+8 hours')` : raw<string>`china_day(created_at)`;
        return sql.db
          .selectFrom("feedback")
          .select((eb) => [day.as("day"), eb.fn.countAll<number>().as("count")])
          .where(reportFilter(filter))
          .groupBy(day)
          .execute();
      })();
  const weeks = new Map<string, number>();
  for (const { day, count } of days) {
    const week = weekOf(day);
    weeks.set(week, (weeks.get(week) ?? 0) + count);
  }
  return [...weeks]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => byBytes(a.key, b.key));
}

/** Open reports, oldest first, with their age in days at `now`. */
export async function openReportsByAge(sql: Sql, filter: ReportFilter, now: Date, limit = 50): Promise<OpenReportAge[]> {
  const rows = await sql.db
    .selectFrom("feedback")
    .select(["id", "category", "village", "status", "created_at as createdAt", "me_too as meToo"])
    .where(reportFilter({ ...filter, state: "open" }))
    .orderBy("created_at")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(r.createdAt)) / 86_400_000)) }));
}

/** Open reports bucketed by age in whole China days: under a week, a week to a month, over a month. */
export async function openAgeBuckets(sql: Sql, filter: ReportFilter, now: Date): Promise<{ under7: number; under30: number; over30: number }> {
  const dayOf = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const week = dayOf(now.getTime() - 6 * 86_400_000);
  const month = dayOf(now.getTime() - 29 * 86_400_000);
  const range = rollupRange(filter);
  const row = range
    ? await sql.db
        .selectFrom("feedback_rollup")
        .select((eb) => [
          eb.fn.sum<number | null>(eb.case().when("day", ">=", week).then(eb.ref("n")).end()).as("under7"),
          eb.fn
            .sum<number | null>(
              eb
                .case()
                .when(eb.and([eb("day", "<", week), eb("day", ">=", month)]))
                .then(eb.ref("n"))
                .end(),
            )
            .as("under30"),
          eb.fn.sum<number | null>(eb.case().when("day", "<", month).then(eb.ref("n")).end()).as("over30"),
        ])
        .where("dim", "=", "state")
        .where("key", "in", OPEN_STATES)
        .where("day", ">=", range.from)
        .where("day", "<", range.to)
        .executeTakeFirstOrThrow()
    : await (() => {
        // A report's China day is on or after `week` exactly when it was filed at or after that day's China midnight:
        // comparing the ISO times needs no date function (which the engines spell differently) on every row.
        const weekStarts = chinaMidnight(week);
        const monthStarts = chinaMidnight(month);
        return sql.db
          .selectFrom("feedback")
          .select((eb) => [
            eb.fn.sum<number | null>(eb.case().when("created_at", ">=", weekStarts).then(eb.lit(1)).end()).as("under7"),
            eb.fn
              .sum<number | null>(
                eb
                  .case()
                  .when(eb.and([eb("created_at", "<", weekStarts), eb("created_at", ">=", monthStarts)]))
                  .then(eb.lit(1))
                  .end(),
              )
              .as("under30"),
            eb.fn.sum<number | null>(eb.case().when("created_at", "<", monthStarts).then(eb.lit(1)).end()).as("over30"),
          ])
          .where(reportFilter({ ...filter, state: "open" }))
          .executeTakeFirstOrThrow();
      })();
  return { under7: row.under7 ?? 0, under30: row.under30 ?? 0, over30: row.over30 ?? 0 };
}

export interface FeedbackSummary {
  total: number;
  open: number;
  byState: Count[];
  byCategory: Count[];
  byVillage: Count[];
  byWeek: Count[];
  openAges: { under7: number; under30: number; over30: number };
}

export async function summarize(sql: Sql, filter: ReportFilter, now: Date): Promise<FeedbackSummary> {
  const [byState, byCategory, byVillage, byWeek, openAges] = await Promise.all([
    countByState(sql, filter),
    countByCategory(sql, filter),
    countByVillage(sql, filter),
    countByWeek(sql, filter),
    openAgeBuckets(sql, filter, now),
  ]);
  const total = byState.reduce((n, c) => n + c.count, 0);
  const open = byState.filter((c) => (OPEN_STATES as readonly string[]).includes(c.key)).reduce((n, c) => n + c.count, 0);
  return { total, open, byState, byCategory, byVillage, byWeek, openAges };
}
