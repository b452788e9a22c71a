// Daily LLM usage (calls, tokens, fallbacks): the daily token budget reads it and staff see it.
import type { Sql } from "./sql.ts";

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
 * Reads (the budget, the staff view) always include what is not written yet. The counts are added to the
 * stored ones (never overwritten), so several instances on one PostgreSQL database each add their own.
 */
export class LlmUsageStore {
  private readonly pending = new Map<string, Counts & { updatedAt: string }>();
  /** Counts being written right now: still counted by reads until the write is over. */
  private writing: Map<string, Counts & { updatedAt: string }> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly sql: Sql,
    /** Told when a timed write fails (the counts stay in memory for the next one). */
    private readonly onFlushError: (error: unknown) => void = () => {},
    /** False once the database is closed: nothing is written any more. */
    private readonly isOpen: () => boolean = () => true,
  ) {}

  add(at: Date, delta: UsageDelta): void {
    const day = usageDay(at);
    const counts = this.pending.get(day) ?? { ...ZERO, updatedAt: at.toISOString() };
    for (const key of Object.keys(ZERO) as Array<keyof Counts>) counts[key] += delta[key] ?? 0;
    counts.updatedAt = at.toISOString();
    this.pending.set(day, counts);
    this.timer ??= setTimeout(() => void this.flushQuietly(), FLUSH_DELAY_MS).unref();
  }

  /** Writes the counts kept in memory (after any write already under way). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0 || !this.isOpen()) return;
    const rows = new Map(this.pending);
    this.pending.clear();
    this.writing = rows;
    const write = this.writeAll(rows);
    this.flushing = write.then(
      () => undefined,
      () => undefined,
    );
    try {
      await write;
    } catch (error) {
      // Kept for the next attempt rather than lost.
      for (const [day, counts] of rows) {
        const later = this.pending.get(day);
        if (later) for (const key of Object.keys(ZERO) as Array<keyof Counts>) later[key] += counts[key];
        else this.pending.set(day, counts);
      }
      throw error;
    } finally {
      this.writing = undefined;
      this.flushing = undefined;
    }
  }

  private writeAll(rows: Map<string, Counts & { updatedAt: string }>): Promise<void> {
    return this.sql.transaction(async () => {
      for (const [day, counts] of rows) {
        await this.sql.db
          .insertInto("llm_usage")
          .values({
            day,
            calls: counts.calls,
            failures: counts.failures,
            input_tokens: counts.inputTokens,
            output_tokens: counts.outputTokens,
            transcriptions: counts.transcriptions,
            rejected: counts.rejected,
            offline_fallbacks: counts.offlineFallbacks,
            updated_at: counts.updatedAt,
          })
          .onConflict((oc) =>
            oc.column("day").doUpdateSet((eb) => ({
              calls: eb("llm_usage.calls", "+", eb.ref("excluded.calls")),
              failures: eb("llm_usage.failures", "+", eb.ref("excluded.failures")),
              input_tokens: eb("llm_usage.input_tokens", "+", eb.ref("excluded.input_tokens")),
              output_tokens: eb("llm_usage.output_tokens", "+", eb.ref("excluded.output_tokens")),
              transcriptions: eb("llm_usage.transcriptions", "+", eb.ref("excluded.transcriptions")),
              rejected: eb("llm_usage.rejected", "+", eb.ref("excluded.rejected")),
              offline_fallbacks: eb("llm_usage.offline_fallbacks", "+", eb.ref("excluded.offline_fallbacks")),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      }
    });
  }

  /** Tokens used today: the stored counts (every instance's) and this one's not written yet. */
  async tokensUsed(at: Date): Promise<number> {
    const day = usageDay(at);
    // Taken before the read: a write finishing in between is counted twice for a moment, never missed.
    const unwritten = [this.pending.get(day), this.writing?.get(day)].reduce((sum, c) => sum + (c ? c.inputTokens + c.outputTokens : 0), 0);
    const row = await this.sql.db
      .selectFrom("llm_usage")
      .select((eb) => eb("input_tokens", "+", eb.ref("output_tokens")).as("tokens"))
      .where("day", "=", day)
      .executeTakeFirst();
    return Number(row?.tokens ?? 0) + unwritten;
  }

  private async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.onFlushError(error);
      this.timer ??= setTimeout(() => void this.flushQuietly(), FLUSH_DELAY_MS).unref();
    }
  }

  /** Most recent days first. */
  async byDay(limit = 30): Promise<UsageDay[]> {
    await this.flush();
    const rows = await this.sql.db.selectFrom("llm_usage").selectAll().orderBy("day", "desc").limit(limit).execute();
    return rows.map((r) => ({
      day: r.day,
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
