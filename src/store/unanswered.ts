// Questions the knowledge base could not answer, kept for staff to fill the gaps.
import type { CompiledQuery } from "kysely";
import type { Prepared, Sql } from "./sql.ts";

export type UnansweredReason = "no_answer" | "needs_review" | "clarify" | "handoff";

export interface UnansweredQuestion {
  id: number;
  messageId: number | null;
  channel: string;
  userId: string;
  text: string;
  reason: UnansweredReason;
  bestEntryId: string | null;
  confidence: number;
  createdAt: string;
  resolvedAt: string | null;
}

export type NewUnanswered = Omit<UnansweredQuestion, "id" | "resolvedAt">;

export class UnansweredLog {
  /** Written with most unanswered questions' log rows (`TurnLog`): compiled once. */
  private readonly insert: Prepared<NewUnanswered>;

  constructor(private readonly sql: Sql) {
    this.insert = sql.prepare<NewUnanswered>((db, value) =>
      db
        .insertInto("unanswered")
        .values({
          message_id: value("messageId"),
          channel: value("channel"),
          user_id: value("userId"),
          text: value("text"),
          reason: value("reason"),
          best_entry_id: value("bestEntryId"),
          confidence: value("confidence"),
          created_at: value("createdAt"),
        })
        .returning("id"),
    );
  }

  /** The statement that records `q` (its result's first row has the new id), for a write of several statements. */
  recordStatement(q: NewUnanswered): CompiledQuery {
    return this.insert.bind(q);
  }

  async record(q: NewUnanswered): Promise<number> {
    const { rows } = await this.sql.execute<{ id: number }>(this.recordStatement(q));
    if (!rows[0]) throw new Error("unanswered question not recorded");
    return rows[0].id;
  }

  async list(options: { open?: boolean; limit?: number } = {}): Promise<UnansweredQuestion[]> {
    let query = this.sql.db
      .selectFrom("unanswered")
      .select([
        "id",
        "message_id as messageId",
        "channel",
        "user_id as userId",
        "text",
        "reason",
        "best_entry_id as bestEntryId",
        "confidence",
        "created_at as createdAt",
        "resolved_at as resolvedAt",
      ])
      .orderBy("id", "desc")
      .limit(options.limit ?? 100);
    if (options.open) query = query.where("resolved_at", "is", null);
    return query.execute();
  }

  async resolve(id: number, at: string): Promise<boolean> {
    const result = await this.sql.db
      .updateTable("unanswered")
      .set({ resolved_at: at })
      .where("id", "=", id)
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
