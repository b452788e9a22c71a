// The consultation repository on both engines, and what must hold when several app instances share one PostgreSQL
// database: one person, one vote (the last counts); each chat told of a consultation once; each reminder queued once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import type { Notifier } from "../../src/core/notifier.ts";
import { DEFAULT_OPTIONS, type VillageInfo } from "../../src/consultations/model.ts";
import { ConsultationService } from "../../src/consultations/service.ts";
import { type ChatVote, ConsultationStore, type Recipient } from "../../src/consultations/store.ts";
import { Store } from "../../src/store/index.ts";
import { postgresSql, type Sql } from "../../src/store/sql.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const NOW = new Date("2026-11-29T04:00:00.000Z");
const VILLAGES: VillageInfo[] = [
  { name: "三家庄", aliases: [], households: 20, households_is_example: true },
  { name: "白鹿屯", aliases: [], households: 10, households_is_example: true },
];

function draft(deadline = new Date("2026-12-02T15:59:59.000Z"), audience: string[] = []) {
  return { title: "村东建养猪场", background: "", options: [...DEFAULT_OPTIONS], audience, deadline, createdBy: "web:cadre", createdAt: NOW.toISOString() };
}

function vote(consultationId: number, userId: string, optionIndex: number, extra: Partial<ChatVote> = {}): ChatVote {
  return { consultationId, channel: "web", userId, chatId: userId, optionIndex, comment: null, village: "三家庄", at: NOW.toISOString(), ...extra };
}

const villager = (userId: string, village = "三家庄"): Recipient => ({ channel: "web", userId, chatId: userId, kind: "private", village });

