// Latency statistics and printing shared by the benchmark sections.
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
