// The feedback repository: reports with category/village/places, state history, "me too" links, summaries.
import { z } from "zod";
import type { Db, Store } from "../store/index.ts";
import { addToRollup } from "./rollup.ts";
import {
  countByCategory,
  countByVillage,
  countReports,
  openAgeBuckets,
  openReportsByAge,
  summarize,
  type Count,
  type FeedbackSummary,
  type OpenReportAge,
} from "./summary.ts";
import { CLOSED_STATES, OPEN_STATES, type FeedbackState } from "./states.ts";

export interface Report {
  id: number;
  channel: string;
  userId: string;
  chatId: string;
  text: string;
  category: string | null;
  village: string | null;
  /** Place and asset markers found in the text ("东头", "路灯"), sorted; empty when it names none. */
  places: string[];
  status: FeedbackState;
  anonymous: boolean;
  displayName: string | null;
  unmaskedText: string | null;
  meToo: number;
  /** The same text sent again by its reporter within the hour: counted here instead of filed again. */
  timesReported: number;
  duplicateOf: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export type NewReport = Pick<Report, "channel" | "userId" | "chatId" | "text" | "category" | "village" | "places" | "anonymous" | "displayName" | "createdAt">;

export interface HistoryEntry {
  id: number;
  feedbackId: number;
  fromStatus: FeedbackState | null;
  toStatus: FeedbackState;
  note: string;
  actor: string;
  createdAt: string;
}

export interface ReportFilter {
  from?: string | undefined;
  to?: string | undefined;
  village?: string | undefined;
  category?: string | undefined;
  state?: FeedbackState | "open" | "closed" | undefined;
}

const COLUMNS = `id, channel, user_id AS userId, chat_id AS chatId, text, category, village, places, status, anonymous,
  display_name AS displayName, unmasked_text AS unmaskedText, me_too AS meToo, times_reported AS timesReported, duplicate_of AS duplicateOf,
  created_at AS createdAt, updated_at AS updatedAt, closed_at AS closedAt`;

type Row = Omit<Report, "anonymous" | "places"> & { anonymous: number; places: string | null };

// Stored as a JSON array of strings (migration 013 converted the older "东头|路灯" form); NULL when none.
const PlacesSchema = z.array(z.string());
const placesColumn = (places: readonly string[]): string | null => (places.length > 0 ? JSON.stringify(places) : null);
const toReport = ({ places, ...row }: Row): Report => ({
  ...row,
  places: places === null ? [] : PlacesSchema.parse(JSON.parse(places)),
  anonymous: row.anonymous === 1,
});

const inList = (states: readonly string[]) => states.map((s) => `'${s}'`).join(", ");

/** The filter's plain fields and the condition each binds. */
const FILTER_CLAUSES = [
  ["from", "created_at >= @from"],
  ["to", "created_at < @to"],
  ["village", "village = @village"],
  ["category", "category = @category"],
] as const;

/** WHERE clause and parameters for a filter; values are always bound, never spliced. */
export function filterClause(filter: ReportFilter): { where: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  for (const [key, clause] of FILTER_CLAUSES) {
    const value = filter[key];
    if (!value) continue;
    clauses.push(clause);
    params[key] = value;
  }
  if (filter.state === "open") clauses.push(`status IN (${inList(OPEN_STATES)})`);
  else if (filter.state === "closed") clauses.push(`status IN (${inList(CLOSED_STATES)})`);
  else if (filter.state) {
    clauses.push("status = @state");
    params.state = filter.state;
  }
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

export class ReportStore {
  constructor(private readonly db: Db) {}

  /** The repository on the app's database (built once, in createApp). */
  static of(store: Store): ReportStore {
    return new ReportStore(store.db);
  }

  /** Inserts a report and its first history entry in one transaction; returns its id. The caller masks the text. */
  create(report: NewReport): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            // The id is past every receipt ever given, including reports since marked "not a report".
            `INSERT INTO feedback (id, channel, user_id, chat_id, text, category, village, places, anonymous, display_name, status, created_at, updated_at)
             VALUES (max(coalesce((SELECT max(id) FROM feedback), 0), coalesce((SELECT max(id) FROM feedback_not_reports), 0)) + 1,
                     @channel, @userId, @chatId, @text, @category, @village, @places, @anonymous, @displayName, 'confirmed', @createdAt, @createdAt)`,
          )
          .run({ ...report, places: placesColumn(report.places), anonymous: report.anonymous ? 1 : 0 }).lastInsertRowid,
      );
      this.db
        .prepare(
          "INSERT INTO feedback_history (feedback_id, from_status, to_status, note, actor, created_at) VALUES (?, NULL, 'confirmed', '村民反映', '村民', ?)",
        )
        .run(id, report.createdAt);
      addToRollup(this.db, [{ ...report, status: "confirmed" }]);
      return id;
    })();
  }

  /**
   * Takes a misfiled message out of the reports (and so out of every count), keeping it in
   * feedback_not_reports with who decided and why. Its history and "me too"s go with it.
   */
  markNotReport(id: number, marked: { by: string; note: string; at: string }): boolean {
    return this.db.transaction(() => {
      const moved = this.db
        .prepare(
          `INSERT INTO feedback_not_reports (id, channel, user_id, text, category, village, created_at, marked_at, marked_by, note)
           SELECT id, channel, user_id, text, category, village, created_at, @at, @by, @note FROM feedback WHERE id = @id`,
        )
        .run({ id, ...marked }).changes;
      if (moved === 0) return false;
      this.db.prepare("UPDATE feedback SET duplicate_of = NULL WHERE duplicate_of = ?").run(id);
      this.db.prepare("DELETE FROM feedback_history WHERE feedback_id = ?").run(id);
      this.db.prepare("DELETE FROM feedback_me_too WHERE feedback_id = ?").run(id);
      this.db.prepare("DELETE FROM feedback WHERE id = ?").run(id);
      return true;
    })();
  }

  /**
   * Bulk import of existing reports (e.g. from a paper register or another system), in one transaction:
   * the rollup is added up per batch. No history rows: the imported state is where their story starts.
   */
  importMany(reports: Array<NewReport & { status: FeedbackState }>): void {
    const insert = this.db.prepare(
      `INSERT INTO feedback (channel, user_id, chat_id, text, category, village, places, anonymous, display_name, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const r of reports) {
        insert.run(
          r.channel,
          r.userId,
          r.chatId,
          r.text,
          r.category,
          r.village,
          placesColumn(r.places),
          r.anonymous ? 1 : 0,
          r.displayName,
          r.status,
          r.createdAt,
          r.createdAt,
        );
      }
      addToRollup(this.db, reports);
    })();
  }

  get(id: number): Report | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM feedback WHERE id = ?`).get(id) as Row | undefined;
    return row ? toReport(row) : undefined;
  }

  /** A villager's own reports, newest first. */
  listByUser(channel: string, userId: string, limit = 5): Report[] {
    return (
      this.db.prepare(`SELECT ${COLUMNS} FROM feedback WHERE channel = ? AND user_id = ? ORDER BY id DESC LIMIT ?`).all(channel, userId, limit) as Row[]
    ).map(toReport);
  }

  /** The villager's open report with exactly this (masked) text filed since `since`: a resend, not a new report. */
  recentIdentical(channel: string, userId: string, text: string, since: string): Report | undefined {
    const row = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM feedback WHERE channel = ? AND user_id = ? AND text = ? AND created_at >= ? AND status IN (${inList(OPEN_STATES)}) ORDER BY id DESC LIMIT 1`,
      )
      .get(channel, userId, text, since) as Row | undefined;
    return row ? toReport(row) : undefined;
  }

  /** Counts one more sending of the same report; returns how many times it has been sent. */
  countRepeat(id: number): number {
    return this.db.prepare("UPDATE feedback SET times_reported = times_reported + 1 WHERE id = ? RETURNING times_reported").pluck().get(id) as number;
  }

  /** Open reports in the same category and village, for duplicate detection. */
  openInCategoryAndVillage(category: string, village: string, limit = 50): Report[] {
    return (
      this.db
        .prepare(
          `SELECT ${COLUMNS} FROM feedback INDEXED BY feedback_village_cov WHERE village = ? AND category = ? AND status IN (${inList(OPEN_STATES)}) ORDER BY created_at DESC LIMIT ?`,
        )
        .all(village, category, limit) as Row[]
    ).map(toReport);
  }

  list(filter: ReportFilter, page: { limit: number; offset: number } = { limit: 50, offset: 0 }): { total: number; reports: Report[] } {
    const { where, params } = filterClause(filter);
    const total = this.db.prepare(`SELECT count(*) FROM feedback ${where}`).pluck().get(params) as number;
    const reports = (
      this.db.prepare(`SELECT ${COLUMNS} FROM feedback ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`).all({ ...params, ...page }) as Row[]
    ).map(toReport);
    return { total, reports };
  }

  /** More of the villager's own words about a report just filed (masked by the caller), kept with its text. */
  addDetail(id: number, detail: string, at: string): void {
    this.db.prepare("UPDATE feedback SET text = text || @detail, updated_at = @at WHERE id = @id").run({ id, detail: `\n补充：${detail}`, at });
  }

  setVillage(id: number, village: string, at: string): void {
    this.db.prepare("UPDATE feedback SET village = ?, updated_at = ? WHERE id = ?").run(village, at, id);
  }

  setUnmaskedText(id: number, text: string): void {
    this.db.prepare("UPDATE feedback SET unmasked_text = ? WHERE id = ?").run(text, id);
  }

  /** Counts a villager's "me too"; false when they already did (or it is their own report). */
  addMeToo(id: number, who: { channel: string; userId: string; chatId: string }, at: string): boolean {
    return this.db.transaction(() => {
      const report = this.get(id);
      if (!report || (report.channel === who.channel && report.userId === who.userId)) return false;
      const added =
        this.db
          .prepare("INSERT INTO feedback_me_too (feedback_id, channel, user_id, chat_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
          .run(id, who.channel, who.userId, who.chatId, at).changes === 1;
      if (added) this.db.prepare("UPDATE feedback SET me_too = me_too + 1, updated_at = ? WHERE id = ?").run(at, id);
      return added;
    })();
  }

  /** Everyone to tell about a change: the reporter and those who said "me too". */
  followers(id: number): Array<{ channel: string; userId: string; chatId: string }> {
    return this.db
      .prepare(
        `SELECT channel, user_id AS userId, chat_id AS chatId FROM feedback WHERE id = ?
         UNION SELECT channel, user_id AS userId, chat_id AS chatId FROM feedback_me_too WHERE feedback_id = ?`,
      )
      .all(id, id) as Array<{ channel: string; userId: string; chatId: string }>;
  }

  /** Changes the state and records the change with its note, in one transaction. */
  changeState(
    id: number,
    to: FeedbackState,
    note: string,
    actor: string,
    at: string,
    duplicateOf?: number,
  ): { from: FeedbackState; historyId: number } | undefined {
    return this.db.transaction(() => {
      const report = this.get(id);
      if (!report) return undefined;
      const closedAt = OPEN_STATES.includes(to) ? null : at;
      this.db
        .prepare("UPDATE feedback SET status = ?, updated_at = ?, closed_at = ?, duplicate_of = ? WHERE id = ?")
        .run(to, at, closedAt, to === "duplicate" ? (duplicateOf ?? report.duplicateOf) : null, id);
      const historyId = Number(
        this.db
          .prepare("INSERT INTO feedback_history (feedback_id, from_status, to_status, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .run(id, report.status, to, note, actor, at).lastInsertRowid,
      );
      return { from: report.status, historyId };
    })();
  }

  history(id: number): HistoryEntry[] {
    return this.db
      .prepare(
        `SELECT id, feedback_id AS feedbackId, from_status AS fromStatus, to_status AS toStatus, note, actor, created_at AS createdAt
         FROM feedback_history WHERE feedback_id = ? ORDER BY id`,
      )
      .all(id) as HistoryEntry[];
  }

  // ---- summaries (the queries live in summary.ts; timed in bench/feedback.bench.ts) ----

  summarize(filter: ReportFilter, now: Date): FeedbackSummary {
    return summarize(this.db, filter, now);
  }

  count(filter: ReportFilter = {}): number {
    return countReports(this.db, filter);
  }

  countByCategory(filter: ReportFilter): Count[] {
    return countByCategory(this.db, filter);
  }

  countByVillage(filter: ReportFilter): Count[] {
    return countByVillage(this.db, filter);
  }

  openAgeBuckets(filter: ReportFilter, now: Date): { under7: number; under30: number; over30: number } {
    return openAgeBuckets(this.db, filter, now);
  }

  openByAge(filter: ReportFilter, now: Date, limit?: number): OpenReportAge[] {
    return openReportsByAge(this.db, filter, now, limit);
  }
}