describe.each(ENGINES)("the consultation repository on %s", (engine) => {
  let database: TestDatabase;
  let store: ConsultationStore;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    store = new ConsultationStore(database.sql);
  });
  afterEach(() => database?.close());

  it("creates consultations with new ids and reads them back, JSON and all", async () => {
    const first = await store.create(draft());
    const second = await store.create(draft(new Date("2026-12-01T00:00:00.000Z"), ["三家庄"]));
    expect(second.id).toBeGreaterThan(first.id);
    expect(first).toMatchObject({ title: "村东建养猪场", options: DEFAULT_OPTIONS, audience: [], closedAt: null, decision: null });
    expect(await store.get(second.id)).toEqual(second);
    expect(await store.get(999)).toBeUndefined();
    expect((await store.list()).map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await store.list(1)).map((c) => c.id)).toEqual([second.id]);
    // Oldest deadline first.
    expect((await store.listOpen(NOW)).map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await store.closingSoon(new Date("2026-11-30T12:00:00.000Z"), 24 * 3_600_000)).map((c) => c.id)).toEqual([second.id]);
  });

  it("closes once, and records one decision, which closes it too", async () => {
    const a = await store.create(draft());
    expect(await store.close(a.id, "2026-11-30T00:00:00.000Z")).toBe(true);
    expect(await store.close(a.id, "2026-11-30T01:00:00.000Z")).toBe(false);
    expect((await store.get(a.id))!.closedAt).toBe("2026-11-30T00:00:00.000Z");
    expect(await store.listOpen(NOW)).toEqual([]);

    const b = await store.create(draft());
    expect(await store.decide(b.id, "approved", "多数支持", "噪音", "web:cadre", "2026-11-30T02:00:00.000Z")).toBe(true);
    expect(await store.decide(b.id, "rejected", "改主意", "", "web:other", "2026-11-30T03:00:00.000Z")).toBe(false);
    expect(await store.get(b.id)).toMatchObject({
      decision: "approved",
      decisionReason: "多数支持",
      riskNote: "噪音",
      decidedBy: "web:cadre",
      decidedAt: "2026-11-30T02:00:00.000Z",
      closedAt: "2026-11-30T02:00:00.000Z",
    });
    // A decision after a close keeps the close's time.
    expect(await store.decide(a.id, "postponed", "再议", "", "web:cadre", "2026-12-01T00:00:00.000Z")).toBe(true);
    expect((await store.get(a.id))!.closedAt).toBe("2026-11-30T00:00:00.000Z");
  });

  it("keeps one answer per villager: a change updates it, keeps an earlier comment, and says what it replaced", async () => {
    const c = await store.create(draft());
    expect(await store.upsertVote(vote(c.id, "v1", 0, { comment: "太吵了" }))).toEqual({ previous: null });
    expect(await store.upsertVote(vote(c.id, "v1", 1))).toEqual({ previous: 0 });
    expect(await store.upsertVote(vote(c.id, "v1", 1, { chatId: "v1-new" }))).toEqual({ previous: 1 });
    expect(await store.upsertVote(vote(c.id, "v2", 2, { village: "白鹿屯" }))).toEqual({ previous: null });
    expect(await store.ownVote(c.id, "web", "v1")).toEqual({ optionIndex: 1, comment: "太吵了" });
    expect(await store.ownVote(c.id, "telegram", "v1")).toBeUndefined();
    const row = await database.sql.db
      .selectFrom("consultation_votes")
      .select(["changes", "chat_id", "method"])
      .where("user_id", "=", "v1")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ changes: 2, chat_id: "v1-new", method: "chat" });
    expect(await store.countVotes(c.id)).toBe(2);
    expect(sortTally(await store.tally(c.id))).toEqual([
      { village: "三家庄", optionIndex: 1, method: "chat", count: 1 },
      { village: "白鹿屯", optionIndex: 2, method: "chat", count: 1 },
    ]);
    expect((await store.participants(c.id)).sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { channel: "web", userId: "v1", chatId: "v1-new" },
      { channel: "web", userId: "v2", chatId: "v2" },
    ]);
  });

  it("writes no vote once the consultation is closed, decided or past its deadline", async () => {
    const closed = await store.create(draft());
    await store.close(closed.id, NOW.toISOString());
    const decided = await store.create(draft());
    await store.decide(decided.id, "approved", "r", "", "web:cadre", NOW.toISOString());
    const due = await store.create(draft(new Date(NOW.getTime() - 1)));
    for (const c of [closed, decided, due]) expect(await store.upsertVote(vote(c.id, "v1", 0))).toBeUndefined();
    expect(await store.upsertVote(vote(999, "v1", 0))).toBeUndefined();
    const { n } = await database.sql.db
      .selectFrom("consultation_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(0);
  });

  it("adds a meeting's votes without voters, and refuses them once the consultation is decided", async () => {
    const c = await store.create(draft());
    await store.upsertVote(vote(c.id, "v1", 0, { comment: "好" }));
    const meeting = Array.from({ length: 1200 }, (_, i) => ({
      optionIndex: i % 2,
      village: "白鹿屯",
      method: "meeting" as const,
      comment: i === 0 ? "要公开账目" : null,
    }));
    expect(await store.addRecordedVotes(c.id, meeting, "web:cadre", NOW.toISOString())).toBe(1200);
    expect(await store.countVotes(c.id)).toBe(1201);
    expect(sortTally(await store.tally(c.id))).toEqual([
      { village: "三家庄", optionIndex: 0, method: "chat", count: 1 },
      { village: "白鹿屯", optionIndex: 0, method: "meeting", count: 600 },
      { village: "白鹿屯", optionIndex: 1, method: "meeting", count: 600 },
    ]);
    expect(await store.participants(c.id)).toEqual([{ channel: "web", userId: "v1", chatId: "v1" }]);
    expect((await store.comments(c.id)).map((x) => x.text).sort()).toEqual(["好", "要公开账目"]);
    await store.decide(c.id, "approved", "r", "", "web:cadre", NOW.toISOString());
    expect(await store.addRecordedVotes(c.id, meeting.slice(0, 1), "web:cadre", NOW.toISOString())).toBeUndefined();
    expect(await store.countVotes(c.id)).toBe(1201);
  });

  it("adds each recipient once, tells which were new, and finds those who have not answered", async () => {
    const c = await store.create(draft());
    const many = Array.from({ length: 1100 }, (_, i) => villager(`v${i}`));
    expect(await store.addRecipients(c.id, many, NOW.toISOString())).toHaveLength(1100);
    expect(await store.addRecipients(c.id, [villager("v5"), villager("new"), villager("v7")], NOW.toISOString())).toEqual([villager("new")]);
    expect(await store.addRecipient(c.id, villager("new"), NOW.toISOString())).toBe(false);
    const group: Recipient = { channel: "telegram", userId: "group:-100", chatId: "-100", kind: "group", village: "三家庄" };
    expect(await store.addRecipient(c.id, group, NOW.toISOString())).toBe(true);
    expect(await store.recipients(c.id, "group")).toEqual([group]);
    expect(await store.recipients(c.id)).toHaveLength(1102);
    for (let i = 0; i < 1100; i++) if (i !== 3) await store.upsertVote(vote(c.id, `v${i}`, 0));
    expect((await store.nonRespondents(c.id)).map((r) => r.userId).sort()).toEqual(["new", "v3"]);
  });

  it("registers village groups (again: the latest wins) and finds villagers and groups by village", async () => {
    await store.registerGroup("telegram", "-100", "三家庄", "web:cadre", NOW.toISOString());
    await store.registerGroup("telegram", "-200", "三家庄", "web:cadre", NOW.toISOString());
    await store.registerGroup("telegram", "-200", "白鹿屯", "web:other", NOW.toISOString());
    expect(await store.groupVillage("telegram", "-200")).toBe("白鹿屯");
    expect(await store.groupVillage("telegram", "-300")).toBeUndefined();
    expect(await store.groupsFor(["白鹿屯"])).toEqual([{ channel: "telegram", chatId: "-200", village: "白鹿屯" }]);
    expect((await store.groupsFor([])).map((g) => g.chatId)).toEqual(["-100", "-200"]);

    await database.sql.db
      .insertInto("user_profiles")
      .values([
        { channel: "web", user_id: "a", village: "三家庄", updated_at: NOW.toISOString() },
        { channel: "web", user_id: "b", village: "白鹿屯", updated_at: NOW.toISOString() },
        { channel: "web", user_id: "c", village: null, updated_at: NOW.toISOString() },
        { channel: "web", user_id: "d", village: "", updated_at: NOW.toISOString() },
      ])
      .execute();
    expect(await store.villagersIn(["三家庄"])).toEqual([{ channel: "web", userId: "a", village: "三家庄" }]);
    expect((await store.villagersIn([])).map((v) => v.userId)).toEqual(["a", "b"]);
  });
});

