// Kysely's SQLite driver prepares every query it runs (better-sqlite3's `prepare` compiles the SQL each time),
// while the old repositories prepared their statements once. The queries of a repository are few and fixed,
// so the compiled statements are kept by SQL text: the message log's turn costs what it did before.
import type BetterSqlite3 from "better-sqlite3";
import { type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, type SqliteDatabase, SqliteDriver, type SqliteStatement } from "kysely";

/**
 * Kysely's SQLite driver hands its one connection out under a mutex whose waiters all wake on every release and
 * all but one go back to sleep: with a hundred turns waiting (a busy web chat), each release costs a hundred
 * wake-ups. This one queues them and hands the connection to the next in line: one wake-up per release, first
 * come first served. (The driver's own mutex stays, always free when it is asked.)
 */
class QueuedSqliteDriver extends SqliteDriver {
  private readonly waiting: Array<() => void> = [];
  private held = false;

  /** Whether a query or a transaction has the connection now (or is queued for it). */
  get busy(): boolean {
    return this.held;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    // Handed over: `held` stays true, so a newcomer queues behind those already waiting.
    if (next) next();
    else this.held = false;
  }
}

/** Kysely's SqliteDialect with the queued driver above. */
export class QueuedSqliteDialect extends SqliteDialect {
  private driver: QueuedSqliteDriver | undefined;

  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    this.driver = new QueuedSqliteDriver(this.settings);
    return this.driver;
  }

  /** Whether Kysely has the connection now: a statement run beside it would land inside its transaction. */
  get busy(): boolean {
    return this.driver?.busy ?? false;
  }
}

/** Distinct SQL texts kept (least recently used dropped first): far more than the repositories have. */
const STATEMENTS_KEPT = 500;

/**
 * The connection as Kysely's SqliteDialect sees it, with compiled statements reused. A PRAGMA without
 * parameters (the message log's synchronous switch, twice per message) runs with `exec` instead: SQLite
 * applies a PRAGMA when it compiles it, so a kept statement would not act again, and compiling one costs
 * ten times what `exec` does. Kysely runs one query at a time on the connection and never streams here,
 * so a kept statement is never busy when it is reused.
 */
export function reusingStatements(database: BetterSqlite3.Database): SqliteDatabase & { readonly inTransaction: boolean } {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    get inTransaction() {
      return database.inTransaction;
    },
    prepare(sql: string): SqliteStatement {
      let statement = kept.get(sql);
      if (statement) {
        kept.delete(sql); // re-inserted below: Map order is the least-recently-used order
      } else {
        if (/^\s*pragma\b/i.test(sql)) return pragma(database, sql);
        statement = database.prepare(sql);
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}

/** `PRAGMA name = value`: sets, returns no rows. */
const PRAGMA_SET = /^\s*pragma\s+[\w.]+\s*=\s*[\w'"-]+\s*;?\s*$/i;

/** A PRAGMA: one that sets a value runs with `exec` (no rows, no parameters); any other is compiled as it comes. */
function pragma(database: BetterSqlite3.Database, sql: string): SqliteStatement {
  if (!PRAGMA_SET.test(sql)) return database.prepare(sql) as unknown as SqliteStatement;
  const refuse = () => {
    throw new Error(`${sql} returns no rows`);
  };
  return {
    reader: false,
    run(parameters) {
      if (parameters.length > 0) throw new Error(`${sql} takes no parameters`);
      database.exec(sql);
      return { changes: 0, lastInsertRowid: 0 };
    },
    all: refuse,
    iterate: refuse,
  };
}
