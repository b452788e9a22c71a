// `npm run bench`: prints the figures the issues ask for and writes them to bench/results.json and bench/results.md.
// Each bench/*.bench.ts is one section; run some by name: `npm run bench -- pipeline eligibility` (a partial run
// writes the result files only with `--write`, so it never overwrites a full report by accident).
// `npm run bench -- --quick` (or BENCH_QUICK=1): shorter HTTP runs, fewer rows and messages, scaling up to 10,000.
import { readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { beginSection, endSection, machine, writeResults } from "./report.ts";
import { summaryLines } from "./summary.ts";

interface Section {
  order?: number;
  default: () => Promise<string[]>;
}

const args = process.argv.slice(2);
const quick = args.includes("--quick") || process.env.BENCH_QUICK === "1";
if (quick) {
  process.env.BENCH_QUICK = "1";
  // Read by feedback.bench.ts when it is imported, so set before the sections are loaded.
  process.env.BENCH_FEEDBACK_ROWS ??= "100000";
}
const wanted = args.filter((a) => !a.startsWith("-"));
const startedAt = new Date();
const info = machine();
const t0 = performance.now();

const here = new URL(".", import.meta.url);
const files = readdirSync(here).filter((f) => f.endsWith(".bench.ts"));
const sections: Array<{ name: string; module: Section }> = [];
for (const file of files) sections.push({ name: file.replace(/\.bench\.ts$/, ""), module: (await import(new URL(file, here).href)) as Section });
sections.sort((a, b) => (a.module.order ?? 100) - (b.module.order ?? 100));

process.stdout.write(`${info.cpu}, ${info.cores} cores, Node ${info.node}, load average ${info.load_average_at_start}${quick ? " — quick run" : ""}\n\n`);
for (const { name, module } of sections) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const started = performance.now();
  beginSection(name);
  let lines: string[];
  try {
    lines = await module.default();
  } catch (error) {
    // One broken section must not lose the others' figures.
    lines = [`## ${name}`, `failed: ${(error as Error).stack ?? error}`];
    process.exitCode = 1;
  }
  endSection(name, lines, (performance.now() - started) / 1000);
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

const seconds = (performance.now() - t0) / 1000;
process.stdout.write(`${summaryLines().join("\n")}\n\n`);
if (wanted.length === 0 || args.includes("--write")) {
  const written = writeResults(here, { startedAt, quick, only: wanted, seconds, machine: info });
  process.stdout.write(`wrote ${written.json} and ${written.md} (${Math.round(seconds)} s)\n`);
} else {
  process.stdout.write(`partial run (${Math.round(seconds)} s): result files not written (add --write to write them)\n`);
}
