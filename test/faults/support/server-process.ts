// Starts `npm start` (tsx src/main.ts) as a real child process, and a second process holding the database's write lock.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

/** The project the child runs: this checkout, or another (FAULTS_APP_DIR) to measure a version before a fix. */
export const APP_DIR = resolve(process.env.FAULTS_APP_DIR ?? ".");

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: APP_DIR,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", KB_WATCH: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start: ${stderr.join("")}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout.push(chunk.toString());
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout.join(""));
      if (match) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${match[1]}`);
      }
    });
    void exited.then((code) => fail(new Error(`server exited with ${code}: ${stderr.join("")}`)));
  });
  return {
    url,
    child,
    stdout,
    stderr,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export interface Reply {
  status: number;
  ms: number;
  body: any;
  error?: string;
}

/** One POST on its own connection; network errors (reset, refused) are returned, not thrown. */
export function post(url: string, path: string, body: unknown, onSent?: () => void): Promise<Reply> {
  const { hostname, port } = new URL(url);
  const data = JSON.stringify(body);
  const started = performance.now();
  return new Promise((done) => {
    const req = request(
      { hostname, port, path, method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          done({ status: res.statusCode ?? 0, ms: performance.now() - started, body: parsed });
        });
        res.on("error", (error: NodeJS.ErrnoException) => done({ status: 0, ms: performance.now() - started, body: null, error: error.code ?? error.message }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => done({ status: 0, ms: performance.now() - started, body: null, error: error.code ?? error.message }));
    // Sent means on the wire: the connection is established (queued by the server's kernel at least) and the body written.
    let connected = false;
    let written = false;
    const check = () => connected && written && onSent?.();
    req.on("socket", (socket) => socket.once("connect", () => ((connected = true), check())));
    req.end(data, () => ((written = true), check()));
  });
}

export async function get(url: string, path: string): Promise<Reply> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}${path}`);
    return { status: res.status, ms: performance.now() - started, body: await res.text() };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: null, error: String(error) };
  }
}

/** A villager's message; its reply text. */
export async function ask(url: string, text: string): Promise<Reply & { text: string }> {
  const reply = await post(url, "/api/messages", { channel: "web", text });
  const text_ = reply.status === 200 ? (reply.body.replies as Array<{ text: string }>).map((r) => r.text).join("\n") : "";
  return { ...reply, text: text_ };
}

/**
 * Another process takes the write lock (BEGIN IMMEDIATE plus a write) and holds it for `ms`.
 * Resolves once the lock is held; `released` settles when it has committed and exited.
 */
export async function holdWriteLock(dbPath: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require(${JSON.stringify(join(APP_DIR, "node_modules/better-sqlite3"))});
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec("BEGIN IMMEDIATE");
    db.exec("CREATE TABLE IF NOT EXISTS other_writer (x)");
    db.prepare("INSERT INTO other_writer VALUES (?)").run(Date.now());
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec("COMMIT");
    db.close();
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((done) => child.once("exit", () => done()));
  await new Promise<void>((done, fail) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && done());
    void released.then(() => fail(new Error("lock holder exited before locking")));
  });
  return { released };
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
