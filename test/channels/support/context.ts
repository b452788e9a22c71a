// An AppContext for adapter tests: real config, SQLite store, notifier and HTTP server, with a scripted assistant.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { AppContext } from "../../../src/app-context.ts";
import type { Assistant, AssistantResult } from "../../../src/core/assistant.ts";
import type { SnapshotHolder } from "../../../src/snapshot/index.ts";
import type { Features } from "../../../src/intents/index.ts";
import { createLogger } from "../../../src/core/logger.ts";
import { reply, type InboundMessage, type Reply } from "../../../src/core/message.ts";
import { Notifier } from "../../../src/core/notifier.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { Store } from "../../../src/store/index.ts";

export type Script = (message: InboundMessage) => Reply[] | Promise<Reply[]>;

/** Answers "答：<text>" unless a script says otherwise; drops repeated platform message ids like the core. */
export const echo: Script = (message) => [reply(`答：${message.text}`)];

export interface AdapterContext {
  ctx: AppContext;
  /** Every message the core received, in arrival order. */
  received: InboundMessage[];
  logs: string[];
  httpUrl: string;
  store: Store;
  close(): Promise<void>;
}

export async function adapterContext(env: Record<string, string>, script: Script = echo): Promise<AdapterContext> {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-channels-"));
  const config = loadConfig({ PORT: "0", DB_PATH: join(dir, "test.db"), LOG_LEVEL: "debug", ...env });
  const logs: string[] = [];
  const logger = createLogger("debug", (line) => logs.push(line));
  // No checkpoint worker: these short tests delete the folder right after closing.
  const store = Store.open(config.DB_PATH, { backgroundCheckpoint: false });
  const clock = () => new Date();
  const notifier = new Notifier(store.outbox, logger, clock, (m) => store.transitional.enqueue(m));
  const received: InboundMessage[] = [];
  const seen = new Set<string>();
  const assistant = {
    async handle(message: InboundMessage): Promise<AssistantResult> {
      const key = `${message.channel}:${message.messageId}`;
      if (message.messageId && seen.has(key)) return { intent: "unknown", confidence: 0, replies: [], duplicate: true, latencyMs: 0 };
      seen.add(key);
      received.push(message);
      return { intent: "policy", confidence: 1, replies: await script(message), duplicate: false, latencyMs: 0 };
    },
  } as unknown as Assistant;
  const http = new Hono();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: http.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const address = server.address() as { port: number };
  const ctx: AppContext = {
    config,
    services: { config, store, logger, clock, notifier },
    snapshot: {} as SnapshotHolder,
    // Channels reach no feature directly: they hand messages to the (fake) assistant.
    features: {} as Features,
    assistant,
    http,
    channels: () => ["web"],
  };
  return {
    ctx,
    received,
    logs,
    httpUrl: `http://127.0.0.1:${address.port}`,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
