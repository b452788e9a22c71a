// Tables behind staff accounts and roles: granted roles, invite codes, staff accounts, dashboard sessions, login throttling.
// Nothing here is cached in memory: with PostgreSQL several instances share these rows, and a role granted, a session
// started or an account revoked on one of them counts on the others from their next request.
import { sql } from "kysely";
import type { Sql } from "./sql.ts";

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

/** One failed attempt to charge to a throttle key. */
export interface ThrottleCharge {
  key: string;
  /** A key whose last failure is older than this starts again from zero. */
  staleBefore: string;
  /** Until when the key must wait after `failures` failures; null when it may try again at once. */
  lockedUntil(failures: number): string | null;
}

export type ThrottleCharged = { ok: true } | { ok: false; locked: ThrottleRow };

/** What an invite's redeemer gets: the role, and who issued it. */
export type RedeemedInvite = Pick<InviteRow, "role" | "createdBy">;

export type RevokeOutcome = "revoked" | "already_revoked" | "last_admin";

/** Thrown inside a transaction to roll it back: a key turned out to be locked. */
class KeyLocked extends Error {}

/** How long a throttle update waits for another writer (another process on the SQLite file) before failing. */
const THROTTLE_WRITE_WITHIN_MS = 5000;

export class StaffStore {
  constructor(private readonly sql: Sql) {}

  private get db() {
    return this.sql.db;
  }

  private selectAccounts() {
    return this.db
      .selectFrom("staff_accounts")
      .select([
        "id",
        "username",
        "display_name as displayName",
        "role",
        "password_hash as passwordHash",
        "created_by as createdBy",
        "created_at as createdAt",
        "password_changed_at as passwordChangedAt",
        "revoked_by as revokedBy",
        "revoked_at as revokedAt",
      ]);
  }

  async grantedRole(channel: string, userId: string): Promise<GrantedRole | undefined> {
    const row = await this.db.selectFrom("staff_roles").select("role").where("channel", "=", channel).where("user_id", "=", userId).executeTakeFirst();
    return row?.role;
  }

  async grantRole(grant: { channel: string; userId: string; role: GrantedRole; grantedBy: string; at: string }): Promise<void> {
    await this.db
      .insertInto("staff_roles")
      .values({ channel: grant.channel, user_id: grant.userId, role: grant.role, granted_by: grant.grantedBy, granted_at: grant.at })
      .onConflict((oc) =>
        oc.columns(["channel", "user_id"]).doUpdateSet((eb) => ({
          role: eb.ref("excluded.role"),
          granted_by: eb.ref("excluded.granted_by"),
          granted_at: eb.ref("excluded.granted_at"),
        })),
      )
      .execute();
  }

  async insertInvite(invite: Omit<InviteRow, "redeemedBy" | "redeemedAt">): Promise<void> {
    await this.db
      .insertInto("invite_codes")
      .values({ code_hash: invite.codeHash, role: invite.role, created_by: invite.createdBy, created_at: invite.createdAt, expires_at: invite.expiresAt })
      .execute();
  }

  async findInvite(codeHash: string): Promise<InviteRow | undefined> {
    return this.db
      .selectFrom("invite_codes")
      .select([
        "code_hash as codeHash",
        "role",
        "created_by as createdBy",
        "created_at as createdAt",
        "expires_at as expiresAt",
        "redeemed_by as redeemedBy",
        "redeemed_at as redeemedAt",
      ])
      .where("code_hash", "=", codeHash)
      .executeTakeFirst();
  }

  /**
   * Marks the code used and returns what it grants; undefined when it is unknown, expired, or someone else used it
   * first. The check and the claim are one conditional UPDATE: on PostgreSQL a second instance's UPDATE of the same
   * row waits for the first to commit, then sees redeemed_at set and changes nothing, so a code is redeemed once.
   */
  async markInviteRedeemed(codeHash: string, by: string, at: string): Promise<RedeemedInvite | undefined> {
    return this.db
      .updateTable("invite_codes")
      .set({ redeemed_by: by, redeemed_at: at })
      .where("code_hash", "=", codeHash)
      .where("redeemed_at", "is", null)
      .where("expires_at", ">", at)
      .returning(["role", "created_by as createdBy"])
      .executeTakeFirst();
  }

