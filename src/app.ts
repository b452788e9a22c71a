// Composition root: builds the data snapshot, store, assistant, HTTP server and channels from one config object.
import { serve, type ServerType } from "@hono/node-server";
import { z } from "zod";
import type { Hono } from "hono";
import { SnapshotHolder, type DataSnapshot } from "./snapshot/index.ts";
import { shareReloads } from "./snapshot/share.ts";
import { createLogger, type Logger } from "./core/logger.ts";
import { Notifier } from "./core/notifier.ts";
import type { Services } from "./core/turn.ts";
import { instanceName, prepareDatabasePath, type Config } from "./config/index.ts";
import { createAssistant, createFeatures } from "./intents/index.ts";
import { createLlm } from "./llm/index.ts";
import { startChannels, type RunningChannels } from "./channels/index.ts";
import { Store } from "./store/index.ts";
import { createHttpApp, httpServerOptions } from "./web/server.ts";
import { mountStaff } from "./web/staff/index.ts";
import { createConsultationRoutes } from "./consultations/index.ts";
import { trackServer, type GracefulServer } from "./web/shutdown.ts";
import type { Server as HttpServer } from "node:http";
import type { AppContext } from "./app-context.ts";

// Zod's built-in messages in Chinese, for every validation error a villager or cadre may read.
z.config(z.locales.zhCN());

export interface AppOverrides {
  logger?: Logger;
  clock?: () => Date;
  snapshot?: DataSnapshot;
  /** An open store (PostgreSQL is opened asynchronously: see `startApp`); default: SQLite at DB_PATH. */
  store?: Store;
}

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file at DB_PATH. */
export async function openStore(config: Config): Promise<Store> {
  if (!config.DATABASE_URL) return Store.open(prepareDatabasePath(config));
  return Store.connect({ connectionString: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, applicationName: `xiangqin ${instanceName(config)}` });
}

/** `createApp` on the configured database, SQLite or PostgreSQL (`npm start`). */
export async function startApp(config: Config, overrides: Omit<AppOverrides, "store"> = {}): Promise<App> {
  const store = await openStore(config);
  try {
    return createApp(config, { ...overrides, store });
  } catch (error) {
    await store.close();
    throw error;
  }
}

export interface App extends AppContext {
  store: Store;
  /**
   * Starts the HTTP server, the channels and every timer and watcher (outbox delivery, consultation
   * reminders, the data/ watcher); resolves with the bound port (PORT=0 in tests).
   */
  listen(): Promise<number>;
  /** Stops what listen started, waits for messages in flight, closes the database: nothing is left running. */
  close(): Promise<void>;
}

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? (() => new Date());
  if (!overrides.store && config.DATABASE_URL) throw new Error("DATABASE_URL is set: open the app with startApp, which connects first");
  const store = overrides.store ?? Store.open(prepareDatabasePath(config));
  const snapshot = new SnapshotHolder(config.DATA_DIR, logger, overrides.snapshot);
  const notifier = new Notifier(store.outbox, logger, clock);
  const llm = createLlm(config, { config, logger, store, clock });
  const services: Services = { config, store, logger, clock, notifier, llm };
  // Every repository is built once, here: the shared tables' in Store.open, the features' in createFeatures.
  const features = createFeatures(services, snapshot);
  const assistant = createAssistant({ services, snapshot, features });
  // Ready once listen has started everything, until close begins (/readyz).
  let accepting = false;
  const http: Hono = createHttpApp({ assistant, logger, notifier, accepting: () => accepting });
  let server: ServerType | undefined;
  let graceful: GracefulServer | undefined;
  let running: RunningChannels | undefined;
  let stopReminders: (() => void) | undefined;
  let stopSharingReloads: (() => void) | undefined;
  const ctx: AppContext = { config, services, snapshot, features, assistant, http, channels: () => ["web", ...(running?.names ?? [])] };
  mountStaff(http, ctx, { "/consultations": createConsultationRoutes(ctx) });

  return {
    ...ctx,
    store,
    async listen() {
      const port = await new Promise<number>((resolve, reject) => {
        server = serve({ fetch: http.fetch, hostname: config.HOST, port: config.PORT, serverOptions: httpServerOptions(config) }, (info) => resolve(info.port));
        server.once("error", reject);
        graceful = trackServer(server as HttpServer);
      });
      running = await startChannels(ctx);
      notifier.start();
      stopReminders ??= features.consultations.startReminders(config.CONSULTATION_REMINDER_MINUTES * 60_000);
      if (config.KB_WATCH === "on") snapshot.watch();
      // Several instances on one PostgreSQL database: a reload here reaches the others, theirs reach this one.
      stopSharingReloads ??= await shareReloads(snapshot, store.sql, instanceName(config), logger);
      accepting = true;
      return port;
    },
    async close() {
      accepting = false;
      stopSharingReloads?.();
      stopSharingReloads = undefined;
      snapshot.close();
      notifier.stop();
      stopReminders?.();
      stopReminders = undefined;
      // The web stops taking connections and answers what it has received while the channels stop.
      await Promise.all([running?.stop(), graceful?.stop()]);
      await assistant.drain();
      await llm?.close?.();
      await store.close();
    },
  };
}
