// Per-user conversation state (a pending clarification, a dialogue in progress), kept across restarts.
import type { Db } from "./database.ts";

export interface StoredSession {
  data: unknown;
  updatedAt: string;
}

export class SessionStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare("SELECT data, updated_at AS updatedAt FROM sessions WHERE key = ?");
    this.putStmt = db.prepare(
      "INSERT INTO sessions (key, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    );
    this.deleteStmt = db.prepare("DELETE FROM sessions WHERE key = ?");
  }

  get(key: string): StoredSession | undefined {
    const row = this.getStmt.get(key) as { data: string; updatedAt: string } | undefined;
    if (!row) return undefined;
    try {
      return { data: JSON.parse(row.data), updatedAt: row.updatedAt };
    } catch {
      // A corrupt row must not wedge the user's chat: forget it.
      this.deleteStmt.run(key);
      return undefined;
    }
  }

  set(key: string, data: unknown, at: string): void {
    this.putStmt.run(key, JSON.stringify(data), at);
  }

  delete(key: string): void {
    this.deleteStmt.run(key);
  }
}
