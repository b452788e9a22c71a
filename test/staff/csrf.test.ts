// Cross-site request forgery on the staff API and dashboard: state changes must be JSON and, when they ride on
// the session cookie, carry that session's CSRF token — whatever Origin or Sec-Fetch-Site say or leave out.
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "./data-fixture.ts";
import { callJson, session } from "./staff-client.ts";

const ADMIN_PW = "csrf-admin-password";
const TOKEN = "csrf-test-token-0123456789abc";
let t: TestApp;
afterEach(async () => t?.close());

const status = () => t.app.store.db.prepare("SELECT status FROM feedback WHERE id = 1").pluck().get();
const consultations = () => t.app.store.db.prepare("SELECT count(*) FROM consultations").pluck().get();
const deadline = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const publish = () => JSON.stringify({ title: "村口建垃圾站", background: "选址在村口空地", deadline: deadline() });

async function setup() {
  t = await startStaffApp({ ADMIN_PASSWORD: ADMIN_PW, STAFF_API_TOKEN: TOKEN });
  await conversation(t.url, "v1").ask("东风村幸福路上有个大坑");
  return session(t.url, "admin", ADMIN_PW);
}

describe("CSRF on the staff API", () => {
  it("answers 415 to a state change that isn't application/json, even with the right cookie and token", async () => {
    const admin = await setup();
    const body = JSON.stringify({ state: "fixed", note: "好了" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json"]) {
      const res = await admin.call("/api/staff/feedback/FK000001/state", { body, headers: { "content-type": type } });
      expect([type, res.status, res.body.error?.code]).toEqual([type, 415, "UNSUPPORTED_MEDIA_TYPE"]);
    }
    expect((await admin.call("/api/staff/consultations", { body: publish(), headers: { "content-type": "text/plain;charset=UTF-8" } })).status).toBe(415);
    expect(
      (await callJson(t.url, "/api/staff/login", { body: JSON.stringify({ password: ADMIN_PW }), headers: { "content-type": "text/plain" } })).status,
    ).toBe(415);
    expect(status()).toBe("confirmed");
    expect(consultations()).toBe(0);
  });

  it("refuses (403) a cookie-carrying state change without the session's CSRF token, with Origin absent, null or our own", async () => {
    const admin = await setup();
    const host = new URL(t.url).host;
    for (const origin of [undefined, "null", `http://${host}`]) {
      const headers: Record<string, string> = { cookie: admin.cookie, ...(origin ? { origin } : {}) };
      const state = await callJson(t.url, "/api/staff/feedback/FK000001/state", { body: { state: "fixed", note: "好了" }, headers });
      expect([origin, state.status, state.body.error.code]).toEqual([origin, 403, "CSRF_TOKEN"]);
      const wrong = await callJson(t.url, "/api/staff/consultations", { body: publish(), headers: { ...headers, "x-csrf-token": "forged" } });
      expect(wrong.status).toBe(403);
    }
    expect(status()).toBe("confirmed");
    expect(consultations()).toBe(0);
    // Another person's token doesn't fit this session either.
    const other = await session(t.url, "admin", ADMIN_PW);
    expect(
      (
        await callJson(t.url, "/api/staff/feedback/FK000001/state", {
          body: { state: "fixed", note: "好了" },
          headers: { cookie: admin.cookie, "x-csrf-token": other.csrfToken },
        })
      ).status,
    ).toBe(403);
    // With the token: done.
    expect((await admin.call("/api/staff/feedback/FK000001/state", { body: { state: "fixed", note: "好了" } })).status).toBe(200);
    expect((await admin.call("/api/staff/consultations", { body: publish() })).status).toBe(201);
    expect(status()).toBe("fixed");
  });

  it("needs no CSRF token for a script with STAFF_API_TOKEN, nor for reading", async () => {
    const admin = await setup();
    const res = await callJson(t.url, "/api/staff/feedback/FK000001/state", {
      body: { state: "in_progress", note: "脚本" },
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect((await callJson(t.url, "/api/staff/feedback", { headers: { cookie: admin.cookie } })).status).toBe(200);
    // /me hands a cookie-only client its token.
    expect((await callJson(t.url, "/api/staff/me", { headers: { cookie: admin.cookie } })).body.csrfToken).toBe(admin.csrfToken);
  });
});

describe("CSRF on the dashboard forms", () => {
  it("ignores a form post with the cookie but without the page's hidden token, whatever the browser headers say", async () => {
    const admin = await setup();
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/admin/feedback/1/state`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body,
      });
    expect((await post("state=fixed&note=%E5%A5%BD")).status).toBe(403);
    expect((await post("state=fixed&note=%E5%A5%BD", { "sec-fetch-site": "same-origin", origin: "null" })).status).toBe(403);
    expect((await post("state=fixed&note=%E5%A5%BD&_csrf=forged")).status).toBe(403);
    expect(status()).toBe("confirmed");
    const page = await (await fetch(`${t.url}/admin/feedback/1`, { headers: { cookie: admin.cookie } })).text();
    const hidden = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect(hidden).toBe(admin.csrfToken);
    const ok = await post(`state=fixed&note=%E5%A5%BD&_csrf=${encodeURIComponent(hidden)}`, { origin: "null" });
    expect(ok.status).toBe(303);
    expect(status()).toBe("fixed");
  });
});
