// Staff accounts, roles, invite codes, dashboard sessions, login throttling and the audit log, on both engines; and on
// PostgreSQL, what must hold across instances sharing one database: an invite redeemed once, failed logins counted
// together, a session valid everywhere, the last admin kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.ts";
import { hashInviteCode as hashOf, redeemInvite, redeemInviteForAccount } from "../../src/staff/invites.ts";
import { revokeStaffAccount } from "../../src/staff/accounts.ts";
import { accountKey, addressKey, attemptSucceeded, reserveAttempt } from "../../src/staff/login-throttle.ts";
import { roleOf } from "../../src/staff/roles.ts";
import { AuditLog } from "../../src/store/audit.ts";
import type { Store } from "../../src/store/index.ts";
import { postgresSql, type Sql } from "../../src/store/sql.ts";
import { StaffStore } from "../../src/store/staff.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const NOW = "2026-11-20T08:00:00.000Z";
const LATER = "2099-01-01T00:00:00.000Z";

/** What one app instance has: the repositories over its own Sql (its own pool, on PostgreSQL). */
function instance(sql: Sql, clock = () => new Date(NOW)) {
  const staff = new StaffStore(sql);
  const audit = new AuditLog(sql);
  const store = { sql, staff, audit } as unknown as Store;
  const config = loadConfig({ ADMIN_IDS: "telegram:boss", INVITE_TTL_HOURS: "24" });
  return { sql, staff, audit, services: { config, store, clock } };
}

function account(username: string, role: "cadre" | "admin" = "cadre") {
  return { username, displayName: username.toUpperCase(), role, passwordHash: `hash-${username}`, createdBy: "test", createdAt: NOW };
}

async function addSession(staff: StaffStore, tokenHash: string, accountId: number, expiresAt = LATER) {
  await staff.insertDashboardSession({ tokenHash, accountId, staffId: `staff:${accountId}`, role: "cadre", createdAt: NOW, expiresAt });
}

