// Several real app processes (`node --import tsx src/main.ts`) on one PostgreSQL database, and the HTTP calls
// the tests make to them: chat with a cookie or a vouched userId, the staff API, notifications.
import { request } from "node:http";
import { startServer, type ServerProcess } from "../faults/support/server-process.ts";
import type { TestDatabase } from "../helpers/databases.ts";

export const CHAT_TOKEN = "instances-chat-api-token-0123456789";
export const STAFF_TOKEN = "instances-staff-api-token-0123456789";

export interface Instance extends ServerProcess {
  name: string;
}

/**
 * Starts one process per name on `database`, all at once (as a deployment's instances come up together), each
 * with its own INSTANCE_NAME and port. Leases last 2 s so a takeover is quick to watch.
 */
export async function startInstances(database: TestDatabase, names: string[], env: Record<string, string> = {}): Promise<Instance[]> {
  if (!database.url) throw new Error("instances need a PostgreSQL database");
  const started = await Promise.allSettled(
    names.map(async (name) => {
      const server = await startServer({
        DATABASE_URL: database.url!,
        INSTANCE_NAME: name,
        PORT: "0",
        KB_WATCH: "off",
        LEADER_LEASE_SECONDS: "2",
        DATABASE_POOL_SIZE: "8",
        CHAT_API_TOKEN: CHAT_TOKEN,
        STAFF_API_TOKEN: STAFF_TOKEN,
        // Tests send faster than anyone types; the limits are the web route's business, not these tests'.
        CHAT_RATE_BURST: "10000",
        CHAT_RATE_PER_MINUTE: "100000",
        ...env,
      });
      return Object.assign(server, { name });
    }),
  );
  const ok = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stopAll(ok);
    throw (failed as PromiseRejectedResult).reason;
  }
  return ok;
}

export async function stopAll(instances: Instance[]): Promise<void> {
  await Promise.all(instances.map((i) => i.stop()));
}

/** Kills the process at once, as a crash or the OOM killer would: no shutdown code runs. */
export async function kill9(instance: Instance): Promise<void> {
  instance.child.kill("SIGKILL");
  await instance.exited;
}

export interface JsonReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whichever JSON each endpoint answers
  body: any;
  headers: Record<string, string | string[] | undefined>;
  /** Set when the request failed on the network (reset, refused): no HTTP answer at all. */
  error?: string;
  startedAt: number;
  endedAt: number;
}

/** One JSON request on its own connection; network errors are returned, not thrown. */
export function call(url: string, path: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonReply> {
  const target = new URL(path, url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const failed = (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: null, headers: {}, error: error.code ?? error.message, startedAt, endedAt: Date.now() });
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? (payload === undefined ? "GET" : "POST"),
        headers: {
          ...(payload === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) }),
          ...options.headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", failed);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, startedAt, endedAt: Date.now() });
        });
      },
    );
    req.on("error", failed);
    req.end(payload);
  });
}

export function replyText(reply: JsonReply): string {
  return reply.status === 200 ? (reply.body.replies as Array<{ text: string }>).map((r) => r.text).join("\n") : "";
}

/** A villager named by userId (the integration API: CHAT_API_TOKEN vouches for the name). */
export function vouched(userId: string) {
  const auth = { authorization: `Bearer ${CHAT_TOKEN}` };
  return {
    userId,
    say: (url: string, text: string, extra: Record<string, unknown> = {}) =>
      call(url, "/api/messages", { body: { channel: "web", userId, text, ...extra }, headers: auth }),
    notifications: (url: string) => call(url, `/api/notifications?userId=${encodeURIComponent(userId)}`, { headers: auth }),
  };
}

/** A web chat visitor as the browser is: no name, only the cookie the server set. */
export function browser() {
  let cookie: string | undefined;
  const keep = (reply: JsonReply) => {
    const set = reply.headers["set-cookie"];
    const first = Array.isArray(set) ? set[0] : set;
    if (first) cookie = first.split(";")[0];
    return reply;
  };
  return {
    get cookie() {
      return cookie;
    },
    say: async (url: string, text: string) => keep(await call(url, "/api/messages", { body: { channel: "web", text }, headers: cookie ? { cookie } : {} })),
    notifications: async (url: string) => keep(await call(url, "/api/notifications", { headers: cookie ? { cookie } : {} })),
  };
}

/** The staff API with the token (an admin, for scripts). */
export function staffApi(url: string, method: string, path: string, body?: unknown): Promise<JsonReply> {
  return call(url, `/api/staff${path}`, { method, body, headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `check` until it returns a value other than undefined; throws after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(100);
  }
}
