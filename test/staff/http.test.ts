// The staff HTTP API: authentication (401/403/503), privacy, filters, state changes and exports.
import { afterEach, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { chatAuth, conversation, type TestApp } from "../helpers/app.ts";
import { userLabel } from "../../src/web/identity.ts";
import { startStaffApp } from "./data-fixture.ts";
import { csrfTokenFor, sha256, tokenMatches } from "../../src/web/staff/auth.ts";

const TOKEN = "test-token-0123456789abcdef";
let t: TestApp;
afterEach(async () => t?.close());

const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token !== null) headers.set("authorization", `Bearer ${init.token ?? TOKEN}`);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${t.url}${path}`, { ...init, headers });
};

async function seed() {
  await conversation(t.url, "named").ask("东风村幸福路上有个大坑");
  await conversation(t.url, "secret").ask("匿名反映一下，李庄村有人冒领低保");
  await conversation(t.url, "v3").ask("张庄村三组的沼气池不产气了");
}

describe("staff API authentication", () => {
  it("answers 401 without credentials and with a wrong token, 200 with the right one", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    const none = await api("/api/staff/feedback", { token: null });
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/Bearer/) });
    const wrong = await api("/api/staff/feedback", { token: "test-token-0123456789abcdeX" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("BAD_TOKEN");
    const right = await api("/api/staff/feedback");
    expect(right.status).toBe(200);
  });

  it("says the token path is off when STAFF_API_TOKEN is not set", async () => {
    t = await startStaffApp();
    const res = await api("/api/staff/feedback");
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatchObject({ code: "STAFF_API_OFF", message: expect.stringMatching(/STAFF_API_TOKEN/) });
    const bare = await api("/api/staff/feedback", { token: null });
    expect(bare.status).toBe(401);
    expect((await bare.json()).error.message).toMatch(/没有设置 STAFF_API_TOKEN/);
  });

  it("compares tokens by fixed-length digests, so length and prefix give nothing away", () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches("", TOKEN)).toBe(false);
  });

  it("logs the bootstrapped admin in (no username: the old single-password scripts) into an HttpOnly, SameSite=Strict session cookie, and out again", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: "correct horse battery" });
    const bad = await api("/api/staff/login", { token: null, method: "POST", body: JSON.stringify({ password: "guess" }) });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toMatchObject({ code: "BAD_PASSWORD", field: "password" });
    const good = await api("/api/staff/login", { token: null, method: "POST", body: JSON.stringify({ password: "correct horse battery" }) });
    expect(good.status).toBe(200);
    const { csrfToken } = await good.clone().json();
    const cookie = good.headers.get("set-cookie")!;
    expect(cookie).toMatch(/xq_staff=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http on 127.0.0.1
    const session = cookie.split(";")[0]!;
    const me = await api("/api/staff/me", { token: null, headers: { cookie: session } });
    expect(await me.json()).toEqual({ staff: { id: "staff:admin", role: "admin", username: "admin", displayName: "管理员" }, csrfToken });
    const out = await api("/api/staff/logout", {
      token: null,
      method: "POST",
      headers: { cookie: session, "content-type": "application/json", "x-csrf-token": csrfToken },
    });
    expect(out.status).toBe(200);
    expect((await api("/api/staff/me", { token: null, headers: { cookie: session } })).status).toBe(401);
  });

  it("marks the cookie Secure behind an https proxy", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: "pw-123456" });
    const res = await api("/api/staff/login", {
      token: null,
      method: "POST",
      headers: { "x-forwarded-proto": "https" },
      body: JSON.stringify({ password: "pw-123456" }),
    });
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("answers 403 when a cadre's session asks for an admin action, and audits it", async () => {
    t = await startStaffApp();
    const token = "cadre-session-token-xyz";
    const accountId = (await t.app.store.staff.insertAccount({
      username: "wang",
      displayName: "王干部",
      role: "cadre",
      passwordHash: "x",
      createdBy: "test",
      createdAt: "2020-01-01T00:00:00Z",
    }))!;
    await t.app.store.staff.insertDashboardSession({
      tokenHash: sha256(token),
      accountId,
      staffId: "staff:wang",
      role: "cadre",
      createdAt: "2020-01-01T00:00:00Z",
      expiresAt: "2099-01-01T00:00:00Z",
    });
    expect((await t.app.store.staff.findAccount("wang"))?.role).toBe("cadre");
    const headers = { cookie: `xq_staff=${token}`, "x-csrf-token": csrfTokenFor(token) };
    expect((await api("/api/staff/feedback", { token: null, headers })).status).toBe(200);
    const res = await api("/api/staff/invites", { token: null, method: "POST", headers, body: "{}" });
    expect(res.status).toBe(403);
    expect(t.app.store.db.prepare("SELECT actor, outcome FROM audit_log").get()).toEqual({ actor: "staff:wang", outcome: "refused" });
  });
});

describe("staff API data", () => {
  it("shows identities only on non-anonymous reports", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await seed();
    const body = await (await api("/api/staff/feedback")).json();
    const byReceipt = Object.fromEntries(body.reports.map((r: any) => [r.receipt, r]));
    // The web chat id is a credential: staff see a stable label instead.
    expect(byReceipt.FK000001.reporter).toEqual({ channel: "web", userId: userLabel("named"), displayName: null });
    expect(byReceipt.FK000002.anonymous).toBe(true);
    expect(byReceipt.FK000002.reporter).toBeNull();
    expect(JSON.stringify(body)).not.toContain("secret");
  });

  it("filters the list and summary by village, category, state and period, and rejects bad filters by field", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await seed();
    const village = await (await api(`/api/staff/feedback?village=${encodeURIComponent("张庄村")}`)).json();
    expect(village.total).toBe(1);
    expect(village.reports[0].category).toBe("沼气");
    const summary = await (await api("/api/staff/feedback/summary?period=month&state=open")).json();
    expect(summary.total).toBe(3);
    expect(summary.byVillage.map((c: any) => c.key).sort()).toEqual(["张庄村", "李庄村", "东风村"].sort());
    const bad = await api("/api/staff/feedback?state=gone&limit=5");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "INVALID_FIELD", field: "state" });
    const badDate = await api("/api/staff/feedback/summary?from=yesterday");
    expect((await badDate.json()).error).toMatchObject({ field: "from", message: expect.stringMatching(/YYYY-MM-DD/) });
  });

  it("changes a report's state with a note, keeps the history and notifies the villager", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await seed();
    const noNote = await api("/api/staff/feedback/FK000001/state", { method: "POST", body: JSON.stringify({ state: "in_progress" }) });
    expect(noNote.status).toBe(400);
    expect((await noNote.json()).error.field).toBe("note");
    const res = await api("/api/staff/feedback/FK000001/state", { method: "POST", body: JSON.stringify({ state: "处理中", note: "已报交通站" }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.report.state).toBe("in_progress");
    expect(body.history.map((h: any) => [h.to, h.note, h.by])).toEqual([
      ["confirmed", "村民反映", "村民"],
      ["in_progress", "已报交通站", "api-token"],
    ]);
    const again = await api("/api/staff/feedback/FK000001/state", { method: "POST", body: JSON.stringify({ state: "in_progress", note: "再来" }) });
    expect(again.status).toBe(409);
    const missing = await api("/api/staff/feedback/FK000777/state", { method: "POST", body: JSON.stringify({ state: "fixed", note: "x" }) });
    expect(missing.status).toBe(404);
    const notes = await (await fetch(`${t.url}/api/notifications?userId=named`, { headers: chatAuth })).json();
    expect(notes.notifications[0].text).toMatch(/FK000001.*处理中[\s\S]*已报交通站/);
  });

  it("exports CSV with a BOM and formulas defused, and XLSX that exceljs reads back", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await conversation(t.url, "v1").ask('=HYPERLINK("http://x") 东风村路灯坏了');
    await seed();
    const bytes = Buffer.from(await (await api("/api/staff/export/feedback.csv")).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8");
    expect(csv).toMatch(/^回执号,反映时间,村,类别/);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") 东风村路灯坏了"`);
    expect(csv).toContain("匿名");

    const res = await api("/api/staff/export/feedback.xlsx?village=%E4%B8%9C%E9%A3%8E%E6%9D%91");
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("回执号");
    expect(sheet.rowCount).toBe(3);
    const receipts = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value].sort();
    expect(receipts).toEqual(["FK000001", "FK000002"]);
  });

  it("lists unanswered questions without the asker's id", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await conversation(t.url, "asker-1").ask("火星上能种小麦吗");
    const body = await (await api("/api/staff/unanswered")).json();
    expect(body.questions[0].text).toBe("火星上能种小麦吗");
    expect(JSON.stringify(body)).not.toContain("asker-1");
  });
});
