// Load+index of a scaled knowledge base as the first thing a fresh process does (modules and jieba's
// dictionary load cold). Prints the milliseconds; pipeline.bench.ts runs it.
import { performance } from "node:perf_hooks";
import { buildEngine } from "../src/core/engine.ts";
import { loadKnowledgeData } from "../src/knowledge/load.ts";
import { scaleEntries } from "./pipeline.bench.ts";

const size = Number(process.argv[2] ?? 10_000);
const started = performance.now();
const real = loadKnowledgeData("data");
buildEngine({ ...real, entries: scaleEntries(real.entries, size) });
process.stdout.write(`${Math.round(performance.now() - started)}\n`);
