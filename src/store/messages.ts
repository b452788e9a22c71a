// The conversation log: every accepted message with its intent, confidence, answer ids and latency.
import type { CompiledQuery } from "kysely";
import type { Prepared, Sql } from "./sql.ts";

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

/** The values of the message log's insert, as bound to its compiled statement. */
interface InsertedMessage extends Record<string, unknown> {
  channel: string;
  platformMessageId: string | null;
  userId: string;
  chatId: string;
  text: string;
  intent: string;
  confidence: number;
  answerKind: string | null;
  answerIds: string;
  replyText: string;
  latencyMs: number;
  createdAt: string;
  understood: string | null;
}

/** A row of the latest exchanges' read. */
interface ExchangeRow extends Record<string, unknown> {
  id: number;
  text: string;
  reply_text: string;
  created_at: string;
  intent: string;
  answer_kind: string | null;
  answer_ids: string;
  understood: string | null;
}

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
  /** The insert every message makes (`TurnLog`) and the reads many make: compiled once. */
  private readonly insert: Prepared<InsertedMessage>;
  private readonly latest: Prepared<{ channel: string; userId: string; limit: number }>;
  private readonly byPlatformId: Prepared<{ channel: string; platformMessageId: string }>;

  constructor(private readonly sql: Sql) {
    this.conversations = sql.engine === "sqlite" ? new Map() : undefined;
    this.insert = sql.prepare<InsertedMessage>((db, value) =>
      db
        .insertInto("messages")
        .values({
          channel: value("channel"),
          platform_message_id: value("platformMessageId"),
          user_id: value("userId"),
          chat_id: value("chatId"),
          text: value("text"),
          intent: value("intent"),
          confidence: value("confidence"),
          answer_kind: value("answerKind"),
          answer_ids: value("answerIds"),
          reply_text: value("replyText"),
          latency_ms: value("latencyMs"),
          created_at: value("createdAt"),
          understood: value("understood"),
        })
        .onConflict((oc) => oc.doNothing())
        .returning("id"),
    );
    this.latest = sql.prepare<{ channel: string; userId: string; limit: number }>((db, value) =>
      db
        .selectFrom("messages")
        .select(["id", "text", "reply_text", "created_at", "intent", "answer_kind", "answer_ids", "understood"])
        .where("channel", "=", value("channel"))
        .where("user_id", "=", value("userId"))
        .orderBy("id", "desc")
        .limit(value("limit")),
    );
    this.byPlatformId = sql.prepare<{ channel: string; platformMessageId: string }>((db, value) =>
      db.selectFrom("messages").select("id").where("channel", "=", value("channel")).where("platform_message_id", "=", value("platformMessageId")).limit(1),
    );
  }

  /**
   * The statement that logs `message`, for a write of several statements: its result has the new row's id, or no
   * row when this platform message was logged before (a duplicate). Call `logged` with the id once it has run.
   */
  recordStatement(message: LoggedMessage): CompiledQuery {
    return this.insert.bind({
      channel: message.channel,
      platformMessageId: message.platformMessageId ?? null,
      userId: message.userId,
      chatId: message.chatId,
      text: message.text,
      intent: message.intent,
      confidence: message.confidence,
      answerKind: message.answerKind ?? null,
      answerIds: JSON.stringify(message.answerIds),
      replyText: message.replyText,
      latencyMs: message.latencyMs,
      createdAt: message.createdAt,
      understood: message.understood ?? null,
    });
  }

  /** Returns the new row id, or undefined when this platform message was logged before (a duplicate). */
  async record(message: LoggedMessage): Promise<number | undefined> {
    const { rows } = await this.sql.execute<{ id: number }>(this.recordStatement(message));
    const id = rows[0]?.id;
    if (id !== undefined) this.logged(message, id);
    return id;
  }

  /**
   * `message` was written as row `id`: the in-memory copy learns it. Inside a transaction that may yet roll back,
   * the copy of that conversation is dropped instead (the database has the truth).
   */
  logged(message: LoggedMessage, id: number): void {
    if (!this.conversations) return;
    const key = conversationKey(message.channel, message.userId);
    if (this.sql.inTransaction) {
      this.conversations.delete(key);
      return;
    }
    this.remember(key, {
      id,
      exchange: {
        text: message.text,
        replyText: message.replyText,
        createdAt: message.createdAt,
        intent: message.intent,
        answerKind: message.answerKind ?? null,
        answerIds: [...message.answerIds],
        understood: message.understood ?? null,
      },
    });
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
    const { rows } = await this.sql.execute<ExchangeRow>(this.latest.bind({ channel, userId, limit }));
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
    const { rows } = await this.sql.execute(this.byPlatformId.bind({ channel, platformMessageId }));
    return rows.length > 0;
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
