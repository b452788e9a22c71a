// Issue 4: 1,000,000 feedback rows inserted in batched transactions, then every dashboard summary query timed.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Store } from "../src/store/index.ts";
import { countByCategory, countByState, countByVillage, countByWeek, countReports, openAgeBuckets, openReportsByAge } from "../src/feedback/summary.ts";
import { ReportStore, type ReportFilter } from "../src/feedback/store.ts";
import { parsePeriod, periodByName } from "../src/feedback/period.ts";
import { FeedbackStateSchema } from "../src/feedback/states.ts";
import { row, verdict } from "./stats.ts";

export const order = 40;

const ROWS = Number(process.env.BENCH_FEEDBACK_ROWS ?? 1_000_000);
// Big batches: every commit rewrites each index page it touched into the WAL, and random index pages
// (the per-user index) are touched by nearly every batch, so fewer commits write far less.
const BATCH = 100_000;
const CATEGORIES = ["道路", "路灯", "供水", "用电", "垃圾卫生", "沼气", "网络通信", "治安", "补贴发放", "干部作风", "其他"];
const VILLAGES = Array.from({ length: 24 }, (_, i) => `第${i + 1}村`);
const STATES = FeedbackStateSchema.options;
const TEXTS = ["村东头路灯坏了半个月了", "三组的沼气池不产气了", "幸福路上有个大坑", "垃圾好几天没人拉", "低保两个月没发了"];

/** A deterministic generator, so every run measures the same data. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export default async function bench(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-feedback-"));
  const store = Store.open(join(dir, "bench.db"));
  const lines = [`## 反映：${ROWS.toLocaleString("en")} 条插入与看板汇总查询（SQLite 临时文件）`];
  try {
    const db = store.db;
    // A bigger page cache than SQLite's 2 MB default (256 MB) keeps the indexes' hot pages in memory during the load.
    db.pragma("cache_size = -262144");
    // As the app's background checkpointer sets it: the loader's commits don't wait on checkpoint fsyncs.
    db.pragma("wal_autocheckpoint = 10000");
    const now = new Date("2026-11-29T04:00:00Z");
    const span = 2 * 365 * 86_400_000;
    const random = lcg(42);
    const sql = store.sql;
    const reports = new ReportStore(sql);
    const makeBatch = (from: number, to: number) => {
      const batch: Parameters<ReportStore["importMany"]>[0] = [];
      for (let i = from; i < to; i++) {
        // Reports arrive in time order, as they do in life (a minute's jitter keeps ties realistic).
        const createdAt = new Date(now.getTime() - span + Math.floor((i * span) / ROWS) + Math.floor(random() * 60_000)).toISOString();
        // Most old reports are closed; recent ones are mostly open, as in a real township.
        const status = random() < 0.3 ? STATES[Math.floor(random() * 4)]! : STATES[4 + Math.floor(random() * 5)]!;
        const user = `u${i % 50_000}`;
        batch.push({
          channel: "web",
          userId: user,
          chatId: user,
          text: TEXTS[i % TEXTS.length]!,
          category: CATEGORIES[Math.floor(random() * CATEGORIES.length)]!,
          village: VILLAGES[Math.floor(random() * VILLAGES.length)]!,
          places: [],
          anonymous: random() < 0.1,
          displayName: null,
          status,
          createdAt,
        });
      }
      return batch;
    };
    // Generating rows is not what is measured: time only the inserts.
    let insertMs = 0;
    // CPU time too: on a busy machine the wall clock mostly measures waiting for a core.
    let insertCpuMs = 0;
    for (let from = 0; from < ROWS; from += BATCH) {
      const batch = makeBatch(from, Math.min(ROWS, from + BATCH));
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await reports.importMany(batch);
      insertMs += performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      insertCpuMs += (cpu.user + cpu.system) / 1000;
    }
    const perSecond = (ROWS / insertMs) * 1000;
    lines.push(
      row("insert (ReportStore.importMany, 100,000 a batch)", { rows: ROWS, seconds: insertMs / 1000, "rows/s": perSecond }) +
        `  ${verdict(perSecond >= 20_000)} (≥ 20,000 rows/s)`,
    );
    lines.push(
      row("  same, per CPU-second of this process", { "cpu s": insertCpuMs / 1000, "rows/cpu-s": (ROWS / insertCpuMs) * 1000, "load avg": loadavg()[0]! }),
    );
    db.exec("ANALYZE");

    const month = periodByName("month", now);
    const all: ReportFilter = {};
    const thisMonth: ReportFilter = { from: month.from };
    const queries: Array<[string, () => Promise<unknown>]> = [
      ["count (all time)", () => countReports(sql, all)],
      ["by state (all time)", () => countByState(sql, all)],
      ["by category (all time)", () => countByCategory(sql, all)],
      ["by village (all time)", () => countByVillage(sql, all)],
      ["by week (all time)", () => countByWeek(sql, all)],
      ["open age buckets (all time)", () => openAgeBuckets(sql, all, now)],
      ["oldest open reports (30)", () => openReportsByAge(sql, all, now, 30)],
      ["by category (this month)", () => countByCategory(sql, thisMonth)],
      ["by village (this month)", () => countByVillage(sql, thisMonth)],
      ["by week (this month)", () => countByWeek(sql, thisMonth)],
      ["count open (all time)", () => countReports(sql, { state: "open" })],
      ["count open, one category", () => countReports(sql, { category: "沼气", state: "open" })],
      ["by village, one category", () => countByVillage(sql, { category: "沼气" })],
      ["by category, one village", () => countByCategory(sql, { village: "第3村" })],
      ["by category, 最近7天", () => countByCategory(sql, { from: parsePeriod("最近7天", now).from })],
      ["by category, last 36 hours", () => countByCategory(sql, { from: new Date(now.getTime() - 36 * 3_600_000).toISOString() })],
      ["count, one village this month", () => countReports(sql, { village: "第3村", from: month.from })],
      ["list page (village + open, 50)", () => reports.list({ village: "第3村", state: "open" }, { limit: 50, offset: 0 })],
    ];
    for (const [label, run] of queries) {
      await run(); // warm the page cache
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[2]!;
      lines.push(row(label, { "median ms": median, "max ms": times[4]! }) + `  ${verdict(median <= 100)} (≤ 100 ms)`);
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
