// Fair load: a flooding user is slowed with polite 429s while everyone else is answered; resends become one report.
import { afterEach, describe, expect, it } from "vitest";
import { chatAuth, startTestApp, type TestApp } from "../helpers/app.ts";
import { clientAddress, parseTrustProxy } from "../../src/web/client-address.ts";
import { TokenBuckets } from "../../src/web/rate-limit.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function send(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const json = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), json, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

describe("per-user rate limit", () => {
  it("answers a flooding user with polite 429s and Retry-After while another user is still answered", async () => {
    t = await startTestApp({ env: { CHAT_RATE_BURST: "5", CHAT_RATE_PER_MINUTE: "6" } });
    const url = t.url;
    const flood = Promise.all(Array.from({ length: 40 }, () => send(url, { userId: "flooder", text: "三级残疾一年补助多少？" }, chatAuth)));
    const calm = Promise.all(
      ["一户多残家庭生活补助怎么发？", "优质煤市场价多少", "沼气池坏了找谁"].map((text) => send(url, { userId: "neighbour", text }, chatAuth)),
    );
    const [flooded, answered] = await Promise.all([flood, calm]);
    const refused = flooded.filter((r) => r.status === 429);
    expect(flooded.filter((r) => r.status === 200).length).toBeLessThanOrEqual(6);
    expect(refused.length).toBeGreaterThanOrEqual(34);
    expect(refused[0]!.json.error!.code).toBe("TOO_MANY_REQUESTS");
    expect(refused[0]!.json.error!.message).toMatch(/太快.*秒后再发/);
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(answered.map((r) => r.status)).toEqual([200, 200, 200]);
    // Logged, once, by label: no user id in the log.
    const lines = t.logs.filter((l) => l.includes("chat rate limited"));
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/"scope":"user".*网页用户#/);
    expect(lines.join("\n")).not.toContain("flooder");
    // Refused messages were never handled.
    expect(await t.app.store.messages.count()).toBe(40 - refused.length + 3);
  });

  it("limits a cookie holder by the cookie, and a client that drops its cookie by the pool of new identities", async () => {
    t = await startTestApp({ env: { CHAT_RATE_BURST: "2", CHAT_RATE_PER_MINUTE: "2" } });
    const first = await send(t.url, { text: "你好" });
    const cookie = first.cookie!;
    const again = [];
    for (let i = 0; i < 4; i++) again.push((await send(t.url, { text: "你好" }, { cookie })).status);
    expect(again.slice(0, 2)).toEqual([200, 200]);
    expect(again.slice(2)).toEqual([429, 429]);
    // Without cookies every request is a new identity; from loopback they share one pool (10 × the burst here).
    const fresh = [];
    for (let i = 0; i < 25; i++) fresh.push((await send(t.url, { text: "你好" })).status);
    expect(fresh.filter((s) => s === 429).length).toBeGreaterThan(0);
    // A known villager is not held back by that pool.
    const known = await send(t.url, { userId: "known", text: "你好" }, chatAuth);
    expect(known.status).toBe(200);
  });

  it("limits per client address only where a trusted proxy says who the client is", async () => {
    t = await startTestApp({ env: { CHAT_RATE_BURST: "2", CHAT_RATE_PER_MINUTE: "2", TRUST_PROXY: "127.0.0.1" } });
    const from = (address: string) => ({ "x-forwarded-for": address });
    const one = [];
    for (let i = 0; i < 8; i++) one.push((await send(t.url, { text: "你好" }, from("203.0.113.5"))).status);
    expect(one.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await send(t.url, { text: "你好" }, from("198.51.100.7"))).status).toBe(200);
    const lines = t.logs.filter((l) => l.includes("chat rate limited")).join("\n");
    expect(lines).toMatch(/地址#/);
    expect(lines).not.toContain("203.0.113.5");
  });

  it("is off with CHAT_RATE_PER_MINUTE=0", async () => {
    t = await startTestApp({ env: { CHAT_RATE_BURST: "1", CHAT_RATE_PER_MINUTE: "0" } });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => send(t!.url, { userId: "x", text: "你好" }, chatAuth).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});

describe("the same report sent again and again", () => {
  it("keeps 100 identical reports from one villager as one report with a count of 100", async () => {
    t = await startTestApp({ env: { STAFF_API_TOKEN: "staff-token-for-repeat-count-0123456789" } });
    const text = "村东头的路灯坏了半个月了，晚上走路看不见，赶紧派人来修";
    const receipts = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const r = await send(t.url, { userId: "impatient", text }, chatAuth);
      expect(r.status).toBe(200);
      for (const m of JSON.stringify(r.json).matchAll(/FK\d{6}/g)) receipts.add(m[0]);
    }
    expect(receipts).toEqual(new Set(["FK000001"]));
    const rows = t.app.store.db.prepare("SELECT id, times_reported AS times FROM feedback").all();
    expect(rows).toEqual([{ id: 1, times: 100 }]);
    // Staff see the count with the report.
    const staff = await fetch(`${t.url}/api/staff/feedback/FK000001`, { headers: { authorization: "Bearer staff-token-for-repeat-count-0123456789" } });
    expect(staff.status).toBe(200);
    expect(JSON.stringify(await staff.json())).toContain('"timesReported":100');
    const last = await send(t.url, { userId: "impatient", text }, chatAuth);
    expect(JSON.stringify(last.json)).toMatch(/已经反映过了.*一共说了 101 次/);
    // Another villager's identical words are their own report.
    await send(t.url, { userId: "neighbour", text }, chatAuth);
    expect(t.app.store.db.prepare("SELECT count(*) FROM feedback").pluck().get()).toBe(2);
  });
});

describe("client address", () => {
  const none = parseTrustProxy("");
  const proxy = parseTrustProxy("127.0.0.1, 10.0.0.0/8, ::1");

  it("uses the socket address and ignores X-Forwarded-For unless the peer is a trusted proxy", () => {
    expect(clientAddress("203.0.113.5", "1.2.3.4", none)).toEqual({ address: "203.0.113.5", individual: true });
    expect(clientAddress("::ffff:203.0.113.5", undefined, none)).toEqual({ address: "203.0.113.5", individual: true });
  });

  it("does not count the loopback interface as one client", () => {
    expect(clientAddress("127.0.0.1", "1.2.3.4", none).individual).toBe(false);
    expect(clientAddress("::1", undefined, none).individual).toBe(false);
  });

  it("takes the rightmost address a trusted proxy did not add; made-up entries to its left change nothing", () => {
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.5", proxy)).toEqual({ address: "203.0.113.5", individual: true });
    expect(clientAddress("10.1.2.3", "6.6.6.6, 203.0.113.5, 10.9.9.9", proxy)).toEqual({ address: "203.0.113.5", individual: true });
    // A trusted proxy that says nothing: the proxy stands for many clients.
    expect(clientAddress("10.1.2.3", undefined, proxy).individual).toBe(false);
    expect(clientAddress("10.1.2.3", "garbage", proxy).individual).toBe(false);
  });

  it("refuses a TRUST_PROXY entry that is no address or network, naming it", () => {
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustProxy("proxy.local")).toThrow(/proxy\.local/);
    expect(parseTrustProxy(["192.168.1.0/24"]).has("192.168.1.77")).toBe(true);
  });
});

describe("token buckets", () => {
  it("allows a burst, then one request per refill, and says when to come back", () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5, now: () => now });
    expect([1, 2, 3].map(() => buckets.take("a").ok)).toEqual([true, true, true]);
    expect(buckets.take("a")).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take("b").ok).toBe(true);
    now = 2000;
    expect(buckets.take("a").ok).toBe(true);
    expect(buckets.take("a").ok).toBe(false);
  });

  it("keeps memory bounded under a flood of new keys", () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1, now: () => now, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      buckets.take(`k${i}`);
    }
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});
