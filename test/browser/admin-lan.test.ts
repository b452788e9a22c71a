// The dashboard as a township office uses it — plain http on a LAN name, where Chromium sends "Origin: null" and
// no Sec-Fetch-Site — and a page on another port of the same host trying to act with the admin's cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { chatAuth, conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";

const PASSWORD = "办公室的密码-2026";
const LAN_HOST = "admin.village.test";
let t: TestApp;
let browser: Browser;
let port: number;
let evil: { server: Server; port: number };

const state = (id: number) => t.app.store.db.prepare("SELECT status FROM feedback WHERE id = ?").pluck().get(id);
const consultationCount = () => t.app.store.db.prepare("SELECT count(*) FROM consultations").pluck().get();

/** What an attacker's page on another port would try: forms (any enctype) and fetches, all riding on the cookie. */
function attackPage(target: string): string {
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const consultation = JSON.stringify({ title: "假的征求意见", background: "攻击者发的", deadline });
  return `<!doctype html><html><body>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe><iframe name="sink3"></iframe>
<form id="state" method="post" action="${target}/admin/feedback/1/state" target="sink1"><input name="state" value="fixed"><input name="note" value="攻击"></form>
<form id="plain" method="post" enctype="text/plain" action="${target}/api/staff/consultations" target="sink2"><input name='${consultation.slice(0, -1)},"x":"' value='"}'></form>
<form id="urlenc" method="post" action="${target}/api/staff/feedback/FK000002/state" target="sink3"><input name="state" value="fixed"><input name="note" value="攻击"></form>
<script>
  window.results = {};
  document.getElementById("state").submit();
  document.getElementById("plain").submit();
  document.getElementById("urlenc").submit();
  const send = (key, url, init) => fetch(url, { method: "POST", credentials: "include", ...init }).then((r) => (window.results[key] = r.type === "opaque" ? "opaque" : r.status), (e) => (window.results[key] = "blocked"));
  Promise.all([
    send("noCorsText", "${target}/api/staff/consultations", { mode: "no-cors", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(consultation)} }),
    send("corsJson", "${target}/api/staff/consultations", { headers: { "content-type": "application/json" }, body: ${JSON.stringify(consultation)} }),
    send("corsJsonState", "${target}/api/staff/feedback/FK000002/state", { headers: { "content-type": "application/json" }, body: JSON.stringify({ state: "fixed", note: "攻击" }) }),
  ]).then(() => (window.done = true));
</script></body></html>`;
}

beforeAll(async () => {
  t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD });
  port = Number(new URL(t.url).port);
  await conversation(t.url, "v1").ask("东风村路灯坏了");
  await conversation(t.url, "v2").ask("李庄村三组的沼气池不产气了");
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", "http://x").searchParams.get("target") ?? "";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(attackPage(target));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  evil = { server, port: (server.address() as { port: number }).port };
  browser = await launchBrowser([`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`]);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => evil?.server.close(resolve));
  await t?.close();
});

async function logIn(page: Page, base: string, username = "admin", password = PASSWORD) {
  await page.goto(`${base}/admin`);
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await page.click(".login-form button[type=submit]");
}

