// One query builder over both engines: SQLite (the zero-configuration default, one file, one process) and
// PostgreSQL (DATABASE_URL=postgres://…, several app instances over one database). Repositories write each query
// once with Kysely; `Sql` gives them the connection of the transaction they run in, or the pool outside one.
import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Compilable,
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type QueryResult,
  sql,
  type SqliteDatabase,
  type SqliteStatement,
  type Transaction,
} from "kysely";
import { QueuedSqliteDialect } from "./sqlite-driver.ts";
import pg from "pg";
import type { Tables } from "./tables.ts";

export type Engine = "sqlite" | "postgres";

export interface TransactionOptions {
  /**
   * The write is acknowledged to someone (a receipt, a vote, an account): it is on disk before the promise
   * resolves. Without it a commit may wait for the disk in the background (the message log): a power cut
   * may lose the last such rows, never a promise made to anyone.
   */
  durable?: boolean;
}

/** Stands for a named value while a query is compiled once (`Sql.prepare`): Kysely passes it through as a parameter. */
const NAMED = Symbol("named value");

/**
 * A query built with Kysely and compiled once, for the few that run on every message: `bind` gives it the values
 * of one run, with no building and no compiling (which cost more than SQLite's own work for a one-row insert).
 */
export class Prepared<P extends Record<string, unknown>> {
  constructor(
    readonly sql: string,
    private readonly slots: ReadonlyArray<{ name: keyof P } | { value: unknown }>,
  ) {}

  bind(values: P): CompiledQuery {
    return CompiledQuery.raw(
      this.sql,
      this.slots.map((slot) => ("name" in slot ? values[slot.name] : slot.value)),
    );
  }
}

/** A write of a few statements: yields each statement and is given its result (`Sql.perform`). */
export type Steps<T> = Generator<CompiledQuery, T, QueryResult<Record<string, unknown>>>;

/** SQLite's connection as `Sql.perform` uses it when it writes at once. */
export interface ImmediateSqlite {
  /** The connection (with its kept statements, see sqlite-driver.ts). */
  database: SqliteDatabase & { readonly inTransaction: boolean };
  /** Whether Kysely has the connection now (a query or a transaction in progress). */
  busy(): boolean;
}

export class Sql {
  private readonly current = new AsyncLocalStorage<Transaction<Tables>>();

  constructor(
    readonly engine: Engine,
    /** The pool (PostgreSQL) or the single connection (SQLite), outside any transaction. */
    readonly root: Kysely<Tables>,
    private readonly hooks: {
      /** SQLite: makes what was committed durable (one fsync of the WAL shared by the writes of the moment). */
      flush?: () => Promise<void>;
      close?: () => Promise<void>;
      /** PostgreSQL: a connection string for a listening connection of its own (LISTEN holds one). */
      connectionString?: string;
      /** PostgreSQL: connections that hold session advisory locks (`serialized`), apart from the query pool. */
      locks?: pg.Pool;
      /** SQLite: the connection, for writes run at once (`perform`). */
      immediate?: ImmediateSqlite;
    } = {},
  ) {}

  private listeners: pg.Client[] = [];

  /**
   * Tells every instance listening on `channel` (PostgreSQL NOTIFY; sent at commit if inside a transaction).
   * SQLite has one process, which already knows: nothing to send.
   */
  async notify(channel: string, payload: string): Promise<void> {
    if (this.engine !== "postgres") return;
    await sql`SELECT pg_notify(${channel}, ${payload})`.execute(this.db);
  }

