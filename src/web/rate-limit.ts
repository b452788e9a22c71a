// Token buckets keyed by user or client address: a burst is allowed, then a steady rate; pure apart from the clock.

export interface BucketOptions {
  /** Tokens a full bucket holds: how many requests may come at once. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  /** Milliseconds now (injected, so tests need no waiting). */
  now: () => number;
  /** Buckets kept at most; idle (full again) ones are dropped first, so a flood of new keys can't fill memory. */
  maxKeys?: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(private readonly options: BucketOptions) {
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Takes one token for `key`; when none is left, says how many whole seconds until one is. */
  take(key: string): Take {
    const now = this.options.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const missing = 1 - bucket.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.options.refillPerSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const { capacity, refillPerSecond } = this.options;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.evict(now);
      bucket = { tokens: capacity, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
    bucket.at = now;
    return bucket;
  }

  /** Drops buckets that have refilled (forgetting them changes nothing); if none has, the oldest half. */
  private evict(now: number): void {
    const { capacity, refillPerSecond } = this.options;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * refillPerSecond >= capacity) this.buckets.delete(key);
    }
    if (this.buckets.size < this.maxKeys) return;
    let drop = Math.ceil(this.buckets.size / 2);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
