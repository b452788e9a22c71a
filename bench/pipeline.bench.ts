// Issue 2: the in-process pipeline answering policy questions, with the knowledge base scaled up.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dump as stringifyYaml } from "js-yaml";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { buildSnapshot, loadDataFiles, SnapshotHolder, type DataFiles } from "../src/snapshot/index.ts";
import { silentLogger } from "../src/core/logger.ts";
import { loadKnowledgeData } from "../src/knowledge/load.ts";
import type { Entry } from "../src/knowledge/schema.ts";
import { createAssistant } from "../src/intents/index.ts";
import { Store } from "../src/store/index.ts";
import { Notifier } from "../src/core/notifier.ts";
import { loadConfig } from "../src/config/index.ts";
import { row, summarize, verdict } from "./stats.ts";
import { execFileSync } from "node:child_process";

export const QUESTIONS = [
  "三级贫困残疾人每年救助多少？",
  "一户多残家庭生活补助怎么发？",
  "1.2公斤生物质燃料顶多少煤？",
  "沼气池后期维修谁负责？",
  "土地流转可以入股吗？",
  "农机补贴一台拖拉机补多少？",
  "贫困老年残疾人生活补助金是每月多少",
  "重度残疾人养老保险代缴标准",
  "秸秆压缩点在哪几个村",
  "月嫂培训免费吗",
  "村级文化活动一类标准是什么",
  "二代残疾人证在哪办",
];

/**
 * Synthetic copies of real entries: the same facts and summaries (so every posting list grows as it
 * would with 10,000 real entries), under a name of their own. Copies that kept the original's name
 * would all tie with it, and the assistant would rightly ask "which one?" instead of answering.
 */
export function scaleEntries(entries: readonly Entry[], size: number): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; out.length < size; i++) {
    const base = entries[i % entries.length]!;
    const copy = Math.floor(i / entries.length);
    out.push(
      copy === 0 ? base : { ...base, id: `${base.id}-copy-${copy}`, title: `示例项目第${copy}号（${base.category}）`, aliases: [], keywords: [`示例${copy}`] },
    );
  }
  return out;
}

/** Writes `size` entries as YAML knowledge files beside a copy of data/ and times loadKnowledgeData on them. */
function loadFromFiles(size: number, scratch: string): number {
  const dir = join(scratch, "data-from-files");
  cpSync("data", dir, { recursive: true });
  const real = loadKnowledgeData("data");
  const entries = scaleEntries(real.entries, size).slice(real.entries.length);
  for (let from = 0; from < entries.length; from += 100) {
    writeFileSync(join(dir, "knowledge", `copies-${from}.yaml`), stringifyYaml({ topic: "示例", entries: entries.slice(from, from + 100) }));
  }
  const started = performance.now();
  const loaded = loadKnowledgeData(dir);
  const ms = performance.now() - started;
  if (loaded.entries.length !== size) throw new Error(`expected ${size} entries from files, read ${loaded.entries.length}`);
  return ms;
}

export const order = 10;

export default async function benchPipeline(): Promise<string[]> {
  const lines: string[] = ["## Policy pipeline (in process, SQLite log write included)"];
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-"));
  try {
    for (const size of [100, 1000, 10_000]) {
      const started = performance.now();
      const real = loadDataFiles("data");
      const data: DataFiles = { ...real, entries: scaleEntries(real.entries, size) };
      const engine = buildSnapshot(data);
      const loadMs = performance.now() - started;

      const store = Store.open(join(dir, `bench-${size}.db`));
      const clock = () => new Date();
      const services = {
        config: loadConfig({}),
        store,
        logger: silentLogger,
        clock,
        notifier: new Notifier(store.outbox, silentLogger, clock),
      };
      const holder = new SnapshotHolder("data", silentLogger, engine);
      const assistant = createAssistant({ services, snapshot: holder });
      const send = (i: number) =>
        assistant.handle({
          channel: "web",
          userId: `bench-${i % 50}`,
          chatId: `bench-${i % 50}`,
          chatType: "private",
          mentioned: true,
          kind: "text",
          text: QUESTIONS[i % QUESTIONS.length]!,
        });
      for (let i = 0; i < 300; i++) await send(i); // warm-up
      const n = 5000;
      const kinds = new Map<string, number>();
      /** `n` messages one after another: each one's latency, and the rate over all of them. */
      const measure = async () => {
        const latencies: number[] = [];
        const t0 = performance.now();
        for (let i = 0; i < n; i++) {
          const s = performance.now();
          const result = await send(i);
          latencies.push(performance.now() - s);
          kinds.set(result.answerKind ?? "-", (kinds.get(result.answerKind ?? "-") ?? 0) + 1);
        }
        return summarize(latencies, performance.now() - t0);
      };
      const stats = await measure();
      const answered = (kinds.get("answer") ?? 0) + (kinds.get("needs_review") ?? 0);
      // V8 keeps optimising a turn's code for ten thousand messages or so: a server under load answers at the
      // rate below within seconds. Shown beside the figure the target is judged on, which is not changed.
      let settled: ReturnType<typeof summarize> | undefined;
      if (size === 10_000) {
        for (let i = 0; i < 10_000; i++) await send(i);
        settled = await measure();
      }
      store.close();
      // Issue 15's targets at 10,000 entries: p99 ≤ 2 ms, ≥ 3,000 messages/s, load+index ≤ 2 s.
      const ok = size < 10_000 || (stats.p99 <= 2 && stats.perSecond >= 3000 && loadMs <= 2000);
      lines.push(
        row(`${size} entries`, {
          "msg/s": stats.perSecond,
          "p50 ms": stats.p50,
          "p99 ms": stats.p99,
          "load+index ms": loadMs,
          // Proves the figures are for real answers, not clarifying questions.
          answered: `${Math.round((answered / n) * 100)}%`,
          ...(size === 10_000 ? { "target (p99≤2, ≥3000/s, ≤2000ms)": verdict(ok) } : {}),
        }),
      );
      if (settled) lines.push(row(`${size} entries, after 15,300 messages`, { "msg/s": settled.perSecond, "p50 ms": settled.p50, "p99 ms": settled.p99 }));
    }
    // The figures above come from one process, as a running server reloads (each build loads a jieba
    // dictionary of its own, with its entries' terms). A cadre's first start also loads the modules cold.
    const fresh = Number(execFileSync(process.execPath, ["--import", "tsx", "bench/first-build.ts", "10000"], { encoding: "utf8" }).trim());
    lines.push(row("10000 entries, first build of a fresh process", { "load+index ms": fresh }));
    lines.push(row("10000 entries read from YAML files", { "load ms": loadFromFiles(10_000, dir) }));
    lines.push(
      "(load+index above reads the 62 real entries from data/ and copies them in memory. The last line writes 10,000 entries " +
        "as YAML files and reads them back (parsing and validation only).)",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
