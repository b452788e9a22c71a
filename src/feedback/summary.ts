// Aggregate queries behind the dashboard, the staff API and staff chat questions: part of the feedback repository
// (called through ReportStore; timed in bench/feedback.bench.ts).
import type { Db } from "../store/database.ts";
import { filterClause, type ReportFilter } from "./store.ts";
import { CLOSED_STATES, OPEN_STATES } from "./states.ts";

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

function grouped(db: Db, column: "status" | "category" | "village", filter: ReportFilter): Count[] {
  const range = rollupRange(filter);
  if (range) {
    const dim = column === "status" ? "state" : column;
    return db
      .prepare(
        `SELECT key, sum(n) AS count FROM feedback_rollup WHERE dim = ? AND day >= ? AND day < ?
         GROUP BY key HAVING count > 0 ORDER BY count DESC, key`,
      )
      .all(dim, range.from, range.to) as Count[];
  }
  const { where, params } = filterClause(filter);
  return db
    .prepare(`SELECT coalesce(${column}, '未填') AS key, count(*) AS count FROM feedback ${where} GROUP BY ${column} ORDER BY count DESC, key`)
    .all(params) as Count[];
}

export function countReports(db: Db, filter: ReportFilter): number {
  const range = rollupRange(filter);
  const stateRange = !range && filter.state && !filter.village && !filter.category ? rollupRange({ ...filter, state: undefined }) : undefined;
  if (stateRange && filter.state) {
    const states = filter.state === "open" ? OPEN_STATES : filter.state === "closed" ? CLOSED_STATES : [filter.state];
    return db
      .prepare(
        `SELECT coalesce(sum(n), 0) FROM feedback_rollup WHERE dim = 'state' AND key IN (${states.map((x) => `'${x}'`).join(", ")}) AND day >= ? AND day < ?`,
      )
      .pluck()
      .get(stateRange.from, stateRange.to) as number;
  }
  if (range) {
    return (
      (db
        .prepare("SELECT coalesce(sum(n), 0) FROM feedback_rollup WHERE dim = 'state' AND day >= ? AND day < ?")
        .pluck()
        .get(range.from, range.to) as number) ?? 0
    );
  }
  const { where, params } = filterClause(filter);
  return db.prepare(`SELECT count(*) FROM feedback ${where}`).pluck().get(params) as number;
}

export const countByState = (db: Db, filter: ReportFilter) => grouped(db, "status", filter);
export const countByCategory = (db: Db, filter: ReportFilter) => grouped(db, "category", filter);
export const countByVillage = (db: Db, filter: ReportFilter) => grouped(db, "village", filter);

/** Reports per week (Monday start, China time), oldest first: key "2026-W47". */
export function countByWeek(db: Db, filter: ReportFilter): Count[] {
  const range = rollupRange(filter);
  if (range) {
    return db
      .prepare(
        // "wk", not "key": the rollup has a column named key, which GROUP BY would pick over the alias.
        `SELECT strftime('%Y-W%W', day) AS wk, sum(n) AS count FROM feedback_rollup WHERE dim = 'state' AND day >= ? AND day < ?
         GROUP BY wk HAVING count > 0 ORDER BY wk`,
      )
      .all(range.from, range.to)
      .map((r) => ({ key: (r as { wk: string }).wk, count: (r as { count: number }).count }));
  }
  const { where, params } = filterClause(filter);
  return db
    .prepare(`SELECT strftime('%Y-W%W', created_at, '+8 hours') AS key, count(*) AS count FROM feedback ${where} GROUP BY key ORDER BY key`)
    .all(params) as Count[];
}

/** Open reports, oldest first, with their age in days at `now`. */
export function openReportsByAge(db: Db, filter: ReportFilter, now: Date, limit = 50): OpenReportAge[] {
  const { where, params } = filterClause({ ...filter, state: "open" });
  const rows = db
    .prepare(`SELECT id, category, village, status, created_at AS createdAt, me_too AS meToo FROM feedback ${where} ORDER BY created_at LIMIT @limit`)
    .all({ ...params, limit }) as Array<Omit<OpenReportAge, "ageDays">>;
  return rows.map((r) => ({ ...r, ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(r.createdAt)) / 86_400_000)) }));
}

/** Open reports bucketed by age in whole China days: under a week, a week to a month, over a month. */
export function openAgeBuckets(db: Db, filter: ReportFilter, now: Date): { under7: number; under30: number; over30: number } {
  const dayOf = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const week = dayOf(now.getTime() - 6 * 86_400_000);
  const month = dayOf(now.getTime() - 29 * 86_400_000);
  const open = OPEN_STATES.map((s) => `'${s}'`).join(", ");
  const range = rollupRange(filter);
  const row = range
    ? (db
        .prepare(
          `SELECT sum(CASE WHEN day >= @week THEN n END) AS under7, sum(CASE WHEN day < @week AND day >= @month THEN n END) AS under30,
                  sum(CASE WHEN day < @month THEN n END) AS over30
           FROM feedback_rollup WHERE dim = 'state' AND key IN (${open}) AND day >= @from AND day < @to`,
        )
        .get({ week, month, from: range.from, to: range.to }) as { under7: number | null; under30: number | null; over30: number | null })
    : (() => {
        const { where, params } = filterClause({ ...filter, state: "open" });
        return db
          .prepare(
            `SELECT sum(d >= @week) AS under7, sum(d < @week AND d >= @month) AS under30, sum(d < @month) AS over30
             FROM (SELECT date(created_at, '+8 hours') AS d FROM feedback ${where})`,
          )
          .get({ ...params, week, month }) as { under7: number | null; under30: number | null; over30: number | null };
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

export function summarize(db: Db, filter: ReportFilter, now: Date): FeedbackSummary {
  const byState = countByState(db, filter);
  const total = byState.reduce((n, c) => n + c.count, 0);
  const open = byState.filter((c) => (OPEN_STATES as readonly string[]).includes(c.key)).reduce((n, c) => n + c.count, 0);
  return {
    total,
    open,
    byState,
    byCategory: countByCategory(db, filter),
    byVillage: countByVillage(db, filter),
    byWeek: countByWeek(db, filter),
    openAges: openAgeBuckets(db, filter, now),
  };
}