function sortTally<T extends { village: string | null; optionIndex: number; method: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => `${a.village}${a.optionIndex}${a.method}`.localeCompare(`${b.village}${b.optionIndex}${b.method}`));
}

/** What the service queues, recorded: `dedupe` does what the outbox's unique dedupe key does. */
function recordingNotifier(sent: Array<{ chatId: string; dedupeKey: string }>, dedupe: boolean): Notifier {
  const keys = new Set<string>();
  return {
    notify(message: { chatId: string; dedupeKey: string }): boolean {
      if (dedupe && keys.has(message.dedupeKey)) return false;
      keys.add(message.dedupeKey);
      sent.push({ chatId: message.chatId, dedupeKey: message.dedupeKey });
      return true;
    },
  } as unknown as Notifier;
}

describe.runIf(ENGINES.includes("postgres"))("two app instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let instances: [Sql, Sql];
  /** Dialogue state (not this area's tables) stays in SQLite here. */
  let sessions: Store;
  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    instances = [database.sql, await postgresSql({ connectionString: database.url!, poolSize: 4 })];
    sessions = Store.open(":memory:");
  });
  afterAll(async () => {
    await instances?.[1].close();
    await database?.close();
    await sessions?.close();
  });

  const stores = () => instances.map((sql) => new ConsultationStore(sql)) as [ConsultationStore, ConsultationStore];

  function services(notifier: Notifier): ConsultationService[] {
    const config = loadConfig({ DB_PATH: ":memory:" });
    return stores().map(
      (repository) =>
        new ConsultationService({
          services: { config, store: sessions, logger: silentLogger, clock: () => NOW, notifier },
          villages: () => VILLAGES,
          repository,
        }),
    );
  }

  it("counts one vote per person however often they vote through both at once, and the last one", async () => {
    const [a, b] = stores();
    const c = await a.create(draft());
    const rounds = 40;
    // Each vote carries its own time, so the row shows whose option it holds.
    const outcomes = await Promise.all(
      Array.from({ length: rounds }, (_, i) => (i % 2 === 0 ? a : b).upsertVote(vote(c.id, "same", i % 3, { at: new Date(NOW.getTime() + i).toISOString() }))),
    );
    expect(outcomes.every((o) => o !== undefined)).toBe(true);
    const rows = await instances[0].db
      .selectFrom("consultation_votes")
      .select(["option_index", "changes", "updated_at"])
      .where("consultation_id", "=", c.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changes).toBe(rounds - 1);
    // Option and time of one and the same vote: the last write won whole.
    const i = Date.parse(rows[0]!.updated_at) - NOW.getTime();
    expect(rows[0]!.option_index).toBe(i % 3);
    // And the latest vote, once the race is over, is the one counted.
    expect(await b.upsertVote(vote(c.id, "same", 2))).toEqual({ previous: i % 3 });
    expect(await a.tally(c.id)).toEqual([{ village: "三家庄", optionIndex: 2, method: "chat", count: 1 }]);
  });

  it("counts twenty people voting at once, alternately through the two instances", async () => {
    const [a, b] = stores();
    const c = await a.create(draft());
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).upsertVote(vote(c.id, `p${i}`, i % 2))));
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ previous: null })));
    expect(await b.countVotes(c.id)).toBe(20);
    expect(sortTally(await a.tally(c.id))).toEqual([
      { village: "三家庄", optionIndex: 0, method: "chat", count: 10 },
      { village: "三家庄", optionIndex: 1, method: "chat", count: 10 },
    ]);
  });

  it("lets exactly one of two cadres deciding at once record the decision", async () => {
    const [a, b] = stores();
    const c = await a.create(draft());
    const won = await Promise.all([
      a.decide(c.id, "approved", "a", "", "web:a", NOW.toISOString()),
      b.decide(c.id, "rejected", "b", "", "web:b", NOW.toISOString()),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await a.get(c.id))!.decision).toBe(won[0] ? "approved" : "rejected");
  });

  it("tells each chat of a consultation once when both instances announce it at the same moment", async () => {
    const sent: Array<{ chatId: string; dedupeKey: string }> = [];
    // No dedupe here: the recipient row alone must keep the second announcement from notifying anyone.
    const [one, two] = services(recordingNotifier(sent, false));
    const people = Array.from({ length: 30 }, (_, i) => ({
      channel: "web",
      user_id: `ann${i}`,
      village: i % 2 ? "三家庄" : "白鹿屯",
      updated_at: NOW.toISOString(),
    }));
    await instances[0].db.insertInto("user_profiles").values(people).execute();
    await one!.store.registerGroup("telegram", "-100", "三家庄", "web:cadre", NOW.toISOString());
    const consultation = await one!.store.create(draft());
    const counts = await Promise.all([one!.announce(consultation), two!.announce(consultation)]);
    expect(counts[0]!.villagers + counts[1]!.villagers).toBe(30);
    expect(counts[0]!.groups + counts[1]!.groups).toBe(1);
    expect(sent).toHaveLength(31);
    expect(new Set(sent.map((m) => m.chatId)).size).toBe(31);
    expect(await one!.store.recipients(consultation.id)).toHaveLength(31);
  });

  it("queues each reminder once when both instances run the reminder timer at the same moment", async () => {
    const sent: Array<{ chatId: string; dedupeKey: string }> = [];
    const [one, two] = services(recordingNotifier(sent, true));
    const closing = await one!.store.create(draft(new Date("2026-11-30T00:00:00.000Z")));
    const alsoClosing = await one!.store.create(draft(new Date("2026-11-30T01:00:00.000Z")));
    for (const c of [closing, alsoClosing]) {
      await one!.store.addRecipients(
        c.id,
        Array.from({ length: 10 }, (_, i) => villager(`rem${i}`)),
        NOW.toISOString(),
      );
      await one!.store.upsertVote(vote(c.id, "rem0", 0));
    }
    const counts = await Promise.all([one!.sendDueReminders(NOW), two!.sendDueReminders(NOW)]);
    // The instances took turns: the second found every reminder queued.
    expect(counts.sort()).toEqual([0, 18]);
    const reminders = sent.filter((m) => m.dedupeKey.includes(":reminder:"));
    expect(reminders).toHaveLength(18);
    expect(new Set(reminders.map((m) => m.dedupeKey)).size).toBe(18);
    expect(await one!.sendDueReminders(NOW)).toBe(0);
  });
});
