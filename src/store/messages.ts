// The conversation log: every accepted message with its intent, confidence, answer ids and latency.
import type { Sql, TransactionOptions } from "./sql.ts";

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

/** An exchange in the in-memory copy, with its row id (the copy never learns a row twice, nor an older one). */
interface Kept {
  id: number;
  exchange: Exchange;
}

export class MessageLog {
  /**
   * SQLite only: the latest exchanges of recently active conversations, kept as they are logged: the LLM
   * reads them for every answer, and a query per answer cost more than the rest of the log. One process is
   * the only writer of a SQLite log, so the copy stays exact; a conversation not in it is read from the
   * database. On PostgreSQL other instances write the same log, so it is always read.
   */
  private readonly conversations: Map<string, Kept[]> | undefined;
  /**
   * Exchanges logged inside a transaction opened by `write`, by that transaction: remembered only once it
   * has committed, so the copy never holds a message the database lost.
   */
  private readonly pending = new WeakMap<object, Array<{ key: string; kept: Kept }>>();

  constructor(private readonly sql: Sql) {
    this.conversations = sql.engine === "sqlite" ? new Map() : undefined;
  }

  /**
   * Runs `work` in one transaction, tried again while another writer holds the lock (`Sql.write`); what it
   * logs reaches the in-memory copy only after the commit. Inside another transaction it joins it, and
   * what it logs is dropped from the copy (that transaction may yet roll back: the database has the truth).
   */
  async write<T>(work: () => Promise<T>, options: TransactionOptions & { withinMs: number }): Promise<T> {
    if (this.sql.inTransaction || !this.conversations) return this.sql.write(work, options);
    let logged: Array<{ key: string; kept: Kept }> = [];
    // Not durable unless asked: the log promises nobody anything, so its commit waits for no disk (SQLite commits
    // with synchronous=NORMAL; PostgreSQL turns synchronous_commit off for the transaction).
    const result = await this.sql.write(async () => {
      logged = []; // a retried attempt starts over: the rolled-back one's rows are gone
      this.pending.set(this.sql.db, logged);
      return work();
    }, options);
    for (const { key, kept } of logged) this.remember(key, kept);
    return result;
  }

  /** Returns the new row id, or undefined when this platform message was logged before (a duplicate). */
  async record(message: LoggedMessage): Promise<number | undefined> {
    const db = this.sql.db;
    const row = await db
      .insertInto("messages")
      .values({
        channel: message.channel,
        platform_message_id: message.platformMessageId ?? null,
        user_id: message.userId,
        chat_id: message.chatId,
        text: message.text,
        intent: message.intent,
        confidence: message.confidence,
        answer_kind: message.answerKind ?? null,
        answer_ids: JSON.stringify(message.answerIds),
        reply_text: message.replyText,
        latency_ms: message.latencyMs,
        created_at: message.createdAt,
        understood: message.understood ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return undefined;
    if (!this.conversations) return row.id;
    const key = conversationKey(message.channel, message.userId);
    const kept: Kept = {
      id: row.id,
      exchange: {
        text: message.text,
        replyText: message.replyText,
        createdAt: message.createdAt,
        intent: message.intent,
        answerKind: message.answerKind ?? null,
        answerIds: [...message.answerIds],
        understood: message.understood ?? null,
      },
    };
    const pending = this.sql.inTransaction ? this.pending.get(db) : undefined;
    if (pending) pending.push({ key, kept });
    // In some other transaction that may yet roll back: forget the copy, the database has the truth.
    else if (this.sql.inTransaction) this.conversations.delete(key);
    else this.remember(key, kept);
    return row.id;
  }

  private remember(key: string, kept: Kept): void {
    const list = this.conversations?.get(key);
    if (!list) return; // not read yet: the first read takes it from the database
    // Read from the database after the commit already (between the commit and this call): known.
    if (list.length > 0 && list[list.length - 1]!.id >= kept.id) return;
    list.push(kept);
    if (list.length > EXCHANGES_KEPT) list.shift();
  }

  /**
   * When the user's latest logged message arrived (ISO time), or undefined: WeChat lets an Official Account
   * write to a user only within 48 hours of the user's last message.
   */
  async lastMessageAt(channel: string, userId: string): Promise<string | undefined> {
    const row = await this.sql.db
      .selectFrom("messages")
      .select("created_at")
      .where("channel", "=", channel)
      .where("user_id", "=", userId)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.created_at;
  }

  /** The conversation's last `limit` exchanges, oldest first. */
  async recentExchanges(channel: string, userId: string, limit: number): Promise<Exchange[]> {
    if (limit <= 0) return [];
    if (!this.conversations || limit > EXCHANGES_KEPT) return (await this.readExchanges(channel, userId, limit)).map((k) => k.exchange);
    const key = conversationKey(channel, userId);
    let kept = this.conversations.get(key);
    if (kept) {
      this.conversations.delete(key); // re-inserted below: Map order is the least-recently-used order
    } else {
      const read = await this.readExchanges(channel, userId, EXCHANGES_KEPT);
      // Another call may have read and kept it while this one waited for the database.
      kept = this.conversations.get(key) ?? read;
      this.conversations.delete(key);
      if (this.conversations.size >= CONVERSATIONS_KEPT) this.conversations.delete(this.conversations.keys().next().value!);
    }
    this.conversations.set(key, kept);
    return kept.slice(-limit).map((k) => k.exchange);
  }

  private async readExchanges(channel: string, userId: string, limit: number): Promise<Kept[]> {
    const rows = await this.sql.db
      .selectFrom("messages")
      .select(["id", "text", "reply_text", "created_at", "intent", "answer_kind", "answer_ids", "understood"])
      .where("channel", "=", channel)
      .where("user_id", "=", userId)
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows
      .map((row) => ({
        id: row.id,
        exchange: {
          text: row.text,
          replyText: row.reply_text,
          createdAt: row.created_at,
          intent: row.intent,
          answerKind: row.answer_kind,
          answerIds: parseIds(row.answer_ids),
          understood: row.understood,
        },
      }))
      .reverse();
  }

  async isDuplicate(channel: string, platformMessageId: string | undefined): Promise<boolean> {
    if (platformMessageId === undefined) return false;
    const row = await this.sql.db
      .selectFrom("messages")
      .select("id")
      .where("channel", "=", channel)
      .where("platform_message_id", "=", platformMessageId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async count(): Promise<number> {
    const row = await this.sql.db
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async recent(limit = 50): Promise<Array<Record<string, unknown>>> {
    return this.sql.db.selectFrom("messages").selectAll().orderBy("id", "desc").limit(limit).execute();
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
