// The outbox table: notifications waiting to be delivered, with attempts and back-off.
import type { Sql } from "./sql.ts";
import type { OutboxTable } from "./tables.ts";
import type { Selectable } from "kysely";
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

/**
 * How long a claimed message is left to the instance that claimed it: its next attempt is moved this far
 * ahead, so no other instance claims it meanwhile; if that instance dies before recording the outcome, the
 * message is due again when the lease runs out. Longer than a batch of sends takes, timeouts included.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** Messages claimed at once: a batch is delivered one by one within the lease. */
const CLAIM_BATCH = 10;
/** How long a claim waits while another process holds SQLite's write lock. */
const CLAIM_WITHIN_MS = 2000;

type Filter = { channel?: string; chatId?: string; limit?: number };

export class OutboxStore {
  constructor(private readonly sql: Sql) {}

  /** Queues a notification; returns false when one with the same dedupe key already exists. */
  async enqueue(message: NewOutboxMessage): Promise<boolean> {
    const row = await this.sql.db
      .insertInto("outbox")
      .values({
        channel: message.channel,
        user_id: message.userId,
        chat_id: message.chatId,
        text: message.text,
        quick_replies: JSON.stringify(message.quickReplies ?? []),
        dedupe_key: message.dedupeKey,
        next_attempt_at: message.createdAt,
        created_at: message.createdAt,
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Pending messages due now, optionally for one channel (or one chat), without claiming them (a look only). */
  async due(now: string, filter: Filter = {}): Promise<OutboxMessage[]> {
    return (await this.dueQuery(now, filter).execute()).map(toMessage);
  }

  /**
   * Claims up to a batch of due messages for delivery, exactly once across instances: each is leased to the
   * caller (its next attempt moved `CLAIM_LEASE_MS` ahead) in the transaction that reads it, and then
   * belongs to it until it records the outcome or the lease runs out. On PostgreSQL the rows are read
   * with FOR UPDATE SKIP LOCKED, so instances claiming at the same moment take different messages rather
   * than waiting for each other; on SQLite one writer at a time does the same (a claim that read a
   * snapshot another process has since changed fails with SQLITE_BUSY_SNAPSHOT and is tried again).
   */
  async claim(now: string, filter: Filter = {}): Promise<OutboxMessage[]> {
    const leaseEnd = new Date(Date.parse(now) + CLAIM_LEASE_MS).toISOString();
    return this.sql.write(
      async () => {
        const rows = await this.lockedDue(now, { ...filter, limit: filter.limit ?? CLAIM_BATCH });
        if (rows.length === 0) return [];
        await this.sql.db
          .updateTable("outbox")
          .set({ next_attempt_at: leaseEnd })
          .where(
            "id",
            "in",
            rows.map((r) => r.id),
          )
          .execute();
        return rows.map(toMessage);
      },
      { withinMs: CLAIM_WITHIN_MS },
    );
  }

  /**
   * Takes a chat's due messages and marks them delivered in one transaction (the web page collects its
   * notifications by polling): two polls at the same moment, on one instance or two, never both get one.
   */
  async collect(now: string, channel: string, chatId: string): Promise<OutboxMessage[]> {
    return this.sql.write(
      async () => {
        const rows = await this.lockedDue(now, { channel, chatId });
        if (rows.length === 0) return [];
        await this.sql.db
          .updateTable("outbox")
          .set((eb) => ({ status: "sent", sent_at: now, attempts: eb("attempts", "+", 1) }))
          .where(
            "id",
            "in",
            rows.map((r) => r.id),
          )
          .where("status", "=", "pending")
          .execute();
        return rows.map(toMessage);
      },
      { withinMs: CLAIM_WITHIN_MS },
    );
  }

  private dueQuery(now: string, filter: Filter) {
    return this.sql.db
      .selectFrom("outbox")
      .selectAll()
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .$if(filter.channel !== undefined, (qb) => qb.where("channel", "=", filter.channel!))
      .$if(filter.chatId !== undefined, (qb) => qb.where("chat_id", "=", filter.chatId!))
      .orderBy("id")
      .limit(filter.limit ?? 100);
  }

  /** Due rows, locked for this transaction on PostgreSQL (SQLite has no row locks nor FOR UPDATE: its one writer is the lock). */
  private lockedDue(now: string, filter: Filter) {
    const query = this.dueQuery(now, filter);
    return (this.sql.engine === "postgres" ? query.forUpdate().skipLocked() : query).execute();
  }

  async markSent(id: number, at: string): Promise<void> {
    await this.sql.db
      .updateTable("outbox")
      .set((eb) => ({ status: "sent", sent_at: at, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .execute();
  }

  /** Records a failed attempt; after `maxAttempts` the message is marked failed for staff to see. */
  async markFailed(id: number, error: string, retryAt: string, maxAttempts: number): Promise<void> {
    await this.sql.db
      .updateTable("outbox")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: error.slice(0, 500),
        next_attempt_at: retryAt,
        status: eb
          .case()
          .when(eb("attempts", "+", 1), ">=", maxAttempts)
          .then("failed" as const)
          .else("pending" as const)
          .end(),
      }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .execute();
  }

  /** Keeps a message pending without counting an attempt (the channel may not write to that chat yet). */
  async defer(id: number, reason: string, retryAt: string): Promise<void> {
    await this.sql.db
      .updateTable("outbox")
      .set({ last_error: reason.slice(0, 500), next_attempt_at: retryAt })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .execute();
  }

  /**
   * Makes a chat's waiting messages due at `now`; returns how many. Runs for every message a channel with a
   * reply window receives, so it only reads unless something is waiting (a write costs a commit, ~2 ms).
   * Messages claimed for delivery right now (next attempt within a lease from now) are left to their claimant.
   */
  async resume(channel: string, chatId: string, now: string): Promise<number> {
    const after = new Date(Date.parse(now) + CLAIM_LEASE_MS).toISOString();
    const waiting = await this.sql.db
      .selectFrom("outbox")
      .select("id")
      .where("channel", "=", channel)
      .where("chat_id", "=", chatId)
      .where("status", "=", "pending")
      .where("next_attempt_at", ">", after)
      .limit(1)
      .executeTakeFirst();
    if (!waiting) return 0;
    const result = await this.sql.db
      .updateTable("outbox")
      .set({ next_attempt_at: now })
      .where("channel", "=", channel)
      .where("chat_id", "=", chatId)
      .where("status", "=", "pending")
      .where("next_attempt_at", ">", after)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async get(id: number): Promise<OutboxMessage | undefined> {
    const row = await this.sql.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toMessage(row) : undefined;
  }
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    userId: row.user_id,
    chatId: row.chat_id,
    text: row.text,
    quickReplies: JSON.parse(row.quick_replies) as QuickReply[],
    dedupeKey: row.dedupe_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
