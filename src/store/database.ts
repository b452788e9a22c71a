// Opens the SQLite file and brings its schema up to date with the numbered migrations beside this file.
import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../core/errors.ts";

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
 * message log) retry asynchronously with `Sql.write` instead, leaving the event loop free. Every try
 * still blocks for up to this long: at 50 ms, four writers retrying under a held lock stalled /healthz 1.3 s.
 * This process is normally the only writer, so a short wait costs nothing in ordinary use.
 */
export const BUSY_TIMEOUT_MS = 10;

/** The database file cannot be opened or written (missing folder, permissions, read-only, full, not a database). */
export class DatabaseOpenError extends AppError {
  constructor(
    readonly path: string,
    readonly reason: string,
    cause: unknown,
  ) {
    super("DATABASE_OPEN_FAILED", `cannot open the database at ${path}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

// Failures that say something about the file or its folder, not about our SQL. Chinese reason, English reason.
const OPEN_FAILURES: Array<[RegExp, string, string]> = [
  [/^(SQLITE_CANTOPEN|ENOENT)/, "文件夹不存在或无权访问", "the folder does not exist or cannot be accessed"],
  [/^(SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH|EACCES|EPERM)/, "没有写权限", "permission denied / read-only"],
  [/^EROFS/, "文件系统是只读的", "read-only file system"],
  [/^ENOTDIR|^EEXIST/, "路径里有一段是文件而不是文件夹", "a part of the path is a file, not a folder"],
  [/^(SQLITE_FULL|ENOSPC)/, "磁盘已满", "the disk is full"],
  [/^(SQLITE_NOTADB|SQLITE_CORRUPT)/, "这个文件不是数据库或已损坏", "the file is not a database or is corrupt"],
  [/^SQLITE_IOERR/, "磁盘读写出错", "disk I/O error"],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, "被另一个进程锁住", "locked by another process"],
];

/** Reasons in Chinese and English when `error` is about the database file itself; undefined otherwise. */
export function databaseOpenReason(error: unknown): [string, string] | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string") return undefined;
  const found = OPEN_FAILURES.find(([pattern]) => pattern.test(code));
  return found ? [found[1], found[2]] : undefined;
}

export function openDatabase(path: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(path);
    // WAL lets the dashboard read while chats write.
    db.pragma("journal_mode = WAL");
    // FULL: a commit is fsynced before it returns, so an acknowledged receipt, vote or state change survives a
    // power cut (NORMAL in WAL mode only survives a process crash). Store.open lowers it to NORMAL once it can
    // make durable transactions wait for a shared fsync of the WAL instead (wal-sync.ts).
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    const reason = databaseOpenReason(error);
    if (reason) throw new DatabaseOpenError(path, reason[0], error);
    throw error;
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
