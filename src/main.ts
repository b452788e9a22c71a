// `npm start`: the assistant with web chat and HTTP API, plus whichever channels the environment enables.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, instanceName, loadConfig, prepareDatabasePath } from "./config/index.ts";
import { isDatabaseFailure } from "./store/sql.ts";
import { createLogger } from "./core/logger.ts";
import { DatabaseOpenError, databaseOpenReason, openDatabase } from "./store/database.ts";

async function main(): Promise<void> {
  // A .env file is optional: `npm start` with no configuration at all must work.
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: ReturnType<typeof loadConfig>;
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
  // A SQLite file is tried first, before the rest of the app is even loaded: a wrong DB_PATH is said in a second.
  if (!config.DATABASE_URL) {
    try {
      openDatabase(prepareDatabasePath(config)).close();
    } catch (error) {
      const explained = explainDatabaseFailure(error, config.DB_PATH);
      if (explained) {
        process.stderr.write(`${explained}\n`);
        process.exit(1);
      }
      throw error;
    }
  }
  const [{ startApp }, { DataError }] = await Promise.all([import("./app.ts"), import("./knowledge/load.ts")]);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, { logger });
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`${error.message}\n运行 npm run kb:check 查看详情。\n`);
      process.exit(1);
    }
    const explained = config.DATABASE_URL ? explainPostgresFailure(error) : explainDatabaseFailure(error, config.DB_PATH);
    if (explained) {
      process.stderr.write(`${explained}\n`);
      process.exit(1);
    }
    throw error;
  }
  const port = await app.listen();
  logger.info("xiangqin is running", {
    url: `http://${config.HOST}:${port}/`,
    entries: app.snapshot.current.kb.entries.length,
    database: config.DATABASE_URL ? "postgresql (DATABASE_URL)" : config.DB_PATH,
    instance: instanceName(config),
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

/**
 * One line, Chinese then English, naming the setting, the path and what to do, when start-up failed on the
 * database file or its folder; undefined for any other failure (those keep their stack trace).
 */
export function explainDatabaseFailure(error: unknown, dbPath: string): string | undefined {
  const path = dbPath === ":memory:" ? dbPath : resolve(dbPath);
  let reasons: [string, string] | undefined;
  if (error instanceof DatabaseOpenError) reasons = databaseOpenReason(error.cause);
  else {
    // Creating the folder (before SQLite is reached) fails with a file-system error on a part of DB_PATH.
    const failedPath = (error as { path?: unknown })?.path;
    if (typeof failedPath === "string" && path.startsWith(resolve(failedPath))) reasons = databaseOpenReason(error);
  }
  if (!reasons) return undefined;
  const [zh, en] = reasons;
  const full = /磁盘已满/.test(zh);
  const todoZh = full
    ? "请腾出磁盘空间，或把 DB_PATH 改到空间够的磁盘上"
    : "请创建这个文件夹并让运行本程序的用户可写（修正权限），或把 DB_PATH 改成一个可写的路径";
  const todoEn = full
    ? "free some disk space, or set DB_PATH to a disk with room"
    : "create the folder and make it writable for the user running this program (fix permissions), or set DB_PATH to a writable path";
  return `数据库打不开：DB_PATH=${path}（${zh}）。${todoZh}。 / Cannot open the database at DB_PATH=${path} (${en}): ${todoEn}.`;
}

/**
 * One line, Chinese then English, when PostgreSQL (DATABASE_URL) could not be reached or refused us; the URL itself
 * is never shown (it carries the password). Undefined for failures that are not about the connection.
 */
export function explainPostgresFailure(error: unknown): string | undefined {
  if (!isDatabaseFailure(error) && !/^(28|3D)/.test(String((error as { code?: unknown })?.code ?? ""))) return undefined;
  const detail = (error as Error)?.message ?? String(error);
  return `连不上 PostgreSQL 数据库（DATABASE_URL，已隐藏）：${detail}。请检查数据库是否在运行、地址、用户名、密码和库名。 / Cannot use the PostgreSQL database named by DATABASE_URL (hidden): ${detail}.`;
}

void main();
