// Secrets the app makes for itself and keeps across restarts (the web chat's cookie-signing key).
import type { Sql } from "./sql.ts";

export class SecretStore {
  constructor(private readonly sql: Sql) {}

  /**
   * The stored value of `name`, made by `create` the first time. Insert-or-ignore then read: two processes
   * (or instances) starting together end up with the same value, the first one inserted.
   */
  async getOrCreate(name: string, create: () => string, at: string): Promise<string> {
    await this.sql.db
      .insertInto("app_secrets")
      .values({ name, value: create(), created_at: at })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const row = await this.sql.db.selectFrom("app_secrets").select("value").where("name", "=", name).executeTakeFirstOrThrow();
    return row.value;
  }
}
