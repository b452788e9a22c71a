// Per-person staff logins: the bootstrapped admin, accounts made by an admin or by invite code, own password
// changes, revocation that ends sessions at once, roles checked on every call, and an audit log naming the person.
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "./data-fixture.ts";
import { callJson, login, session } from "./staff-client.ts";
import { hashPassword } from "../../src/staff/password.ts";
import { redeemInvite, roleOf } from "../../src/staff/index.ts";

const ADMIN_PW = "admin-password-2026";
const TOKEN = "accounts-test-token-0123456789";
let t: TestApp;
afterEach(async () => t?.close());

const audit = () =>
  t.app.store.db.prepare("SELECT actor, action, outcome FROM audit_log ORDER BY id").all() as Array<{ actor: string; action: string; outcome: string }>;

describe("staff accounts", () => {
  it("turns the old ADMIN_PASSWORD_HASH into the account 'admin', so an existing deployment logs in as before", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD_HASH: await hashPassword(ADMIN_PW) });
    expect((await login(t.url, "admin", ADMIN_PW)).status).toBe(200);
    const row = t.app.store.db.prepare("SELECT username, role, created_by AS createdBy FROM staff_accounts").all();
    expect(row).toEqual([{ username: "admin", role: "admin", createdBy: "config:ADMIN_PASSWORD_HASH" }]);
    expect(audit().at(-1)).toEqual({ actor: "staff:admin", action: "后台登录", outcome: "allowed" });
  });

  it("lets an admin create a cadre who then logs in with their own password, and names that cadre in the history and the audit log", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW });
    await conversation(t.url, "v1").ask("东风村幸福路上有个大坑");
    const admin = await session(t.url, "admin", ADMIN_PW);
    const created = await admin.call("/api/staff/accounts", { body: { username: "Zhang.San", displayName: "张三", password: "zhang-pw-123", role: "cadre" } });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ username: "zhang.san", id: "staff:zhang.san", role: "cadre", createdBy: "staff:admin" });
    const hash = t.app.store.db.prepare("SELECT password_hash FROM staff_accounts WHERE username = 'zhang.san'").pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("zhang-pw-123");
    expect((await admin.call("/api/staff/accounts", { body: { username: "zhang.san", password: "another-pw-1" } })).status).toBe(409);

    const zhang = await session(t.url, "ZHANG.SAN", "zhang-pw-123");
    expect((await zhang.call("/api/staff/me")).body.staff).toEqual({ id: "staff:zhang.san", role: "cadre", username: "zhang.san", displayName: "张三" });
    const changed = await zhang.call("/api/staff/feedback/FK000001/state", { body: { state: "in_progress", note: "已报交通站" } });
    expect(changed.status).toBe(200);
    expect(changed.body.history.at(-1)).toMatchObject({ note: "已报交通站", by: "staff:zhang.san" });
    // A cadre is not an admin: creating accounts and issuing invites are refused, and logged with the name.
    expect((await zhang.call("/api/staff/accounts", { body: { username: "li", password: "li-password-1" } })).status).toBe(403);
    expect((await zhang.call("/api/staff/invites", { body: { role: "admin" } })).status).toBe(403);
    const entries = audit();
    expect(entries).toContainEqual({ actor: "staff:admin", action: "创建账号", outcome: "allowed" });
    expect(entries).toContainEqual({ actor: "staff:zhang.san", action: "POST /api/staff/accounts", outcome: "refused" });
    expect(entries).toContainEqual({ actor: "staff:zhang.san", action: "POST /api/staff/invites", outcome: "refused" });
  });

  it("lets the owner change their password only with the old one, and ends their other sessions", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW });
    const laptop = await session(t.url, "admin", ADMIN_PW);
    const phone = await session(t.url, "admin", ADMIN_PW);
    const wrong = await laptop.call("/api/staff/me/password", { body: { oldPassword: "not-it", newPassword: "brand-new-pw-1" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.field).toBe("oldPassword");
    const short = await laptop.call("/api/staff/me/password", { body: { oldPassword: ADMIN_PW, newPassword: "short" } });
    expect(short.body.error).toMatchObject({ field: "newPassword", message: expect.stringMatching(/至少 8 个字符/) });
    expect((await laptop.call("/api/staff/me/password", { body: { oldPassword: ADMIN_PW, newPassword: "brand-new-pw-1" } })).status).toBe(200);
    expect((await laptop.call("/api/staff/me")).status).toBe(200);
    expect((await phone.call("/api/staff/me")).status).toBe(401);
    expect((await login(t.url, "admin", ADMIN_PW)).status).toBe(401);
    expect((await login(t.url, "admin", "brand-new-pw-1")).status).toBe(200);
    expect(audit()).toContainEqual({ actor: "staff:admin", action: "修改密码", outcome: "allowed" });
  });

  it("revokes an account: its open session stops working on the very next call, and it can't log in again", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW, STAFF_API_TOKEN: TOKEN });
    const bearer = { authorization: `Bearer ${TOKEN}` };
    expect((await callJson(t.url, "/api/staff/accounts", { body: { username: "li", password: "li-password-1" }, headers: bearer })).status).toBe(201);
    const li = await session(t.url, "li", "li-password-1");
    expect((await li.call("/api/staff/feedback")).status).toBe(200);
    const revoked = await callJson(t.url, "/api/staff/accounts/li/revoke", { body: {}, headers: bearer });
    expect(revoked.body.account).toMatchObject({ username: "li", revoked: true, revokedBy: "api-token" });
    const after = await li.call("/api/staff/feedback");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("SESSION_EXPIRED");
    expect((await login(t.url, "li", "li-password-1")).status).toBe(401);
    // The last admin can't be revoked, so nobody locks the township out of its own dashboard.
    const last = await callJson(t.url, "/api/staff/accounts/admin/revoke", { body: {}, headers: bearer });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("LAST_ADMIN");
    expect(audit()).toContainEqual({ actor: "api-token", action: "停用账号", outcome: "allowed" });
  });

  it("turns an invite code into a dashboard login with the invite's role, once, while chat redemption keeps working", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW });
    const admin = await session(t.url, "admin", ADMIN_PW);
    const invite = await admin.call("/api/staff/invites", { body: { role: "cadre" } });
    expect(invite.status).toBe(201);
    const redeem = (username: string) =>
      callJson(t.url, "/api/staff/accounts/redeem", {
        body: { code: invite.body.code.toLowerCase(), username, displayName: "赵六", password: "zhao-password-1" },
      });
    const joined = await redeem("zhao");
    expect(joined.status).toBe(201);
    expect(joined.body.account).toMatchObject({ username: "zhao", role: "cadre", createdBy: "staff:admin" });
    expect((await redeem("zhao2")).body.error.code).toBe("USED");
    const zhao = await session(t.url, "zhao", "zhao-password-1");
    expect((await zhao.call("/api/staff/me")).body.staff.role).toBe("cadre");
    expect(audit()).toContainEqual({ actor: "staff:zhao", action: "用邀请码开账号", outcome: "allowed" });

    const chatCode = (await admin.call("/api/staff/invites", { body: { role: "cadre" } })).body.code as string;
    // Chat channels other than the anonymous web chat still redeem codes for the chat user (e.g. Telegram).
    expect(await redeemInvite(t.app.services, "telegram", "4242", chatCode)).toMatchObject({ ok: true, role: "cadre" });
    expect(await roleOf(t.app.services, "telegram", "4242")).toBe("cadre");
  });

  it("keeps a taken username from spending the invite code", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW });
    const admin = await session(t.url, "admin", ADMIN_PW);
    const { code } = (await admin.call("/api/staff/invites", { body: { role: "admin" } })).body;
    const taken = await callJson(t.url, "/api/staff/accounts/redeem", { body: { code, username: "admin", password: "whatever-pw-1" } });
    expect(taken.status).toBe(409);
    const ok = await callJson(t.url, "/api/staff/accounts/redeem", { body: { code, username: "wu", password: "whatever-pw-1" } });
    expect(ok.body.account).toMatchObject({ username: "wu", role: "admin" });
  });

  it("audits script calls with STAFF_API_TOKEN as api-token", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await conversation(t.url, "v1").ask("东风村幸福路上有个大坑");
    await callJson(t.url, "/api/staff/export/feedback.csv", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(audit().at(-1)).toEqual({ actor: "api-token", action: "导出反映", outcome: "allowed" });
  });
});
