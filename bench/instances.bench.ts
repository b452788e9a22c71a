// Issue 16: SQLite vs PostgreSQL with 1, 2 and 3 app instances. Each instance is `npm start` (src/main.ts) in its
// own process; POST /api/messages with the HTTP section's mixed questions from many users, the same connections and
// duration in every configuration, spread evenly (one autocannon per instance, all at once; latencies merged).
// Then a few hundred turns one after another on one connection, to see a turn's own latency on each engine, and on
// PostgreSQL the statements a turn sends (pg_stat_statements): what the network round trips cost.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import autocannon, { type Request } from "autocannon";
import pg from "pg";
import { mixedMessageTexts } from "./eval-data.ts";
import { clientConfig, connectionString, createBenchDatabase, findPostgres, type PgServer } from "./postgres-cluster.ts";
import { addMarkdown, type Cell, formatNumber, record, table } from "./report.ts";
import { cpuSeconds, percentile, row, verdict } from "./stats.ts";

export const order = 57;

const QUICK = process.env.BENCH_QUICK === "1";
/** Total connections in every configuration: divisible by 1, 2 and 3 so each instance gets the same share. */
const CONNECTIONS = 60;
const DURATION_S = Number(process.env.BENCH_INSTANCES_SECONDS ?? (QUICK ? 5 : 10));
const WARM_UP_S = QUICK ? 1 : 2;
const USERS = 10_000;
const SEQUENTIAL_TURNS = QUICK ? 100 : 200;
const TOKEN = "bench-instances-token-0123456789ab";

interface Instance {
  name: string;
  url: string;
  pid: number | undefined;
  stderr: string[];
  stop(): Promise<void>;
}

interface Measured {
  instances: number;
  connections: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  clean: boolean;
  /** CPU the app processes used per request (all instances together), ms. */
  app_cpu_ms_per_request: number | null;
  /** Share of the machine's CPU time busy during the run (every process: instances, PostgreSQL, autocannon, others). */
  machine_busy: number | null;
  /** CPU PostgreSQL's backends serving this database used per request, ms (a cluster on this machine only). */
  db_cpu_ms_per_request?: number | null;
}

/** CPU seconds used so far by each process of a set (PostgreSQL's backends), to take differences of. */
type CpuSampler = () => Promise<Map<number, number>>;

/** Sums what each process used between two samples; a process that appeared in between counts from its start. */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

