// Token buckets in the shared database (see migration 015 / migrations-pg 003): the web chat's rate limits hold
// across every app instance on one PostgreSQL database, so a flooder alternating between instances gets the limit
// once, not once per instance. (One SQLite process keeps its buckets in memory: web/rate-limit.ts.)
import { sql, type RawBuilder } from "kysely";
import type { Sql } from "./sql.ts";

export type BucketTake = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateBucketStore {
  constructor(private readonly sql: Sql) {}

  /**
   * Refills `key`'s bucket for the time since it was last taken from and takes one token, in one statement: a new
   * key starts full; an existing row is updated only when the refilled bucket holds a whole token. Concurrent takes
   * on one key (from any instance) queue on the row, so together they never take more than the bucket holds. When
   * no token is left, says how many whole seconds until one is.
   *
   * Instances compare their own clocks (`nowMs`), which must agree (NTP): a bucket's time never moves backwards,
   * so an instance whose clock lags refills nothing until it catches up, rather than taking tokens back.
   */
  async take(key: string, capacity: number, refillPerSecond: number, nowMs: number): Promise<BucketTake> {
    const now = Math.floor(nowMs);
    const refilled = this.refilled(capacity, refillPerSecond, now);
    const row = await this.sql.db
      .insertInto("rate_buckets")
      .values({ key, tokens: capacity - 1, at_ms: now })
      .onConflict((oc) =>
        oc
          .column("key")
          .doUpdateSet({ tokens: sql<number>`${refilled} - 1`, at_ms: sql<number>`${this.fn("max")}(rate_buckets.at_ms, ${integer(now)})` })
          .where(sql<boolean>`${refilled} >= 1`),
      )
      .returning("tokens")
      .executeTakeFirst();
    if (row) return { ok: true };
    // Refused: the statement changed nothing. The wait is read apart (another take may land in between; it only
    // makes the estimate a little off, and a client that comes back early is simply refused again).
    const current = await this.sql.db.selectFrom("rate_buckets").select(["tokens", "at_ms"]).where("key", "=", key).executeTakeFirst();
    const tokens = current ? Math.min(capacity, current.tokens + (Math.max(0, now - current.at_ms) / 1000) * refillPerSecond) : capacity;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) };
  }

  /**
   * Deletes the buckets nobody has taken from since `idleSinceMs`. A bucket idle for a full refill is full, and a
   * missing bucket counts as full: deleting it changes nothing. Returns how many went.
   */
  async sweep(idleSinceMs: number): Promise<number> {
    const result = await this.sql.db.deleteFrom("rate_buckets").where("at_ms", "<", Math.floor(idleSinceMs)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The row's tokens after refilling up to `now` (never back in time), capped at `capacity`. */
  private refilled(capacity: number, refillPerSecond: number, now: number): RawBuilder<number> {
    const perMs = sql`CAST(${refillPerSecond / 1000} AS DOUBLE PRECISION)`;
    return sql<number>`${this.fn("min")}(CAST(${capacity} AS DOUBLE PRECISION), rate_buckets.tokens + ${this.fn("max")}(0, ${integer(now)} - rate_buckets.at_ms) * ${perMs})`;
  }

  /** SQLite's scalar min()/max() of several arguments are PostgreSQL's LEAST/GREATEST (its min/max are aggregates). */
  private fn(name: "min" | "max"): RawBuilder<unknown> {
    if (this.sql.engine === "postgres") return sql.raw(name === "min" ? "LEAST" : "GREATEST");
    return sql.raw(name);
  }
}

/** A parameter PostgreSQL must read as an integer (an untyped parameter in arithmetic would not be inferred). */
const integer = (value: number) => sql`CAST(${value} AS BIGINT)`;
