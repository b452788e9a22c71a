// Issue 17, point 5: POST /api/messages on the real server under autocannon — 100 connections of mixed questions
// from many users, then the same with one user flooding alongside (the other users' p99, before and after).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon, { type Request, type Result } from "autocannon";
import { mixedMessageTexts } from "./eval-data.ts";
import { addMarkdown, formatNumber, record, table } from "./report.ts";
import { cpuSeconds, row, verdict } from "./stats.ts";

export const order = 55;

const QUICK = process.env.BENCH_QUICK === "1";
const CONNECTIONS = 100;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? (QUICK ? 5 : 20));
const WARM_UP_S = QUICK ? 2 : 5;
/** Enough users that none exceeds the production per-user limit (20 a minute, bursts of 10) below ~8,000 req/s. */
const USERS = 10_000;
const FLOOD_CONNECTIONS = 20;
const TOKEN = "bench-http-token-0123456789abcdef";

interface Side {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status: Record<string, number>;
}

function side(result: Result): Side {
  const status: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) status[code] = stats.count;
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status,
  };
}

async function startServer(dir: string) {
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    DB_PATH: join(dir, "http.db"),
    KB_WATCH: "off",
    LOG_LEVEL: "silent",
    CHAT_API_TOKEN: TOKEN,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "bench/http-server.ts", JSON.stringify(env)], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => resolve(Number(line)));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url: `http://127.0.0.1:${port}`, stop, cpu: () => cpuSeconds(child.pid) };
}

/** Mixed questions (every category of the own evaluation sets, greetings, eligibility openers) from USERS users in turn. */
function mixedRequests(texts: readonly string[], firstUser: number) {
  let next = 0;
  return [
    {
      method: "POST",
      path: "/api/messages",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      setupRequest: (request: Request) => {
        const i = next++;
        return { ...request, body: JSON.stringify({ userId: `http-${firstUser + (i % USERS)}`, text: texts[(i * 7) % texts.length] }) };
      },
    },
  ];
}

function floodRequests() {
  return [
    {
      method: "POST",
      path: "/api/messages",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ userId: "http-flooder", text: "三级贫困残疾人每年救助多少？" }),
    },
  ];
}