  /**
   * Calls `onMessage` for every notice on `channel` from any instance (its own included), over a connection of
   * its own that reconnects after a failure; resolves once listening. Nothing to hear on SQLite.
   */
  async listen(channel: string, onMessage: (payload: string) => void, onError: (error: unknown) => void = () => {}): Promise<void> {
    const connectionString = this.hooks.connectionString;
    if (this.engine !== "postgres" || !connectionString) return;
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString });
      client.on("notification", (notice) => {
        if (notice.channel === channel) onMessage(notice.payload ?? "");
      });
      client.on("error", (error) => {
        onError(error);
        this.listeners = this.listeners.filter((c) => c !== client);
        client.end().catch(() => undefined);
        // Notices sent while disconnected are lost; the caller's periodic check (if any) covers them.
        if (!this.closed) setTimeout(() => connect().catch(onError), 1_000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.listeners.push(client);
    };
    await connect();
  }

  private closed = false;
  private readonly statements = new Map<string, SqliteStatement>();

  /**
   * Runs `work` while no other instance runs work under the same `key` (PostgreSQL: a session advisory lock, held
   * on a connection of a separate pool, so that holding locks never starves the queries the work itself makes;
   * PostgreSQL drops the lock if this instance dies). SQLite has one process, which orders its own work: it just runs.
   */
  async serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const locks = this.hooks.locks;
    if (this.engine !== "postgres" || !locks) return work();
    const client = await locks.connect();
    let healthy = true;
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
      try {
        return await work();
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]).catch(() => {
          // The connection broke: its locks are gone with it, and it must not go back to the pool.
          healthy = false;
        });
      }
    } catch (error) {
      healthy = healthy && !isDatabaseFailure(error);
      throw error;
    } finally {
      client.release(!healthy);
    }
  }

  /**
   * The connection to query with: the transaction this call runs inside (however deep in the call chain it
   * started), or the pool. Repositories call it for every query, so they join their caller's transaction
   * without being handed a connection.
   */
  get db(): Kysely<Tables> {
    return this.current.getStore() ?? this.root;
  }

  /** True when the database answers a trivial query; false (never throws) when it cannot be reached. */
  async ping(): Promise<boolean> {
    try {
      await sql`SELECT 1`.execute(this.root);
      return true;
    } catch {
      return false;
    }
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `work` in one transaction: every repository call inside it commits together or not at all. Inside
   * another transaction, `work` simply joins it (the outer one decides). Rejects with the database's error
   * after rolling back.
   */
  async transaction<T>(work: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.current.getStore()) return work();
    const result = await this.root.transaction().execute(async (trx) => {
      // PostgreSQL connections commit without waiting for the disk (as SQLite's do, see postgresSql): a durable
      // transaction asks for the wait, for itself only. One round trip for the few that need it, none for the rest.
      if (this.engine === "postgres" && options.durable) await sql`SET LOCAL synchronous_commit = on`.execute(trx);
      return this.current.run(trx, work);
    });
    if (options.durable) await this.hooks.flush?.();
    return result;
  }

  /**
   * `transaction`, tried again while another writer holds the lock (SQLite's SQLITE_BUSY from another process,
   * PostgreSQL's serialization failures and deadlocks), with growing pauses, for at most `withinMs`; then rejects
   * with the last error. Between tries the event loop serves everyone else. Inside a transaction it only joins it.
   */
  async write<T>(work: () => Promise<T>, options: TransactionOptions & { withinMs: number }): Promise<T> {
    if (this.current.getStore()) return work();
    const started = Date.now();
    let delay = 2;
    for (;;) {
      try {
        return await this.transaction(work, options);
      } catch (error) {
        if (!isRetryable(error) || Date.now() - started + delay > options.withinMs) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  /**
   * Compiles a query once for this engine; `value(name)` stands for what `Prepared.bind` fills in on each run.
   * Written with Kysely like any other query, so it is one text on either engine.
   */
  prepare<P extends Record<string, unknown>>(
    build: (db: Kysely<Tables>, value: <K extends keyof P & string>(name: K) => P[K]) => Compilable<unknown>,
  ): Prepared<P> {
    const names = new Map<unknown, string>();
    const value = (name: string) => {
      const marker = Object.freeze({ [NAMED]: name });
      names.set(marker, name);
      return marker as never;
    };
    const compiled = build(this.root, value).compile();
    const slots = compiled.parameters.map((parameter) => {
      const name = names.get(parameter);
      return name === undefined ? { value: parameter } : { name };
    });
    const used = new Set(slots.flatMap((slot) => ("name" in slot ? [slot.name] : [])));
    const lost = [...names.values()].filter((name) => !used.has(name));
    if (lost.length > 0) throw new Error(`prepared query lost its value(s) ${lost.join(", ")}: ${compiled.sql}`);
    return new Prepared<P>(compiled.sql, slots);
  }

  /** Runs a compiled query in the current transaction, or on the pool outside one. */
  execute<R extends Record<string, unknown>>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.db.executeQuery<R>(query as CompiledQuery<R>);
  }

  /**
   * A write of a few statements in one transaction, tried again like `write` (not durable: for the message log).
   * `steps` yields each statement and is handed its result, so the same steps run either way:
   * - on SQLite, when no query or transaction holds the connection (nearly always), at once and synchronously,
   *   with no promise per statement: the turn's log row costs what its SQL costs;
   * - otherwise (a transaction of another turn is open, another process holds the lock, PostgreSQL) as `write`.
   * Inside a transaction the steps join it.
   */
  async perform<T>(steps: () => Steps<T>, options: { withinMs: number }): Promise<T> {
    const done = this.current.getStore() ? undefined : this.performNow(steps);
    if (done) return done.value;
    return this.write(async () => {
      const running = steps();
      let step = running.next();
      while (!step.done) step = running.next(await this.execute(step.value));
      return step.value;
    }, options);
  }

  /** `perform` on SQLite's free connection; undefined when it must wait (the connection held, the lock busy). */
  private performNow<T>(steps: () => Steps<T>): { value: T } | undefined {
    const immediate = this.hooks.immediate;
    if (!immediate || immediate.busy() || immediate.database.inTransaction) return undefined;
    const { database } = immediate;
    const run = (query: CompiledQuery): QueryResult<Record<string, unknown>> => {
      const statement = this.prepared(database, query.sql);
      if (statement.reader) return { rows: statement.all(query.parameters) as Array<Record<string, unknown>> };
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
    };
    try {
      run(BEGIN);
      const running = steps();
      let step = running.next();
      while (!step.done) step = running.next(run(step.value));
      run(COMMIT);
      return { value: step.value };
    } catch (error) {
      if (database.inTransaction) run(ROLLBACK);
      // Another process holds the lock: the asynchronous way waits for it without holding up the event loop.
      if (isRetryable(error)) return undefined;
      throw error;
    }
  }

  /**
   * The connection's compiled statement for `sql`, kept: a turn's few statements are the same text every time,
   * and compiling them again cost more than running them. Bounded, as query text could in principle vary.
   */
  private prepared(database: SqliteDatabase, sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 200) this.statements.clear();
      statement = database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.listeners.map((client) => client.end().catch(() => undefined)));
    this.listeners = [];
    await this.hooks.close?.();
  }
}

