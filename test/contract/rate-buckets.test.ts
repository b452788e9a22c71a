// Rate limits in the shared database: one statement refills and takes, so instances together keep one limit.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.ts";
import { RateBucketStore } from "../../src/store/rate-buckets.ts";
import { SecretStore } from "../../src/store/secrets.ts";
import { postgresSql, type Sql } from "../../src/store/sql.ts";
import { ChatAccess } from "../../src/web/chat-access.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);

/** One instance's chat access over `sql`, behind a route that only admits: the user is named by the body. */
function chatInstance(sql: Sql, now: () => number): Hono {
  const config = { CHAT_API_TOKEN: "token", CHAT_RATE_PER_MINUTE: 6, CHAT_RATE_BURST: 3, COOKIE_SECURE: "off" as const, CHAT_COOKIE_SECRET: "s".repeat(32) };
  const access = new ChatAccess(config, { secrets: new SecretStore(sql), sql }, createLogger("silent"), () => new Date(now()), now);
  const app = new Hono();
  app.post("/", async (c) => {
    await access.ready;
    const caller = access.caller(c, "villager-1");
    return (await access.admit(c, caller)) ?? c.text("ok");
  });
  return app;
}
const send = (app: Hono) => app.request("/", { method: "POST", headers: { authorization: "Bearer token" } });

describe.each(ENGINES)("rate buckets on %s", (engine) => {
  let database: TestDatabase;
  let buckets: RateBucketStore;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    buckets = new RateBucketStore(database.sql);
  });
  afterAll(async () => {
    await database?.close();
  });

  const takeN = async (key: string, n: number, capacity: number, perSecond: number, nowMs: number) => {
    const results = [];
    for (let i = 0; i < n; i++) results.push(await buckets.take(key, capacity, perSecond, nowMs));
    return results;
  };

  it("a new key starts full: takes its capacity at once, then says how long to wait", async () => {
    const results = await takeN("burst", 4, 3, 0.5, T0);
    expect(results.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // Empty at 0.5 tokens a second: one token in 2 s.
    expect(results[3]).toEqual({ ok: false, retryAfterSeconds: 2 });
    // Half a second later, 0.25 is back: 1.5 s more, rounded up to whole seconds.
    expect(await buckets.take("burst", 3, 0.5, T0 + 500)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(await buckets.take("burst", 3, 0.5, T0 + 1_500)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("refills with time, never above capacity", async () => {
    await takeN("refill", 2, 2, 1, T0);
    expect((await buckets.take("refill", 2, 1, T0)).ok).toBe(false);
    // One second: one token.
    expect(await takeN("refill", 2, 2, 1, T0 + 1_000)).toEqual([{ ok: true }, { ok: false, retryAfterSeconds: 1 }]);
    // An hour idle: full again, but only to capacity.
    const later = await takeN("refill", 3, 2, 1, T0 + 3_600_000);
    expect(later.map((r) => r.ok)).toEqual([true, true, false]);
  });

  it("keys are independent", async () => {
    await takeN("a", 1, 1, 0.01, T0);
    expect((await buckets.take("a", 1, 0.01, T0)).ok).toBe(false);
    expect((await buckets.take("b", 1, 0.01, T0)).ok).toBe(true);
  });

  it("an instance whose clock lags neither refills nor takes tokens back", async () => {
    await takeN("clock", 2, 2, 1, T0 + 10_000);
    // A lagging clock (5 s behind) sees an empty bucket, not a negative refill: the next instance on time still
    // gets its token one second after the last take.
    expect((await buckets.take("clock", 2, 1, T0 + 5_000)).ok).toBe(false);
    expect((await buckets.take("clock", 2, 1, T0 + 11_000)).ok).toBe(true);
  });

  it("chat access: SQLite keeps its buckets in memory, PostgreSQL in the table (keyed by digests, not user ids)", async () => {
    await database.sql.db.deleteFrom("rate_buckets").execute();
    const app = chatInstance(database.sql, () => T0);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(app)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const keys = (await database.sql.db.selectFrom("rate_buckets").select("key").execute()).map((r) => r.key);
    if (engine === "sqlite") expect(keys).toEqual([]);
    else {
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^chat:[\w-]{22}$/);
    }
  });

  it("sweeps only the buckets idle since the given time", async () => {
    await buckets.take("idle", 5, 1, T0 - 120_000);
    await buckets.take("busy", 5, 1, T0);
    expect(await buckets.sweep(T0 - 60_000)).toBeGreaterThanOrEqual(1);
    const keys = (await database.sql.db.selectFrom("rate_buckets").select("key").execute()).map((r) => r.key);
    expect(keys).toContain("busy");
    expect(keys).not.toContain("idle");
    // A swept key starts full again.
    expect(await takeN("idle", 5, 5, 1, T0)).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
  });
});

describe.skipIf(!ENGINES.includes("postgres"))("rate buckets shared by instances (PostgreSQL)", () => {
  let database: TestDatabase;
  let instances: Sql[];
  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    // Two more instances on the same database, each with a pool of its own.
    instances = [database.sql, ...(await Promise.all([1, 2].map(() => postgresSql({ connectionString: database.url!, poolSize: 6 }))))];
  });
  afterAll(async () => {
    await Promise.all(instances.slice(1).map((s) => s.close()));
    await database?.close();
  });

  it("takes from one key at once never give more than its capacity in total", async () => {
    const stores = instances.map((s) => new RateBucketStore(s));
    for (let round = 0; round < 5; round++) {
      const key = `flood-${round}`;
      // 90 concurrent takes over three instances, a few milliseconds apart (as their clocks would be), from a
      // bucket of 10 that refills one token an hour.
      const results = await Promise.all(Array.from({ length: 90 }, (_, i) => stores[i % stores.length]!.take(key, 10, 1 / 3600, T0 + (i % 7))));
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.retryAfterSeconds >= 1)).toBe(true);
    }
  });

  it("chat access: a villager alternating between instances is refused once the one shared burst is spent, in Chinese with Retry-After", async () => {
    let now = T0;
    const apps = instances.map((s) => chatInstance(s, () => now));
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push(await send(apps[i % apps.length]!));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429]);
    const refused = answers[3]!;
    // 6 a minute: a token every 10 s.
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("您发得太快了");
    now += 10_000;
    expect((await send(apps[2]!)).status).toBe(200);
    expect((await send(apps[0]!)).status).toBe(429);
  });

  it("a flooder alternating between instances gets the limit once, not once per instance", async () => {
    const [a, b] = instances.map((s) => new RateBucketStore(s));
    let granted = 0;
    // One minute of one request every 100 ms, alternating; 10 at once, then 20 a minute.
    for (let i = 0; i < 600; i++) if ((await (i % 2 ? a! : b!).take("alternating", 10, 20 / 60, T0 + i * 100)).ok) granted++;
    // 10 at once + 20 refilled over the minute (the last take is at 59.9 s: 19.97 tokens refilled, 19 whole).
    expect(granted).toBe(29);
  });
});

describe("chat access when the shared buckets can't be reached", () => {
  it("limits on this instance's own buckets instead of failing the request", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    // A PostgreSQL store whose every query fails as an unreachable server does.
    const unreachable = {
      engine: "postgres",
      get db(): never {
        throw refused;
      },
    } as unknown as Sql;
    const app = chatInstance(unreachable, () => T0);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(app)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
