// The core's repositories (message log, unanswered questions, sessions, profiles, secrets, outbox, LLM usage)
// on both engines, including what must hold when several instances share one PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlmUsageStore } from "../../src/store/llm-usage.ts";
import { type LoggedMessage, MessageLog } from "../../src/store/messages.ts";
import { CLAIM_LEASE_MS, OutboxStore } from "../../src/store/outbox.ts";
import { ProfileStore } from "../../src/store/profiles.ts";
import { SecretStore } from "../../src/store/secrets.ts";
import { SessionStore } from "../../src/store/sessions.ts";
import { postgresSql, type Sql } from "../../src/store/sql.ts";
import { TurnLog } from "../../src/store/turn-log.ts";
import { UnansweredLog } from "../../src/store/unanswered.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const T0 = "2026-11-30T08:00:00.000Z";
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

let n = 0;
function logged(userId: string, text: string, extra: Partial<LoggedMessage> = {}): LoggedMessage {
  n++;
  return {
    channel: "web",
    userId,
    chatId: userId,
    text,
    intent: "policy",
    confidence: 0.9,
    answerKind: "answer",
    answerIds: ["e1"],
    replyText: `答：${text}`,
    latencyMs: 1,
    createdAt: later(n * 1000),
    ...extra,
  };
}

