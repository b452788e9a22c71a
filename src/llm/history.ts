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
    // No created_at condition here: with one, SQLite picks the created_at index and scans the whole window.
    this.select = db.prepare(
      `SELECT text, reply_text, created_at FROM messages
       WHERE channel = ? AND user_id = ?
       ORDER BY id DESC LIMIT ?`,
    );
  }

  /** Oldest first, as the conversation went. */
  recent(query: HistoryQuery): Turn[] {
    if (query.limit <= 0) return [];
    const rows = this.select.all(query.channel, query.userId, query.limit) as Array<{ text: string; reply_text: string; created_at: string }>;
    return rows
      .filter((r) => r.created_at >= query.since)
      .reverse()
      .map((r) => ({ userText: r.text, replyText: r.reply_text }));
  }
}
