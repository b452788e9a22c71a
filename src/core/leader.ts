// Runs a job on one instance at a time (Telegram long polling, a WeChat puppet: two pollers of one bot would
// each get half the messages, or a 409). Whoever holds the job's lease runs it; when the holder dies, its lease
// expires and another instance takes over within `ttlMs`.
import type { LeaseStore } from "../store/leases.ts";
import type { Logger } from "./logger.ts";

export interface LeaderOptions {
  leases: LeaseStore;
  /** The job's name, e.g. "channel:telegram". */
  name: string;
  /** This instance (INSTANCE_NAME). */
  holder: string;
  logger: Logger;
  clock?: () => Date;
  /** How long a lease lasts without renewal: the longest a dead leader's job stays without a runner. */
  ttlMs?: number;
  /** How often the holder renews and the others try to take over. */
  renewMs?: number;
  /** Starts the job; called when this instance becomes the leader. */
  lead: () => Promise<void>;
  /** Stops the job; called when this instance stops being the leader (lost lease, or `stop`). */
  follow: () => Promise<void>;
}

export class Leader {
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  /** When the lease this instance last renewed runs out. */
  private heldUntil = 0;
  private tick: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly clock: () => Date;

  constructor(private readonly options: LeaderOptions) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.renewMs = options.renewMs ?? Math.max(100, Math.floor(this.ttlMs / 3));
    this.clock = options.clock ?? (() => new Date());
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries at once, then every `renewMs`; resolves after the first try (the job runs if this instance won). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.step();
    this.timer = setInterval(() => {
      this.tick = this.tick.then(() => this.step());
    }, this.renewMs);
    this.timer.unref();
  }

  /** Stops trying; if leading, stops the job and gives the lease up so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.tick;
    if (this.leading) {
      this.leading = false;
      await this.options.follow();
      await this.options.leases.release(this.options.name, this.options.holder).catch(() => undefined);
    }
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    const { leases, name, holder, logger } = this.options;
    const now = this.clock();
    let held: boolean;
    try {
      held = await leases.acquire(name, holder, now, this.ttlMs);
    } catch (error) {
      // The database cannot be reached: keep running only while the lease already taken lasts, since after
      // that another instance may have taken the job over.
      held = this.leading && now.getTime() < this.heldUntil - this.renewMs;
      logger.warn("lease not renewed", { lease: name, error, stillLeading: held });
    }
    if (held) this.heldUntil = now.getTime() + this.ttlMs;
    if (held && !this.leading && !this.stopped) {
      this.leading = true;
      logger.info("this instance now runs the job", { lease: name, instance: holder });
      try {
        await this.options.lead();
      } catch (error) {
        // The job could not start here: let another instance try.
        this.leading = false;
        logger.error("job did not start; lease given up", { lease: name, error });
        await leases.release(name, holder).catch(() => undefined);
      }
    } else if (!held && this.leading) {
      this.leading = false;
      logger.warn("lease lost; job stopped on this instance", { lease: name, instance: holder });
      await this.options.follow();
    }
  }
}
