// Per-user conversation state (a pending clarification, a dialogue in progress), kept across restarts.
import type { Db } from "./database.ts";

export interface StoredSession {
  data: unknown;
  updatedAt: string;
}

/** Enough for every active conversation of a township; older keys are simply read from disk again. */
const CACHE_LIMIT = 50_000;

/**
 * Several dialogues look up their state on every message, so reads are served from a write-through
 * cache (absent keys included); every write still reaches SQLite before it returns. This assumes one
 * server process per database file, which is how the assistant is deployed.
 */
export class SessionStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;
  private readonly cache = new Map<string, { raw: string; updatedAt: string } | null>();

  constructor(db: Db) {
    this.getStmt = db.prepare("SELECT data, updated_at AS updatedAt FROM sessions WHERE key = ?");
    this.putStmt = db.prepare(
      "INSERT INTO sessions (key, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    );
    this.deleteStmt = db.prepare("DELETE FROM sessions WHERE key = ?");
  }

  get(key: string): StoredSession | undefined {
    let row = this.cache.get(key);
    if (row === undefined) {
      const stored = this.getStmt.get(key) as { data: string; updatedAt: string } | undefined;
      row = stored ? { raw: stored.data, updatedAt: stored.updatedAt } : null;
      this.remember(key, row);
    }
    if (!row) return undefined;
    try {
      // Parsed on every read so callers can't mutate the cached state by accident.
      return { data: JSON.parse(row.raw), updatedAt: row.updatedAt };
    } catch {
      // A corrupt row must not wedge the user's chat: forget it.
      this.delete(key);
      return undefined;
    }
  }

  set(key: string, data: unknown, at: string): void {
    const raw = JSON.stringify(data);
    this.putStmt.run(key, raw, at);
    this.remember(key, { raw, updatedAt: at });
  }

  delete(key: string): void {
    if (this.cache.get(key) === null) return; // known to be absent: no write needed
    this.deleteStmt.run(key);
    this.remember(key, null);
  }

  private remember(key: string, row: { raw: string; updatedAt: string } | null): void {
    this.cache.delete(key);
    this.cache.set(key, row);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
  }
}