  async insertDashboardSession(session: DashboardSessionRow): Promise<void> {
    await this.db
      .insertInto("dashboard_sessions")
      .values({
        token_hash: session.tokenHash,
        account_id: session.accountId,
        staff_id: session.staffId,
        role: session.role,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session's account as it is now: a revoked account or an expired session finds nothing. */
  async findDashboardSession(tokenHash: string, now: string): Promise<ActiveSession | undefined> {
    return this.db
      .selectFrom("dashboard_sessions as s")
      .innerJoin("staff_accounts as a", "a.id", "s.account_id")
      .select(["a.id as accountId", "a.username", "a.display_name as displayName", "a.role", "s.expires_at as expiresAt"])
      .where("s.token_hash", "=", tokenHash)
      .where("s.expires_at", ">", now)
      .where("a.revoked_at", "is", null)
      .executeTakeFirst();
  }

  async deleteDashboardSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("dashboard_sessions").where("token_hash", "=", tokenHash).execute();
  }

  /** Ends every session of an account except, optionally, the one making the change. */
  async deleteAccountSessions(accountId: number, exceptTokenHash?: string): Promise<number> {
    const result = await this.db
      .deleteFrom("dashboard_sessions")
      .where("account_id", "=", accountId)
      .where("token_hash", "!=", exceptTokenHash ?? "")
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const result = await this.db.deleteFrom("dashboard_sessions").where("expires_at", "<=", now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Inserts an account; undefined when the username is taken (the unique key decides, so two racing creations can't both win). */
  async insertAccount(account: Omit<StaffAccountRow, "id" | "revokedBy" | "revokedAt" | "passwordChangedAt">): Promise<number | undefined> {
    const row = await this.db
      .insertInto("staff_accounts")
      .values({
        username: account.username,
        display_name: account.displayName,
        role: account.role,
        password_hash: account.passwordHash,
        created_by: account.createdBy,
        created_at: account.createdAt,
        password_changed_at: account.createdAt,
      })
      .onConflict((oc) => oc.column("username").doNothing())
      .returning("id")
      .executeTakeFirst();
    return row?.id;
  }

  async findAccount(username: string): Promise<StaffAccountRow | undefined> {
    return this.selectAccounts().where("username", "=", username).executeTakeFirst();
  }

  async findAccountById(id: number): Promise<StaffAccountRow | undefined> {
    return this.selectAccounts().where("id", "=", id).executeTakeFirst();
  }

  async listAccounts(): Promise<StaffAccountRow[]> {
    return (
      this.selectAccounts()
        .orderBy((eb) => eb("revoked_at", "is not", null))
        // PostgreSQL sorts text by the database's locale (which skips "." and "_" at first); SQLite by code point.
        .orderBy(this.sql.engine === "postgres" ? sql`username COLLATE "C"` : sql`username`)
        .execute()
    );
  }

  async countAccounts(): Promise<number> {
    const row = await this.db
      .selectFrom("staff_accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom("staff_accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("role", "=", "admin")
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async updatePasswordHash(accountId: number, passwordHash: string, at: string): Promise<void> {
    await this.db.updateTable("staff_accounts").set({ password_hash: passwordHash, password_changed_at: at }).where("id", "=", accountId).execute();
  }

  /**
   * Marks the account revoked and ends its sessions, in one durable transaction; refuses to revoke the last
   * active admin, so nobody locks the township out of its own dashboard.
   */
  async revokeAccount(accountId: number, by: string, at: string): Promise<RevokeOutcome> {
    return this.sql.transaction(
      async () => {
        // Two admins revoking each other on two instances would each count two admins, each revoke one, and leave
        // none: on PostgreSQL one lock for all admin revocations makes the count and the revocation one step. (SQLite
        // has one writer at a time; Kysely runs this transaction alone on its connection.)
        if (this.sql.engine === "postgres") await sql`SELECT pg_advisory_xact_lock(hashtext('staff_accounts:revoke'))`.execute(this.db);
        const account = await this.db.selectFrom("staff_accounts").select(["role", "revoked_at"]).where("id", "=", accountId).executeTakeFirst();
        if (!account || account.revoked_at !== null) return "already_revoked";
        if (account.role === "admin" && (await this.countActiveAdmins()) <= 1) return "last_admin";
        await this.db.updateTable("staff_accounts").set({ revoked_by: by, revoked_at: at }).where("id", "=", accountId).execute();
        await this.deleteAccountSessions(accountId);
        return "revoked";
      },
      { durable: true },
    );
  }

  async getThrottle(key: string): Promise<ThrottleRow | undefined> {
    return this.db
      .selectFrom("login_throttle")
      .select(["key", "failures", "locked_until as lockedUntil", "last_failure_at as lastFailureAt"])
      .where("key", "=", key)
      .executeTakeFirst();
  }

  /**
   * Charges one failed attempt to every key, in one transaction, unless one of them is locked at `now`: then
   * nothing is charged and the first locked key's row comes back. Each count is incremented by the database
   * (`failures = failures + 1` in an upsert that skips a locked row), never read and written back, so attempts made
   * at the same moment on several instances all count; the row stays locked by the upsert until the commit, so the
   * lock it sets is seen by the next attempt, wherever that is made.
   */
  async chargeThrottle(charges: readonly ThrottleCharge[], now: string): Promise<ThrottleCharged> {
    for (;;) {
      try {
        await this.sql.write(
          async () => {
            for (const charge of charges) {
              const row = await this.db
                .insertInto("login_throttle")
                .values({ key: charge.key, failures: 1, locked_until: null, last_failure_at: now })
                .onConflict((oc) =>
                  oc
                    .column("key")
                    .doUpdateSet((eb) => ({
                      failures: eb
                        .case()
                        .when("login_throttle.last_failure_at", "<", charge.staleBefore)
                        .then(1)
                        .else(eb("login_throttle.failures", "+", 1))
                        .end(),
                      locked_until: null,
                      last_failure_at: now,
                    }))
                    .where((eb) => eb.or([eb("login_throttle.locked_until", "is", null), eb("login_throttle.locked_until", "<=", now)])),
                )
                .returning("failures")
                .executeTakeFirst();
              if (!row) throw new KeyLocked();
              const lockedUntil = charge.lockedUntil(row.failures);
              if (lockedUntil) await this.db.updateTable("login_throttle").set({ locked_until: lockedUntil }).where("key", "=", charge.key).execute();
            }
          },
          { withinMs: THROTTLE_WRITE_WITHIN_MS },
        );
        return { ok: true };
      } catch (error) {
        if (!(error instanceof KeyLocked)) throw error;
      }
      // Rolled back, nothing charged: say which key is locked, and for how long.
      for (const { key } of charges) {
        const row = await this.getThrottle(key);
        if (row?.lockedUntil && row.lockedUntil > now) return { ok: false, locked: row };
      }
      // The lock ran out in between: charge again.
    }
  }

  /**
   * After a right password: forgets `forget` (the account starts again from zero) and takes one failure back from
   * `refund` (the address), decremented by the database; its lock stays only while `stillLocked(failures)`.
   */
  async creditThrottle(forget: string, refund?: { key: string; stillLocked(failures: number): boolean }): Promise<void> {
    await this.sql.write(
      async () => {
        await this.db.deleteFrom("login_throttle").where("key", "=", forget).execute();
        if (!refund) return;
        const row = await this.db
          .updateTable("login_throttle")
          .set((eb) => ({ failures: eb("failures", "-", 1) }))
          .where("key", "=", refund.key)
          .returning("failures")
          .executeTakeFirst();
        if (!row) return;
        if (row.failures <= 0) await this.db.deleteFrom("login_throttle").where("key", "=", refund.key).execute();
        else if (!refund.stillLocked(row.failures))
          await this.db.updateTable("login_throttle").set({ locked_until: null }).where("key", "=", refund.key).execute();
      },
      { withinMs: THROTTLE_WRITE_WITHIN_MS },
    );
  }

  /** Forgets keys whose last failure is older than `before` (guessed usernames would otherwise pile up). */
  async pruneThrottle(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom("login_throttle")
      .where("last_failure_at", "<", before)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", before)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