describe("dashboard over plain http on a LAN name", () => {
  it("logs in, changes a state, creates and revokes a cadre, issues an invite, changes the password and logs out — with Origin: null and no Sec-Fetch-Site", async () => {
    const base = `http://${LAN_HOST}:${port}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const posts: Array<{ url: string; origin?: string; fetchSite?: string }> = [];
    page.on("request", async (request) => {
      if (request.method() !== "POST") return;
      const headers = await request.allHeaders();
      posts.push({ url: request.url(), origin: headers.origin, fetchSite: headers["sec-fetch-site"] });
    });

    await logIn(page, base);
    await page.locator("#total").waitFor();
    expect(await page.locator("#whoami").innerText()).toMatch(/管理员/);

    await page.goto(`${base}/admin/feedback/2`);
    await page.selectOption(".state-form select[name=state]", "in_progress");
    await page.fill(".state-form input[name=note]", "服务站明天上门");
    await page.click(".state-form button[type=submit]");
    await page.locator("[role=status]").waitFor();
    expect(await page.locator("#report-state").innerText()).toBe("处理中");
    expect(state(2)).toBe("in_progress");
    expect(await page.locator("#history").innerText()).toContain("staff:admin");

    await page.click("#account-link");
    await page.fill(".create-account-form input[name=username]", "zhang");
    await page.fill(".create-account-form input[name=displayName]", "张干部");
    await page.fill(".create-account-form input[name=password]", "zhang-password-1");
    await page.click(".create-account-form button[type=submit]");
    expect(await page.locator("[role=status]").innerText()).toMatch(/已创建账号 zhang/);
    expect(await page.locator("#account-zhang").innerText()).toMatch(/张干部/);

    await page.click(".invite-form button[type=submit]");
    expect(await page.locator("#invite-code").innerText()).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    await page.click("#account-zhang .revoke-form button[type=submit]");
    expect(await page.locator("[role=status]").innerText()).toMatch(/已停用账号 zhang/);
    expect(await page.locator("#account-zhang").innerText()).toMatch(/已停用/);

    await page.fill(".password-form input[name=oldPassword]", PASSWORD);
    await page.fill(".password-form input[name=newPassword]", "新的办公室密码-2027");
    await page.click(".password-form button[type=submit]");
    expect(await page.locator("[role=status]").innerText()).toMatch(/密码已修改/);

    await page.click("header button[type=submit]");
    await page.locator(".login-form").waitFor();
    await logIn(page, base, "admin", "新的办公室密码-2027");
    await page.locator("#total").waitFor();

    // The conditions of the report: Chromium told us nothing about where these posts came from.
    expect(posts.length).toBeGreaterThanOrEqual(7);
    for (const post of posts) {
      expect(post.origin).toBe("null");
      expect(post.fetchSite).toBeUndefined();
    }
    await context.close();
  });

  it("lets a new cadre open their own login with an invite code on the sign-up page", async () => {
    const base = `http://${LAN_HOST}:${port}`;
    const context = await browser.newContext();
    const admin = await context.newPage();
    await logIn(admin, base, "admin", "新的办公室密码-2027");
    await admin.goto(`${base}/admin/account`);
    await admin.click(".invite-form button[type=submit]");
    const code = await admin.locator("#invite-code").innerText();
    await context.close();

    const newcomer = await (await browser.newContext()).newPage();
    await newcomer.goto(`${base}/admin`);
    await newcomer.click("#join-link");
    await newcomer.fill(".join-form input[name=code]", code);
    await newcomer.fill(".join-form input[name=username]", "li");
    await newcomer.fill(".join-form input[name=displayName]", "李干部");
    await newcomer.fill(".join-form input[name=password]", "li-password-2026");
    await newcomer.click(".join-form button[type=submit]");
    await newcomer.locator("#total").waitFor();
    expect(await newcomer.locator("#whoami").innerText()).toBe("李干部（村镇干部）");
    await newcomer.context().close();
  });
});

describe("a page on another port of the same host", () => {
  for (const host of ["127.0.0.1", LAN_HOST]) {
    it(`can't change a report's state or publish a consultation with the admin's cookie (${host})`, async () => {
      const base = `http://${host}:${port}`;
      const context = await browser.newContext();
      const page = await context.newPage();
      await logIn(page, base, "admin", "新的办公室密码-2027");
      await page.locator("#total").waitFor();
      const before = { s1: state(1), s2: state(2), consultations: consultationCount() };

      const responses: Array<{ url: string; status: number }> = [];
      const attacker = await context.newPage();
      attacker.on("response", (r) => {
        if (r.url().startsWith(base)) responses.push({ url: r.url().slice(base.length), status: r.status() });
      });
      await attacker.goto(`http://${host}:${evil.port}/?target=${encodeURIComponent(base)}`);
      await attacker.waitForFunction(() => (window as unknown as { done?: boolean }).done === true);
      await attacker.waitForTimeout(300);
      const results = await attacker.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);

      expect({ s1: state(1), s2: state(2), consultations: consultationCount() }).toEqual(before);
      // The cookie did ride along (SameSite=Strict doesn't separate ports): the state form reached the handler and was refused.
      expect(responses).toContainEqual({ url: "/admin/feedback/1/state", status: 403 });
      expect(responses).toContainEqual({ url: "/api/staff/consultations", status: 415 });
      expect(responses).toContainEqual({ url: "/api/staff/feedback/FK000002/state", status: 415 });
      // A text/plain fetch is refused like the form (its opaque answer may even be withheld from the page by
      // Cross-Origin-Resource-Policy); JSON fetches need a CORS preflight, which is never granted.
      expect(["opaque", "blocked"]).toContain(results.noCorsText);
      expect(results).toMatchObject({ corsJson: "blocked", corsJsonState: "blocked" });

      // The admin's own session still works.
      await page.goto(`${base}/admin/feedback/1`);
      expect(await page.locator("#report-state").innerText()).not.toBe("已解决");
      await context.close();
    });
  }
});

describe("notifications after a dashboard change", () => {
  it("reach the villager of a report changed on the LAN dashboard", async () => {
    const notes = await (await fetch(`${t.url}/api/notifications?userId=v2`, { headers: chatAuth })).json();
    expect(notes.notifications.map((n: { text: string }) => n.text).join("\n")).toMatch(/FK000002.*处理中/);
  });
});