/**
 * The query builder over an open better-sqlite3 connection (the one the rest of the store uses). Kysely
 * serialises its own queries on it and holds it for the whole of a transaction.
 */
export function sqliteSql(database: SqliteDatabase & { readonly inTransaction: boolean }, flush?: () => Promise<void>): Sql {
  const dialect = new QueuedSqliteDialect({ database });
  return new Sql("sqlite", new Kysely<Tables>({ dialect }), { ...(flush ? { flush } : {}), immediate: { database, busy: () => dialect.busy } });
}

const BEGIN = CompiledQuery.raw("BEGIN");
const COMMIT = CompiledQuery.raw("COMMIT");
const ROLLBACK = CompiledQuery.raw("ROLLBACK");

// count(*) and sum() come back as 64-bit integers and numerics, which the pg driver gives as strings by default
// (they could exceed 2^53). Our counts never do, and both engines must return the same values: numbers.
const NUMERIC_OIDS = new Set([20 /* int8 */, 1700 /* numeric */]);
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    NUMERIC_OIDS.has(oid) && format !== "binary" ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  connectionString: string;
  /** Connections this instance keeps open at most. */
  poolSize?: number;
  /** Shown in pg_stat_activity, so an operator sees which instance holds which connection. */
  applicationName?: string;
}

/** Connects to PostgreSQL and brings its schema up to date (migrations-pg/), safely when several instances start at once. */
export async function postgresSql(options: PostgresOptions): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? "xiangqin",
    types: pgTypes,
    // Only what is acknowledged to someone waits for the disk: `transaction(…, { durable: true })` turns this on
    // for itself. The message log and the like commit at once; a crash of the database server may lose the last
    // of them (never corrupts), exactly as on SQLite with synchronous=NORMAL.
    options: "-c synchronous_commit=off",
  });
  // Turns of one conversation take an advisory lock here, one connection each while they run (see `serialized`).
  const locks = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: `${options.applicationName ?? "xiangqin"} locks`,
  });
  // An idle connection the server drops (restart, failover) must not crash the process: the pool replaces it.
  pool.on("error", () => {});
  locks.on("error", () => {});
  try {
    await migratePostgres(pool);
  } catch (error) {
    await Promise.all([pool.end(), locks.end()]);
    throw error;
  }
  return new Sql("postgres", new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), {
    close: async () => {
      await Promise.all([pool.end(), locks.end()]);
    },
    connectionString: options.connectionString,
    locks,
  });
}

const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations-pg");
/** Any fixed number: the advisory lock key under which one instance at a time migrates. */
const MIGRATION_LOCK_KEY = 7_310_426;

export function listPostgresMigrations(dir = PG_MIGRATIONS_DIR): Array<{ version: number; name: string; sql: string }> {
  return readdirSync(dir)
    .filter((name) => /^\d{3}-[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), "utf8") }));
}

/**
 * Applies the migrations not yet applied, each in its own transaction, holding a session advisory lock: a
 * second instance starting at the same moment waits, then finds them applied. Returns the versions it ran.
 */
export async function migratePostgres(pool: pg.Pool, migrations = listPostgresMigrations()): Promise<number[]> {
  const client = await pool.connect();
  const ran: number[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      const applied = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
        ran.push(migration.version);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  return ran;
}

/** PostgreSQL's errors worth trying again: a serialization failure, a deadlock, a lock not available now. */
const PG_RETRYABLE = new Set(["40001", "40P01", "55P03"]);

/** Another writer got in the way (SQLite's lock, PostgreSQL's serialization failure): worth trying again shortly. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string") return false;
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || PG_RETRYABLE.has(code);
}

/**
 * A failure of the database rather than of our code: SQLite's own errors; PostgreSQL's connection and resource
 * errors (classes 08 connection, 53 resources, 57 operator intervention, 58 system) and a refused connection.
 */
export function isDatabaseFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string") return false;
  if (code.startsWith("SQLITE_")) return true;
  if (/^(08|53|57|58)/.test(code) || PG_RETRYABLE.has(code)) return true;
  return ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"].includes(code);
}
