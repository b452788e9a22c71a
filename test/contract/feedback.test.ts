// The feedback repository on both engines: reports, history, "me too", "not a report", the rollup and the staff
// summaries, and what must hold when several instances write to one database at once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportStore, type NewReport, type ReportFilter } from "../../src/feedback/store.ts";
import { countByWeek, summarize, weekOf } from "../../src/feedback/summary.ts";
import type { FeedbackState } from "../../src/feedback/states.ts";
import { Store } from "../../src/store/index.ts";
import { postgresSql, type Engine, type Sql } from "../../src/store/sql.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const report = (over: Partial<NewReport> = {}): NewReport => ({
  channel: "web",
  userId: "u1",
  chatId: "u1",
  text: "村东头路灯坏了",
  category: "路灯",
  village: "东风村",
  places: ["东头", "路灯"],
  anonymous: false,
  displayName: "老王",
  createdAt: "2026-11-20T08:00:00.000Z",
  ...over,
});

/** Not a China midnight: the summaries read the reports themselves instead of the rollup. */
const BY_SCAN: ReportFilter = { from: "2000-01-01T00:00:01.000Z" };

/** Reports around China midnights, a Sunday/Monday and New Year (China time is UTC+8). */
const EDGE_ROWS: Array<[string, string | null, string | null, FeedbackState]> = [
  ["2026-10-31T15:59:59.999Z", "路灯", "东风村", "confirmed"], // Sat 31 Oct 23:59:59 in China
  ["2026-10-31T16:00:00.000Z", "路灯", "东风村", "fixed"], // Sun 1 Nov 00:00 in China
  ["2026-11-01T15:59:00.000Z", "沼气", "李庄村", "in_progress"], // Sun 1 Nov 23:59
  ["2026-11-01T16:00:00.000Z", "道路", "李庄村", "confirmed"], // Mon 2 Nov 00:00: a new week (W44)
  ["2026-12-31T15:59:00.000Z", null, "张庄村", "planned"], // Thu 31 Dec 2026 23:59
  ["2026-12-31T16:00:00.000Z", "供水", null, "confirmed"], // Fri 1 Jan 2027 00:00: week 00 of 2027
  ["2027-01-03T15:00:00.000Z", "供水", "东风村", "referred"], // Sun 3 Jan 2027 23:00: still week 00
  ["2027-01-03T16:00:00.000Z", "沼气", "东风村", "confirmed"], // Mon 4 Jan 2027 00:00: week 01
  ["2028-12-30T17:00:00.000Z", "道路", "东风村", "confirmed"], // Sun 31 Dec 2028 (a leap year's 366th day)
];

async function seedEdges(reports: ReportStore): Promise<number[]> {
  const ids: number[] = [];
  for (const [at, category, village, status] of EDGE_ROWS) {
    const id = await reports.create(report({ userId: `u-${at}`, chatId: `u-${at}`, category, village, createdAt: at }));
    if (status !== "confirmed") await reports.changeState(id, status, "处理", "web:staff", at);
    ids.push(id);
  }
  return ids;
}

/** The summaries staff see, for each filter that takes a different path (rollup or the reports themselves). */
async function everySummary(reports: ReportStore, now: Date) {
  const filters: ReportFilter[] = [
    {},
    BY_SCAN,
    { village: "东风村" },
    { category: "沼气" },
    { state: "open" },
    { state: "closed" },
    { from: "2026-10-31T16:00:00.000Z", to: "2027-01-03T16:00:00.000Z" },
    { from: "2026-10-31T16:00:00.000Z", to: "2027-01-03T16:00:00.000Z", state: "open" },
    { from: "2026-11-01T15:59:30.000Z" },
  ];
  return Promise.all(
    filters.map(async (filter) => ({
      filter,
      summary: await reports.summarize(filter, now),
      count: await reports.count(filter),
      oldest: await reports.openByAge(filter, now, 50),
      list: await reports.list(filter, { limit: 50, offset: 0 }),
    })),
  );
}

