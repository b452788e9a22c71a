// The conversation log: every accepted message with its intent, confidence, answer ids and latency.
import type { Db } from "./database.ts";

export interface LoggedMessage {
  channel: string;
  platformMessageId?: string | undefined;
  userId: string;
  chatId: string;
  text: string;
  intent: string;
  confidence: number;
  answerKind?: string | undefined;
  answerIds: string[];
  replyText: string;
  latencyMs: number;
  createdAt: string;
}

export class MessageLog {
  private readonly insert;
  private readonly seen;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO messages (channel, platform_message_id, user_id, chat_id, text, intent, confidence, answer_kind, answer_ids, reply_text, latency_ms, created_at)
       VALUES (@channel, @platformMessageId, @userId, @chatId, @text, @intent, @confidence, @answerKind, @answerIds, @replyText, @latencyMs, @createdAt)
       ON CONFLICT DO NOTHING`,
    );
    this.seen = db.prepare("SELECT 1 FROM messages WHERE channel = ? AND platform_message_id = ?").pluck();
  }

  /** Returns the new row id, or undefined when this platform message was logged before (a duplicate). */
  record(message: LoggedMessage): number | undefined {
    const result = this.insert.run({
      ...message,
      platformMessageId: message.platformMessageId ?? null,
      answerKind: message.answerKind ?? null,
      answerIds: JSON.stringify(message.answerIds),
    });
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  isDuplicate(channel: string, platformMessageId: string | undefined): boolean {
    return platformMessageId !== undefined && this.seen.get(channel, platformMessageId) !== undefined;
  }

  count(): number {
    return this.db.prepare("SELECT count(*) FROM messages").pluck().get() as number;
  }

  recent(limit = 50): Array<Record<string, unknown>> {
    return this.db.prepare("SELECT * FROM messages ORDER BY id DESC LIMIT ?").all(limit) as Array<Record<string, unknown>>;
  }
}
