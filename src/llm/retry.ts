// The retry policy for outgoing calls: which errors retry, Retry-After honoured, capped backoff with jitter, one deadline.

export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  maxMs: number;
}

export interface RetryDeps {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export const realRetryDeps: RetryDeps = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The provider said no or the network failed; `status` is the HTTP status when there was one. */
export class ProviderError extends Error {
  readonly code = "LLM_PROVIDER_FAILED";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProviderError";
  }
}

/** The whole call ran out of time (LLM_TIMEOUT_MS, retries included). */
export class DeadlineError extends Error {
  readonly code = "LLM_TIMEOUT";
  constructor(readonly timeoutMs: number, readonly attempts: number) {
    super(`no answer from the LLM provider within ${timeoutMs} ms`);
    this.name = "DeadlineError";
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Like openai-node's shouldRetry: timeouts, conflicts, rate limits, server errors and network failures retry; other 4xx don't. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "AbortError") return false;
  // No status: the connection failed or timed out before a response.
  return true;
}

/** Retry-After in ms (seconds or HTTP date; also retry-after-ms), when the provider sent one. */
export function retryAfterMs(error: unknown, nowMs = Date.now()): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  };
  const ms = Number(get("retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && get("retry-after-ms") !== undefined) return ms;
  const raw = get("retry-after");
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Delay before retry number `attempt` (1-based): exponential, capped, with ±25 % jitter so clients don't retry in step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfter?: number): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxMs);
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jitter = 1 - 0.25 + random() * 0.5;
  return Math.min(policy.maxMs, Math.round(exponential * jitter));
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the deadline passes. Each attempt gets a signal that
 * aborts at the deadline, so a hanging request is cut off and the villager gets the offline answer in time.
 */
export async function withRetry<T>(
  attempt: (signal: AbortSignal, attemptNumber: number) => Promise<T>,
  options: { policy: RetryPolicy; timeoutMs: number; deps?: RetryDeps; onRetry?: (error: unknown, attemptNumber: number, delayMs: number) => void },
): Promise<T> {
  const deps = options.deps ?? realRetryDeps;
  const deadline = deps.now() + options.timeoutMs;
  for (let n = 1; ; n++) {
    const remaining = deadline - deps.now();
    if (remaining <= 0) throw new DeadlineError(options.timeoutMs, n - 1);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineError(options.timeoutMs, n)), remaining);
    try {
      return await attempt(controller.signal, n);
    } catch (error) {
      if (controller.signal.aborted) throw new DeadlineError(options.timeoutMs, n);
      const retryable = isRetryable(error);
      if (!retryable || n > options.policy.maxRetries) {
        throw new ProviderError(`LLM call failed after ${n} attempt(s): ${(error as Error)?.message ?? String(error)}`, statusOf(error), n, { cause: error });
      }
      const delay = backoffMs(n, options.policy, deps.random, retryAfterMs(error));
      if (deps.now() + delay >= deadline) throw new DeadlineError(options.timeoutMs, n);
      options.onRetry?.(error, n, delay);
      await deps.sleep(delay);
    } finally {
      clearTimeout(timer);
    }
  }
}