/** `npm start` with `env`, in its own process; resolves once it prints its address. */
async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      KB_WATCH: "off",
      LOG_LEVEL: "warn",
      CHAT_API_TOKEN: TOKEN,
      INSTANCE_NAME: name,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const url = await new Promise<string>((done, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`${name} did not start in 60 s: ${stderr.join("").slice(-500)}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${match[1]}`);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`${name} exited: ${stderr.join("").slice(-500)}`));
    });
  });
  return {
    name,
    url,
    pid: child.pid,
    stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The machine's busy and total CPU ticks (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

/** One probe answer checked by hand per instance: a 200 that says nothing would pass autocannon's counts. */
async function probe(instance: Instance): Promise<void> {
  const response = await fetch(`${instance.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ userId: `probe-${instance.name}`, text: "三级贫困残疾人每年救助多少？" }),
  });
  const body = (await response.json()) as { replies?: Array<{ text: string }> };
  if (response.status !== 200 || !body.replies?.[0]?.text.includes("400"))
    throw new Error(`${instance.name} answered the probe ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
}

/**
 * The same load spread evenly over `instances`: one autocannon per instance with an equal share of the connections,
 * all at once, the users taken in turn across all of them (a user's next message may reach another instance, as
 * behind a load balancer without affinity). Requests per second summed; latencies merged from every answer.
 */
async function drive(instances: Instance[], texts: readonly string[], firstUser: number, seconds: number, dbCpu?: CpuSampler): Promise<Measured> {
  let next = 0;
  const requests = (): Request[] => [
    {
      method: "POST",
      path: "/api/messages",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      setupRequest: (request: Request) => {
        const i = next++;
        return { ...request, body: JSON.stringify({ userId: `inst-${firstUser + (i % USERS)}`, text: texts[(i * 7) % texts.length] }) };
      },
    },
  ];
  const latencies: number[] = [];
  const cpuBefore = instances.map((i) => cpuSeconds(i.pid));
  const dbBefore = await dbCpu?.();
  const ticksBefore = machineTicks();
  const share = CONNECTIONS / instances.length;
  const results = await Promise.all(
    instances.map((instance) => {
      const run = autocannon({ url: instance.url, connections: share, duration: seconds, requests: requests() });
      run.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
      return run;
    }),
  );
  const ticksAfter = machineTicks();
  const dbAfter = await dbCpu?.();
  const cpuAfter = instances.map((i) => cpuSeconds(i.pid));
  const cpuUsed = cpuBefore.every((c) => c !== undefined) ? cpuAfter.reduce<number>((sum, c, k) => sum + (c ?? 0) - (cpuBefore[k] ?? 0), 0) : undefined;
  latencies.sort((a, b) => a - b);
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  const timeouts = results.reduce((sum, r) => sum + r.timeouts, 0);
  const non2xx = results.reduce((sum, r) => sum + r.non2xx, 0);
  return {
    instances: instances.length,
    connections: CONNECTIONS,
    rps: results.reduce((sum, r) => sum + r.requests.total / r.duration, 0),
    p50_ms: percentile(latencies, 0.5),
    p99_ms: percentile(latencies, 0.99),
    requests: total,
    errors,
    timeouts,
    non2xx,
    // autocannon's errors count its timeouts; a run with nothing answered is not clean either.
    clean: errors === 0 && non2xx === 0 && total > 0,
    app_cpu_ms_per_request: cpuUsed === undefined || total === 0 ? null : (cpuUsed * 1000) / total,
    machine_busy: ticksBefore && ticksAfter ? (ticksAfter.busy - ticksBefore.busy) / Math.max(1, ticksAfter.total - ticksBefore.total) : null,
    ...(dbCpu ? { db_cpu_ms_per_request: dbBefore && dbAfter && total > 0 ? (cpuBetween(dbBefore, dbAfter) * 1000) / total : null } : {}),
  };
}

/**
 * Waits until the instances have answered what autocannon left in flight when it stopped (up to one request per
 * connection, queued behind each other): their CPU use falls to nearly nothing. Otherwise the warm-up's leftovers
 * would run inside the measured run, and the measured run's inside the statement count.
 */
async function settle(instances: Instance[]): Promise<void> {
  for (let tries = 0; tries < 30; tries++) {
    const before = instances.map((i) => cpuSeconds(i.pid) ?? 0);
    await new Promise((done) => setTimeout(done, 500));
    const busy = instances.some((i, k) => (cpuSeconds(i.pid) ?? 0) - before[k]! > 0.05);
    if (!busy) return;
  }
}

/** The CPU a message cost in the app and (PostgreSQL on this machine) in the database's backends, ms. */
function cpuPerMessage(m: Measured): number {
  return (m.app_cpu_ms_per_request ?? Number.NaN) + (m.db_cpu_ms_per_request ?? 0);
}

/** Warm-up, then the measured run; fresh users each time so no rate limit carries over. */
async function measure(instances: Instance[], texts: readonly string[], firstUser: number, dbCpu?: CpuSampler): Promise<Measured> {
  for (const instance of instances) await probe(instance);
  await drive(instances, texts, firstUser + 500_000, WARM_UP_S);
  await settle(instances);
  const measured = await drive(instances, texts, firstUser, DURATION_S, dbCpu);
  await settle(instances);
  return measured;
}

/** Turns one after another on one connection: a turn's own latency, without queueing behind others. */
async function sequential(
  instance: Instance,
  texts: readonly string[],
  firstUser: number,
): Promise<{ turns: number; p50_ms: number; mean_ms: number; p99_ms: number; app_cpu_ms_per_turn: number | null }> {
  const times: number[] = [];
  const cpuBefore = cpuSeconds(instance.pid);
  for (let i = 0; i < SEQUENTIAL_TURNS; i++) {
    const started = performance.now();
    const response = await fetch(`${instance.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ userId: `seq-${firstUser + i}`, text: texts[(i * 7) % texts.length] }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`sequential turn answered ${response.status}`);
    times.push(performance.now() - started);
  }
  const cpuAfter = cpuSeconds(instance.pid);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    turns: times.length,
    p50_ms: percentile(sorted, 0.5),
    mean_ms: times.reduce((a, b) => a + b, 0) / times.length,
    p99_ms: percentile(sorted, 0.99),
    app_cpu_ms_per_turn: cpuBefore === undefined || cpuAfter === undefined ? null : ((cpuAfter - cpuBefore) * 1000) / times.length,
  };
}

interface StatementCount {
  statement: string;
  per_turn: number;
  mean_ms: number;
}

interface QueryCount {
  turns: number;
  /** Statements the server ran per turn (each one a network round trip from node-postgres); null without pg_stat_statements. */
  statements_per_turn: number | null;
  transactions_per_turn: number;
  top: StatementCount[];
}

/** A statement as one short line, for the table. */
function shorten(query: string): string {
  const flat = query.replace(/\s+/g, " ").trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}

/** The sequential turns again on PostgreSQL, with the server counting what they send. */
async function countQueries(
  server: PgServer,
  database: string,
  instance: Instance,
  texts: readonly string[],
): Promise<{ latency: Awaited<ReturnType<typeof sequential>>; queries: QueryCount }> {
  const client = new pg.Client(clientConfig(server, database));
  await client.connect();
  try {
    let statements = true;
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      await client.query("SELECT pg_stat_statements_reset()");
    } catch {
      // Not preloaded on a server someone else gave us: the transactions are still counted.
      statements = false;
    }
    const transactions = async () => {
      // The counters reach pg_stat_database when a backend goes idle (at most once a second): wait for them.
      await new Promise((done) => setTimeout(done, 1_500));
      await client.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await client.query<{ n: string }>("SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()");
      return Number(rows[0]!.n);
    };
    const before = await transactions();
    const latency = await sequential(instance, texts, 900_000);
    // The counting client's own transactions (two a read) are left out.
    const xacts = (await transactions()) - before - 2;
    let top: StatementCount[] = [];
    let perTurn: number | null = null;
    if (statements) {
      const { rows } = await client.query<{ query: string; calls: string; mean_ms: number }>(
        `SELECT query, calls, mean_exec_time AS mean_ms FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT LIKE '%pg_stat_%' ORDER BY calls DESC`,
      );
      perTurn = rows.reduce((sum, r) => sum + Number(r.calls), 0) / latency.turns;
      top = rows
        .map((r) => ({ statement: shorten(r.query), per_turn: Number(r.calls) / latency.turns, mean_ms: r.mean_ms }))
        .filter((s) => s.per_turn >= 0.05)
        .slice(0, 14);
    }
    return { latency, queries: { turns: latency.turns, statements_per_turn: perTurn, transactions_per_turn: xacts / latency.turns, top } };
  } finally {
    await client.end();
  }
}

function warnings(instances: Instance[]): string[] {
  return instances.flatMap((i) =>
    i.stderr
      .join("")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => `${i.name}: ${line.slice(0, 200)}`),
  );
}

type PgPart =
  | {
      skipped: string;
    }
  | {
      source: string;
      runs: Measured[];
      sequential: Awaited<ReturnType<typeof sequential>>;
      queries: QueryCount;
      warnings: string[];
    };

async function postgresPart(texts: readonly string[]): Promise<PgPart> {
  const found = await findPostgres();
  if ("skipped" in found) return found;
  const server = found.server;
  const instances: Instance[] = [];
  let database: Awaited<ReturnType<typeof createBenchDatabase>> | undefined;
  let closeMonitor: () => Promise<void> | undefined = () => undefined;
  try {
    database = await createBenchDatabase(server);
    const url = connectionString(server, database.name);
    // The backends' CPU is read from /proc only when the cluster is this machine's own (made here for the bench).
    const monitor = server.source === "pg_virtualenv" ? new pg.Client(clientConfig(server, database.name)) : undefined;
    await monitor?.connect();
    closeMonitor = () => monitor?.end();
    const dbCpu: CpuSampler | undefined = monitor
      ? async () => {
          const { rows } = await monitor.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
          );
          const cpu = new Map<number, number>();
          for (const { pid } of rows) {
            const seconds = cpuSeconds(pid);
            if (seconds !== undefined) cpu.set(pid, seconds);
          }
          return cpu;
        }
      : undefined;
    const runs: Measured[] = [];
    let seq: Awaited<ReturnType<typeof sequential>> | undefined;
    let queries: QueryCount | undefined;
    for (let n = 1; n <= 3; n++) {
      instances.push(await startInstance(`bench-pg-${n}`, { DATABASE_URL: url }));
      runs.push(await measure(instances, texts, n * 1_000_000, dbCpu));
      if (n === 1) ({ latency: seq, queries } = await countQueries(server, database.name, instances[0]!, texts));
    }
    return { source: server.source, runs, sequential: seq!, queries: queries!, warnings: warnings(instances) };
  } catch (error) {
    return { skipped: `PostgreSQL run failed: ${(error as Error).message.split("\n")[0]}` };
  } finally {
    await closeMonitor()?.catch(() => {});
    await Promise.all(instances.map((i) => i.stop()));
    await database?.drop().catch(() => {});
    await server.release();
  }
}

export default async function benchInstances(): Promise<string[]> {
  const cores = cpus().length;
  const lines = [
    `## Instances: SQLite vs PostgreSQL with 1, 2 and 3 app instances (POST /api/messages, ${CONNECTIONS} connections in all, ${DURATION_S} s, ${cores} cores)`,
  ];
  const texts = mixedMessageTexts();
  const load = loadavg().map((l) => Math.round(l * 100) / 100);

  // SQLite: one instance (several cannot share one file across machines; that is what PostgreSQL is for).
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-instances-"));
  let sqlite: Measured;
  let sqliteSequential: Awaited<ReturnType<typeof sequential>>;
  let sqliteWarnings: string[];
  const sqliteInstance = await startInstance("bench-sqlite", { DB_PATH: join(dir, "bench.db") });
  try {
    sqlite = await measure([sqliteInstance], texts, 0);
    sqliteSequential = await sequential(sqliteInstance, texts, 800_000);
  } finally {
    await sqliteInstance.stop();
    sqliteWarnings = warnings([sqliteInstance]);
    rmSync(dir, { recursive: true, force: true });
  }

  const postgres = await postgresPart(texts);
  const loadAfter = Math.round(loadavg()[0]! * 100) / 100;

  const cells = (m: Measured) => ({
    "msg/s": m.rps,
    "p50 ms": m.p50_ms,
    "p99 ms": m.p99_ms,
    errors: m.errors,
    non2xx: m.non2xx,
    "app cpu ms/msg": m.app_cpu_ms_per_request ?? Number.NaN,
    ...(m.db_cpu_ms_per_request !== undefined ? { "PG cpu ms/msg": m.db_cpu_ms_per_request ?? Number.NaN } : {}),
    "cpu busy %": m.machine_busy === null ? Number.NaN : m.machine_busy * 100,
    "0 errors/non-2xx": verdict(m.clean),
  });
  lines.push(row("SQLite, 1 instance", cells(sqlite)));
  const tableRows: Cell[][] = [
    [
      "SQLite, 1 instance",
      sqlite.rps,
      sqlite.p50_ms,
      sqlite.p99_ms,
      String(sqlite.errors),
      String(sqlite.non2xx),
      sqlite.app_cpu_ms_per_request,
      "(in the app)",
      sqlite.machine_busy === null ? null : sqlite.machine_busy * 100,
      "1 (reference)",
      `${verdict(sqlite.clean)} zero errors and non-2xx`,
    ],
  ];
  const figures: Record<string, unknown> = {
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    warm_up_s: WARM_UP_S,
    users: USERS,
    cores,
    load_average_before: load,
    load_average_after: loadAfter,
    sqlite_1: sqlite,
    sqlite_sequential: sqliteSequential,
  };
  let summary: string;
  const text: string[] = [];
  if ("skipped" in postgres) {
    lines.push(row("PostgreSQL, 1–3 instances", { skipped: postgres.skipped }));
    tableRows.push(["PostgreSQL, 1, 2 and 3 instances", null, null, null, null, null, null, null, null, null, `skipped: ${postgres.skipped}`]);
    figures.postgres = { skipped: postgres.skipped };
    figures.all_clean = sqlite.clean;
    summary = `instances: SQLite 1 instance ${formatNumber(sqlite.rps)} msg/s, p99 ${formatNumber(sqlite.p99_ms)} ms; PostgreSQL skipped (${postgres.skipped})`;
  } else {
    const [pg1, pg2, pg3] = postgres.runs as [Measured, Measured, Measured];
    const ratios = {
      pg1_over_sqlite1: pg1.rps / sqlite.rps,
      pg2_over_pg1: pg2.rps / pg1.rps,
      pg3_over_pg1: pg3.rps / pg1.rps,
      p99_pg1_over_sqlite1: pg1.p99_ms / sqlite.p99_ms,
      p99_pg2_over_pg1: pg2.p99_ms / pg1.p99_ms,
      p99_pg3_over_pg1: pg3.p99_ms / pg1.p99_ms,
      // CPU per message (app + PostgreSQL's backends): what the machine's other load changes least.
      cpu_per_msg_pg1_over_sqlite1: cpuPerMessage(pg1) / cpuPerMessage(sqlite),
    };
    const ratioText = ["PG 1 / SQLite 1", "PG 2 / PG 1", "PG 3 / PG 1"];
    const ratioValues = [ratios.pg1_over_sqlite1, ratios.pg2_over_pg1, ratios.pg3_over_pg1];
    postgres.runs.forEach((m, k) => {
      lines.push(row(`PostgreSQL, ${m.instances} instance${m.instances > 1 ? "s" : ""}`, { ...cells(m), [ratioText[k]!]: ratioValues[k]! }));
      tableRows.push([
        `PostgreSQL, ${m.instances} instance${m.instances > 1 ? "s" : ""}`,
        m.rps,
        m.p50_ms,
        m.p99_ms,
        String(m.errors),
        String(m.non2xx),
        m.app_cpu_ms_per_request,
        m.db_cpu_ms_per_request ?? null,
        m.machine_busy === null ? null : m.machine_busy * 100,
        `${ratioText[k]} = ${ratioValues[k]!.toFixed(2)}`,
        `${verdict(m.clean)} zero errors and non-2xx`,
      ]);
    });
    const seq = postgres.sequential;
    const q = postgres.queries;
    const extraMs = seq.p50_ms - sqliteSequential.p50_ms;
    lines.push(
      row("one turn at a time (median ms)", {
        SQLite: sqliteSequential.p50_ms,
        PostgreSQL: seq.p50_ms,
        "PG extra ms": extraMs,
        "app cpu ms/turn SQLite": sqliteSequential.app_cpu_ms_per_turn ?? Number.NaN,
        "app cpu ms/turn PG": seq.app_cpu_ms_per_turn ?? Number.NaN,
        "statements/turn": q.statements_per_turn ?? Number.NaN,
        "transactions/turn": q.transactions_per_turn,
      }),
    );
    for (const s of q.top.slice(0, 8)) lines.push(row(`  ${s.statement.slice(0, 60)}`, { "per turn": s.per_turn, "mean ms": s.mean_ms }));
    const allClean = sqlite.clean && postgres.runs.every((m) => m.clean);
    figures.postgres = {
      source: postgres.source,
      pg_1: pg1,
      pg_2: pg2,
      pg_3: pg3,
      sequential: seq,
      queries_per_turn: q,
      instance_warnings: postgres.warnings.slice(0, 20),
    };
    figures.ratios = ratios;
    figures.all_clean = allClean;
    summary =
      `instances: SQLite 1 ${formatNumber(sqlite.rps)} msg/s (p99 ${formatNumber(sqlite.p99_ms)} ms); PostgreSQL 1/2/3 ${formatNumber(pg1.rps)}/${formatNumber(pg2.rps)}/${formatNumber(pg3.rps)} msg/s ` +
      `(p99 ${formatNumber(pg1.p99_ms)}/${formatNumber(pg2.p99_ms)}/${formatNumber(pg3.p99_ms)} ms); PG 1 / SQLite 1 ${ratios.pg1_over_sqlite1.toFixed(2)}, ` +
      `PG 2 / PG 1 ${ratios.pg2_over_pg1.toFixed(2)}, PG 3 / PG 1 ${ratios.pg3_over_pg1.toFixed(2)} on ${cores} shared cores; CPU per message PG / SQLite ${ratios.cpu_per_msg_pg1_over_sqlite1.toFixed(2)}; errors+non-2xx zero: ${allClean ? "yes" : "NO"}`;
    text.push(
      `One turn at a time on one connection (${seq.turns} turns, the machine otherwise as loaded as it is): median **${formatNumber(sqliteSequential.p50_ms)} ms on SQLite, ` +
        `${formatNumber(seq.p50_ms)} ms on PostgreSQL** (+${formatNumber(extraMs)} ms); the app process's own CPU per turn ${formatNumber(sqliteSequential.app_cpu_ms_per_turn ?? Number.NaN)} ms on SQLite, ${formatNumber(seq.app_cpu_ms_per_turn ?? Number.NaN)} ms on PostgreSQL. Counted by the server (pg_stat_statements${q.statements_per_turn === null ? ", not loaded on this server" : ""}) ` +
        `over those turns: **${q.statements_per_turn === null ? "n/a" : formatNumber(q.statements_per_turn)} statements per turn, each a round trip from node-postgres, ` +
        `in ${formatNumber(q.transactions_per_turn)} transactions** (pg_stat_database; background work of the instance — lease, outbox — included, it is small next to the turns):`,
      "",
      q.top.length > 0
        ? table(
            ["statement (as the server normalized it)", "per turn", "mean ms on the server"],
            q.top.map((s): Cell[] => [`\`${s.statement.replaceAll("|", "\\|")}\``, s.per_turn, s.mean_ms]),
          )
        : "(no statement counts)",
      "",
      "Where PostgreSQL is slower, and why: on SQLite a turn's reads and its log commit are calls into a library in the same process " +
        "(microseconds each, the WAL commit without waiting for the disk); on PostgreSQL each statement above is a message to another process and back, " +
        "encoded and parsed by the driver on one side and a backend on the other, and the conversation's advisory lock (lock + unlock, on a connection of its own pool), " +
        "the session read and the log transaction (BEGIN, the insert, COMMIT; connections commit without waiting for the disk, only a durable transaction asks for it) are paid on every turn, whether or not another " +
        "instance is involved. The server spends little on them (the mean times above are hundredths of a millisecond): the cost is the trips. Under load they are " +
        `CPU more than waiting: the app used ${formatNumber(sqlite.app_cpu_ms_per_request ?? Number.NaN)} ms of CPU per message on SQLite and ` +
        `${formatNumber(pg1.app_cpu_ms_per_request ?? Number.NaN)} ms on PostgreSQL (1 instance), and PostgreSQL's backends another ` +
        `${formatNumber(pg1.db_cpu_ms_per_request ?? Number.NaN)} ms, all on the same ${cores} cores as the load generator: ` +
        `${formatNumber(cpuPerMessage(pg1) / (sqlite.app_cpu_ms_per_request ?? Number.NaN))}× the CPU per message, which is about what the throughput ratio ` +
        `(${ratios.pg1_over_sqlite1.toFixed(2)}) says. The same CPU also bounds PG 2 and PG 3 here: a second and third process add event loops, not cores.`,
    );
  }
  for (const w of [...sqliteWarnings, ...("skipped" in postgres ? [] : postgres.warnings)].slice(0, 5)) lines.push(`  instance said: ${w}`);
  lines.push(`load average before ${load.join(", ")}; after ${loadAfter}`);
  figures.summary = summary;
  record("instances", figures);

  addMarkdown(
    65,
    [
      "## 6b. SQLite vs PostgreSQL with 1, 2 and 3 instances (issue 16)",
      "",
      `Each instance is \`npm start\` (src/main.ts) in its own process with PORT=0 and its own INSTANCE_NAME; PostgreSQL instances share one database ` +
        `(${"skipped" in postgres ? "not run" : postgres.source === "pg_virtualenv" ? "a throwaway PostgreSQL 15 cluster made by pg_virtualenv on this machine" : "the server PGHOST names"}), ` +
        `pools at the default DATABASE_POOL_SIZE. The load is the HTTP section's: POST /api/messages with ${texts.length.toLocaleString("en")} mixed messages from ${USERS.toLocaleString("en")} users, ` +
        `**${CONNECTIONS} connections in all and ${DURATION_S} s in every configuration** (after ${WARM_UP_S} s of warm-up), spread evenly: one autocannon per instance ` +
        `with ${CONNECTIONS}/n connections, all at once, users taken in turn across them (no affinity), requests per second summed and every answer's latency merged for p50/p99.`,
      "",
      `**This machine has ${cores} cores, and they are shared**: the instances, PostgreSQL's backends and the load generator all run on them ` +
        `(and other helpers' test runs: load average ${load.join(", ")} before this section, ${loadAfter} after). More instances cannot add cores here, ` +
        "so PG 2 / PG 1 and PG 3 / PG 1 measure what a second and third process cost or gain on the same CPUs (more event loops in parallel, more processes competing), " +
        "not what they would give on separate machines; with the CPU busy % near 100 the figures are bounded by the cores, not by the database.",
      "",
      table(
        [
          "",
          "msg/s",
          "p50 ms",
          "p99 ms",
          "errors (timeouts included)",
          "non-2xx",
          "app CPU ms per msg",
          "PostgreSQL backends' CPU ms per msg",
          "machine CPU busy %",
          "ratio",
          "checked",
        ],
        tableRows,
      ),
      "",
      ...text,
    ].join("\n"),
  );
  lines.push(summary);
  return lines;
}
