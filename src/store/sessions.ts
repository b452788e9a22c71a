// Per-user conversation state (a pending clarification, a dialogue in progress), kept across restarts.
import type { CompiledQuery } from "kysely";
import type { Prepared, Sql } from "./sql.ts";

export interface StoredSession {
  data: unknown;
  updatedAt: string;
  /** The stored text, for a write that must find it unchanged (`replace`). */
  raw: string;
}

/** Enough for every active conversation of a township; older keys are simply read from disk again. */
const CACHE_LIMIT = 50_000;

type Row = { raw: string; updatedAt: string } | null;

/** A change to one key as part of a write of several statements (`TurnLog`): its statement, then `stored`. */
export interface SessionChange {
  key: string;
  statement: CompiledQuery;
  row: Row;
}

/**
 * Several dialogues look up their state on every message, so on SQLite reads are served from a
 * write-through cache (absent keys included); every write still reaches the database before it returns.
 * That assumes one process per database file, which is how SQLite is deployed; on PostgreSQL other
 * instances write the same rows, so every read goes to the database.
 */
export class SessionStore {
  private readonly cache: Map<string, Row> | undefined;
  /** The read and writes every message makes (`get`, `change`): compiled once. */
  private readonly upsert: Prepared<{ key: string; data: string; at: string }>;
  private readonly remove: Prepared<{ key: string }>;
  private readonly read: Prepared<{ key: string }>;

  constructor(private readonly sql: Sql) {
    this.cache = sql.engine === "sqlite" ? new Map() : undefined;
    this.upsert = sql.prepare<{ key: string; data: string; at: string }>((db, value) =>
      db
        .insertInto("sessions")
        .values({ key: value("key"), data: value("data"), updated_at: value("at") })
        .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ data: eb.ref("excluded.data"), updated_at: eb.ref("excluded.updated_at") }))),
    );
    this.remove = sql.prepare<{ key: string }>((db, value) => db.deleteFrom("sessions").where("key", "=", value("key")));
    this.read = sql.prepare<{ key: string }>((db, value) => db.selectFrom("sessions").select(["data", "updated_at"]).where("key", "=", value("key")));
  }

  async get(key: string): Promise<StoredSession | undefined> {
    let row = this.cache?.get(key);
    if (row === undefined) {
      const [stored] = (await this.sql.execute<{ data: string; updated_at: string }>(this.read.bind({ key }))).rows;
      row = stored ? { raw: stored.data, updatedAt: stored.updated_at } : null;
      // Read inside a transaction, the row may be one that transaction wrote and may yet roll back.
      if (!this.sql.inTransaction) this.remember(key, row);
    }
    if (!row) return undefined;
    try {
      // Parsed on every read so callers can't mutate the cached state by accident.
      return { data: JSON.parse(row.raw), updatedAt: row.updatedAt, raw: row.raw };
    } catch {
      // A corrupt row must not wedge the user's chat: forget it.
      await this.delete(key);
      return undefined;
    }
  }

  async set(key: string, data: unknown, at: string): Promise<void> {
    await this.apply(this.upsertChange(key, data, at));
  }

  /** Stores `data` under `key`; null removes it. */
  async write(key: string, data: unknown, at: string): Promise<void> {
    const change = this.change(key, data, at);
    if (change) await this.apply(change);
  }

  private async apply(change: SessionChange): Promise<void> {
    await this.sql.execute(change.statement);
    this.stored(change);
  }

  /**
   * The statement that stores `data` under `key` (null: removes it), for a write of several statements; undefined
   * when there is nothing to write (removing what is known to be absent). Call `stored` once it has run.
   */
  change(key: string, data: unknown, at: string): SessionChange | undefined {
    if (data !== null) return this.upsertChange(key, data, at);
    if (this.cache?.get(key) === null) return undefined;
    return { key, statement: this.remove.bind({ key }), row: null };
  }

  private upsertChange(key: string, data: unknown, at: string): SessionChange {
    const raw = JSON.stringify(data);
    return { key, statement: this.upsert.bind({ key, data: raw, at }), row: { raw, updatedAt: at } };
  }

  /** A change has been written (inside a transaction that may yet roll back, the cached copy is dropped instead). */
  stored(change: SessionChange): void {
    this.learn(change.key, change.row);
  }

  /**
   * Writes `data` only if the stored text is still `expected` (null: still absent); returns whether it did.
   * A check and its write in one statement, so no other writer (another instance, another turn) slips in
   * between them, on either engine, without a lock.
   */
  async replace(key: string, expected: string | null, data: unknown, at: string): Promise<boolean> {
    const raw = JSON.stringify(data);
    const changed =
      expected === null
        ? (await this.sql.db
            .insertInto("sessions")
            .values({ key, data: raw, updated_at: at })
            .onConflict((oc) => oc.column("key").doNothing())
            .returning("key")
            .executeTakeFirst()) !== undefined
        : Number(
            (
              await this.sql.db
                .updateTable("sessions")
                .set({ data: raw, updated_at: at })
                .where("key", "=", key)
                .where("data", "=", expected)
                .executeTakeFirst()
            ).numUpdatedRows,
          ) === 1;
    if (changed) this.learn(key, { raw, updatedAt: at });
    else this.cache?.delete(key); // someone else wrote it: read it again next time
    return changed;
  }

  async delete(key: string): Promise<void> {
    await this.write(key, null, "");
  }

  /** A write's outcome: kept when it is committed; inside a transaction that may yet roll back, forgotten. */
  private learn(key: string, row: Row): void {
    if (this.sql.inTransaction) this.cache?.delete(key);
    else this.remember(key, row);
  }

  private remember(key: string, row: Row): void {
    if (!this.cache) return;
    this.cache.delete(key);
    this.cache.set(key, row);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
  }
}
