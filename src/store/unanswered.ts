// Questions the knowledge base could not answer, kept for staff to fill the gaps.
import type { Db } from "./database.ts";

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
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO unanswered (message_id, channel, user_id, text, reason, best_entry_id, confidence, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(q: Omit<UnansweredQuestion, "id" | "resolvedAt">): number {
    return Number(this.insert.run(q.messageId, q.channel, q.userId, q.text, q.reason, q.bestEntryId, q.confidence, q.createdAt).lastInsertRowid);
  }

  list(options: { open?: boolean; limit?: number } = {}): UnansweredQuestion[] {
    const where = options.open ? "WHERE resolved_at IS NULL" : "";
    return this.db
      .prepare(
        `SELECT id, message_id AS messageId, channel, user_id AS userId, text, reason, best_entry_id AS bestEntryId,
                confidence, created_at AS createdAt, resolved_at AS resolvedAt
         FROM unanswered ${where} ORDER BY id DESC LIMIT ?`,
      )
      .all(options.limit ?? 100) as UnansweredQuestion[];
  }

  resolve(id: number, at: string): boolean {
    return this.db.prepare("UPDATE unanswered SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL").run(at, id).changes === 1;
  }
}
