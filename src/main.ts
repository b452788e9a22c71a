// `npm start`: the assistant with web chat and HTTP API, plus whichever channels the environment enables.
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config/index.ts";
import { DataError } from "./knowledge/load.ts";
import { createApp } from "./app.ts";
import { createLogger } from "./core/logger.ts";

async function main(): Promise<void> {
  // A .env file is optional: `npm start` with no configuration at all must work.
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n请检查环境变量或 .env 文件（见 .env.example）。\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let app;
  try {
    app = createApp(config, { logger });
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`${error.message}\n运行 npm run kb:check 查看详情。\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.KB_WATCH === "on") app.engine.watch();
  const port = await app.listen();
  logger.info("xiangqin is running", {
    url: `http://${config.HOST}:${port}/`,
    entries: app.engine.current.kb.entries.length,
    database: config.DB_PATH,
    channels: app.channels(),
  });
  process.stdout.write(`乡亲助手已启动：http://${config.HOST}:${port}/（已开启的渠道：${app.channels().join("、")}）\n`);

  let stopping = false;
  // Graceful stop: channels stop taking updates and finish the ones in flight, then the database closes.
  // A second signal, or a stop that hangs, exits at once.
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn("second signal; exiting without waiting", { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info("stopping", { signal });
    setTimeout(() => {
      logger.error("stop took longer than 20 s; exiting");
      process.exit(1);
    }, 20_000).unref();
    try {
      await app.close();
      logger.info("stopped");
      process.exit(0);
    } catch (error) {
      logger.error("stop failed", { error });
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
