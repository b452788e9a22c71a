// A PostgreSQL server for the bench: the one libpq's PG* variables name (PGHOST set), or else a throwaway cluster
// made by pg_virtualenv and dropped when the bench lets go of it. Never fails: says why PostgreSQL is unavailable.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import pg from "pg";

export interface PgServer {
  /** How it was found: "PGHOST" or "pg_virtualenv". */
  source: string;
  host: string;
  port: string;
  user: string;
  password: string | undefined;
  /** Lets go of the server (the throwaway cluster is dropped). */
  release(): Promise<void>;
}

export type PgAvailability = { server: PgServer } | { skipped: string };

// Holds the cluster while the bench runs: prints the PG* variables pg_virtualenv set, exits when its stdin closes
// (the bench is done, or died), and pg_virtualenv then drops the cluster.
const HOLDER = `
const pick = (k) => process.env[k];
process.stdout.write("PGENV " + JSON.stringify({ host: pick("PGHOST"), port: pick("PGPORT"), user: pick("PGUSER"), password: pick("PGPASSWORD") }) + "\\n");
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
`;

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

async function throwaway(): Promise<PgServer> {
  // -t: the cluster's files in a temp directory, so it does not collide with another run's 15/regress in /etc.
  // pg_stat_statements preloaded: the bench counts the statements a turn makes.
  const child = spawn("pg_virtualenv", ["-t", "-o", "shared_preload_libraries=pg_stat_statements", process.execPath, "-e", HOLDER], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const env = await new Promise<{ host: string; port: string; user: string; password?: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`pg_virtualenv did not start a cluster in 90 s: ${output.join("").slice(-500)}`)), 90_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output.push(`${line}\n`);
      if (!line.startsWith("PGENV ")) return;
      clearTimeout(timer);
      done(JSON.parse(line.slice(6)));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`pg_virtualenv exited with ${code}: ${output.join("").trim().slice(-500)}`));
    });
  });
  return {
    source: "pg_virtualenv",
    host: env.host,
    port: env.port,
    user: env.user,
    password: env.password,
    async release() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill("SIGTERM"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The server to bench on, or why there is none. */
export async function findPostgres(): Promise<PgAvailability> {
  const env = process.env;
  if (env.PGHOST) {
    return {
      server: {
        source: "PGHOST",
        host: env.PGHOST,
        port: env.PGPORT ?? "5432",
        user: env.PGUSER ?? "postgres",
        password: env.PGPASSWORD,
        release: async () => {},
      },
    };
  }
  if (!onPath("pg_virtualenv")) return { skipped: "PostgreSQL not available: PGHOST is not set and pg_virtualenv is not installed" };
  let lastError: unknown;
  // Two runs starting clusters at the same moment may race for a port: try again a little later.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return { server: await throwaway() };
    } catch (error) {
      lastError = error;
      await new Promise((done) => setTimeout(done, 5_000));
    }
  }
  return { skipped: `PostgreSQL not available: ${(lastError as Error).message.split("\n")[0]}` };
}

export function clientConfig(server: PgServer, database: string): pg.ClientConfig {
  return { host: server.host, port: Number(server.port), user: server.user, password: server.password, database };
}

/** A connection string for `database` on the server (a socket directory as PGHOST goes in the query). */
export function connectionString(server: PgServer, database: string): string {
  const auth = `${encodeURIComponent(server.user)}${server.password ? `:${encodeURIComponent(server.password)}` : ""}`;
  if (server.host.startsWith("/")) return `postgres://${auth}@localhost:${server.port}/${database}?host=${encodeURIComponent(server.host)}`;
  return `postgres://${auth}@${server.host}:${server.port}/${database}`;
}

/** A new empty database on the server; `drop` removes it (connections and all). */
export async function createBenchDatabase(server: PgServer): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `xq_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client(clientConfig(server, "postgres"));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    async drop() {
      const dropper = new pg.Client(clientConfig(server, "postgres"));
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
