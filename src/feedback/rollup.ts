// Adds new reports to feedback_rollup (per China day, by state, category and village); see SQLite migration 007 and
// the PostgreSQL trigger in migrations-pg/001-schema.sql, which count the changes and deletions.
import type { Sql } from "../store/sql.ts";

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar day of an ISO instant: "2026-10-31T16:00:00Z" → "2026-11-01". */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export interface RollupInput {
  createdAt: string;
  status: string;
  category: string | null;
  village: string | null;
}

type Dim = "state" | "category" | "village";

/** Rows per upsert statement: 4 parameters each, far below either engine's limit on bound parameters. */
const CHUNK = 500;

/** Counts reports into the rollup; call inside the transaction that inserted them. */
export async function addToRollup(sql: Sql, reports: Iterable<RollupInput>): Promise<void> {
  const counts = new Map<string, number>();
  const bump = (dim: Dim, day: string, key: string) => {
    const id = `${dim}\u0000${day}\u0000${key}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const r of reports) {
    const day = chinaDay(r.createdAt);
    bump("state", day, r.status);
    bump("category", day, r.category ?? "未填");
    bump("village", day, r.village ?? "未填");
  }
  // In key order: PostgreSQL locks each upserted row until commit, so transactions that upsert the same rows in
  // the same order wait for each other instead of deadlocking.
  const rows = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, n]) => {
      const [dim, day, key] = id.split("\u0000") as [Dim, string, string];
      return { dim, day, key, n };
    });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql.db
      .insertInto("feedback_rollup")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(["dim", "day", "key"]).doUpdateSet((eb) => ({ n: eb("feedback_rollup.n", "+", eb.ref("excluded.n")) })))
      .execute();
  }
}
