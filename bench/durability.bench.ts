// Issue 13 (point 10): what a durable receipt costs. Reports filed one transaction each, as the chat files them,
// with synchronous=NORMAL (before: the WAL was not fsynced at commit) and FULL (now: fsynced before the reply);
// and the message log, which stays NORMAL, with and without the per-transaction switch. ReportStore.create is a durable
// transaction of the query layer, so in both report rows each commit is also followed by the shared fsync of the WAL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Store } from "../src/store/index.ts";
import { ReportStore } from "../src/feedback/store.ts";
import { row } from "./stats.ts";

export const order = 42;

const REPORTS = Number(process.env.BENCH_DURABLE_REPORTS ?? 2000);
const MESSAGES = Number(process.env.BENCH_DURABLE_MESSAGES ?? 5000);

async function fileReports(store: Store, count: number): Promise<number> {
  const reports = new ReportStore(store.sql);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await reports.create({
      channel: "web",
      userId: `u${i}`,
      chatId: `u${i}`,
      text: "村东头路灯坏了半个月了",
      category: "路灯",
      village: "东风村",
      places: ["东头", "路灯"],
      anonymous: false,
      displayName: null,
      createdAt: new Date().toISOString(),
    });
  }
  return (count / (performance.now() - started)) * 1000;
}

async function logMessages(store: Store, count: number, asTurns: boolean): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const message = {
      channel: "web",
      userId: `u${i % 100}`,
      chatId: `u${i % 100}`,
      text: "三级残疾一年补助多少",
      intent: "policy",
      confidence: 0.9,
      answerIds: ["a"],
      replyText: "每年 400 元",
      latencyMs: 5,
      createdAt: new Date().toISOString(),
    };
    // The turn's write (what the assistant does) against a Kysely transaction around the same insert.
    if (asTurns) await store.turns.write({ message }, { withinMs: 2000 });
    else await store.sql.transaction(() => store.messages.record(message));
  }
  return (count / (performance.now() - started)) * 1000;
}

export default async function bench(): Promise<string[]> {
  const lines = [`## 回执即落盘：每条反映一个事务（${REPORTS.toLocaleString("en")} 条），synchronous=NORMAL（以前）与 FULL（现在）`];
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-durable-"));
  try {
    const store = Store.open(join(dir, "bench.db"), { backgroundCheckpoint: false });
    try {
      store.db.pragma("synchronous = NORMAL");
      const before = await fileReports(store, REPORTS);
      store.db.pragma("synchronous = FULL");
      const now = await fileReports(store, REPORTS);
      lines.push(row("reports filed, NORMAL (before)", { "reports/s": before, "ms each": 1000 / before }));
      lines.push(row("reports filed, FULL (durable, now)", { "reports/s": now, "ms each": 1000 / now, "× slower": before / now }));

      // The message log, with the connection's setting in WAL mode (NORMAL: only durable transactions wait for
      // the disk): the turn's write, run at once on the free connection, against a Kysely transaction per row.
      store.db.pragma("synchronous = NORMAL");
      const viaKysely = await logMessages(store, MESSAGES, false);
      const asTurns = await logMessages(store, MESSAGES, true);
      lines.push(row("message log, a Kysely transaction per row", { "rows/s": viaKysely }));
      lines.push(row("message log, the turn's write (TurnLog)", { "rows/s": asTurns, "× faster": asTurns / viaKysely }));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
