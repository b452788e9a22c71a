// Both engines for the storage contract tests: SQLite always; PostgreSQL when XIANGQIN_TEST_PG=1 and libpq's
// PG* variables name a server (`npm run test:pg` runs them inside a throwaway cluster made by pg_virtualenv).
// Each opened database is new and empty, and is dropped when closed.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Store } from "../../src/store/index.ts";
import { postgresSql, type Engine, type Sql } from "../../src/store/sql.ts";

export const ENGINES: readonly Engine[] = process.env.XIANGQIN_TEST_PG === "1" ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  engine: Engine;
  sql: Sql;
  /** A connection string for this database (PostgreSQL), to start other processes on it. */
  url?: string;
  close(): Promise<void>;
}

/** A new, migrated, empty database of `engine`. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const store = Store.open(":memory:");
    return { engine, sql: store.sql, close: () => store.close() };
  }
  const name = `xq_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client();
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = postgresUrl(name);
  const sql = await postgresSql({ connectionString: url, poolSize: 4 });
  return {
    engine,
    sql,
    url,
    async close() {
      await sql.close();
      const dropper = new pg.Client();
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** The PG* environment as a URL naming database `name`. */
export function postgresUrl(name: string): string {
  const env = process.env;
  const user = encodeURIComponent(env.PGUSER ?? "postgres");
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : "";
  return `postgres://${user}${password}@${env.PGHOST ?? "localhost"}:${env.PGPORT ?? "5432"}/${name}`;
}
