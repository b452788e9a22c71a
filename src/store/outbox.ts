// The outbox table: notifications waiting to be delivered, with attempts and back-off.
import type { Db } from "./database.ts";
import type { QuickReply } from "../core/message.ts";

export interface OutboxMessage {
  id: number;
  channel: string;
  userId: string;
  chatId: string;
  text: string;
  quickReplies: QuickReply[];
  dedupeKey: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NewOutboxMessage {
  channel: string;
  userId: string;
  chatId: string;
  text: string;
  quickReplies?: QuickReply[];
  dedupeKey: string;
  createdAt: string;
}

const COLUMNS = `id, channel, user_id AS userId, chat_id AS chatId, text, quick_replies AS quickReplies, dedupe_key AS dedupeKey,
  status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, created_at AS createdAt, sent_at AS sentAt`;

export class OutboxStore {
  constructor(private readonly db: Db) {}

  /** Queues a notification; returns false when one with the same dedupe key already exists. */
  enqueue(message: NewOutboxMessage): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO outbox (channel, user_id, chat_id, text, quick_replies, dedupe_key, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .run(
        message.channel,
        message.userId,
        message.chatId,
        message.text,
        JSON.stringify(message.quickReplies ?? []),
        message.dedupeKey,
        message.createdAt,
        message.createdAt,
      );
    return result.changes === 1;
  }

  /** Pending messages due now, optionally for one channel (or one chat, for the web page's polling). */
  due(now: string, filter: { channel?: string; chatId?: string; limit?: number } = {}): OutboxMessage[] {
    const clauses = ["status = 'pending'", "next_attempt_at <= @now"];
    if (filter.channel) clauses.push("channel = @channel");
    if (filter.chatId) clauses.push("chat_id = @chatId");
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM outbox WHERE ${clauses.join(" AND ")} ORDER BY id LIMIT @limit`)
      .all({ now, channel: filter.channel ?? null, chatId: filter.chatId ?? null, limit: filter.limit ?? 100 }) as Array<
      OutboxMessage & { quickReplies: string }
    >;
    return rows.map((row) => ({ ...row, quickReplies: JSON.parse(row.quickReplies) as QuickReply[] }));
  }

  markSent(id: number, at: string): void {
    this.db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'").run(at, id);
  }

  /** Records a failed attempt; after `maxAttempts` the message is marked failed for staff to see. */
  markFailed(id: number, error: string, retryAt: string, maxAttempts: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
           status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END
         WHERE id = ? AND status = 'pending'`,
      )
      .run(error.slice(0, 500), retryAt, maxAttempts, id);
  }

  /** Keeps a message pending without counting an attempt (the channel may not write to that chat yet). */
  defer(id: number, reason: string, retryAt: string): void {
    this.db.prepare("UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'").run(reason.slice(0, 500), retryAt, id);
  }

  /**
   * Makes a chat's pending messages due at `now`; returns how many. Runs for every message a channel with a
   * reply window receives, so it only reads unless something is waiting (a write costs a commit, ~2 ms).
   */
  resume(channel: string, chatId: string, now: string): number {
    const waiting = this.db
      .prepare("SELECT 1 FROM outbox WHERE channel = ? AND chat_id = ? AND status = 'pending' AND next_attempt_at > ? LIMIT 1")
      .get(channel, chatId, now);
    if (!waiting) return 0;
    return this.db
      .prepare("UPDATE outbox SET next_attempt_at = ? WHERE channel = ? AND chat_id = ? AND status = 'pending' AND next_attempt_at > ?")
      .run(now, channel, chatId, now).changes;
  }

  get(id: number): OutboxMessage | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as (OutboxMessage & { quickReplies: string }) | undefined;
    return row ? { ...row, quickReplies: JSON.parse(row.quickReplies) as QuickReply[] } : undefined;
  }
}
