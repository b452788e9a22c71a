// Starts the real app on a temporary SQLite file and a free port on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/index.ts";
import { createApp, type App } from "../../src/app.ts";
import { createLogger, type Logger } from "../../src/core/logger.ts";
import { loadSnapshot, type DataSnapshot } from "../../src/snapshot/index.ts";

let sharedSnapshot: DataSnapshot | undefined;
/** Building the data snapshot takes a few hundred ms; tests that don't edit data share one. */
export function testSnapshot(): DataSnapshot {
  sharedSnapshot ??= loadSnapshot("data");
  return sharedSnapshot;
}

/**
 * Tests name their villagers by userId (the web chat itself uses a cookie): the app trusts a body userId only
 * with this token (CHAT_API_TOKEN), which every test app gets unless a test configures its own.
 */
export const TEST_CHAT_TOKEN = "test-chat-api-token-0123456789";
export const chatAuth = { authorization: `Bearer ${TEST_CHAT_TOKEN}` };

export interface TestApp {
  app: App;
  dir: string;
  url: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startTestApp(
  options: { env?: Record<string, string>; clock?: () => Date; listen?: boolean; snapshot?: DataSnapshot | null } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-test-"));
  // Transcripts send messages back to back, faster than anyone types: the per-user limit is raised unless a test sets it.
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DB_PATH: join(dir, "test.db"),
    LOG_LEVEL: "debug",
    CHAT_API_TOKEN: TEST_CHAT_TOKEN,
    CHAT_RATE_BURST: "10000",
    // No test edits data/ under a running app by hand; the reload tests call reload() or turn the watcher on.
    KB_WATCH: "off",
    ...options.env,
  });
  const logs: string[] = [];
  const logger: Logger = createLogger("debug", (line) => logs.push(line));
  const snapshot = options.snapshot === null ? undefined : (options.snapshot ?? testSnapshot());
  const app = createApp(config, { logger, ...(options.clock ? { clock: options.clock } : {}), ...(snapshot ? { snapshot } : {}) });
  const port = options.listen === false ? 0 : await app.listen();
  return {
    app,
    dir,
    url: `http://127.0.0.1:${port}`,
    logs,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one chat message over HTTP and returns status and JSON body. */
export async function postMessage(url: string, body: unknown, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...chatAuth },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave as text
  }
  return { status: res.status, body: parsed };
}

/** A transcript-style helper: ask(text) returns the joined reply text. */
export function conversation(url: string, userId = `u-${Math.random().toString(36).slice(2)}`) {
  return {
    userId,
    async ask(text: string, extra: Record<string, unknown> = {}) {
      const { status, body } = await postMessage(url, { channel: "web", userId, text, ...extra });
      if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body)}`);
      return { intent: body.intent as string, text: (body.replies as Array<{ text: string }>).map((r) => r.text).join("\n"), body };
    },
  };
}
