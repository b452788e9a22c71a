// Reads the last few exchanges of one user's conversation from the message log, for follow-up questions.
import type { Db } from "../store/index.ts";
import type { Turn } from "./context.ts";

export interface HistoryQuery {
  channel: string;
  userId: string;
  limit: number;
  /** ISO time: older exchanges belong to another conversation. */
  since: string;
}

export class ConversationHistory {
  private readonly select;

  constructor(db: Db) {
    this.select = db.prepare(
      `SELECT text, reply_text FROM messages
       WHERE channel = ? AND user_id = ? AND created_at >= ?
       ORDER BY id DESC LIMIT ?`,
    );
  }

  /** Oldest first, as the conversation went. */
  recent(query: HistoryQuery): Turn[] {
    if (query.limit <= 0) return [];
    const rows = this.select.all(query.channel, query.userId, query.since, query.limit) as Array<{ text: string; reply_text: string }>;
    return rows.reverse().map((r) => ({ userText: r.text, replyText: r.reply_text }));
  }
}
