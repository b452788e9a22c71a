// Daily LLM usage (calls, tokens, fallbacks): the daily token budget reads it and staff see it.
import type { Db } from "./database.ts";

export interface UsageDelta {
  calls?: number;
  failures?: number;
  inputTokens?: number;
  outputTokens?: number;
  transcriptions?: number;
  /** Answers the grounding or leak guard refused. */
  rejected?: number;
  /** Replies sent offline although the LLM is configured (breaker open, budget spent, failure, refusal). */
  offlineFallbacks?: number;
}

export interface UsageDay {
  day: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  transcriptions: number;
  rejected: number;
  offlineFallbacks: number;
}

/** The calendar day in China (UTC+8, no daylight saving), so the budget resets at local midnight. */
export function usageDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** How long usage counts wait in memory before they are written; at most this much is lost in a crash. */
const FLUSH_DELAY_MS = 1000;

type Counts = Required<UsageDelta>;
const ZERO: Counts = { calls: 0, failures: 0, inputTokens: 0, outputTokens: 0, transcriptions: 0, rejected: 0, offlineFallbacks: 0 };

/**
 * Usage is counted in memory and written within a second (and on close), in one transaction for all of
 * it: a database write per LLM call was the largest single cost of an LLM answer after the provider's.
 * Reads (the budget, the staff view) always include what is not written yet.
 */
export class LlmUsageStore {
  private readonly upsert;
  private readonly tokensOn;
  private readonly writeAll;
  private readonly pending = new Map<string, Counts & { updatedAt: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    /** Told when a timed write fails (the counts stay in memory for the next one). */
    private readonly onFlushError: (error: unknown) => void = () => {},
  ) {
    this.upsert = db.prepare(
      `INSERT INTO llm_usage (day, calls, failures, input_tokens, output_tokens, transcriptions, rejected, offline_fallbacks, updated_at)
       VALUES (@day, @calls, @failures, @inputTokens, @outputTokens, @transcriptions, @rejected, @offlineFallbacks, @updatedAt)
       ON CONFLICT (day) DO UPDATE SET
         calls = calls + excluded.calls, failures = failures + excluded.failures,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
         transcriptions = transcriptions + excluded.transcriptions, rejected = rejected + excluded.rejected,
         offline_fallbacks = offline_fallbacks + excluded.offline_fallbacks, updated_at = excluded.updated_at`,
    );
    this.tokensOn = db.prepare("SELECT input_tokens + output_tokens FROM llm_usage WHERE day = ?").pluck();
    this.writeAll = db.transaction((rows: Array<[string, Counts & { updatedAt: string }]>) => {
      for (const [day, counts] of rows) this.upsert.run({ day, ...counts });
    });
  }

  add(at: Date, delta: UsageDelta): void {
    const day = usageDay(at);
    const counts = this.pending.get(day) ?? { ...ZERO, updatedAt: at.toISOString() };
    for (const key of Object.keys(ZERO) as Array<keyof Counts>) counts[key] += delta[key] ?? 0;
    counts.updatedAt = at.toISOString();
    this.pending.set(day, counts);
    this.timer ??= setTimeout(() => this.flushQuietly(), FLUSH_DELAY_MS).unref();
  }

  /** Writes the counts kept in memory. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0 || !this.db.open) return;
    const rows = [...this.pending];
    this.pending.clear();
    try {
      this.writeAll(rows);
    } catch (error) {
      // Kept for the next attempt rather than lost.
      for (const [day, counts] of rows) {
        const later = this.pending.get(day);
        if (later) for (const key of Object.keys(ZERO) as Array<keyof Counts>) later[key] += counts[key];
        else this.pending.set(day, counts);
      }
      throw error;
    }
  }

  tokensUsed(at: Date): number {
    const day = usageDay(at);
    const waiting = this.pending.get(day);
    return ((this.tokensOn.get(day) as number | undefined) ?? 0) + (waiting ? waiting.inputTokens + waiting.outputTokens : 0);
  }

  private flushQuietly(): void {
    try {
      this.flush();
    } catch (error) {
      this.onFlushError(error);
      this.timer ??= setTimeout(() => this.flushQuietly(), FLUSH_DELAY_MS).unref();
    }
  }

  /** Most recent days first. */
  byDay(limit = 30): UsageDay[] {
    this.flush();
    const rows = this.db.prepare("SELECT * FROM llm_usage ORDER BY day DESC LIMIT ?").all(limit) as Array<Record<string, number | string>>;
    return rows.map((r) => ({
      day: String(r.day),
      calls: Number(r.calls),
      failures: Number(r.failures),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      totalTokens: Number(r.input_tokens) + Number(r.output_tokens),
      transcriptions: Number(r.transcriptions),
      rejected: Number(r.rejected),
      offlineFallbacks: Number(r.offline_fallbacks),
    }));
  }
}