describe.each(ENGINES)("the core's repositories on %s", (engine) => {
  let database: TestDatabase;
  /** A second instance on the same database (PostgreSQL only; SQLite is one process per file). */
  let other: Sql | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    if (engine === "postgres") other = await postgresSql({ connectionString: database.url!, poolSize: 4 });
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  describe("the message log", () => {
    it("logs a message once per platform id, and gives its conversation's latest exchanges oldest first", async () => {
      const log = new MessageLog(database.sql);
      const first = await log.record(logged("a", "三级残疾补多少", { platformMessageId: "m1" }));
      expect(first).toBeTypeOf("number");
      expect(await log.record(logged("a", "三级残疾补多少", { platformMessageId: "m1" }))).toBeUndefined();
      expect(await log.isDuplicate("web", "m1")).toBe(true);
      expect(await log.isDuplicate("web", "m2")).toBe(false);
      expect(await log.isDuplicate("web", undefined)).toBe(false);
      await log.record(logged("b", "别人的问题"));
      expect((await log.recentExchanges("web", "a", 3)).map((e) => e.text)).toEqual(["三级残疾补多少"]);
      await log.record(logged("a", "那二级呢", { understood: "三级残疾补多少 那二级呢" }));
      const recent = await log.recentExchanges("web", "a", 2);
      expect(recent.map((e) => e.text)).toEqual(["三级残疾补多少", "那二级呢"]);
      expect(recent[1]).toMatchObject({ replyText: "答：那二级呢", answerIds: ["e1"], answerKind: "answer", understood: "三级残疾补多少 那二级呢" });
      expect(await log.lastMessageAt("web", "a")).toBe(recent[1]!.createdAt);
      expect(await log.lastMessageAt("web", "nobody")).toBeUndefined();
      expect(await log.count()).toBe(3);
      expect((await log.recent(1))[0]).toMatchObject({ user_id: "a", text: "那二级呢" });
    });

    it("never shows an exchange whose transaction rolled back", async () => {
      const log = new MessageLog(database.sql);
      const turns = new TurnLog(database.sql, log, new SessionStore(database.sql), new UnansweredLog(database.sql));
      await log.record(logged("c", "第一个问题"));
      await log.recentExchanges("web", "c", 5);
      // channel is NOT NULL: the unanswered row fails after the log row was inserted, and both roll back.
      const unanswered = {
        channel: null as unknown as string,
        userId: "c",
        text: "写了一半",
        reason: "no_answer" as const,
        bestEntryId: null,
        confidence: 0,
        createdAt: T0,
      };
      await expect(turns.write({ message: logged("c", "写了一半"), unanswered }, { withinMs: 1000 })).rejects.toThrow(/null/i);
      await expect(
        database.sql.transaction(async () => {
          await log.record(logged("c", "外层回滚"));
          throw new Error("outer failed");
        }),
      ).rejects.toThrow("outer failed");
      await turns.write({ message: logged("c", "第二个问题") }, { withinMs: 1000 });
      expect((await log.recentExchanges("web", "c", 5)).map((e) => e.text)).toEqual(["第一个问题", "第二个问题"]);
    });

    it.runIf(engine === "postgres")("shows every instance's exchanges to every other (no copy of its own on PostgreSQL)", async () => {
      const here = new MessageLog(database.sql);
      const there = new MessageLog(other!);
      await here.record(logged("d", "在这里问的"));
      expect((await there.recentExchanges("web", "d", 5)).map((e) => e.text)).toEqual(["在这里问的"]);
      await there.record(logged("d", "在那里问的"));
      expect((await here.recentExchanges("web", "d", 5)).map((e) => e.text)).toEqual(["在这里问的", "在那里问的"]);
    });
  });

  it("keeps unanswered questions for staff until resolved", async () => {
    const unanswered = new UnansweredLog(database.sql);
    const id = await unanswered.record({
      messageId: null,
      channel: "web",
      userId: "u",
      text: "拖拉机补多少",
      reason: "no_answer",
      bestEntryId: null,
      confidence: 0.1,
      createdAt: T0,
    });
    const second = await unanswered.record({
      messageId: 5,
      channel: "web",
      userId: "u",
      text: "转人工",
      reason: "handoff",
      bestEntryId: "e2",
      confidence: 0,
      createdAt: T0,
    });
    expect(second).toBeGreaterThan(id);
    expect((await unanswered.list({ open: true })).map((q) => q.id)).toEqual([second, id]);
    expect(await unanswered.resolve(id, later(1))).toBe(true);
    expect(await unanswered.resolve(id, later(2))).toBe(false);
    expect((await unanswered.list({ open: true })).map((q) => q.id)).toEqual([second]);
    expect((await unanswered.list({ limit: 1 }))[0]).toEqual({
      id: second,
      messageId: 5,
      channel: "web",
      userId: "u",
      text: "转人工",
      reason: "handoff",
      bestEntryId: "e2",
      confidence: 0,
      createdAt: T0,
      resolvedAt: null,
    });
  });

  describe("sessions", () => {
    it("store, replace and forget a conversation's state", async () => {
      const sessions = new SessionStore(database.sql);
      expect(await sessions.get("k")).toBeUndefined();
      await sessions.set("k", { step: 1 }, T0);
      expect(await sessions.get("k")).toMatchObject({ data: { step: 1 }, updatedAt: T0 });
      await sessions.set("k", { step: 2 }, later(1));
      expect((await sessions.get("k"))?.data).toEqual({ step: 2 });
      await sessions.delete("k");
      expect(await sessions.get("k")).toBeUndefined();
    });

    it("write only over the state they expect (an offer never overwrites a dialogue started meanwhile)", async () => {
      const sessions = new SessionStore(database.sql);
      expect(await sessions.replace("r", null, { owner: "a" }, T0)).toBe(true);
      expect(await sessions.replace("r", null, { owner: "b" }, T0)).toBe(false);
      const stored = (await sessions.get("r"))!;
      await sessions.set("r", { owner: "turn" }, later(1));
      expect(await sessions.replace("r", stored.raw, { owner: "offer" }, later(2))).toBe(false);
      expect((await sessions.get("r"))?.data).toEqual({ owner: "turn" });
      expect(await sessions.replace("r", (await sessions.get("r"))!.raw, { owner: "offer" }, later(3))).toBe(true);
      expect((await sessions.get("r"))?.data).toEqual({ owner: "offer" });
    });

    it("roll back with their transaction, and are read again afterwards", async () => {
      const sessions = new SessionStore(database.sql);
      await sessions.set("t", { v: 1 }, T0);
      await expect(
        database.sql.transaction(async () => {
          await sessions.set("t", { v: 2 }, later(1));
          throw new Error("the log row failed");
        }),
      ).rejects.toThrow();
      expect((await sessions.get("t"))?.data).toEqual({ v: 1 });
    });

    it.runIf(engine === "postgres")("show one instance's writes to another at once", async () => {
      const here = new SessionStore(database.sql);
      const there = new SessionStore(other!);
      expect(await there.get("shared")).toBeUndefined();
      await here.set("shared", { owner: "x" }, T0);
      expect((await there.get("shared"))?.data).toEqual({ owner: "x" });
      await here.delete("shared");
      expect(await there.get("shared")).toBeUndefined();
    });
  });

  it("remembers a villager's village, and that they would rather not say", async () => {
    const profiles = new ProfileStore(database.sql);
    expect(await profiles.villageOf("web", "p")).toBeUndefined();
    expect(await profiles.villageAsked("web", "p")).toBe(false);
    await profiles.markVillageSkipped("web", "p", T0);
    expect(await profiles.villageAsked("web", "p")).toBe(true);
    expect(await profiles.villageOf("web", "p")).toBeUndefined();
    await profiles.setVillage("web", "p", "三家庄", later(1));
    await profiles.markVillageSkipped("web", "p", later(2)); // skipping later does not forget a named village
    expect(await profiles.villageOf("web", "p")).toBe("三家庄");
    await profiles.setVillage("web", "p", "白鹿屯", later(3));
    expect(await profiles.villageOf("web", "p")).toBe("白鹿屯");
  });

  it("makes an app secret once, the same for instances starting together", async () => {
    const secrets = new SecretStore(database.sql);
    const others = new SecretStore(other ?? database.sql);
    let made = 0;
    const create = () => `value-${++made}`;
    const values = await Promise.all([secrets.getOrCreate("cookie", create, T0), others.getOrCreate("cookie", create, T0)]);
    expect(values[0]).toBe(values[1]);
    expect(await secrets.getOrCreate("cookie", () => "never", later(1))).toBe(values[0]);
  });

  describe("the outbox", () => {
    const message = (dedupeKey: string, chatId = "o1") => ({
      channel: "telegram",
      userId: chatId,
      chatId,
      text: `通知 ${dedupeKey}`,
      dedupeKey,
      createdAt: T0,
    });

    it("queues a notification once per dedupe key and records each attempt's outcome", async () => {
      const outbox = new OutboxStore(database.sql);
      expect(await outbox.enqueue({ ...message("a"), quickReplies: [{ label: "好", payload: "ok" }] })).toBe(true);
      expect(await outbox.enqueue(message("a"))).toBe(false);
      const [claimed] = await outbox.claim(T0, { channel: "telegram" });
      expect(claimed).toMatchObject({ dedupeKey: "a", status: "pending", attempts: 0, quickReplies: [{ label: "好", payload: "ok" }] });
      await outbox.markFailed(claimed!.id, "timeout", later(60_000), 2);
      expect(await outbox.get(claimed!.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "timeout", nextAttemptAt: later(60_000) });
      await outbox.markFailed(claimed!.id, "timeout again", later(120_000), 2);
      expect(await outbox.get(claimed!.id)).toMatchObject({ status: "failed", attempts: 2 });
      await outbox.enqueue(message("b"));
      const [b] = await outbox.claim(T0, { channel: "telegram" });
      await outbox.markSent(b!.id, later(1));
      expect(await outbox.get(b!.id)).toMatchObject({ status: "sent", sentAt: later(1), attempts: 1 });
      expect(await outbox.claim(later(10 * CLAIM_LEASE_MS), { channel: "telegram" })).toEqual([]);
    });

    it("leaves a claimed message to its claimant until the lease runs out, then offers it again", async () => {
      const outbox = new OutboxStore(database.sql);
      await outbox.enqueue(message("lease", "o2"));
      expect(await outbox.claim(T0, { channel: "telegram" })).toHaveLength(1);
      expect(await outbox.claim(later(1000), { channel: "telegram" })).toEqual([]);
      // The user writes meanwhile: a message being delivered is not made due again behind its claimant's back.
      expect(await outbox.resume("telegram", "o2", later(2000))).toBe(0);
      const again = await outbox.claim(later(CLAIM_LEASE_MS + 1), { channel: "telegram" });
      expect(again.map((m) => m.dedupeKey)).toEqual(["lease"]);
      await outbox.markSent(again[0]!.id, later(CLAIM_LEASE_MS + 2));
    });

    it("resumes a deferred message when the user writes again", async () => {
      const outbox = new OutboxStore(database.sql);
      await outbox.enqueue(message("deferred", "o3"));
      const [m] = await outbox.claim(T0, { channel: "telegram" });
      await outbox.defer(m!.id, "outside the 48-hour window", later(24 * 3600_000));
      expect(await outbox.get(m!.id)).toMatchObject({ status: "pending", attempts: 0, lastError: "outside the 48-hour window" });
      expect(await outbox.resume("telegram", "o3", later(1000))).toBe(1);
      expect((await outbox.due(later(1000), { channel: "telegram" })).map((x) => x.dedupeKey)).toEqual(["deferred"]);
      expect((await outbox.collect(later(1000), "telegram", "o3")).map((x) => x.dedupeKey)).toEqual(["deferred"]);
      expect(await outbox.collect(later(1000), "telegram", "o3")).toEqual([]);
      expect(await outbox.get(m!.id)).toMatchObject({ status: "sent", attempts: 1 });
    });

    it("gives each due message to exactly one of several instances claiming at the same moment", async () => {
      const instances = [new OutboxStore(database.sql), new OutboxStore(other ?? database.sql)];
      // Enough batches that both instances are claiming while the other is: with 60 (six batches) one instance
      // now and then took them all before the other's first query came back, and the check below failed.
      const keys = Array.from({ length: 240 }, (_, i) => `race-${i}`);
      for (const key of keys) await instances[0]!.enqueue({ ...message(key, `r${key}`), channel: "race" });
      const claimedBy: string[][] = [[], []];
      // Each instance claims (batches of 10) until nothing is left, both at once, as two notifiers would.
      await Promise.all(
        instances.map(async (outbox, i) => {
          for (;;) {
            const batch = await outbox.claim(T0, { channel: "race" });
            if (batch.length === 0) return;
            claimedBy[i]!.push(...batch.map((m) => m.dedupeKey));
          }
        }),
      );
      const all = [...claimedBy[0]!, ...claimedBy[1]!];
      expect(all.sort()).toEqual([...keys].sort());
      expect(new Set(all).size).toBe(keys.length);
      if (engine === "postgres") expect(claimedBy.every((c) => c.length > 0)).toBe(true);
    });

    it("lets two polls of one chat collect each notification once", async () => {
      const instances = [new OutboxStore(database.sql), new OutboxStore(other ?? database.sql)];
      for (let i = 0; i < 20; i++) await instances[0]!.enqueue({ ...message(`poll-${i}`, "page"), channel: "web" });
      const got = await Promise.all(instances.map((outbox) => outbox.collect(T0, "web", "page")));
      const keys = got.flat().map((m) => m.dedupeKey);
      expect(keys).toHaveLength(20);
      expect(new Set(keys).size).toBe(20);
    });
  });

  it("adds every instance's LLM usage to the day's counts", async () => {
    const at = new Date("2026-03-01T08:00:00Z");
    const usage = new LlmUsageStore(database.sql);
    const elsewhere = new LlmUsageStore(other ?? database.sql);
    usage.add(at, { calls: 1, inputTokens: 40, outputTokens: 2 });
    elsewhere.add(at, { calls: 2, inputTokens: 8, offlineFallbacks: 1 });
    expect(await usage.tokensUsed(at)).toBe(42); // its own, not written yet
    await Promise.all([usage.flush(), elsewhere.flush()]);
    expect(await usage.tokensUsed(at)).toBe(50);
    expect(await elsewhere.tokensUsed(at)).toBe(50);
    expect((await usage.byDay(1))[0]).toEqual({
      day: "2026-03-01",
      calls: 3,
      failures: 0,
      inputTokens: 48,
      outputTokens: 2,
      totalTokens: 50,
      transcriptions: 0,
      rejected: 0,
      offlineFallbacks: 1,
    });
  });
});
