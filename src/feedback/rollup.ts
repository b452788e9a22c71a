// Adds new reports to feedback_rollup (per China day, by state, category and village); see migration 007.
import type { Db } from "../store/database.ts";

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

/** Counts reports into the rollup; call inside the transaction that inserted them. */
export function addToRollup(db: Db, reports: Iterable<RollupInput>): void {
  const counts = new Map<string, number>();
  const bump = (dim: string, day: string, key: string) => {
    const id = `${dim}\u0000${day}\u0000${key}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const r of reports) {
    const day = chinaDay(r.createdAt);
    bump("state", day, r.status);
    bump("category", day, r.category ?? "未填");
    bump("village", day, r.village ?? "未填");
  }
  const upsert = db.prepare("INSERT INTO feedback_rollup (dim, day, key, n) VALUES (?, ?, ?, ?) ON CONFLICT (dim, day, key) DO UPDATE SET n = n + excluded.n");
  for (const [id, n] of counts) {
    const [dim, day, key] = id.split("\u0000") as [string, string, string];
    upsert.run(dim, day, key, n);
  }
}
