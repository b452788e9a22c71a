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

export class LlmUsageStore {
  private readonly upsert;
  private readonly tokensOn;

  constructor(private readonly db: Db) {
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
  }

  add(at: Date, delta: UsageDelta): void {
    this.upsert.run({
      day: usageDay(at),
      calls: delta.calls ?? 0,
      failures: delta.failures ?? 0,
      inputTokens: delta.inputTokens ?? 0,
      outputTokens: delta.outputTokens ?? 0,
      transcriptions: delta.transcriptions ?? 0,
      rejected: delta.rejected ?? 0,
      offlineFallbacks: delta.offlineFallbacks ?? 0,
      updatedAt: at.toISOString(),
    });
  }

  tokensUsed(at: Date): number {
    return (this.tokensOn.get(usageDay(at)) as number | undefined) ?? 0;
  }

  /** Most recent days first. */
  byDay(limit = 30): UsageDay[] {
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
