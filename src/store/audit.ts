// The audit log: who did what as staff (or was refused), shared by every feature that acts for staff.
import type { Db } from "./database.ts";

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
  constructor(private readonly db: Db) {}

  write(entry: Omit<AuditEntry, "id">): number {
    return Number(
      this.db
        .prepare("INSERT INTO audit_log (actor, role, action, outcome, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .run(entry.actor, entry.role, entry.action.slice(0, 200), entry.outcome, entry.detail.slice(0, 1000), entry.createdAt).lastInsertRowid,
    );
  }

  list(limit = 100): AuditEntry[] {
    return this.db
      .prepare("SELECT id, actor, role, action, outcome, detail, created_at AS createdAt FROM audit_log ORDER BY id DESC LIMIT ?")
      .all(limit) as AuditEntry[];
  }
}
