// The audit log: who did what as staff (or was refused), shared by every feature that acts for staff.
import type { Sql } from "./sql.ts";

export interface AuditEntry {
  id: number;
  actor: string;
  role: string;
  action: string;
  outcome: "allowed" | "refused" | "failed";
  detail: string;
  createdAt: string;
}

export class AuditLog {
  constructor(private readonly sql: Sql) {}

  /** Writes one entry (inside the caller's transaction, if any); returns its id. */
  async write(entry: Omit<AuditEntry, "id">): Promise<number> {
    const row = await this.sql.db
      .insertInto("audit_log")
      .values({
        actor: entry.actor,
        role: entry.role,
        action: entry.action.slice(0, 200),
        outcome: entry.outcome,
        detail: entry.detail.slice(0, 1000),
        created_at: entry.createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async list(limit = 100): Promise<AuditEntry[]> {
    return this.sql.db
      .selectFrom("audit_log")
      .select(["id", "actor", "role", "action", "outcome", "detail", "created_at as createdAt"])
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }
}
