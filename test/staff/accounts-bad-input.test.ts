// Bad input on the account entry points: empty, broken, wrong-typed, huge and hostile bodies are refused by
// field, in Chinese, and change nothing; hostile text that is valid is kept as plain data.
import { afterEach, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/app.ts";
import { startStaffApp } from "./data-fixture.ts";
import { callJson, session } from "./staff-client.ts";

const ADMIN_PW = "admin-password-2026";
const TOKEN = "bad-input-test-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };
let t: TestApp;
afterEach(async () => t?.close());

const accounts = () => t.app.store.db.prepare("SELECT username FROM staff_accounts ORDER BY id").pluck().all();
const errorOf = (body: any) => JSON.stringify(body?.error ?? body);

describe("account entry points refuse bad input and change nothing", () => {
  it("refuses empty, broken, wrong-typed and huge account bodies, naming the field", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW, STAFF_API_TOKEN: TOKEN });
    const before = accounts();
    const cases: Array<[unknown, RegExp]> = [
      ["", /./],
      ["{not json", /./],
      [{}, /username|用户名/],
      [{ username: "", password: "long-enough-pw" }, /username|用户名/],
      [{ username: 12345, password: "long-enough-pw" }, /username|用户名/],
      [{ username: "li", password: "short" }, /password|密码/],
      [{ username: "li", password: "x".repeat(100_000) }, /password|密码/],
      [{ username: "u".repeat(5000), password: "long-enough-pw" }, /username|用户名/],
      [{ username: "<script>alert(1)</script>", password: "long-enough-pw" }, /username|用户名/],
      [{ username: "li", password: "long-enough-pw", role: "root" }, /role|cadre/],
      [{ username: "li", password: "long-enough-pw", displayName: "名".repeat(500) }, /displayName|姓名/],
    ];
    for (const [body, field] of cases) {
      const res = await callJson(t.url, "/api/staff/accounts", { body, headers: auth });
      // A body over the size limit is refused before it is read (413); every other one by its field (400).
      expect([400, 413], JSON.stringify(body).slice(0, 80)).toContain(res.status);
      if (res.status === 400) expect(errorOf(res.body)).toMatch(field);
      else expect(errorOf(res.body)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(accounts()).toEqual(before);
  });

  it("refuses bad invite redemptions without spending anything", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW, STAFF_API_TOKEN: TOKEN });
    const before = accounts();
    for (const body of [
      "",
      "[]",
      { code: "" },
      { code: "x".repeat(10_000), username: "wang", password: "long-enough-pw" },
      { code: "NOPE-0000", username: "wang", password: "long-enough-pw" },
      { code: { $ne: null }, username: "wang", password: "long-enough-pw" },
    ]) {
      const res = await callJson(t.url, "/api/staff/accounts/redeem", { body });
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(accounts()).toEqual(before);
  });

  it("refuses a bad password change and keeps the old password working", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW, STAFF_API_TOKEN: TOKEN });
    const admin = await session(t.url, "admin", ADMIN_PW);
    for (const body of [
      {},
      { oldPassword: ADMIN_PW },
      { oldPassword: ADMIN_PW, newPassword: "short" },
      { oldPassword: ADMIN_PW, newPassword: "y".repeat(100_000) },
      { oldPassword: 42, newPassword: "long-enough-pw" },
    ]) {
      const res = await admin.call("/api/staff/me/password", { body });
      expect([400, 413], JSON.stringify(body).slice(0, 60)).toContain(res.status);
    }
    expect((await session(t.url, "admin", ADMIN_PW)).cookie).toBeTruthy();
  });

  it("keeps a hostile display name as plain text in the API and escaped on the dashboard", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW, STAFF_API_TOKEN: TOKEN });
    const hostile = "<img src=x onerror=alert(1)>";
    const created = await callJson(t.url, "/api/staff/accounts", {
      body: { username: "zhao", password: "long-enough-pw", displayName: hostile },
      headers: auth,
    });
    expect(created.status).toBe(201);
    expect(created.body.account.displayName).toBe(hostile);
    const admin = await session(t.url, "admin", ADMIN_PW);
    const page = await callJson(t.url, "/admin/account", { headers: { cookie: admin.cookie } });
    expect(String(page.body)).not.toContain(hostile);
    expect(String(page.body)).toContain("&lt;img");
  });
});
