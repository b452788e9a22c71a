// Opens the SQLite file and brings its schema up to date with the numbered migrations beside this file.
import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}-[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), "utf8") }));
}

/**
 * How long one statement waits for another connection's lock. SQLite's busy wait sleeps on the main
 * thread, so every request waits with it: kept short, and writes that must succeed (reports, votes, the
 * message log) retry asynchronously with `retryWhileBusy` instead, leaving the event loop free.
 */
export const BUSY_TIMEOUT_MS = 50;

export function openDatabase(path: string): Db {
  const db = new Database(path);
  // WAL lets the dashboard read while chats write.
  db.pragma("journal_mode = WAL");
  // FULL: a commit is fsynced before it returns, so a receipt, a vote or a state change that was
  // acknowledged survives a power cut (NORMAL in WAL mode only survives a process crash). Only the
  // message log, written for every message, commits with NORMAL (see `relaxed`).
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  migrate(db);
  return db;
}

/**
 * Runs a top-level transaction with synchronous=NORMAL: for rows whose loss on a power cut costs no
 * promise made to anyone (the message log). SQLite refuses to change the level inside a transaction.
 */
export function relaxed<T>(db: Db, run: () => T): T {
  if (db.inTransaction) return run();
  db.pragma("synchronous = NORMAL");
  try {
    return run();
  } finally {
    db.pragma("synchronous = FULL");
  }
}

/** Any failure of SQLite itself (locked, disk full, read-only, I/O), as opposed to a bug in our code. */
export function isStorageFailure(error: unknown): boolean {
  return error instanceof Database.SqliteError || (typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("SQLITE_"));
}

/** Another connection holds the lock: worth trying again shortly. A full or read-only disk is not. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

export interface RetryOptions {
  /** Give up (rethrow the last SQLITE_BUSY) once this much time has passed. */
  withinMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a synchronous write, and while another process holds the lock tries again with growing pauses
 * (20 ms doubling to 500 ms, jittered) until `withinMs` has passed. Between tries the event loop serves
 * everyone else: a held lock slows the writes waiting for it, not the whole server.
 */
export async function retryWhileBusy<T>(write: () => T, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? pause;
  const started = Date.now();
  let delay = 20;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started + delay > options.withinMs) throw error;
    }
    await sleep(delay / 2 + Math.random() * delay);
    delay = Math.min(delay * 2, 500);
  }
}

export function migrate(db: Db, migrations = listMigrations()): number[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const applied = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
  const ran: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(migration.version, migration.name, new Date().toISOString());
    })();
    ran.push(migration.version);
  }
  return ran;
}
