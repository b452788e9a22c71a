// Moves a township's SQLite database into PostgreSQL (`npm run db:copy`): every table, row for row, in one
// PostgreSQL transaction, then the counts of both sides compared. Ids are kept (receipt numbers stay valid).
import { sql } from "kysely";
import type { Sql } from "./sql.ts";
import type { Tables } from "./tables.ts";

type TableName = Exclude<keyof Tables, "schema_migrations" | "rate_buckets">;

/**
 * Every table, parents before the tables whose rows point at them; not rate_buckets (PostgreSQL's chat rate limits:
 * transient, and always empty on SQLite, which keeps its buckets in memory).
 */
export const COPIED_TABLES: readonly TableName[] = [
  "messages",
  "unanswered",
  "sessions",
  "outbox",
  "staff_roles",
  "invite_codes",
  "audit_log",
  "staff_accounts",
  "dashboard_sessions",
  "login_throttle",
  "app_secrets",
  "user_profiles",
  "llm_usage",
  "feedback",
  "feedback_history",
  "feedback_me_too",
  "feedback_not_reports",
  "feedback_rollup",
  "consultations",
  "consultation_votes",
  "consultation_recipients",
  "village_groups",
  "leases",
];

/** Tables whose `id` is an identity in PostgreSQL: its sequence must continue after the copied ids. */
const IDENTITY_TABLES = new Set<TableName>([
  "messages",
  "unanswered",
  "outbox",
  "audit_log",
  "staff_accounts",
  "feedback",
  "feedback_history",
  "feedback_not_reports",
  "consultations",
  "consultation_votes",
]);

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters for the widest table (18 columns). */
const BATCH = 500;

export interface CopiedTable {
  table: TableName;
  source: number;
  target: number;
}

export class CopyError extends Error {
  constructor(
    message: string,
    readonly counts: CopiedTable[] = [],
  ) {
    super(message);
  }
}

/**
 * Copies every row of `from` (SQLite) into `to` (PostgreSQL), which must hold no rows yet, and returns the
 * count of each table on both sides; throws CopyError (and writes nothing) if the target is not empty or a
 * count differs after the copy.
 */
export async function copyDatabase(from: Sql, to: Sql, onTable: (table: TableName, rows: number) => void = () => {}): Promise<CopiedTable[]> {
  if (from.engine !== "sqlite" || to.engine !== "postgres") throw new CopyError("只支持从 SQLite 搬到 PostgreSQL");
  for (const table of COPIED_TABLES) {
    const count = await countRows(to, table);
    if (count > 0) throw new CopyError(`目标库里已经有数据（${table}：${count} 行），请搬到一个空库`);
  }
  const counts: CopiedTable[] = [];
  await to.transaction(
    async () => {
      for (const table of COPIED_TABLES) {
        let copied = 0;
        // A report may point at a later report (duplicate_of): those links are set once every report is in.
        const links: Array<{ id: number; duplicate_of: number }> = [];
        // Read in id or key order, a batch at a time, so a big log never sits in memory whole.
        for (let offset = 0; ; offset += BATCH) {
          const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1 LIMIT ${BATCH} OFFSET ${offset}`.execute(from.db)).rows;
          if (rows.length === 0) break;
          if (table === "feedback") {
            for (const row of rows) {
              if (row.duplicate_of != null) links.push({ id: row.id as number, duplicate_of: row.duplicate_of as number });
              row.duplicate_of = null;
            }
          }
          await to.db
            .insertInto(table)
            .values(rows as never)
            .execute();
          copied += rows.length;
        }
        for (const link of links) await to.db.updateTable("feedback").set({ duplicate_of: link.duplicate_of }).where("id", "=", link.id).execute();
        if (IDENTITY_TABLES.has(table) && copied > 0) {
          await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(to.db);
        }
        onTable(table, copied);
      }
      for (const table of COPIED_TABLES) counts.push({ table, source: await countRows(from, table), target: await countRows(to, table) });
      const differing = counts.filter((c) => c.source !== c.target);
      // Thrown inside the transaction: nothing stays in PostgreSQL from a copy that does not add up.
      if (differing.length > 0) throw new CopyError(`搬完后行数对不上：${differing.map((c) => `${c.table} ${c.source}→${c.target}`).join("，")}`, counts);
    },
    { durable: true },
  );
  return counts;
}

async function countRows(db: Sql, table: TableName): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.db);
  return Number(row.rows[0]!.n);
}
