// One size of the scaling bench in a fresh process, so its RSS is its own: load+index `size` entries, then answer
// policy questions through the whole assistant. Prints one JSON line. Usage: scale-child.ts <size> <messages> <db>
import { performance } from "node:perf_hooks";
import { ask, buildEngine, createAppWithEngine, loadKnowledgeData, POLICY_QUESTIONS, scaleEntries } from "./project.ts";
import { summarize } from "./stats.ts";

const size = Number(process.argv[2]);
const messages = Number(process.argv[3]);
const dbPath = process.argv[4]!;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const cpuStarted = process.cpuUsage();
const real = loadKnowledgeData("data");
const engine = buildEngine({ ...real, entries: scaleEntries(real.entries, size) });
const loadMs = performance.now() - started;
const loadCpu = process.cpuUsage(cpuStarted);
const app = createAppWithEngine(dbPath, engine);
let answered = 0;
const send = async (i: number) => {
  const reply = await ask(app, `scale-${i % 50}`, POLICY_QUESTIONS[i % POLICY_QUESTIONS.length]!);
  return reply;
};
for (let i = 0; i < 300; i++) await send(i); // warm-up
const latencies: number[] = [];
const t0 = performance.now();
for (let i = 0; i < messages; i++) {
  const s = performance.now();
  const reply = await send(i);
  latencies.push(performance.now() - s);
  if (/\d/.test(reply.text)) answered++;
}
const stats = summarize(latencies, performance.now() - t0);
const memory = process.memoryUsage();
await app.close();
process.stdout.write(
  `${JSON.stringify({
    entries: size,
    load_index_ms: loadMs,
    // Main thread and the indexing helper thread together: the part of load+index the machine's other load does not inflate.
    load_index_cpu_ms: (loadCpu.user + loadCpu.system) / 1000,
    p50_ms: stats.p50,
    p99_ms: stats.p99,
    msg_per_s: stats.perSecond,
    rss_mb: mb(memory.rss),
    rss_added_mb: mb(memory.rss - rssBefore),
    heap_used_mb: mb(memory.heapUsed),
    replies_with_figures: answered / messages,
  })}\n`,
);
