// Questions the knowledge base could not answer, kept for staff to fill the gaps.
import type { Sql } from "./sql.ts";

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

export class UnansweredLog {
  constructor(private readonly sql: Sql) {}

  async record(q: Omit<UnansweredQuestion, "id" | "resolvedAt">): Promise<number> {
    const row = await this.sql.db
      .insertInto("unanswered")
      .values({
        message_id: q.messageId,
        channel: q.channel,
        user_id: q.userId,
        text: q.text,
        reason: q.reason,
        best_entry_id: q.bestEntryId,
        confidence: q.confidence,
        created_at: q.createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
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
