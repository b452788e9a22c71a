// Tables behind staff functions: granted roles, invite codes, the audit log, staff accounts, dashboard sessions,
// login throttling, villagers' profiles.
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
  accountId: number;
  /** "staff:<username>", kept for reading the table by hand; the account decides who and which role. */
  staffId: string;
  role: GrantedRole;
  createdAt: string;
  expiresAt: string;
}

export interface StaffAccountRow {
  id: number;
  username: string;
  displayName: string;
  role: GrantedRole;
  passwordHash: string;
  createdBy: string;
  createdAt: string;
  passwordChangedAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
}

/** A live session joined with its account: who is calling now, with the account's current role. */
export interface ActiveSession {
  accountId: number;
  username: string;
  displayName: string;
  role: GrantedRole;
  expiresAt: string;
}

export interface ThrottleRow {
  key: string;
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: string;
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
  return (
    db
      .prepare("UPDATE invite_codes SET redeemed_by = ?, redeemed_at = ? WHERE code_hash = ? AND redeemed_at IS NULL AND expires_at > ?")
      .run(by, at, codeHash, at).changes === 1
  );
}

export function insertDashboardSession(db: Db, session: DashboardSessionRow): void {
  db.prepare("INSERT INTO dashboard_sessions (token_hash, account_id, staff_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)").run(
    session.tokenHash,
    session.accountId,
    session.staffId,
    session.role,
    session.createdAt,
    session.expiresAt,
  );
}

/** The session's account as it is now: a revoked account or an expired session finds nothing. */
export function findDashboardSession(db: Db, tokenHash: string, now: string): ActiveSession | undefined {
  return db
    .prepare(
      `SELECT a.id AS accountId, a.username, a.display_name AS displayName, a.role, s.expires_at AS expiresAt
       FROM dashboard_sessions s JOIN staff_accounts a ON a.id = s.account_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND a.revoked_at IS NULL`,
    )
    .get(tokenHash, now) as ActiveSession | undefined;
}

export function deleteDashboardSession(db: Db, tokenHash: string): void {
  db.prepare("DELETE FROM dashboard_sessions WHERE token_hash = ?").run(tokenHash);
}

/** Ends every session of an account except, optionally, the one making the change. */
export function deleteAccountSessions(db: Db, accountId: number, exceptTokenHash?: string): number {
  return db.prepare("DELETE FROM dashboard_sessions WHERE account_id = ? AND token_hash != ?").run(accountId, exceptTokenHash ?? "").changes;
}

export function deleteExpiredSessions(db: Db, now: string): number {
  return db.prepare("DELETE FROM dashboard_sessions WHERE expires_at <= ?").run(now).changes;
}

const ACCOUNT_COLUMNS = `id, username, display_name AS displayName, role, password_hash AS passwordHash, created_by AS createdBy,
  created_at AS createdAt, password_changed_at AS passwordChangedAt, revoked_by AS revokedBy, revoked_at AS revokedAt`;

/** Inserts an account; undefined when the username is taken (the unique key decides, so two racing creations can't both win). */
export function insertAccount(db: Db, account: Omit<StaffAccountRow, "id" | "revokedBy" | "revokedAt" | "passwordChangedAt">): number | undefined {
  const result = db
    .prepare(
      `INSERT INTO staff_accounts (username, display_name, role, password_hash, created_by, created_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
    )
    .run(account.username, account.displayName, account.role, account.passwordHash, account.createdBy, account.createdAt, account.createdAt);
  return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
}

export function findAccount(db: Db, username: string): StaffAccountRow | undefined {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts WHERE username = ?`).get(username) as StaffAccountRow | undefined;
}

export function findAccountById(db: Db, id: number): StaffAccountRow | undefined {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts WHERE id = ?`).get(id) as StaffAccountRow | undefined;
}

export function listAccounts(db: Db): StaffAccountRow[] {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts ORDER BY revoked_at IS NOT NULL, username`).all() as StaffAccountRow[];
}

export function countAccounts(db: Db): number {
  return db.prepare("SELECT count(*) FROM staff_accounts").pluck().get() as number;
}

export function countActiveAdmins(db: Db): number {
  return db.prepare("SELECT count(*) FROM staff_accounts WHERE role = 'admin' AND revoked_at IS NULL").pluck().get() as number;
}

export function updatePasswordHash(db: Db, accountId: number, passwordHash: string, at: string): void {
  db.prepare("UPDATE staff_accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?").run(passwordHash, at, accountId);
}

/** Marks the account revoked and ends its sessions in one transaction; false when it was already revoked. */
export function revokeAccount(db: Db, accountId: number, by: string, at: string): boolean {
  return db.transaction(() => {
    const changed =
      db.prepare("UPDATE staff_accounts SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(by, at, accountId).changes === 1;
    if (changed) deleteAccountSessions(db, accountId);
    return changed;
  })();
}

export function getThrottle(db: Db, key: string): ThrottleRow | undefined {
  return db.prepare("SELECT key, failures, locked_until AS lockedUntil, last_failure_at AS lastFailureAt FROM login_throttle WHERE key = ?").get(key) as
    | ThrottleRow
    | undefined;
}

export function putThrottle(db: Db, row: ThrottleRow): void {
  db.prepare(
    `INSERT INTO login_throttle (key, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
  ).run(row.key, row.failures, row.lockedUntil, row.lastFailureAt);
}

export function deleteThrottle(db: Db, key: string): void {
  db.prepare("DELETE FROM login_throttle WHERE key = ?").run(key);
}

/** Forgets keys whose last failure is older than `before` (guessed usernames would otherwise pile up). */
export function pruneThrottle(db: Db, before: string): number {
  return db.prepare("DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)").run(before, before).changes;
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