describe.each(ENGINES)("staff repositories on %s", (engine) => {
  let database: TestDatabase;
  let one: ReturnType<typeof instance>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    one = instance(database.sql);
  });
  afterAll(() => database?.close());
  // One database for the suite (a new PostgreSQL database takes a second or two), emptied before each test.
  beforeEach(async () => {
    for (const table of ["dashboard_sessions", "staff_accounts", "staff_roles", "invite_codes", "login_throttle", "audit_log"] as const) {
      await database.sql.db.deleteFrom(table).execute();
    }
  });

  it("creates accounts with new ids, refuses a taken username, and lists the active ones first by username", async () => {
    const { staff } = one;
    const ids = [];
    for (const name of ["zhao", "a_b", "ab", "a.c", "qian"]) ids.push(await staff.insertAccount(account(name, name === "qian" ? "admin" : "cadre")));
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    expect(new Set(ids).size).toBe(5);
    expect(await staff.insertAccount(account("zhao"))).toBeUndefined();
    expect(await staff.findAccount("zhao")).toEqual({
      id: ids[0],
      username: "zhao",
      displayName: "ZHAO",
      role: "cadre",
      passwordHash: "hash-zhao",
      createdBy: "test",
      createdAt: NOW,
      passwordChangedAt: NOW,
      revokedBy: null,
      revokedAt: null,
    });
    expect((await staff.findAccountById(ids[4]!))?.username).toBe("qian");
    expect(await staff.findAccount("nobody")).toBeUndefined();
    await staff.updatePasswordHash(ids[0]!, "new-hash", LATER);
    expect(await staff.findAccount("zhao")).toMatchObject({ passwordHash: "new-hash", passwordChangedAt: LATER });

    expect(await staff.revokeAccount(ids[1]!, "staff:qian", NOW)).toBe("revoked");
    // By code point on both engines ("." < "_" < "b"), revoked last.
    expect((await staff.listAccounts()).map((a) => a.username)).toEqual(["a.c", "ab", "qian", "zhao", "a_b"]);
    expect(await staff.countAccounts()).toBe(5);
    expect(await staff.countActiveAdmins()).toBe(1);
  });

  it("revokes an account once, ends its sessions, and never the last active admin", async () => {
    const { staff } = one;
    const admin = (await staff.insertAccount(account("admin", "admin")))!;
    const cadre = (await staff.insertAccount(account("li")))!;
    await addSession(staff, "li-1", cadre);
    await addSession(staff, "li-2", cadre);
    await addSession(staff, "admin-1", admin);
    expect(await staff.revokeAccount(admin, "api-token", NOW)).toBe("last_admin");
    expect(await staff.revokeAccount(cadre, "api-token", NOW)).toBe("revoked");
    expect(await staff.revokeAccount(cadre, "api-token", NOW)).toBe("already_revoked");
    expect(await staff.findAccount("li")).toMatchObject({ revokedBy: "api-token", revokedAt: NOW });
    expect(await staff.findDashboardSession("li-1", NOW)).toBeUndefined();
    expect(await staff.deleteAccountSessions(cadre)).toBe(0);
    expect(await staff.findDashboardSession("admin-1", NOW)).toMatchObject({ username: "admin", role: "admin" });
  });

  it("finds a live session with its account's current details, and ends sessions by token, account or age", async () => {
    const { staff } = one;
    const id = (await staff.insertAccount(account("wang")))!;
    await addSession(staff, "laptop", id);
    await addSession(staff, "phone", id);
    await addSession(staff, "old", id, "2026-11-20T07:00:00.000Z");
    expect(await staff.findDashboardSession("laptop", NOW)).toEqual({ accountId: id, username: "wang", displayName: "WANG", role: "cadre", expiresAt: LATER });
    expect(await staff.findDashboardSession("old", NOW)).toBeUndefined();
    expect(await staff.findDashboardSession("nope", NOW)).toBeUndefined();
    expect(await staff.deleteExpiredSessions(NOW)).toBe(1);
    // A password change keeps the session making it.
    expect(await staff.deleteAccountSessions(id, "laptop")).toBe(1);
    expect(await staff.findDashboardSession("phone", NOW)).toBeUndefined();
    await staff.deleteDashboardSession("laptop");
    expect(await staff.findDashboardSession("laptop", NOW)).toBeUndefined();
  });

  it("grants a chat role, replacing an earlier grant", async () => {
    const { staff } = one;
    expect(await staff.grantedRole("telegram", "7")).toBeUndefined();
    await staff.grantRole({ channel: "telegram", userId: "7", role: "cadre", grantedBy: "a", at: NOW });
    await staff.grantRole({ channel: "telegram", userId: "7", role: "admin", grantedBy: "b", at: LATER });
    expect(await staff.grantedRole("telegram", "7")).toBe("admin");
    expect(await staff.grantedRole("wechat", "7")).toBeUndefined();
  });

  it("redeems an invite code once, and never an expired one", async () => {
    const { staff } = one;
    await staff.insertInvite({ codeHash: "h1", role: "admin", createdBy: "staff:boss", createdAt: NOW, expiresAt: "2026-11-21T08:00:00.000Z" });
    await staff.insertInvite({ codeHash: "h2", role: "cadre", createdBy: "staff:boss", createdAt: NOW, expiresAt: "2026-11-20T09:00:00.000Z" });
    expect(await staff.findInvite("h1")).toMatchObject({ role: "admin", redeemedBy: null, redeemedAt: null });
    expect(await staff.markInviteRedeemed("h1", "staff:zhao", NOW)).toEqual({ role: "admin", createdBy: "staff:boss" });
    expect(await staff.markInviteRedeemed("h1", "staff:qian", NOW)).toBeUndefined();
    expect(await staff.findInvite("h1")).toMatchObject({ redeemedBy: "staff:zhao", redeemedAt: NOW });
    expect(await staff.markInviteRedeemed("h2", "staff:sun", "2026-11-20T09:00:00.000Z")).toBeUndefined();
    expect(await staff.markInviteRedeemed("nope", "staff:sun", NOW)).toBeUndefined();
  });

  it("redeems a code in chat through the service: the role is granted, the code spent, both audited", async () => {
    const { services, staff, audit } = one;
    await staff.insertInvite({ codeHash: hashOf("ABCDE23456"), role: "cadre", createdBy: "telegram:boss", createdAt: NOW, expiresAt: LATER });
    expect(await redeemInvite(services, "telegram", "42", "abcde-23456")).toMatchObject({ ok: true, role: "cadre" });
    expect(await roleOf(services, "telegram", "42")).toBe("cadre");
    expect(await redeemInvite(services, "telegram", "43", "ABCDE-23456")).toMatchObject({ ok: false, reason: "used" });
    expect((await audit.list()).map((e) => [e.actor, e.outcome, e.detail])).toEqual([
      ["telegram:43", "refused", "used"],
      ["telegram:42", "allowed", "由 telegram:boss 发放"],
    ]);
  });

  it("counts failed logins: five free, then locked without charging more; a right password gives the address its attempt back", async () => {
    const { staff } = one;
    const now = new Date(NOW);
    const attempts = [];
    for (let i = 0; i < 7; i++) attempts.push(await reserveAttempt(staff, [accountKey("admin"), addressKey("192.0.2.1")], now));
    expect(attempts.map((a) => a.ok)).toEqual([true, true, true, true, true, false, false]);
    expect(attempts[5]).toEqual({ ok: false, retryAfterMs: 1000, lockedKey: "account:admin" });
    expect(await staff.getThrottle("account:admin")).toEqual({
      key: "account:admin",
      failures: 5,
      lockedUntil: "2026-11-20T08:00:01.000Z",
      lastFailureAt: NOW,
    });
    // A refused attempt charged nothing, not even the address, whose own count is below its limit.
    expect((await staff.getThrottle("address:192.0.2.1"))?.failures).toBe(5);

    // Once the lock has passed, the next failure doubles the wait.
    const later = new Date(Date.parse(NOW) + 1000);
    expect((await reserveAttempt(staff, [accountKey("admin")], later)).ok).toBe(true);
    expect(await staff.getThrottle("account:admin")).toMatchObject({ failures: 6, lockedUntil: "2026-11-20T08:00:03.000Z" });

    await attemptSucceeded(staff, accountKey("admin"), addressKey("192.0.2.1"), later);
    expect(await staff.getThrottle("account:admin")).toBeUndefined();
    expect(await staff.getThrottle("address:192.0.2.1")).toMatchObject({ failures: 4, lockedUntil: null });

    // A key with no failure for a day starts again from one.
    const nextDay = new Date(Date.parse(NOW) + 25 * 3_600_000);
    await reserveAttempt(staff, [accountKey("zhao")], now);
    await reserveAttempt(staff, [accountKey("zhao")], nextDay);
    expect((await staff.getThrottle("account:zhao"))?.failures).toBe(1);
    // Pruned: keys whose last failure is older than the cut-off (the address, here), not zhao's fresh one.
    expect(await staff.pruneThrottle(NOW)).toBe(0);
    expect(await staff.pruneThrottle(nextDay.toISOString())).toBe(1);
    expect(await staff.getThrottle("address:192.0.2.1")).toBeUndefined();
  });

  it("writes audit entries with new ids, bounded, and lists the latest first", async () => {
    const { audit } = one;
    const first = await audit.write({ actor: "a", role: "admin", action: "x".repeat(300), outcome: "allowed", detail: "d".repeat(2000), createdAt: NOW });
    const second = await audit.write({ actor: "b", role: "cadre", action: "y", outcome: "refused", detail: "", createdAt: LATER });
    expect(second).toBeGreaterThan(first);
    const entries = await audit.list();
    expect(entries.map((e) => e.id)).toEqual([second, first]);
    expect(entries[1]).toMatchObject({ actor: "a", role: "admin", outcome: "allowed", createdAt: NOW });
    expect(entries[1]!.action).toHaveLength(200);
    expect(entries[1]!.detail).toHaveLength(1000);
    expect(await audit.list(1)).toHaveLength(1);
  });
});

