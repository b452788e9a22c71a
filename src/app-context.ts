// What the parts of the app (channels, staff API, dashboard) receive when they are wired together.
import type { Hono } from "hono";
import type { Config } from "./config/index.ts";
import type { Assistant } from "./core/assistant.ts";
import type { SnapshotHolder } from "./snapshot/index.ts";
import type { Services } from "./core/turn.ts";
import type { Features } from "./intents/index.ts";

export interface AppContext {
  config: Config;
  services: Services;
  /** The current version of data/ (read `.current` once per request; a reload swaps it whole). */
  snapshot: SnapshotHolder;
  /** The features' repositories and services (reports, consultations), built once and shared by chat and the web. */
  features: Features;
  assistant: Assistant;
  http: Hono;
  /** Channels running now ("web" always), for the start-up log and the dashboard. */
  channels(): string[];
}