export default async function benchHttp(): Promise<string[]> {
  const lines = [
    `## HTTP: POST /api/messages under autocannon (${CONNECTIONS} connections, ${DURATION_S} s, ${USERS.toLocaleString("en")} users, server in its own process)`,
  ];
  const texts = mixedMessageTexts();
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-http-"));
  const server = await startServer(dir);
  try {
    // One answer checked by hand first: a 200 that says nothing would pass autocannon's counts.
    const probe = await fetch(`${server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ userId: "http-probe", text: "三级贫困残疾人每年救助多少？" }),
    });
    const body = (await probe.json()) as { replies?: Array<{ text: string }> };
    if (probe.status !== 200 || !body.replies?.[0]?.text.includes("400"))
      throw new Error(`probe answered ${probe.status}: ${JSON.stringify(body).slice(0, 200)}`);

    await autocannon({ url: server.url, connections: 20, duration: WARM_UP_S, requests: mixedRequests(texts, 1_000_000) });
    const load = loadavg()[0]!;
    const cpuBefore = server.cpu();
    const clientBefore = process.cpuUsage();
    const mixed = side(await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, requests: mixedRequests(texts, 0) }));
    const cpuUsed = cpuBefore === undefined ? undefined : server.cpu()! - cpuBefore;
    // The load generator's own CPU per request: on a 2-core machine it shares the cores with the server.
    const client = process.cpuUsage(clientBefore);
    const clientMsPerRequest = (client.user + client.system) / 1000 / Math.max(1, mixed.requests);
    // Requests per second of the server's own CPU time: what the machine's other load does not change much.
    const perCpuSecond = cpuUsed ? mixed.requests / cpuUsed : null;
    // The same load again (other users, so nobody's rate limit carries over), with one user flooding beside it.
    const [others, flooder] = await Promise.all([
      autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, requests: mixedRequests(texts, 100_000) }),
      autocannon({ url: server.url, connections: FLOOD_CONNECTIONS, duration: DURATION_S, requests: floodRequests() }),
    ]);
    const withFlood = side(others);
    const flood = side(flooder);
    const clean = mixed.errors === 0 && mixed.timeouts === 0 && mixed.non2xx === 0;
    const cleanWithFlood = withFlood.errors === 0 && withFlood.timeouts === 0 && withFlood.non2xx === 0;
    const p99Ratio = withFlood.p99_ms / Math.max(mixed.p99_ms, 1);
    record("http", {
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      users: USERS,
      load_average_before: Math.round(load * 100) / 100,
      rate_limit: "production defaults (CHAT_RATE_PER_MINUTE 20, CHAT_RATE_BURST 10 per user)",
      mixed: {
        ...mixed,
        zero_errors_and_non2xx: clean,
        meets_2000_rps: mixed.rps >= 2000,
        server_cpu_s: cpuUsed ?? null,
        requests_per_server_cpu_s: perCpuSecond,
        client_cpu_ms_per_request: clientMsPerRequest,
      },
      with_flood: {
        others: { ...withFlood, zero_errors_and_non2xx: cleanWithFlood },
        flooder: { ...flood, connections: FLOOD_CONNECTIONS },
        others_p99_ratio: p99Ratio,
        meets_2x: p99Ratio <= 2,
      },
    });
    // autocannon's `errors` already counts its timeouts (10 s without an answer).
    const cells = (s: Side) => ({ "req/s": s.rps, "p50 ms": s.p50_ms, "p99 ms": s.p99_ms, errors: s.errors, "of them timeouts": s.timeouts, non2xx: s.non2xx });
    lines.push(row("mixed users", { ...cells(mixed), "0 errors/non-2xx": verdict(clean), "≥ 2,000 req/s": verdict(mixed.rps >= 2000) }));
    lines.push(row("  per second of the server's CPU", { "req/cpu-s": perCpuSecond ?? Number.NaN, "autocannon ms/req": clientMsPerRequest, "load avg": load }));
    lines.push(row("mixed users, one user flooding", { ...cells(withFlood), "0 errors/non-2xx": verdict(cleanWithFlood) }));
    lines.push(
      row("  the flooder", {
        "req/s": flood.rps,
        "2xx": flood.status["200"] ?? 0,
        "429": flood.status["429"] ?? 0,
        errors: flood.errors,
        "of them timeouts": flood.timeouts,
      }),
    );
    lines.push(row("others' p99 with / without the flood", { ratio: p99Ratio, "target ≤ 2×": verdict(p99Ratio <= 2) }));
    addMarkdown(
      50,
      [
        "## 5. HTTP: POST /api/messages",
        "",
        `autocannon 9, ${CONNECTIONS} connections for ${DURATION_S} s against the real app (createApp, SQLite in a temp directory) in its own process on 127.0.0.1; ` +
          `${texts.length} mixed messages (every category of the own evaluation sets: questions, reports, typos, Traditional, plus greetings and eligibility openers) ` +
          `from ${USERS.toLocaleString("en")} users named through CHAT_API_TOKEN. Per-user rate limits stay at the production defaults (20 a minute, bursts of 10): ` +
          `no ordinary user reaches them at this rate, and the flooder does. Load average before the run: ${load.toFixed(1)} (the machine is shared).`,
        "",
        table(
          ["", "req/s", "p50 ms", "p99 ms", "errors (timeouts included)", "non-2xx", "checked"],
          [
            ["mixed users", mixed.rps, mixed.p50_ms, mixed.p99_ms, mixed.errors, mixed.non2xx, `${verdict(clean)} zero errors and non-2xx`],
            [
              "mixed users while one floods",
              withFlood.rps,
              withFlood.p50_ms,
              withFlood.p99_ms,
              withFlood.errors,
              withFlood.non2xx,
              `${verdict(cleanWithFlood)} zero errors and non-2xx`,
            ],
            [
              `the flooder (${FLOOD_CONNECTIONS} connections, one user)`,
              flood.rps,
              flood.p50_ms,
              flood.p99_ms,
              flood.errors,
              `${flood.non2xx} (429: ${flood.status["429"] ?? 0})`,
              `${flood.status["200"] ?? 0} answered`,
            ],
          ],
        ),
        "",
        `Throughput target ≥ 2,000 req/s: ${verdict(mixed.rps >= 2000)} (${formatNumber(mixed.rps)} req/s on ${CONNECTIONS} connections). ` +
          `The server process used ${cpuUsed?.toFixed(1) ?? "n/a"} CPU-seconds for it: ${perCpuSecond === null ? "n/a" : formatNumber(perCpuSecond)} requests per CPU-second, ` +
          "the figure that says what one free core would serve when other processes are not taking the machine's time. " +
          `autocannon itself used ${clientMsPerRequest.toFixed(2)} ms of CPU per request on the same cores. ` +
          `Other users' p99 while one user floods / without: ${p99Ratio.toFixed(2)}× (target ≤ 2×): ${verdict(p99Ratio <= 2)}.`,
      ].join("\n"),
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
