// One outgoing queue per account: sends run one at a time, at least minIntervalMs (+ random jitter) apart.

export interface SendQueueOptions {
  minIntervalMs: number;
  jitterMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SendQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;
  private waiting = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: SendQueueOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** Runs the send after the ones queued before it, spaced out; one failure doesn't stop the queue. */
  push<T>(send: () => Promise<T>): Promise<T> {
    this.waiting++;
    const run = async () => {
      const gap = this.options.minIntervalMs + Math.floor(this.random() * this.options.jitterMs);
      const wait = this.lastStart + gap - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastStart = this.now();
      try {
        return await send();
      } finally {
        this.waiting--;
      }
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Sends queued but not yet finished. */
  get size(): number {
    return this.waiting;
  }

  /** Resolves once everything queued so far has been sent (shutdown). */
  async drain(): Promise<void> {
    await this.tail;
  }
}
