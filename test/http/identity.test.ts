// The web chat's identity: a signed cookie from the server, never a userId the client makes up.
import { afterEach, describe, expect, it } from "vitest";
import { chatAuth, startTestApp, type TestApp } from "../helpers/app.ts";
import { ChatIdentity, userLabel } from "../../src/web/identity.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A browser-like client: keeps the cookie the server sets and sends it back; never sends a token. */
function browser(url: string) {
  let cookie: string | undefined;
  return {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    async say(text: string, extra: Record<string, unknown> = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ text, ...extra }),
      });
      const setCookie = res.headers.get("set-cookie");
      if (setCookie) cookie = setCookie.split(";")[0];
      const body = (await res.json()) as { replies: Array<{ text: string }> };
      return { status: res.status, setCookie, text: body.replies?.map((r) => r.text).join("\n") ?? "", body };
    },
    async notifications() {
      const res = await fetch(`${url}/api/notifications`, { headers: cookie ? { cookie } : {} });
      return { status: res.status, notifications: ((await res.json()) as { notifications: Array<{ text: string }> }).notifications };
    },
  };
}

const REPORT = "三组的路灯坏了半个月了，晚上走路看不见";

describe("web chat identity", () => {
  it("answers a first message and sets a signed, HttpOnly, SameSite=Lax cookie for path /", async () => {
    t = await startTestApp();
    const villager = browser(t.url);
    const first = await villager.say("你好");
    expect(first.status).toBe(200);
    expect(first.setCookie).toMatch(/^xq_chat=w[\w-]{22}\.[\w-]{43};/);
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=Lax/i);
    expect(first.setCookie).toMatch(/Path=\//);
  });

  it("knows a villager by the cookie: their own reports, and nobody else's, whatever userId is sent", async () => {
    t = await startTestApp();
    const owner = browser(t.url);
    const filed = await owner.say(REPORT);
    expect(filed.text).toMatch(/回执号：FK000001/);
    expect((await owner.say("我反映的事怎么样了")).text).toMatch(/FK000001/);

    const ownerId = t.app.store.db.prepare("SELECT user_id FROM feedback WHERE id = 1").pluck().get() as string;
    const snoop = browser(t.url);
    // Another client naming the owner's id (without the integration token) is just another villager.
    const status = await snoop.say("我反映的事怎么样了", { userId: ownerId });
    expect(status.status).toBe(200);
    expect(status.text).not.toMatch(/FK000001/);
    expect((await snoop.say("FK000001 怎么样了", { userId: ownerId })).text).toMatch(/没有找到您名下/);
  });

  it("gives notifications to their owner only, and ?userId= without the token reads nothing", async () => {
    t = await startTestApp({ env: { STAFF_API_TOKEN: "staff-token-0123456789abcdef" } });
    const owner = browser(t.url);
    await owner.say(REPORT);
    const ownerId = t.app.store.db.prepare("SELECT user_id FROM feedback WHERE id = 1").pluck().get() as string;
    const changed = await fetch(`${t.url}/api/staff/feedback/FK000001/state`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer staff-token-0123456789abcdef" },
      body: JSON.stringify({ state: "in_progress", note: "电工明天去修" }),
    });
    expect(changed.status).toBe(200);

    const stranger = await fetch(`${t.url}/api/notifications?userId=${encodeURIComponent(ownerId)}`);
    expect(stranger.status).toBe(200);
    expect((await stranger.json()).notifications).toEqual([]);
    const other = browser(t.url);
    await other.say("你好");
    expect((await other.notifications()).notifications).toEqual([]);
    // …so the owner still gets the notice (collecting marks it delivered).
    const mine = await owner.notifications();
    expect(mine.notifications.map((n) => n.text).join("\n")).toMatch(/FK000001.*电工明天去修/s);
  });

  it("treats a forged or garbled cookie as no cookie: a new identity, never an error", async () => {
    t = await startTestApp();
    const owner = browser(t.url);
    await owner.say(REPORT);
    const [name, value] = owner.cookie!.split("=") as [string, string];
    const [id] = value.split(".");
    for (const forged of [`${name}=${id}.${"A".repeat(43)}`, `${name}=${id}`, `${name}=garbage`, `${name}=`, `${name}=w${"a".repeat(22)}.x`]) {
      const intruder = browser(t.url);
      intruder.cookie = forged;
      const r = await intruder.say("我反映的事怎么样了");
      expect(r.status).toBe(200);
      expect(r.text).not.toMatch(/FK000001/);
      expect(r.setCookie).toMatch(/^xq_chat=w/);
      expect(r.setCookie).not.toContain(id);
      expect((await intruder.notifications()).status).toBe(200);
    }
  });

  it("lets an integration name the user only with Authorization: Bearer $CHAT_API_TOKEN", async () => {
    t = await startTestApp();
    const post = (headers: Record<string, string>, userId: unknown, text: string) =>
      fetch(`${t!.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ userId, text }) });
    const filed = await post(chatAuth, "integration-7", REPORT);
    expect(filed.status).toBe(200);
    expect(filed.headers.get("set-cookie")).toBeNull();
    expect(t.app.store.db.prepare("SELECT user_id FROM feedback WHERE id = 1").pluck().get()).toBe("integration-7");
    // The same userId with a wrong token, or a non-string userId, is ignored, never an error.
    for (const [headers, userId] of [
      [{ authorization: "Bearer wrong-token-000000000" }, "integration-7"],
      [{}, "integration-7"],
      [chatAuth, ["x"]],
      [chatAuth, 42],
    ] as const) {
      const res = await post(headers, userId, "我反映的事怎么样了");
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).not.toMatch(/FK000001/);
    }
    const own = await post(chatAuth, "integration-7", "我反映的事怎么样了");
    expect(JSON.stringify(await own.json())).toMatch(/FK000001/);
  });

  it("turns the bearer path off when CHAT_API_TOKEN is unset", async () => {
    t = await startTestApp({ env: { CHAT_API_TOKEN: "" } });
    const res = await fetch(`${t.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...chatAuth },
      body: JSON.stringify({ userId: "named", text: REPORT }),
    });
    expect(res.status).toBe(200);
    expect(t.app.store.db.prepare("SELECT user_id FROM feedback WHERE id = 1").pluck().get()).not.toBe("named");
  });

  it("keeps identities across a restart with no configuration (the key lives in the database)", async () => {
    const first = await startTestApp();
    const owner = browser(first.url);
    await owner.say(REPORT);
    const db = first.app.config.DB_PATH;
    await first.app.close();
    t = await startTestApp({ env: { DB_PATH: db } });
    const again = browser(t.url);
    again.cookie = owner.cookie;
    expect((await again.say("我反映的事怎么样了")).text).toMatch(/FK000001/);
    await first.close();
  });

  it("signs with CHAT_COOKIE_SECRET when configured", async () => {
    const secret = "s".repeat(40);
    t = await startTestApp({ env: { CHAT_COOKIE_SECRET: secret } });
    const owner = browser(t.url);
    await owner.say(REPORT);
    expect(t.app.store.db.prepare("SELECT count(*) FROM app_secrets").pluck().get()).toBe(0);
    expect((await owner.say("我反映的事怎么样了")).text).toMatch(/FK000001/);
  });

  it("never makes a web chat identity staff: an invite code is answered with the dashboard login", async () => {
    t = await startTestApp({ env: { ADMIN_IDS: "telegram:1" } });
    const code = await t.app.assistant.handle({
      channel: "telegram",
      userId: "1",
      chatId: "1",
      chatType: "private",
      mentioned: true,
      kind: "text",
      text: "生成邀请码 cadre",
    });
    const invite = /邀请码：([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(code.replies[0]!.text)?.[1];
    expect(invite).toBeDefined();
    const villager = browser(t.url);
    expect((await villager.say(`邀请码 ${invite}`)).text).toMatch(/网页聊天不能登记工作人员身份.*管理后台/s);
    expect((await villager.say("本月收到多少反映？")).text).toMatch(/抱歉/);
    expect(t.app.store.db.prepare("SELECT count(*) FROM staff_roles").pluck().get()).toBe(0);
  });
});

describe("identity pieces", () => {
  it("verifies only its own signatures", () => {
    const a = new ChatIdentity(Buffer.alloc(32, 1));
    const b = new ChatIdentity(Buffer.alloc(32, 2));
    const { userId, cookie } = a.issue();
    expect(a.read(cookie)).toBe(userId);
    expect(b.read(cookie)).toBeUndefined();
    expect(a.read(undefined)).toBeUndefined();
  });

  it("labels a user id for staff: short, stable, and without the id", () => {
    const id = "wAbCdEfGhIjKlMnOpQrStUv";
    expect(userLabel(id)).toBe(userLabel(id));
    expect(userLabel(id)).toMatch(/^网页用户#[0-9A-F]{8}$/);
    expect(userLabel(id)).not.toContain(id.slice(1, 6));
    expect(userLabel(id)).not.toBe(userLabel(`${id}x`));
  });
});
