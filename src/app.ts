// Composition root: builds the engine, store, assistant and HTTP server from one config object.
import { serve, type ServerType } from "@hono/node-server";
import { z } from "zod";
import type { Hono } from "hono";
import { Assistant } from "./core/assistant.ts";
import { EngineHolder, type Engine } from "./core/engine.ts";
import { createLogger, type Logger } from "./core/logger.ts";
import type { Services } from "./core/turn.ts";
import { prepareDatabasePath, type Config } from "./config.ts";
import { createHandlers, createInterceptors } from "./intents/index.ts";
import { Store } from "./store/index.ts";
import { createHttpApp } from "./web/server.ts";

// Zod's built-in messages in Chinese, for every validation error a villager or cadre may read.
z.config(z.locales.zhCN());

export interface AppOverrides {
  logger?: Logger;
  clock?: () => Date;
  engine?: Engine;
}

export interface App {
  config: Config;
  store: Store;
  engine: EngineHolder;
  assistant: Assistant;
  services: Services;
  http: Hono;
  /** Starts listening; resolves with the bound port (useful with PORT=0 in tests). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const store = Store.open(prepareDatabasePath(config));
  const engine = new EngineHolder(config.DATA_DIR, logger, overrides.engine);
  const services: Services = { store, logger, clock: overrides.clock ?? (() => new Date()) };
  const assistant = new Assistant({ engine, services, handlers: createHandlers(), interceptors: createInterceptors() });
  const http = createHttpApp({ assistant, logger });
  let server: ServerType | undefined;

  return {
    config,
    store,
    engine,
    assistant,
    services,
    http,
    listen() {
      return new Promise((resolve, reject) => {
        server = serve({ fetch: http.fetch, hostname: config.HOST, port: config.PORT }, (info) => resolve(info.port));
        server.once("error", reject);
      });
    },
    async close() {
      engine.close();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await assistant.drain();
      store.close();
    },
  };
}
