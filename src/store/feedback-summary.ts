// Aggregate queries behind the dashboard, the staff API and staff chat questions (timed in bench/feedback.bench.ts).
import type { Db } from "./database.ts";
import { filterClause, type ReportFilter } from "./feedback-lifecycle.ts";
import { OPEN_STATES } from "../staff/states.ts";

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


function grouped(db: Db, column: string, filter: ReportFilter): Count[] {
  const { where, params } = filterClause(filter);
  return db.prepare(`SELECT coalesce(${column}, '未填') AS key, count(*) AS count FROM feedback ${where} GROUP BY ${column} ORDER BY count DESC, key`).all(params) as Count[];
}

export function countReports(db: Db, filter: ReportFilter): number {
  const { where, params } = filterClause(filter);
  return db.prepare(`SELECT count(*) FROM feedback ${where}`).pluck().get(params) as number;
}

export const countByState = (db: Db, filter: ReportFilter) => grouped(db, "status", filter);
export const countByCategory = (db: Db, filter: ReportFilter) => grouped(db, "category", filter);
export const countByVillage = (db: Db, filter: ReportFilter) => grouped(db, "village", filter);

/** Reports per ISO-like week (Monday start), oldest first: key "2026-W47". */
export function countByWeek(db: Db, filter: ReportFilter): Count[] {
  const { where, params } = filterClause(filter);
  return db
    .prepare(`SELECT strftime('%Y-W%W', created_at) AS key, count(*) AS count FROM feedback ${where} GROUP BY key ORDER BY key`)
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

/** Open reports bucketed by age: under a week, a week to a month, over a month. */
export function openAgeBuckets(db: Db, filter: ReportFilter, now: Date): { under7: number; under30: number; over30: number } {
  const { where, params } = filterClause({ ...filter, state: "open" });
  const week = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const month = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const row = db
    .prepare(
      `SELECT sum(created_at >= @week) AS under7, sum(created_at < @week AND created_at >= @month) AS under30, sum(created_at < @month) AS over30
       FROM feedback ${where}`,
    )
    .get({ ...params, week, month }) as { under7: number | null; under30: number | null; over30: number | null };
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

