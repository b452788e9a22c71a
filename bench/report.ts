// The machine-readable side of `npm run bench`: every section's rows, the issue-17 figures under the keys the
// issue names, and the files bench/results.json and bench/results.md written at the end of a run.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

export type Cell = string | number | boolean | null;
export interface Row {
  label: string;
  values: Record<string, Cell>;
}
interface SectionRecord {
  title: string;
  rows: Row[];
  lines: string[];
  seconds: number;
}

/** Nested figures by dotted path ("peers.intent.nlpjs.accuracy"). */
const figures: Record<string, unknown> = {};
const sections: Record<string, SectionRecord> = {};
/** Markdown written by the sections that report tables of their own (peers, HTTP, scaling, storage). */
const markdown: Array<{ order: number; text: string }> = [];
let current: string | undefined;

export function beginSection(name: string): void {
  current = name;
  sections[name] = { title: name, rows: [], lines: [], seconds: 0 };
}

export function endSection(name: string, lines: string[], seconds: number): void {
  const section = sections[name];
  if (!section) return;
  section.lines = lines;
  section.title = lines[0]?.replace(/^#+\s*/, "") ?? name;
  section.seconds = seconds;
  current = undefined;
}

/** Called by stats.ts's row(): every printed row of every section lands in results.json too. */
export function recordRow(label: string, values: Record<string, string | number>): void {
  if (!current) return;
  const cells: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(values)) cells[key] = typeof value === "number" && !Number.isFinite(value) ? null : value;
  sections[current]!.rows.push({ label: label.trim(), values: cells });
}

/** Sets a figure at a dotted path, creating the objects on the way. */
export function record(path: string, value: unknown): void {
  const keys = path.split(".");
  let node = figures;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

export function readFigure(path: string): unknown {
  let node: unknown = figures;
  for (const key of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

/** The rows another section printed, for the summary (e.g. the storage figures come from feedback/durability). */
export function sectionRows(name: string): readonly Row[] {
  return sections[name]?.rows ?? [];
}

export function addMarkdown(order: number, text: string): void {
  markdown.push({ order, text });
}

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown";
  }
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load_average_at_start: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** A markdown table from rows of cells. */
export function table(header: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) => `| ${cells.map((c) => (c === null ? "n/a" : typeof c === "number" ? formatNumber(c) : String(c))).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "n/a";
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en");
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

export function percent(fraction: unknown): string {
  return typeof fraction === "number" && Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : "n/a";
}

export interface RunInfo {
  startedAt: Date;
  quick: boolean;
  only: string[];
  seconds: number;
  machine: ReturnType<typeof machine>;
}

export function writeResults(dir: URL, run: RunInfo): { json: string; md: string } {
  const json = {
    generated_at: run.startedAt.toISOString(),
    commit: gitCommit(),
    quick: run.quick,
    sections_run: run.only.length > 0 ? run.only : "all",
    total_seconds: Math.round(run.seconds),
    machine: run.machine,
    ...figures,
    sections,
  };
  const jsonPath = new URL("results.json", dir);
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);

  const m = run.machine;
  const md: string[] = [
    "# Benchmark results (`npm run bench`)",
    "",
    `${run.startedAt.toISOString()} · commit ${json.commit} · ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB · Node ${m.node} · ${m.platform} · ` +
      `load average at start ${m.load_average_at_start} · ${Math.round(run.seconds)} s${run.quick ? " · **quick run (shorter, smaller)**" : ""}`,
    "",
    "The machine is shared (other processes run tests at the same time): absolute times drift from run to run. Every comparison " +
      "below ran both sides in this same run on the same data; read the ratios first.",
    "",
  ];
  for (const part of [...markdown].sort((a, b) => a.order - b.order)) md.push(part.text, "");
  md.push("## Every section as printed", "");
  for (const [name, section] of Object.entries(sections)) {
    md.push(`### ${section.title} (\`${name}\`, ${section.seconds.toFixed(0)} s)`, "", "```", ...section.lines.slice(1), "```", "");
  }
  const mdPath = new URL("results.md", dir);
  writeFileSync(mdPath, md.join("\n"));
  return { json: jsonPath.pathname, md: mdPath.pathname };
}