describe.runIf(ENGINES.includes("postgres"))("staff across two instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let other: Sql;
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;
  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    other = await postgresSql({ connectionString: database.url!, poolSize: 4 });
    a = instance(database.sql);
    b = instance(other);
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  it("redeems each invite code exactly once when both instances claim it at the same moment", async () => {
    const codes = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    for (const codeHash of codes) await a.staff.insertInvite({ codeHash, role: "cadre", createdBy: "staff:boss", createdAt: NOW, expiresAt: LATER });
    const claims = await Promise.all(
      codes.flatMap((codeHash) => [a, b, a, b].map((side, i) => side.staff.markInviteRedeemed(codeHash, `staff:claimer-${i}`, NOW))),
    );
    for (let c = 0; c < codes.length; c++) expect(claims.slice(c * 4, c * 4 + 4).filter(Boolean)).toHaveLength(1);
  });

  it("turns one invite code into one account when two people redeem it on two instances at once", async () => {
    await a.staff.insertInvite({ codeHash: hashOf("RACEA23456"), role: "admin", createdBy: "staff:boss", createdAt: NOW, expiresAt: LATER });
    const results = await Promise.all(
      [a, b].map((side, i) => redeemInviteForAccount(side.services, "RACEA-23456", { username: `racer${i}`, displayName: "", password: "racer-password-1" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: "used" });
    const made = await Promise.all(["racer0", "racer1"].map((name) => a.staff.findAccount(name)));
    expect(made.filter(Boolean)).toHaveLength(1);
  });

  it("counts failed logins made on both instances together: an attacker alternating between them is locked as fast", async () => {
    const now = new Date(NOW);
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) => reserveAttempt((i % 2 ? b : a).staff, [accountKey("target"), addressKey("198.51.100.7")], now)),
    );
    // Five free failures, whichever instance took them; the rest find the account locked.
    expect(attempts.filter((r) => r.ok)).toHaveLength(5);
    expect(await b.staff.getThrottle("account:target")).toMatchObject({ failures: 5, lockedUntil: "2026-11-20T08:00:01.000Z" });
    expect((await a.staff.getThrottle("address:198.51.100.7"))?.failures).toBe(5);
  });

  it("accepts a session started on one instance on the other, and ends it everywhere when the account is revoked there", async () => {
    const admin = (await a.staff.insertAccount(account("chief", "admin")))!;
    const cadre = (await a.staff.insertAccount(account("zhou")))!;
    await addSession(a.staff, "zhou-token", cadre);
    expect(await b.staff.findDashboardSession("zhou-token", NOW)).toMatchObject({ accountId: cadre, username: "zhou" });
    expect(await revokeStaffAccount(b.services, "zhou", { id: "staff:chief", role: "admin" })).toMatchObject({ ok: true });
    expect(await a.staff.findDashboardSession("zhou-token", NOW)).toBeUndefined();
    expect(admin).toBeGreaterThan(0);
  });

  it("keeps one admin when two admins revoke each other on two instances at the same moment", async () => {
    const first = (await a.staff.insertAccount(account("head1", "admin")))!;
    const second = (await a.staff.insertAccount(account("head2", "admin")))!;
    // Leave exactly these two active admins.
    for (const row of await a.staff.listAccounts()) {
      if (row.role === "admin" && !row.revokedAt && row.id !== first && row.id !== second) await a.staff.revokeAccount(row.id, "test", NOW);
    }
    const outcomes = await Promise.all([a.staff.revokeAccount(second, "staff:head1", NOW), b.staff.revokeAccount(first, "staff:head2", NOW)]);
    expect(outcomes.sort()).toEqual(["last_admin", "revoked"]);
    expect(await a.staff.countActiveAdmins()).toBe(1);
  });
});
