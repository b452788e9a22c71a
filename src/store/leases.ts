// Leases in the shared database: at most one instance holds a name at a time (see migration 014).
import type { Sql } from "./sql.ts";

export class LeaseStore {
  constructor(private readonly sql: Sql) {}

  /**
   * Takes or renews `name` for `holder` until `now + ttlMs`, in one statement: it succeeds when nobody holds the
   * name, when `holder` already does, or when the last holder let it expire. Two instances asking at once cannot
   * both succeed (the row's unique key and the conditional update decide). Instances compare their own clocks'
   * times, so their clocks must agree (NTP) to well within the lease's length.
   */
  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const nowIso = now.toISOString();
    const expires = new Date(now.getTime() + ttlMs).toISOString();
    const row = await this.sql.db
      .insertInto("leases")
      .values({ name, holder, expires_at: expires })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet({ holder, expires_at: expires })
          .where((eb) => eb.or([eb("leases.holder", "=", holder), eb("leases.expires_at", "<", nowIso)])),
      )
      .returning("holder")
      .executeTakeFirst();
    return row?.holder === holder;
  }

  /** Gives `name` up at once (a clean stop), so another instance need not wait for the lease to expire. */
  async release(name: string, holder: string): Promise<void> {
    await this.sql.db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
  }

  async holderOf(name: string, now: Date): Promise<string | undefined> {
    const row = await this.sql.db
      .selectFrom("leases")
      .select("holder")
      .where("name", "=", name)
      .where("expires_at", ">=", now.toISOString())
      .executeTakeFirst();
    return row?.holder;
  }
}
