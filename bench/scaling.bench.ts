// Issue 17, point 4: the policy pipeline at 100, 1,000, 10,000 and 100,000 entries, each size in a fresh process
// (bench/scale-child.ts) so that its load+index time is a cold start and its RSS is its own.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addMarkdown, type Cell, formatNumber, record, table } from "./report.ts";
import { row } from "./stats.ts";

export const order = 11;

const QUICK = process.env.BENCH_QUICK === "1";
const SIZES = QUICK ? [100, 1000, 10_000] : [100, 1000, 10_000, 100_000];

interface SizeResult {
  entries: number;
  load_index_ms: number;
  load_index_cpu_ms: number;
  p50_ms: number;
  p99_ms: number;
  msg_per_s: number;
  rss_mb: number;
  rss_added_mb: number;
  heap_used_mb: number;
  replies_with_figures: number;
}

/** The exponent k in cost ∝ entries^k between two sizes (1 = linear, 0 = flat). */
function exponent(from: number, to: number, sizeFrom: number, sizeTo: number): number {
  return Math.log(to / from) / Math.log(sizeTo / sizeFrom);
}

export function growthLine(results: readonly SizeResult[]): string {
  const a = results.at(-2);
  const b = results.at(-1);
  if (!a || !b) return "";
  const k = (pick: (r: SizeResult) => number) => exponent(pick(a), pick(b), a.entries, b.entries).toFixed(2);
  const times = b.entries / a.entries;
  return (
    `From ${a.entries.toLocaleString("en")} to ${b.entries.toLocaleString("en")} entries (${times}×): load+index CPU ×${(b.load_index_cpu_ms / a.load_index_cpu_ms).toFixed(1)} ` +
    `(∝ n^${k((r) => r.load_index_cpu_ms)}), RSS ×${(b.rss_mb / a.rss_mb).toFixed(1)} (∝ n^${k((r) => r.rss_mb)}), ` +
    `per-message p50 ×${(b.p50_ms / a.p50_ms).toFixed(1)} (∝ n^${k((r) => r.p50_ms)}), p99 ×${(b.p99_ms / a.p99_ms).toFixed(1)}, msg/s ×${(b.msg_per_s / a.msg_per_s).toFixed(2)}` +
    " — an exponent near 1 is linear growth, near 0 flat."
  );
}

export default async function benchScaling(): Promise<string[]> {
  const lines = [`## Scaling: the policy pipeline at ${SIZES.map((s) => s.toLocaleString("en")).join(", ")} entries (a fresh process per size)`];
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-scale-"));
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      const messages = QUICK ? 500 : size >= 100_000 ? 1000 : 2000;
      const out = execFileSync(process.execPath, ["--import", "tsx", "bench/scale-child.ts", String(size), String(messages), join(dir, `scale-${size}.db`)], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      });
      const result = JSON.parse(out.trim().split("\n").at(-1)!) as SizeResult;
      results.push(result);
      lines.push(
        row(`${size.toLocaleString("en")} entries`, {
          "msg/s": result.msg_per_s,
          "p50 ms": result.p50_ms,
          "p99 ms": result.p99_ms,
          "load+index ms": result.load_index_ms,
          "cpu ms": result.load_index_cpu_ms,
          "RSS MB": result.rss_mb,
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const growth = growthLine(results);
  lines.push(growth);
  record("scaling", { sizes: results, growth });
  addMarkdown(
    40,
    [
      "## 4. Scaling",
      "",
      "The real entries of data/knowledge copied under names of their own up to each size (bench/pipeline.bench.ts → scaleEntries), each size in a fresh process: " +
        "load+index is a cold start (jieba's dictionary and the indexing helper thread included), RSS is the process's after answering. " +
        "Messages: the pipeline bench's 12 policy questions from 50 users through the whole assistant (SQLite log write included), after 300 warm-up messages.",
      "",
      table(
        ["entries", "msg/s", "p50 ms", "p99 ms", "load+index ms", "load+index CPU ms", "RSS MB", "heap MB", "replies with a figure"],
        results.map((r): Cell[] => [
          r.entries.toLocaleString("en"),
          r.msg_per_s,
          r.p50_ms,
          r.p99_ms,
          r.load_index_ms,
          r.load_index_cpu_ms,
          r.rss_mb,
          r.heap_used_mb,
          `${formatNumber(r.replies_with_figures * 100)} %`,
        ]),
      ),
      "",
      `**How cost grows.** ${growth}`,
    ].join("\n"),
  );
  return lines;
}
