// Dashboard summaries: the trigger-kept rollup agrees with counting the reports themselves, in China time.
import { afterEach, describe, expect, it } from "vitest";
import { ReportStore } from "../../src/feedback/store.ts";
import { countByCategory, countByState, countByVillage, countByWeek, countReports, openAgeBuckets, summarize } from "../../src/feedback/summary.ts";
import { periodByName, parsePeriod } from "../../src/feedback/period.ts";
import { staffFixture } from "../staff/fixtures.ts";

let fixture: ReturnType<typeof staffFixture>;
afterEach(() => fixture?.close());

// Not a China midnight: forces the path that reads the reports themselves, for comparison.
const EVERYTHING_BY_SCAN = { from: "2000-01-01T00:00:01.000Z" };

async function seed(reports: ReportStore) {
  const rows: Array<[string, string, string]> = [
    ["2026-10-31T15:59:00.000Z", "路灯", "东风村"], // 31 Oct 23:59 in China
    ["2026-10-31T16:00:00.000Z", "路灯", "东风村"], // 1 Nov 00:00 in China
    ["2026-11-10T02:00:00.000Z", "沼气", "李庄村"],
    ["2026-11-20T07:00:00.000Z", "道路", "东风村"],
    ["2026-11-29T23:30:00.000Z", "沼气", "张庄村"], // 30 Nov in China
    ["2026-11-30T16:30:00.000Z", "供水", "李庄村"], // 1 Dec in China
  ];
  const ids: number[] = [];
  for (const [at, category, village] of rows) {
    ids.push(
      await reports.create({
        channel: "web",
        userId: `u-${at}`,
        chatId: `u-${at}`,
        text: "x",
        category,
        village,
        places: [],
        anonymous: false,
        displayName: null,
        createdAt: at,
      }),
    );
  }
  return ids;
}

describe("feedback summaries", () => {
  it("give the same counts from the rollup as from the reports, through inserts and state changes", async () => {
    fixture = staffFixture();
    const db = fixture.store.sql;
    const reports = new ReportStore(db);
    const ids = await seed(reports);
    await reports.changeState(ids[0]!, "fixed", "修好了", "web:c", "2026-11-02T00:00:00Z");
    await reports.changeState(ids[2]!, "in_progress", "在修", "web:c", "2026-11-12T00:00:00Z");
    await reports.changeState(ids[2]!, "referred", "转交", "web:c", "2026-11-13T00:00:00Z");
    await reports.setVillage(ids[3]!, "张庄村", "2026-11-21T00:00:00Z");
    // A bulk import adds its counts per batch rather than per row: the totals must still agree.
    await reports.importMany(
      ["2026-09-01T10:00:00.000Z", "2026-09-01T17:00:00.000Z", "2026-11-15T08:00:00.000Z"].map((at, i) => ({
        channel: "web",
        userId: `imp${i}`,
        chatId: `imp${i}`,
        text: "旧登记",
        category: i ? "道路" : null,
        village: "东风村",
        places: [],
        anonymous: false,
        displayName: null,
        status: i === 2 ? "planned" : "fixed",
        createdAt: at,
      })),
    );
    const sort = (xs: Array<{ key: string; count: number }>) => [...xs].sort((a, b) => a.key.localeCompare(b.key));
    expect(sort(await countByState(db, {}))).toEqual(sort(await countByState(db, EVERYTHING_BY_SCAN)));
    expect(sort(await countByCategory(db, {}))).toEqual(sort(await countByCategory(db, EVERYTHING_BY_SCAN)));
    expect(sort(await countByVillage(db, {}))).toEqual(sort(await countByVillage(db, EVERYTHING_BY_SCAN)));
    expect(await countByWeek(db, {})).toEqual(await countByWeek(db, EVERYTHING_BY_SCAN));
    expect(await countReports(db, { state: "open" })).toBe(await countReports(db, { ...EVERYTHING_BY_SCAN, state: "open" }));
    expect(await countReports(db, { state: "open" })).toBe(5);
    expect(await countReports(db, {})).toBe(9);
    expect((await countByVillage(db, {}))[0]).toEqual({ key: "东风村", count: 5 });
    expect(await countByCategory(db, {})).toContainEqual({ key: "未填", count: 1 });
  });

  it("counts 本月 by China calendar days", async () => {
    fixture = staffFixture();
    const db = fixture.store.sql;
    await seed(new ReportStore(db));
    const now = new Date("2026-11-30T10:00:00Z"); // 30 Nov, 18:00 in China
    const month = periodByName("month", now);
    expect(month.from).toBe("2026-10-31T16:00:00.000Z");
    // From 1 Nov 00:00 China time: everything but the report at 23:59 on 31 Oct.
    expect(await countReports(db, { from: month.from })).toBe(5);
    expect(parsePeriod("上个月收到多少", now)).toMatchObject({ label: "上个月", from: "2026-09-30T16:00:00.000Z", to: "2026-10-31T16:00:00.000Z" });
    expect(parsePeriod("本周统计", now).from).toBe("2026-11-29T16:00:00.000Z"); // Monday 30 Nov
    expect(parsePeriod("最近7天有几条", now).from).toBe("2026-11-23T16:00:00.000Z"); // 24–30 Nov, whole days
    const summary = await summarize(db, { from: month.from }, now);
    expect(summary.total).toBe(5);
    expect(await openAgeBuckets(db, {}, now)).toEqual({ under7: 2, under30: 3, over30: 1 });
    expect(await openAgeBuckets(db, {}, now)).toEqual(await openAgeBuckets(db, EVERYTHING_BY_SCAN, now));
  });
});