describe.each(ENGINES)("the feedback repository on %s", (engine) => {
  let database: TestDatabase;
  let reports: ReportStore;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    reports = new ReportStore(database.sql);
  });
  afterAll(() => database?.close());

  it("files a report with its first history entry and reads it back as it was given", async () => {
    const id = await reports.create(report({ userId: "reader", chatId: "reader-chat" }));
    expect(await reports.get(id)).toMatchObject({
      id,
      channel: "web",
      userId: "reader",
      chatId: "reader-chat",
      category: "路灯",
      village: "东风村",
      places: ["东头", "路灯"],
      status: "confirmed",
      anonymous: false,
      displayName: "老王",
      meToo: 0,
      timesReported: 1,
      duplicateOf: null,
      closedAt: null,
      createdAt: "2026-11-20T08:00:00.000Z",
    });
    expect(await reports.create(report({ userId: "reader", places: [], anonymous: true, displayName: null }))).toBeGreaterThan(id);
    const own = await reports.listByUser("web", "reader");
    expect(own.map((r) => r.places)).toEqual([[], ["东头", "路灯"]]);
    expect(own[0]!.anonymous).toBe(true);
    expect(await reports.history(id)).toEqual([
      {
        id: expect.any(Number),
        feedbackId: id,
        fromStatus: null,
        toStatus: "confirmed",
        note: "村民反映",
        actor: "村民",
        createdAt: "2026-11-20T08:00:00.000Z",
      },
    ]);
    expect(await reports.get(999_999)).toBeUndefined();
  });

  it("adds details, a village, the original text and repeats to a report", async () => {
    const id = await reports.create(report({ userId: "details", village: null }));
    await reports.addDetail(id, "晚上看不见", "2026-11-20T09:00:00.000Z");
    await reports.setVillage(id, "李庄村", "2026-11-20T09:01:00.000Z");
    await reports.setUnmaskedText(id, "电话 13800000000");
    expect(await reports.countRepeat(id)).toBe(2);
    expect(await reports.countRepeat(id)).toBe(3);
    expect(await reports.get(id)).toMatchObject({
      text: "村东头路灯坏了\n补充：晚上看不见",
      village: "李庄村",
      unmaskedText: "电话 13800000000",
      timesReported: 3,
      updatedAt: "2026-11-20T09:01:00.000Z",
    });
    const since = "2026-11-20T07:00:00.000Z";
    expect((await reports.recentIdentical("web", "details", "村东头路灯坏了\n补充：晚上看不见", since))?.id).toBe(id);
    expect(await reports.recentIdentical("web", "details", "村东头路灯坏了\n补充：晚上看不见", "2026-11-20T08:00:00.001Z")).toBeUndefined();
    expect((await reports.openInCategoryAndVillage("路灯", "李庄村")).map((r) => r.id)).toContain(id);
  });

  it("counts a 'me too' once per person, never the reporter's own, and tells every follower", async () => {
    const id = await reports.create(report({ userId: "owner", chatId: "owner" }));
    const neighbour = { channel: "web", userId: "neighbour", chatId: "neighbour" };
    expect(await reports.addMeToo(id, neighbour, "2026-11-21T00:00:00.000Z")).toBe(true);
    expect(await reports.addMeToo(id, neighbour, "2026-11-21T00:01:00.000Z")).toBe(false);
    expect(await reports.addMeToo(id, { channel: "web", userId: "owner", chatId: "owner" }, "2026-11-21T00:02:00.000Z")).toBe(false);
    expect(await reports.addMeToo(999_999, neighbour, "2026-11-21T00:02:00.000Z")).toBe(false);
    expect((await reports.get(id))?.meToo).toBe(1);
    expect(await reports.followers(id)).toEqual([
      { channel: "web", userId: "neighbour", chatId: "neighbour" },
      { channel: "web", userId: "owner", chatId: "owner" },
    ]);
  });

  it("records each state change with the state it left, and closes and reopens", async () => {
    const id = await reports.create(report({ userId: "states" }));
    const other = await reports.create(report({ userId: "states-2" }));
    expect(await reports.changeState(id, "in_progress", "已派电工", "web:staff", "2026-11-21T00:00:00.000Z")).toEqual({
      from: "confirmed",
      historyId: expect.any(Number),
    });
    expect((await reports.changeState(id, "duplicate", "同一盏灯", "web:staff", "2026-11-22T00:00:00.000Z", other))?.from).toBe("in_progress");
    expect(await reports.get(id)).toMatchObject({ status: "duplicate", duplicateOf: other, closedAt: "2026-11-22T00:00:00.000Z" });
    await reports.changeState(id, "confirmed", "村民说还没好", "村民", "2026-11-23T00:00:00.000Z");
    expect(await reports.get(id)).toMatchObject({ status: "confirmed", duplicateOf: null, closedAt: null });
    expect((await reports.history(id)).map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "confirmed"],
      ["confirmed", "in_progress"],
      ["in_progress", "duplicate"],
      ["duplicate", "confirmed"],
    ]);
    expect(await reports.changeState(999_999, "fixed", "x", "web:staff", "2026-11-23T00:00:00.000Z")).toBeUndefined();
  });

  it("takes a misfiled message out of the reports and never gives its number again", async () => {
    const first = await reports.create(report({ userId: "misfiled-a" }));
    const misfiled = await reports.create(report({ userId: "misfiled-b" }));
    await reports.addMeToo(misfiled, { channel: "web", userId: "x", chatId: "x" }, "2026-11-21T00:00:00.000Z");
    await reports.changeState(first, "duplicate", "同一件事", "web:staff", "2026-11-21T00:00:00.000Z", misfiled);
    const before = await reports.count({});
    expect(await reports.markNotReport(misfiled, { by: "web:staff", note: "是问政策", at: "2026-11-22T00:00:00.000Z" })).toBe(true);
    expect(await reports.markNotReport(misfiled, { by: "web:staff", note: "是问政策", at: "2026-11-22T00:00:00.000Z" })).toBe(false);
    expect(await reports.get(misfiled)).toBeUndefined();
    expect(await reports.history(misfiled)).toEqual([]);
    expect((await reports.get(first))?.duplicateOf).toBeNull();
    expect(await reports.count({})).toBe(before - 1);
    const kept = await database.sql.db.selectFrom("feedback_not_reports").selectAll().where("id", "=", misfiled).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ user_id: "misfiled-b", marked_by: "web:staff", note: "是问政策" });
    // It was the newest report: the next one still gets a number past it.
    expect(await reports.create(report({ userId: "after" }))).toBeGreaterThan(misfiled);
  });
});

