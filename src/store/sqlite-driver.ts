// Kysely's SQLite driver prepares every query it runs (better-sqlite3's `prepare` compiles the SQL each time),
// while the old repositories prepared their statements once. The queries of a repository are few and fixed,
// so the compiled statements are kept by SQL text: the message log's turn costs what it did before.
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Distinct SQL texts kept (least recently used dropped first): far more than the repositories have. */
const STATEMENTS_KEPT = 500;

/**
 * The connection as Kysely's SqliteDialect sees it, with compiled statements reused. PRAGMAs are compiled
 * afresh every time: SQLite applies a PRAGMA when it compiles it, so a kept one would not act again.
 * Kysely runs one query at a time on the connection and never streams here, so a kept statement is never
 * busy when it is reused.
 */
export function reusingStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = kept.get(sql);
      if (statement) {
        kept.delete(sql); // re-inserted below: Map order is the least-recently-used order
      } else {
        statement = database.prepare(sql);
        if (/^\s*pragma\b/i.test(sql)) return statement as unknown as SqliteStatement;
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}
