// Password guessing on the staff login: counted per account and per real client address, atomically, with
// growing delays — so a spoofed header buys nothing, concurrency buys nothing, and nobody else gets locked out.
import { afterEach, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/app.ts";
import { startStaffApp } from "./data-fixture.ts";
import { callJson, login } from "./staff-client.ts";
import { ACCOUNT_RULE, ADDRESS_RULE, delayAfter } from "../../src/staff/login-throttle.ts";
import { clientAddress, parseTrustProxy } from "../../src/web/client-address.ts";

const PASSWORD = "the-real-admin-pw";
const TOKEN = "lockout-test-token-0123456789";
let t: TestApp;
afterEach(async () => t?.close());

function movableClock() {
  let now = Date.parse("2026-11-20T08:00:00Z");
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {});

async function createCadre(url: string, username: string, password: string) {
  const res = await callJson(url, "/api/staff/accounts", { body: { username, password, role: "cadre" }, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(201);
}

describe("login lockout", () => {
  it("checks only 5 of 20 guesses that each bring a fresh X-Forwarded-For, and refuses even the right password until the delay passes", async () => {
    const time = movableClock();
    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD }, time.clock);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await login(t.url, "admin", `guess-${i}`, { headers: { "x-forwarded-for": `10.0.${i}.1` } })).status);
    expect(tally(statuses)).toEqual({ 401: 5, 429: 15 });
    const locked = await login(t.url, "admin", PASSWORD, { headers: { "x-forwarded-for": "8.8.8.8" } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/错误次数太多.*1 秒后再试/);
    time.advance(1_001);
    expect((await login(t.url, "admin", PASSWORD)).status).toBe(200);
  });

  it("makes each further wrong guess wait twice as long: 1 s, 2 s, 4 s", async () => {
    const time = movableClock();
    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD }, time.clock);
    for (let i = 0; i < 5; i++) expect((await login(t.url, "admin", "wrong")).status).toBe(401);
    const waits: string[] = [];
    for (const pause of [1_000, 2_000, 4_000]) {
      const refused = await login(t.url, "admin", "wrong");
      expect(refused.status).toBe(429);
      waits.push(String(refused.headers["retry-after"]));
      time.advance(pause);
      expect((await login(t.url, "admin", "wrong")).status).toBe(401);
    }
    expect(waits).toEqual(["1", "2", "4"]);
    expect(delayAfter(40, ACCOUNT_RULE)).toBe(15 * 60_000);
  });

  it("counts 20 concurrent wrong passwords all: 5 are checked, 15 refused, the counter ends at 5", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD }, movableClock().clock);
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t.url, "admin", `guess-${i}`).then((r) => r.status)));
    expect(tally(statuses)).toEqual({ 401: 5, 429: 15 });
    expect(t.app.store.db.prepare("SELECT failures FROM login_throttle WHERE key = 'account:admin'").pluck().get()).toBe(5);
    expect((await login(t.url, "admin", PASSWORD)).status).toBe(429);
  });

  it("lets the real admin log in while someone guesses at another account", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD, STAFF_API_TOKEN: TOKEN }, movableClock().clock);
    await createCadre(t.url, "li", "li-password-123");
    const attack = await Promise.all(Array.from({ length: 12 }, () => login(t.url, "li", "wrong").then((r) => r.status)));
    expect(attack).toContain(429);
    expect((await login(t.url, "li", "li-password-123")).status).toBe(429);
    expect((await login(t.url, "admin", PASSWORD)).status).toBe(200);
  });

  it("keys on the socket address: one direct client spraying usernames is slowed, other clients are not", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD }, movableClock().clock);
    const spray: number[] = [];
    for (let i = 0; i < 25; i++) spray.push((await login(t.url, `user${i}`, "wrong", { from: "127.0.0.2" })).status);
    expect(tally(spray)).toEqual({ 401: ADDRESS_RULE.freeFailures, 429: 25 - ADDRESS_RULE.freeFailures });
    expect((await login(t.url, "admin", PASSWORD, { from: "127.0.0.2" })).status).toBe(429);
    expect((await login(t.url, "admin", PASSWORD, { from: "127.0.0.1" })).status).toBe(200);
    expect(t.app.store.db.prepare("SELECT key FROM login_throttle WHERE key LIKE 'address:%'").pluck().all()).toEqual(["address:127.0.0.2"]);
  });

  it("ignores X-Forwarded-For without TRUST_PROXY, and behind a trusted proxy takes its rightmost untrusted entry", async () => {
    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD });
    await login(t.url, "admin", "wrong", { headers: { "x-forwarded-for": "6.6.6.6" } });
    const lastDetail = () => t.app.store.db.prepare("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(lastDetail()).toMatch(/来自 127\.0\.0\.1$/);
    await t.close();

    t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" }, movableClock().clock);
    // The client wrote "6.6.6.6"; the proxy at 10.0.0.5 appended 203.0.113.7, the nginx on 127.0.0.1 appended 10.0.0.5.
    await login(t.url, "admin", "wrong", { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.5" } });
    expect(lastDetail()).toMatch(/来自 203\.0\.113\.7$/);
    // A client changing the part it controls still lands in its own bucket; another client behind the proxy has its own.
    await login(t.url, "user1", "wrong", { headers: { "x-forwarded-for": "6.6.1.6, 203.0.113.7" } });
    await login(t.url, "user2", "wrong", { headers: { "x-forwarded-for": "6.6.2.6, 203.0.113.7" } });
    const failures = (address: string) => t.app.store.db.prepare("SELECT failures FROM login_throttle WHERE key = ?").pluck().get(`address:${address}`);
    expect(failures("203.0.113.7")).toBe(3);
    expect((await login(t.url, "admin", PASSWORD, { headers: { "x-forwarded-for": "198.51.100.20" } })).status).toBe(200);
    expect(failures("6.6.6.6")).toBeUndefined();
    // A socket that isn't a trusted proxy gets no say.
    await login(t.url, "admin", "wrong", { from: "127.0.0.3", headers: { "x-forwarded-for": "198.51.100.99" } });
    expect(lastDetail()).toMatch(/来自 127\.0\.0\.3$/);
  });
});

describe("client address for the login throttle", () => {
  const trusted = parseTrustProxy(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
  const client = (peer: string, forwarded: string | undefined, proxies = trusted) => clientAddress(peer, forwarded, proxies).address;

  it("believes X-Forwarded-For only from a trusted peer, walking from the right", () => {
    expect(client("192.0.2.1", "6.6.6.6")).toBe("192.0.2.1");
    expect(client("127.0.0.1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(client("127.0.0.1", "203.0.113.7, 10.1.1.1, 10.2.2.2")).toBe("203.0.113.7");
    expect(client("::ffff:127.0.0.1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(client("fd00::1", "2001:db8::5")).toBe("2001:db8::5");
    expect(client("127.0.0.1", "6.6.6.6", parseTrustProxy([]))).toBe("127.0.0.1");
  });
});