describe.each(ENGINES)("feedback summaries on %s", (engine) => {
  let database: TestDatabase;
  let reports: ReportStore;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    reports = new ReportStore(database.sql);
    const ids = await seedEdges(reports);
    await reports.setVillage(ids[4]!, "李庄村", "2027-01-01T00:00:00.000Z");
    await reports.importMany(
      ["2026-12-31T15:00:00.000Z", "2026-12-31T17:00:00.000Z"].map((at, i) => ({
        ...report({ userId: `imported-${i}`, village: "张庄村", category: i ? "道路" : null, createdAt: at }),
        status: i ? "fixed" : "planned",
      })),
    );
  });
  afterAll(() => database?.close());

  const now = new Date("2027-01-05T04:00:00.000Z");

  it("gives the same counts from the rollup as from the reports, in China days and Monday weeks", async () => {
    const fromRollup = await summarize(database.sql, {}, now);
    const fromReports = await summarize(database.sql, BY_SCAN, now);
    expect(fromRollup).toEqual(fromReports);
    expect(fromRollup.total).toBe(11);
    expect(fromRollup.open).toBe(8);
    expect(fromRollup.byWeek).toEqual([
      { key: "2026-W43", count: 3 }, // Sat 31 Oct and Sun 1 Nov (twice): a week starts on Monday
      { key: "2026-W44", count: 1 }, // Mon 2 Nov
      { key: "2026-W52", count: 2 }, // Thu 31 Dec: one filed, one imported at 23:00 China time
      { key: "2027-W00", count: 3 }, // Fri 1 Jan to Sun 3 Jan 2027
      { key: "2027-W01", count: 1 }, // Mon 4 Jan
      { key: "2028-W52", count: 1 }, // Sun 31 Dec 2028
    ]);
    expect(fromRollup.byVillage).toEqual([
      { key: "东风村", count: 5 },
      { key: "李庄村", count: 3 },
      { key: "张庄村", count: 2 },
      { key: "未填", count: 1 },
    ]);
    expect(fromRollup.byCategory[0]).toEqual({ key: "道路", count: 3 });
    expect(fromRollup.byCategory).toContainEqual({ key: "未填", count: 2 });
    // Open since: 31 Oct, 1 Nov and 2 Nov (over a month); 31 Dec twice, 1 Jan, 4 Jan and 2028 (within the week).
    expect(fromRollup.openAges).toEqual({ under7: 5, under30: 0, over30: 3 });
  });

  it("counts whole China days from the rollup and any other range from the reports, alike", async () => {
    const november = { from: "2026-10-31T16:00:00.000Z", to: "2026-11-30T16:00:00.000Z" };
    expect(await reports.count(november)).toBe(3);
    expect(await reports.count({ ...november, from: "2026-10-31T15:59:59.999Z" })).toBe(4);
    expect(await reports.count({ ...november, state: "open" })).toBe(2);
    expect(await reports.countByVillage(november)).toEqual([
      { key: "李庄村", count: 2 },
      { key: "东风村", count: 1 },
    ]);
    expect(await countByWeek(database.sql, { from: "2026-12-31T16:00:00.000Z", to: "2027-01-04T16:00:00.000Z" })).toEqual([
      { key: "2027-W00", count: 3 },
      { key: "2027-W01", count: 1 },
    ]);
    expect(await countByWeek(database.sql, { from: "2026-12-31T16:00:00.000Z", village: "东风村" })).toEqual([
      { key: "2027-W00", count: 1 },
      { key: "2027-W01", count: 1 },
      { key: "2028-W52", count: 1 },
    ]);
  });

  it("lists open reports oldest first with their age", async () => {
    const oldest = await reports.openByAge({}, now, 3);
    expect(oldest.map((r) => [r.createdAt, r.ageDays])).toEqual([
      ["2026-10-31T15:59:59.999Z", 65],
      ["2026-11-01T15:59:00.000Z", 64],
      ["2026-11-01T16:00:00.000Z", 64],
    ]);
    // "fixed" is neither open nor closed; "referred" is closed.
    expect((await reports.list({ state: "closed" })).total).toBe(1);
  });
});

