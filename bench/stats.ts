// Latency statistics and printing shared by the benchmark sections.
import { existsSync, readFileSync } from "node:fs";
import { recordRow } from "./report.ts";

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function summarize(latencies: number[], totalMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: latencies.length,
    perSecond: (latencies.length / totalMs) * 1000,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** One printed line of figures; the same figures go to bench/results.json under the running section. */
export function row(label: string, values: Record<string, string | number>): string {
  recordRow(label, values);
  const cells = Object.entries(values).map(([k, v]) => `${k} ${typeof v === "number" ? fmt(v) : v}`);
  return `${label.padEnd(34)} ${cells.join("  ")}`;
}

function fmt(n: number): string {
  if (Number.isNaN(n)) return "n/a";
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

export function verdict(ok: boolean): string {
  return ok ? "✓" : "✗";
}

/** CPU seconds a process has used (all its threads), from /proc; undefined where there is no /proc. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
  const stat = readFileSync(file, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
