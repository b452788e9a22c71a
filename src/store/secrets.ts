// Secrets the app makes for itself and keeps across restarts (the web chat's cookie-signing key).
import type { Db } from "./database.ts";

export class SecretStore {
  constructor(private readonly db: Db) {}

  /**
   * The stored value of `name`, made by `create` the first time. Insert-or-ignore then read: two processes
   * starting together end up with the same value.
   */
  getOrCreate(name: string, create: () => string, at: string): string {
    this.db.prepare("INSERT OR IGNORE INTO app_secrets (name, value, created_at) VALUES (?, ?, ?)").run(name, create(), at);
    return this.db.prepare("SELECT value FROM app_secrets WHERE name = ?").pluck().get(name) as string;
  }
}
