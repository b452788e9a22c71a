// Tables behind staff accounts and roles: granted roles, invite codes, staff accounts, dashboard sessions, login throttling.
import type { Db } from "./database.ts";

export type GrantedRole = "cadre" | "admin";

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

/** What a throttle update writes: rows to put, keys to forget, and what the caller gets back. */
export interface ThrottleUpdate<T> {
  put?: ThrottleRow[];
  remove?: string[];
  result: T;
}

const ACCOUNT_COLUMNS = `id, username, display_name AS displayName, role, password_hash AS passwordHash, created_by AS createdBy,
  created_at AS createdAt, password_changed_at AS passwordChangedAt, revoked_by AS revokedBy, revoked_at AS revokedAt`;

export class StaffStore {
  constructor(private readonly db: Db) {}

  grantedRole(channel: string, userId: string): GrantedRole | undefined {
    return this.db.prepare("SELECT role FROM staff_roles WHERE channel = ? AND user_id = ?").pluck().get(channel, userId) as GrantedRole | undefined;
  }

  grantRole(grant: { channel: string; userId: string; role: GrantedRole; grantedBy: string; at: string }): void {
    this.db
      .prepare(
        `INSERT INTO staff_roles (channel, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (channel, user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      )
      .run(grant.channel, grant.userId, grant.role, grant.grantedBy, grant.at);
  }

  insertInvite(invite: Omit<InviteRow, "redeemedBy" | "redeemedAt">): void {
    this.db
      .prepare("INSERT INTO invite_codes (code_hash, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .run(invite.codeHash, invite.role, invite.createdBy, invite.createdAt, invite.expiresAt);
  }

  findInvite(codeHash: string): InviteRow | undefined {
    return this.db
      .prepare(
        `SELECT code_hash AS codeHash, role, created_by AS createdBy, created_at AS createdAt, expires_at AS expiresAt,
                redeemed_by AS redeemedBy, redeemed_at AS redeemedAt FROM invite_codes WHERE code_hash = ?`,
      )
      .get(codeHash) as InviteRow | undefined;
  }

  /** Marks the code used; false when someone else used it first (the check and the update are one statement). */
  markInviteRedeemed(codeHash: string, by: string, at: string): boolean {
    return (
      this.db
        .prepare("UPDATE invite_codes SET redeemed_by = ?, redeemed_at = ? WHERE code_hash = ? AND redeemed_at IS NULL AND expires_at > ?")
        .run(by, at, codeHash, at).changes === 1
    );
  }

  insertDashboardSession(session: DashboardSessionRow): void {
    this.db
      .prepare("INSERT INTO dashboard_sessions (token_hash, account_id, staff_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(session.tokenHash, session.accountId, session.staffId, session.role, session.createdAt, session.expiresAt);
  }

  /** The session's account as it is now: a revoked account or an expired session finds nothing. */
  findDashboardSession(tokenHash: string, now: string): ActiveSession | undefined {
    return this.db
      .prepare(
        `SELECT a.id AS accountId, a.username, a.display_name AS displayName, a.role, s.expires_at AS expiresAt
         FROM dashboard_sessions s JOIN staff_accounts a ON a.id = s.account_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND a.revoked_at IS NULL`,
      )
      .get(tokenHash, now) as ActiveSession | undefined;
  }

  deleteDashboardSession(tokenHash: string): void {
    this.db.prepare("DELETE FROM dashboard_sessions WHERE token_hash = ?").run(tokenHash);
  }

  /** Ends every session of an account except, optionally, the one making the change. */
  deleteAccountSessions(accountId: number, exceptTokenHash?: string): number {
    return this.db.prepare("DELETE FROM dashboard_sessions WHERE account_id = ? AND token_hash != ?").run(accountId, exceptTokenHash ?? "").changes;
  }

  deleteExpiredSessions(now: string): number {
    return this.db.prepare("DELETE FROM dashboard_sessions WHERE expires_at <= ?").run(now).changes;
  }

  /** Inserts an account; undefined when the username is taken (the unique key decides, so two racing creations can't both win). */
  insertAccount(account: Omit<StaffAccountRow, "id" | "revokedBy" | "revokedAt" | "passwordChangedAt">): number | undefined {
    const result = this.db
      .prepare(
        `INSERT INTO staff_accounts (username, display_name, role, password_hash, created_by, created_at, password_changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      )
      .run(account.username, account.displayName, account.role, account.passwordHash, account.createdBy, account.createdAt, account.createdAt);
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  findAccount(username: string): StaffAccountRow | undefined {
    return this.db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts WHERE username = ?`).get(username) as StaffAccountRow | undefined;
  }

  findAccountById(id: number): StaffAccountRow | undefined {
    return this.db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts WHERE id = ?`).get(id) as StaffAccountRow | undefined;
  }

  listAccounts(): StaffAccountRow[] {
    return this.db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts ORDER BY revoked_at IS NOT NULL, username`).all() as StaffAccountRow[];
  }

  countAccounts(): number {
    return this.db.prepare("SELECT count(*) FROM staff_accounts").pluck().get() as number;
  }

  countActiveAdmins(): number {
    return this.db.prepare("SELECT count(*) FROM staff_accounts WHERE role = 'admin' AND revoked_at IS NULL").pluck().get() as number;
  }

  updatePasswordHash(accountId: number, passwordHash: string, at: string): void {
    this.db.prepare("UPDATE staff_accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?").run(passwordHash, at, accountId);
  }

  /** Marks the account revoked and ends its sessions in one transaction; false when it was already revoked. */
  revokeAccount(accountId: number, by: string, at: string): boolean {
    return this.db.transaction(() => {
      const changed =
        this.db.prepare("UPDATE staff_accounts SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(by, at, accountId).changes === 1;
      if (changed) this.deleteAccountSessions(accountId);
      return changed;
    })();
  }

  getThrottle(key: string): ThrottleRow | undefined {
    return this.db.prepare("SELECT key, failures, locked_until AS lockedUntil, last_failure_at AS lastFailureAt FROM login_throttle WHERE key = ?").get(key) as
      | ThrottleRow
      | undefined;
  }

  putThrottle(row: ThrottleRow): void {
    this.db
      .prepare(
        `INSERT INTO login_throttle (key, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
      )
      .run(row.key, row.failures, row.lockedUntil, row.lastFailureAt);
  }

  deleteThrottle(key: string): void {
    this.db.prepare("DELETE FROM login_throttle WHERE key = ?").run(key);
  }

  /** Forgets keys whose last failure is older than `before` (guessed usernames would otherwise pile up). */
  pruneThrottle(before: string): number {
    return this.db.prepare("DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)").run(before, before).changes;
  }

  /**
   * Reads the throttle rows of `keys`, then writes what `decide` returns, in one IMMEDIATE transaction: the
   * read and the write hold the write lock together, so concurrent guesses can't all read the same count.
   */
  updateThrottle<T>(keys: readonly string[], decide: (rows: Array<ThrottleRow | undefined>) => ThrottleUpdate<T>): T {
    return this.db
      .transaction((): T => {
        const update = decide(keys.map((key) => this.getThrottle(key)));
        for (const row of update.put ?? []) this.putThrottle(row);
        for (const key of update.remove ?? []) this.deleteThrottle(key);
        return update.result;
      })
      .immediate();
  }
}
