// An in-process app on a throwaway or chosen database, for the terminal tools, eval and bench.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/index.ts";
import { createApp, type App } from "../app.ts";
import { createLogger } from "../core/logger.ts";

export function createLocalApp(options: { temporary?: boolean; logLevel?: "silent" | "error" } = {}): App {
  const env = { ...process.env };
  if (options.temporary) env.DB_PATH = join(mkdtempSync(join(tmpdir(), "xiangqin-")), "xiangqin.db");
  const config = loadConfig(env);
  return createApp(config, { logger: createLogger(options.logLevel ?? "error") });
}