describe("week labels", () => {
  it("are SQLite's strftime('%Y-W%W') for every day from 2020 to 2032", () => {
    const db = new Database(":memory:");
    try {
      const sqlite = db.prepare("SELECT strftime('%Y-W%W', ?)").pluck();
      for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2032, 11, 31); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        expect(weekOf(day), day).toBe(sqlite.get(day));
      }
    } finally {
      db.close();
    }
  });
});

describe.runIf(ENGINES.includes("postgres"))("the same rows on SQLite and PostgreSQL", () => {
  it("give identical summaries, counts, lists and ages for every kind of filter", async () => {
    const [lite, pg] = await Promise.all([openTestDatabase("sqlite"), openTestDatabase("postgres")]);
    try {
      const now = new Date("2027-01-05T04:00:00.000Z");
      const results = [];
      for (const database of [lite, pg]) {
        const reports = new ReportStore(database.sql);
        await seedEdges(reports);
        results.push(await everySummary(reports, now));
      }
      expect(results[1]).toEqual(results[0]);
    } finally {
      await Promise.all([lite.close(), pg.close()]);
    }
  });
});

/** Two app instances writing to one database: two pools on PostgreSQL, two connections to one file on SQLite. */
async function twoInstances(engine: Engine, database: TestDatabase): Promise<{ instances: [Sql, Sql]; close(): Promise<void> }> {
  if (engine === "postgres") {
    const other = await postgresSql({ connectionString: database.url!, poolSize: 4 });
    return { instances: [database.sql, other], close: () => other.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-contract-feedback-"));
  const stores = [Store.open(join(dir, "a.db"), { backgroundCheckpoint: false }), Store.open(join(dir, "a.db"), { backgroundCheckpoint: false })];
  return {
    instances: [stores[0]!.sql, stores[1]!.sql],
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(ENGINES)("several instances on one %s database", (engine) => {
  let database: TestDatabase;
  let instances: [Sql, Sql];
  let closeInstances: () => Promise<void>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const two = await twoInstances(engine, database);
    instances = two.instances;
    closeInstances = two.close;
  });
  afterAll(async () => {
    await closeInstances?.();
    await database?.close();
  });

  const repositories = () => instances.map((sql) => new ReportStore(sql)) as [ReportStore, ReportStore];
  /** As the chat files a report: one durable transaction, tried again while another writer holds the lock. */
  const file = (sql: Sql, reports: ReportStore, r: NewReport) => sql.write(() => reports.create(r), { durable: true, withinMs: 10_000 });

  it("give 20 reports filed at once 20 different receipt numbers, and count every one", async () => {
    const [a, b] = repositories();
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        file(instances[i % 2]!, i % 2 ? b : a, report({ userId: `racer-${i}`, village: i % 2 ? "东风村" : "李庄村", createdAt: "2026-11-25T02:00:00.000Z" })),
      ),
    );
    expect(new Set(ids).size).toBe(20);
    const day = { from: "2026-11-24T16:00:00.000Z", to: "2026-11-25T16:00:00.000Z" };
    for (const reports of [a, b]) {
      expect(await reports.count(day)).toBe(20);
      expect(await reports.count({ ...day, from: "2026-11-24T16:00:00.001Z" })).toBe(20);
      expect(await reports.countByVillage(day)).toEqual([
        { key: "东风村", count: 10 },
        { key: "李庄村", count: 10 },
      ]);
    }
  });

  it("count the same person's 'me too' once, whichever instances receive it", async () => {
    const [a, b] = repositories();
    const id = await file(instances[0], a, report({ userId: "first-reporter", createdAt: "2026-11-26T02:00:00.000Z" }));
    const who = { channel: "web", userId: "same-neighbour", chatId: "same-neighbour" };
    const repos = [a, b];
    // As the chat records it: one durable transaction, tried again while the other instance holds the lock.
    const meToo = (i: 0 | 1, at: string) => instances[i].write(() => repos[i]!.addMeToo(id, who, at), { durable: true, withinMs: 10_000 });
    const added = await Promise.all([
      meToo(0, "2026-11-26T03:00:00.000Z"),
      meToo(1, "2026-11-26T03:00:00.000Z"),
      meToo(0, "2026-11-26T03:00:01.000Z"),
      meToo(1, "2026-11-26T03:00:01.000Z"),
    ]);
    expect(added.filter(Boolean)).toEqual([true]);
    expect((await a.get(id))?.meToo).toBe(1);
    expect(await a.followers(id)).toHaveLength(2);
  });

  it("record two staff changes of one report at once one after the other, and mark it 'not a report' once", async () => {
    const [a, b] = repositories();
    const id = await file(instances[0], a, report({ userId: "contested", createdAt: "2026-11-27T02:00:00.000Z" }));
    const write = <T>(sql: Sql, work: () => Promise<T>) => sql.write(work, { durable: true, withinMs: 10_000 });
    await Promise.all([
      write(instances[0], () => a.changeState(id, "in_progress", "甲", "web:a", "2026-11-27T03:00:00.000Z")),
      write(instances[1], () => b.changeState(id, "planned", "乙", "web:b", "2026-11-27T03:00:00.000Z")),
    ]);
    const steps = (await a.history(id)).map((h) => [h.fromStatus, h.toStatus]);
    // Whichever came second started from the state the first one left.
    expect(steps[2]![0]).toBe(steps[1]![1]);
    const marked = await Promise.all([
      write(instances[0], () => a.markNotReport(id, { by: "web:a", note: "不是", at: "2026-11-27T04:00:00.000Z" })),
      write(instances[1], () => b.markNotReport(id, { by: "web:b", note: "不是", at: "2026-11-27T04:00:00.000Z" })),
    ]);
    expect(marked.filter(Boolean)).toEqual([true]);
    expect(await b.get(id)).toBeUndefined();
  });
});
