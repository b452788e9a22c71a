// Issue 6: the LLM answer path against a local fake OpenAI-compatible server with zero delay.
// Overhead = pipeline latency with the LLM − the provider's own time measured at the fake server.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { SnapshotHolder, loadSnapshot } from "../src/snapshot/index.ts";
import { silentLogger } from "../src/core/logger.ts";
import { Notifier } from "../src/core/notifier.ts";
import type { Services } from "../src/core/turn.ts";
import { loadConfig } from "../src/config/index.ts";
import { createAssistant } from "../src/intents/index.ts";
import { createLlm } from "../src/llm/index.ts";
import { Store } from "../src/store/index.ts";
import { spawn } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import { createInterface } from "node:readline";
import { percentile, row, verdict } from "./stats.ts";

export const order = 60;

// The LLM tests' small knowledge base: the overhead measured here does not depend on the knowledge base's size.
const DATA = "test/llm/fixtures/data";
const QUESTIONS = ["三级残疾人每年补助多少？", "一级二级残疾人救助标准是多少", "低保怎么申请", "残疾人救助金打到哪张卡上", "农机补贴多少钱"];
const N = 3000;
/** The LLM path runs a lot of library code (langchain, the openai SDK): measured once the JIT has settled, as on a running server. */
const WARM_UP = 1000;

/**
 * How long each provider call kept the client waiting: from the HTTP request's creation to its response's
 * arrival, as the diagnostics channels of Node's fetch (undici, which the openai SDK uses) report it. That wait
 * is the provider's time as the assistant sees it (the localhost round trip and the fake server's process
 * included); the rest is ours. Only chat completions count (not the bench's own /stats requests).
 */
function watchProviderWaits(): number[] {
  const waits: number[] = [];
  const started = new WeakMap<object, number>();
  type Message = { request: { path?: string } };
  subscribe("undici:request:create", (message) => {
    const { request } = message as Message;
    if (request.path?.endsWith("/chat/completions")) started.set(request, performance.now());
  });
  subscribe("undici:request:headers", (message) => {
    const start = started.get((message as Message).request);
    if (start !== undefined) waits.push(performance.now() - start);
  });
  return waits;
}

export default async function benchLlm(): Promise<string[]> {
  const lines = ["## LLM answer path (fake OpenAI server, zero delay; langchain + openai SDK over real HTTP)"];
  const server = spawn(process.execPath, ["--import", "tsx", "bench/fake-openai-server.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once("line", resolve);
    server.once("exit", (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  const serverTimes = async (reset = false): Promise<number[]> => {
    const res = await fetch(`${url}/stats`, { headers: reset ? { "x-reset": "1" } : {} });
    return ((await res.json()) as { serverMs: number[] }).serverMs;
  };
  const waits = watchProviderWaits();
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-llm-"));
  try {
    const engine = loadSnapshot(DATA);
    const run = async (withLlm: boolean) => {
      const config = loadConfig({
        DB_PATH: join(dir, `${withLlm ? "llm" : "offline"}.db`),
        ...(withLlm ? { OPENAI_API_KEY: "bench-key-123456", OPENAI_BASE_URL: url, LLM_DAILY_TOKEN_BUDGET: "0", LLM_CLASSIFY: "off" } : {}),
      });
      const store = Store.open(config.DB_PATH);
      const clock = () => new Date();
      const llm = createLlm(config, { config, logger: silentLogger, store, clock });
      const services: Services = {
        config,
        store,
        logger: silentLogger,
        clock,
        notifier: new Notifier(store.outbox, silentLogger, clock),
        llm,
      };
      const holder = new SnapshotHolder(DATA, silentLogger, engine);
      const assistant = createAssistant({ services, snapshot: holder });
      const send = (i: number) =>
        assistant.handle({
          channel: "web",
          userId: `bench-${i % 20}`,
          chatId: `bench-${i % 20}`,
          chatType: "private",
          mentioned: true,
          kind: "text",
          text: QUESTIONS[i % QUESTIONS.length]!,
        });
      for (let i = 0; i < WARM_UP; i++) await send(i); // warm-up (JIT, connection pool)
      await serverTimes(true);
      waits.length = 0;
      const latencies: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < N; i++) {
        const s = performance.now();
        await send(i);
        latencies.push(performance.now() - s);
      }
      // One provider call per message, in order (LLM_CLASSIFY is off): pair each message with its call's server time.
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / N;
      // The first entry is the reset request's own.
      const provider = withLlm ? (await serverTimes()).slice(1) : [];
      const calls = provider.length;
      const overheads = latencies.map((total, i) => total - (withLlm ? (provider[i] ?? 0) : 0));
      const ownTimes = latencies.map((total, i) => total - (withLlm ? (waits[i] ?? 0) : 0));
      const clientSeenCalls = waits.length;
      const llmAnswers = withLlm
        ? store.db.prepare(`SELECT count(*) FROM messages WHERE id > ${WARM_UP} AND reply_text NOT LIKE '【%' AND reply_text NOT LIKE '您想问%'`).pluck().get()
        : 0;
      store.close();
      const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
      return {
        latency: sort(latencies),
        overhead: sort(overheads),
        own: sort(ownTimes),
        providerCalls: calls,
        clientSeenCalls,
        llmAnswers: Number(llmAnswers),
        cpuMsPerMessage,
      };
    };
    const offline = await run(false);
    const online = await run(true);
    const p99 = percentile(online.own, 0.99);
    lines.push(
      row("offline pipeline (reference)", {
        "p50 ms": percentile(offline.latency, 0.5),
        "p99 ms": percentile(offline.latency, 0.99),
        "CPU ms/msg": offline.cpuMsPerMessage,
      }),
    );
    lines.push(
      row("with LLM: total per message", {
        "p50 ms": percentile(online.latency, 0.5),
        "p99 ms": percentile(online.latency, 0.99),
        "CPU ms/msg": online.cpuMsPerMessage,
        "provider calls": online.providerCalls,
        "LLM-written": online.llmAnswers,
      }),
    );
    lines.push(row("with LLM: total − server's handler time", { "p50 ms": percentile(online.overhead, 0.5), "p99 ms": percentile(online.overhead, 0.99) }));
    lines.push(
      row("with LLM: overhead (total − wait for provider)", {
        "p50 ms": percentile(online.own, 0.5),
        "p99 ms": p99,
        "calls seen": online.clientSeenCalls,
        "target (p99≤5)": verdict(p99 <= 5 && online.clientSeenCalls === N),
      }),
    );
    lines.push(
      `(${N} messages, 1-min load average ${loadavg()[0]!.toFixed(1)}. Overhead: all the assistant's own work (langchain, the openai SDK, prompt building, history read, guards, the SQLite log write, JSON in and out); ` +
        "the wait for the provider runs from the HTTP request's creation to its response's arrival. The row above it also counts the localhost round trip and the fake server's process scheduling as overhead. CPU ms/msg is this process only.)",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    server.kill("SIGTERM");
  }
  return lines;
}
