// Issue 13 (point 10): what a durable receipt costs. Reports filed one transaction each, as the chat files them: as the
// app files them (the connection commits with synchronous=NORMAL and ReportStore.create, a durable transaction, waits
// for the fsync of the WAL shared by the writes of the moment, store/wal-sync.ts), and with that fsync left out. And
// the message log: the turn's write (TurnLog), which waits for no disk, against a Kysely transaction per row.
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
  const lines = [`## 回执即落盘：每条反映一个事务（${REPORTS.toLocaleString("en")} 条），等 WAL 落盘（现在）与不等`];
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-durable-"));
  try {
    const store = Store.open(join(dir, "bench.db"), { backgroundCheckpoint: false });
    try {
      const durable = await fileReports(store, REPORTS);
      const walSync = store.walSync;
      store.walSync = undefined; // the durable transactions' wait for the disk, left out
      const notDurable = await fileReports(store, REPORTS);
      store.walSync = walSync;
      lines.push(row("reports filed, durable (as the app files them)", { "reports/s": durable, "ms each": 1000 / durable }));
      lines.push(row("reports filed, not durable (no WAL fsync)", { "reports/s": notDurable, "ms each": 1000 / notDurable, "× faster": notDurable / durable }));

      // The message log waits for no disk: the turn's write, run at once on the free connection, against a
      // Kysely transaction per row.
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
