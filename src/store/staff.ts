// Tables behind staff functions: granted roles, invite codes, the audit log, dashboard sessions, villagers' profiles.
import type { Db } from "./database.ts";

export type GrantedRole = "cadre" | "admin";

export interface AuditEntry {
  id: number;
  actor: string;
  role: string;
  action: string;
  outcome: "allowed" | "refused" | "failed";
  detail: string;
  createdAt: string;
}

export interface InviteRow {
  codeHash: string;
  role: GrantedRole;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  redeemedBy: string | null;
  redeemedAt: string | null;
}

export interface DashboardSessionRow {
  tokenHash: string;
  staffId: string;
  role: GrantedRole;
  createdAt: string;
  expiresAt: string;
}

export function grantedRole(db: Db, channel: string, userId: string): GrantedRole | undefined {
  return db.prepare("SELECT role FROM staff_roles WHERE channel = ? AND user_id = ?").pluck().get(channel, userId) as GrantedRole | undefined;
}

export function grantRole(db: Db, grant: { channel: string; userId: string; role: GrantedRole; grantedBy: string; at: string }): void {
  db.prepare(
    `INSERT INTO staff_roles (channel, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
  ).run(grant.channel, grant.userId, grant.role, grant.grantedBy, grant.at);
}

export function writeAudit(db: Db, entry: Omit<AuditEntry, "id">): number {
  return Number(
    db
      .prepare("INSERT INTO audit_log (actor, role, action, outcome, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(entry.actor, entry.role, entry.action.slice(0, 200), entry.outcome, entry.detail.slice(0, 1000), entry.createdAt).lastInsertRowid,
  );
}

export function listAudit(db: Db, limit = 100): AuditEntry[] {
  return db
    .prepare("SELECT id, actor, role, action, outcome, detail, created_at AS createdAt FROM audit_log ORDER BY id DESC LIMIT ?")
    .all(limit) as AuditEntry[];
}

export function insertInvite(db: Db, invite: Omit<InviteRow, "redeemedBy" | "redeemedAt">): void {
  db.prepare("INSERT INTO invite_codes (code_hash, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)").run(
    invite.codeHash,
    invite.role,
    invite.createdBy,
    invite.createdAt,
    invite.expiresAt,
  );
}

export function findInvite(db: Db, codeHash: string): InviteRow | undefined {
  return db
    .prepare(
      `SELECT code_hash AS codeHash, role, created_by AS createdBy, created_at AS createdAt, expires_at AS expiresAt,
              redeemed_by AS redeemedBy, redeemed_at AS redeemedAt FROM invite_codes WHERE code_hash = ?`,
    )
    .get(codeHash) as InviteRow | undefined;
}

/** Marks the code used; false when someone else used it first (the check and the update are one statement). */
export function markInviteRedeemed(db: Db, codeHash: string, by: string, at: string): boolean {
  return db.prepare("UPDATE invite_codes SET redeemed_by = ?, redeemed_at = ? WHERE code_hash = ? AND redeemed_at IS NULL AND expires_at > ?").run(by, at, codeHash, at).changes === 1;
}

export function insertDashboardSession(db: Db, session: DashboardSessionRow): void {
  db.prepare("INSERT INTO dashboard_sessions (token_hash, staff_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)").run(
    session.tokenHash,
    session.staffId,
    session.role,
    session.createdAt,
    session.expiresAt,
  );
}

export function findDashboardSession(db: Db, tokenHash: string, now: string): DashboardSessionRow | undefined {
  return db
    .prepare(
      `SELECT token_hash AS tokenHash, staff_id AS staffId, role, created_at AS createdAt, expires_at AS expiresAt
       FROM dashboard_sessions WHERE token_hash = ? AND expires_at > ?`,
    )
    .get(tokenHash, now) as DashboardSessionRow | undefined;
}

export function deleteDashboardSession(db: Db, tokenHash: string): void {
  db.prepare("DELETE FROM dashboard_sessions WHERE token_hash = ?").run(tokenHash);
}

export function deleteExpiredSessions(db: Db, now: string): number {
  return db.prepare("DELETE FROM dashboard_sessions WHERE expires_at <= ?").run(now).changes;
}

export function profileVillage(db: Db, channel: string, userId: string): string | undefined {
  const village = db.prepare("SELECT village FROM user_profiles WHERE channel = ? AND user_id = ?").pluck().get(channel, userId) as string | null | undefined;
  return village ?? undefined;
}

export function saveProfileVillage(db: Db, channel: string, userId: string, village: string, at: string): void {
  db.prepare(
    `INSERT INTO user_profiles (channel, user_id, village, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (channel, user_id) DO UPDATE SET village = excluded.village, updated_at = excluded.updated_at`,
  ).run(channel, userId, village, at);
}
