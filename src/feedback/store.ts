// The feedback repository: reports with category/village/places, state history, "me too" links, summaries.
import { z } from "zod";
import { sql as raw, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Store } from "../store/index.ts";
import type { Sql } from "../store/sql.ts";
import type { Tables } from "../store/tables.ts";
import { addToRollup } from "./rollup.ts";
import {
  countByCategory,
  countByVillage,
  countReports,
  countScanned,
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

const COLUMNS = [
  "id",
  "channel",
  "user_id as userId",
  "chat_id as chatId",
  "text",
  "category",
  "village",
  "places",
  "status",
  "anonymous",
  "display_name as displayName",
  "unmasked_text as unmaskedText",
  "me_too as meToo",
  "times_reported as timesReported",
  "duplicate_of as duplicateOf",
  "created_at as createdAt",
  "updated_at as updatedAt",
  "closed_at as closedAt",
] as const;

type Row = Omit<Report, "anonymous" | "places" | "status"> & { anonymous: number; places: string | null; status: string };

// Stored as a JSON array of strings (migration 013 converted the older "东头|路灯" form); NULL when none.
const PlacesSchema = z.array(z.string());
const placesColumn = (places: readonly string[]): string | null => (places.length > 0 ? JSON.stringify(places) : null);
const toReport = ({ places, ...row }: Row): Report => ({
  ...row,
  status: row.status as FeedbackState,
  places: places === null ? [] : PlacesSchema.parse(JSON.parse(places)),
  anonymous: row.anonymous === 1,
});

/** The states a filter's `state` stands for; undefined when it names none. */
export function filterStates(state: ReportFilter["state"]): readonly string[] | undefined {
  if (state === "open") return OPEN_STATES;
  if (state === "closed") return CLOSED_STATES;
  return state ? [state] : undefined;
}

/** The condition a filter puts on reports (for `.where(reportFilter(filter))`); values are always bound. */
export function reportFilter(filter: ReportFilter) {
  return (eb: ExpressionBuilder<Tables, "feedback">): Expression<SqlBool> => {
    const conditions: Array<Expression<SqlBool>> = [];
    if (filter.from) conditions.push(eb("created_at", ">=", filter.from));
    if (filter.to) conditions.push(eb("created_at", "<", filter.to));
    if (filter.village) conditions.push(eb("village", "=", filter.village));
    if (filter.category) conditions.push(eb("category", "=", filter.category));
    const states = filterStates(filter.state);
    if (states) conditions.push(eb("status", "in", states));
    return eb.and(conditions);
  };
}

export class ReportStore {
  constructor(private readonly sql: Sql) {}

  /** The repository on the app's database (built once, in createApp). */
  static of(store: Store): ReportStore {
    return new ReportStore(store.sql);
  }

  /**
   * Inserts a report and its first history entry in one transaction, durably (its id is the villager's receipt);
   * returns its id. The caller masks the text.
   */
  create(report: NewReport): Promise<number> {
    return this.sql.transaction(
      async () => {
        const { id } = await this.sql.db
          .insertInto("feedback")
          .values({
            // PostgreSQL's identity never gives a number twice. SQLite's INTEGER PRIMARY KEY would give the highest
            // one again once that report has been moved to feedback_not_reports, so there the id is past every receipt
            // ever given, computed by the insert itself (SQLite has one writer at a time).
            ...(this.sql.engine === "sqlite"
              ? {
                  id: raw<number>`max(coalesce((SELECT max(id) FROM feedback), 0), coalesce((SELECT max(id) FROM feedback_not_reports), 0)) + 1`,
                }
              : {}),
            channel: report.channel,
            user_id: report.userId,
            chat_id: report.chatId,
            text: report.text,
            category: report.category,
            village: report.village,
            places: placesColumn(report.places),
            anonymous: report.anonymous ? 1 : 0,
            display_name: report.displayName,
            status: "confirmed",
            created_at: report.createdAt,
            updated_at: report.createdAt,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await this.sql.db
          .insertInto("feedback_history")
          .values({ feedback_id: id, from_status: null, to_status: "confirmed", note: "村民反映", actor: "村民", created_at: report.createdAt })
          .execute();
        await addToRollup(this.sql, [{ ...report, status: "confirmed" }]);
        return id;
      },
      { durable: true },
    );
  }

  /**
   * Takes a misfiled message out of the reports (and so out of every count), keeping it in
   * feedback_not_reports with who decided and why. Its history and "me too"s go with it.
   */
  markNotReport(id: number, marked: { by: string; note: string; at: string }): Promise<boolean> {
    return this.sql.transaction(async () => {
      // Locked (PostgreSQL): a second instance marking the same report waits, then finds it gone.
      const report = await this.get(id, { forUpdate: true });
      if (!report) return false;
      const db = this.sql.db;
      await db
        .insertInto("feedback_not_reports")
        .values({
          id,
          channel: report.channel,
          user_id: report.userId,
          text: report.text,
          category: report.category,
          village: report.village,
          created_at: report.createdAt,
          marked_at: marked.at,
          marked_by: marked.by,
          note: marked.note,
        })
        .execute();
      await db.updateTable("feedback").set({ duplicate_of: null }).where("duplicate_of", "=", id).execute();
      await db.deleteFrom("feedback_history").where("feedback_id", "=", id).execute();
      await db.deleteFrom("feedback_me_too").where("feedback_id", "=", id).execute();
      await db.deleteFrom("feedback").where("id", "=", id).execute();
      return true;
    });
  }

  /**
   * Bulk import of existing reports (e.g. from a paper register or another system), in one transaction:
   * the rollup is added up per batch. No history rows: the imported state is where their story starts.
   */
  importMany(reports: Array<NewReport & { status: FeedbackState }>): Promise<void> {
    return this.sql.transaction(async () => {
      // Many rows per statement (12 parameters each): one statement to build and prepare per chunk, not per report.
      for (let i = 0; i < reports.length; i += IMPORT_CHUNK) {
        await this.sql.db
          .insertInto("feedback")
          .values(
            reports.slice(i, i + IMPORT_CHUNK).map((r) => ({
              channel: r.channel,
              user_id: r.userId,
              chat_id: r.chatId,
              text: r.text,
              category: r.category,
              village: r.village,
              places: placesColumn(r.places),
              anonymous: r.anonymous ? 1 : 0,
              display_name: r.displayName,
              status: r.status,
              created_at: r.createdAt,
              updated_at: r.createdAt,
            })),
          )
          .execute();
      }
      await addToRollup(this.sql, reports);
    });
  }

  /** `forUpdate`: inside a transaction, holds the row (PostgreSQL) until it ends, for a check and its write. */
  async get(id: number, options: { forUpdate?: boolean } = {}): Promise<Report | undefined> {
    let query = this.sql.db.selectFrom("feedback").select(COLUMNS).where("id", "=", id);
    // SQLite has no row locks and needs none: its write transactions take the whole database, in one process.
    if (options.forUpdate && this.sql.engine === "postgres") query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toReport(row) : undefined;
  }

  /** A villager's own reports, newest first. */
  async listByUser(channel: string, userId: string, limit = 5): Promise<Report[]> {
    const rows = await this.sql.db
      .selectFrom("feedback")
      .select(COLUMNS)
      .where("channel", "=", channel)
      .where("user_id", "=", userId)
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map(toReport);
  }

  /** The villager's open report with exactly this (masked) text filed since `since`: a resend, not a new report. */
  async recentIdentical(channel: string, userId: string, text: string, since: string): Promise<Report | undefined> {
    const row = await this.sql.db
      .selectFrom("feedback")
      .select(COLUMNS)
      .where("channel", "=", channel)
      .where("user_id", "=", userId)
      .where("text", "=", text)
      .where("created_at", ">=", since)
      .where("status", "in", OPEN_STATES)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? toReport(row) : undefined;
  }

  /** Counts one more sending of the same report; returns how many times it has been sent. */
  async countRepeat(id: number): Promise<number> {
    const row = await this.sql.db
      .updateTable("feedback")
      .set((eb) => ({ times_reported: eb("times_reported", "+", 1) }))
      .where("id", "=", id)
      .returning("times_reported")
      .executeTakeFirstOrThrow();
    return row.times_reported;
  }

  /** Open reports in the same category and village, for duplicate detection. */
  async openInCategoryAndVillage(category: string, village: string, limit = 50): Promise<Report[]> {
    const rows = await this.sql.db
      .selectFrom("feedback")
      .select(COLUMNS)
      .where("village", "=", village)
      .where("category", "=", category)
      .where("status", "in", OPEN_STATES)
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map(toReport);
  }

  async list(filter: ReportFilter, page: { limit: number; offset: number } = { limit: 50, offset: 0 }): Promise<{ total: number; reports: Report[] }> {
    const [total, rows] = await Promise.all([
      countScanned(this.sql, filter),
      this.sql.db.selectFrom("feedback").select(COLUMNS).where(reportFilter(filter)).orderBy("id", "desc").limit(page.limit).offset(page.offset).execute(),
    ]);
    return { total, reports: rows.map(toReport) };
  }

  /** More of the villager's own words about a report just filed (masked by the caller), kept with its text. */
  async addDetail(id: number, detail: string, at: string): Promise<void> {
    await this.sql.db
      .updateTable("feedback")
      .set((eb) => ({ text: eb("text", "||", `\n补充：${detail}`), updated_at: at }))
      .where("id", "=", id)
      .execute();
  }

  async setVillage(id: number, village: string, at: string): Promise<void> {
    await this.sql.db.updateTable("feedback").set({ village, updated_at: at }).where("id", "=", id).execute();
  }

  async setUnmaskedText(id: number, text: string): Promise<void> {
    await this.sql.db.updateTable("feedback").set({ unmasked_text: text }).where("id", "=", id).execute();
  }

  /** Counts a villager's "me too"; false when they already did (or it is their own report). */
  addMeToo(id: number, who: { channel: string; userId: string; chatId: string }, at: string): Promise<boolean> {
    return this.sql.transaction(
      async () => {
        // Locked (PostgreSQL): a report being marked "not a report" by another instance is gone when this reads it.
        const report = await this.get(id, { forUpdate: true });
        if (!report || (report.channel === who.channel && report.userId === who.userId)) return false;
        // The primary key (report, channel, user) makes "once per person" hold across instances: a second insert
        // conflicts and returns nothing, so the count is bumped once.
        const added = await this.sql.db
          .insertInto("feedback_me_too")
          .values({ feedback_id: id, channel: who.channel, user_id: who.userId, chat_id: who.chatId, created_at: at })
          .onConflict((oc) => oc.doNothing())
          .returning("feedback_id")
          .executeTakeFirst();
        if (!added) return false;
        await this.sql.db
          .updateTable("feedback")
          .set((eb) => ({ me_too: eb("me_too", "+", 1), updated_at: at }))
          .where("id", "=", id)
          .execute();
        return true;
      },
      { durable: true },
    );
  }

  /** Everyone to tell about a change: the reporter and those who said "me too". */
  followers(id: number): Promise<Array<{ channel: string; userId: string; chatId: string }>> {
    const db = this.sql.db;
    return db
      .selectFrom("feedback")
      .select(["channel", "user_id as userId", "chat_id as chatId"])
      .where("id", "=", id)
      .union(db.selectFrom("feedback_me_too").select(["channel", "user_id as userId", "chat_id as chatId"]).where("feedback_id", "=", id))
      .orderBy("channel")
      .orderBy("userId")
      .orderBy("chatId")
      .execute();
  }

  /** Changes the state and records the change with its note, in one transaction. */
  changeState(
    id: number,
    to: FeedbackState,
    note: string,
    actor: string,
    at: string,
    duplicateOf?: number,
  ): Promise<{ from: FeedbackState; historyId: number } | undefined> {
    return this.sql.transaction(
      async () => {
        // Locked (PostgreSQL): the state read here is the one the history records as "from", even when staff on two
        // instances change the same report at once.
        const report = await this.get(id, { forUpdate: true });
        if (!report) return undefined;
        const closedAt = OPEN_STATES.includes(to) ? null : at;
        await this.sql.db
          .updateTable("feedback")
          .set({ status: to, updated_at: at, closed_at: closedAt, duplicate_of: to === "duplicate" ? (duplicateOf ?? report.duplicateOf) : null })
          .where("id", "=", id)
          .execute();
        const { id: historyId } = await this.sql.db
          .insertInto("feedback_history")
          .values({ feedback_id: id, from_status: report.status, to_status: to, note, actor, created_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { from: report.status, historyId };
      },
      { durable: true },
    );
  }

  async history(id: number): Promise<HistoryEntry[]> {
    const rows = await this.sql.db
      .selectFrom("feedback_history")
      .select(["id", "feedback_id as feedbackId", "from_status as fromStatus", "to_status as toStatus", "note", "actor", "created_at as createdAt"])
      .where("feedback_id", "=", id)
      .orderBy("id")
      .execute();
    return rows as HistoryEntry[];
  }

  // ---- summaries (the queries live in summary.ts; timed in bench/feedback.bench.ts) ----

  summarize(filter: ReportFilter, now: Date): Promise<FeedbackSummary> {
    return summarize(this.sql, filter, now);
  }

  count(filter: ReportFilter = {}): Promise<number> {
    return countReports(this.sql, filter);
  }

  countByCategory(filter: ReportFilter): Promise<Count[]> {
    return countByCategory(this.sql, filter);
  }

  countByVillage(filter: ReportFilter): Promise<Count[]> {
    return countByVillage(this.sql, filter);
  }

  openAgeBuckets(filter: ReportFilter, now: Date): Promise<{ under7: number; under30: number; over30: number }> {
    return openAgeBuckets(this.sql, filter, now);
  }

  openByAge(filter: ReportFilter, now: Date, limit?: number): Promise<OpenReportAge[]> {
    return openReportsByAge(this.sql, filter, now, limit);
  }
}

/** Reports per multi-row insert of an import: 12 parameters each, within both engines' limits on parameters. */
const IMPORT_CHUNK = 1000;
