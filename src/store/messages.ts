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
  /** The message read together with the previous question, for a follow-up. */
  understood?: string | undefined;
}

/** One question and the reply it got, as logged. */
export interface Exchange {
  text: string;
  replyText: string;
  createdAt: string;
  intent: string;
  answerKind: string | null;
  answerIds: string[];
  /** The message read together with the previous question (follow-ups), when it was. */
  understood: string | null;
}

/** Exchanges kept in memory per conversation, and conversations kept (least recently used dropped first). */
const EXCHANGES_KEPT = 10;
const CONVERSATIONS_KEPT = 1_000;

export class MessageLog {
  private readonly insert;
  private readonly seen;
  private readonly lastExchanges;
  /**
   * The latest exchanges of recently active conversations, kept as they are logged: the LLM reads them
   * for every answer, and a query per answer cost more than the rest of the log. This process is the
   * only writer of the log, so the copy stays exact; a conversation not in it is read from the database.
   */
  private readonly conversations = new Map<string, Exchange[]>();
  /** Exchanges logged inside `Store.transaction`, remembered only once it commits. */
  private pending: Array<{ key: string; exchange: Exchange }> | undefined;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO messages (channel, platform_message_id, user_id, chat_id, text, intent, confidence, answer_kind, answer_ids, reply_text, latency_ms, created_at, understood)
       VALUES (@channel, @platformMessageId, @userId, @chatId, @text, @intent, @confidence, @answerKind, @answerIds, @replyText, @latencyMs, @createdAt, @understood)
       ON CONFLICT DO NOTHING`,
    );
    this.seen = db.prepare("SELECT 1 FROM messages WHERE channel = ? AND platform_message_id = ?").pluck();
    this.lastExchanges = db.prepare(
      `SELECT text, reply_text AS replyText, created_at AS createdAt, intent, answer_kind AS answerKind, answer_ids AS answerIds, understood FROM messages
       WHERE channel = ? AND user_id = ?
       ORDER BY id DESC LIMIT ?`,
    );
  }

  /** Returns the new row id, or undefined when this platform message was logged before (a duplicate). */
  record(message: LoggedMessage): number | undefined {
    const result = this.insert.run({
      ...message,
      platformMessageId: message.platformMessageId ?? null,
      answerKind: message.answerKind ?? null,
      answerIds: JSON.stringify(message.answerIds),
      understood: message.understood ?? null,
    });
    if (result.changes !== 1) return undefined;
    const key = conversationKey(message.channel, message.userId);
    const exchange: Exchange = {
      text: message.text,
      replyText: message.replyText,
      createdAt: message.createdAt,
      intent: message.intent,
      answerKind: message.answerKind ?? null,
      answerIds: [...message.answerIds],
      understood: message.understood ?? null,
    };
    if (this.pending) this.pending.push({ key, exchange });
    // In some other transaction that may yet roll back: forget the copy, the database has the truth.
    else if (this.db.inTransaction) this.conversations.delete(key);
    else this.remember(key, exchange);
    return Number(result.lastInsertRowid);
  }

  /**
   * Runs `write` (in the caller's transaction), keeping the exchanges it logs aside until `settle` says
   * whether the transaction committed: the in-memory copy never holds a message the database lost.
   */
  deferring<T>(write: () => T): T {
    this.pending = [];
    return write();
  }

  settle(committed: boolean): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    if (committed) for (const { key, exchange } of pending) this.remember(key, exchange);
  }

  private remember(key: string, exchange: Exchange): void {
    const kept = this.conversations.get(key);
    if (!kept) return; // not read yet: the first read takes it from the database
    kept.push(exchange);
    if (kept.length > EXCHANGES_KEPT) kept.shift();
  }

  /**
   * When the user's latest logged message arrived (ISO time), or undefined: WeChat lets an Official Account
   * write to a user only within 48 hours of the user's last message.
   */
  lastMessageAt(channel: string, userId: string): string | undefined {
    const row = this.db.prepare("SELECT created_at FROM messages WHERE channel = ? AND user_id = ? ORDER BY id DESC LIMIT 1").pluck().get(channel, userId);
    return typeof row === "string" ? row : undefined;
  }

  /** The conversation's last `limit` exchanges, oldest first. */
  recentExchanges(channel: string, userId: string, limit: number): Exchange[] {
    if (limit <= 0) return [];
    if (limit > EXCHANGES_KEPT) return this.readExchanges(channel, userId, limit);
    const key = conversationKey(channel, userId);
    let kept = this.conversations.get(key);
    if (kept) {
      this.conversations.delete(key); // re-inserted below: Map order is the least-recently-used order
    } else {
      kept = this.readExchanges(channel, userId, EXCHANGES_KEPT);
      if (this.conversations.size >= CONVERSATIONS_KEPT) this.conversations.delete(this.conversations.keys().next().value!);
    }
    this.conversations.set(key, kept);
    return kept.slice(-limit);
  }

  private readExchanges(channel: string, userId: string, limit: number): Exchange[] {
    const rows = this.lastExchanges.all(channel, userId, limit) as Array<Omit<Exchange, "answerIds"> & { answerIds: string }>;
    return rows.map((row) => ({ ...row, answerIds: parseIds(row.answerIds) })).reverse();
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

const conversationKey = (channel: string, userId: string) => `${channel}\u0000${userId}`;

function parseIds(raw: string): string[] {
  try {
    const ids: unknown = JSON.parse(raw);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}
