// Delivers outbox notifications through each channel's sender, retrying with capped back-off.
import type { OutboxMessage, OutboxStore, NewOutboxMessage } from "../store/outbox.ts";
import type { Logger } from "./logger.ts";
import type { QuickReply } from "./message.ts";
import { AppError } from "./errors.ts";

/** A channel's way to push a message to a chat it did not just hear from. */
export type ChannelSender = (message: { userId: string; chatId: string; text: string; quickReplies: QuickReply[] }) => Promise<void>;

export const MAX_ATTEMPTS = 6;

/**
 * A sender's answer that the message cannot go out now but is not failing either: the platform only
 * lets the channel write within a window after the user's last message (WeChat's 48 hours). The message
 * stays pending in the outbox, its attempts uncounted, until `resume` (the user wrote again) or `retryAfterMs`.
 */
export class DeliveryDeferred extends AppError {
  constructor(
    readonly reason: string,
    readonly retryAfterMs = 24 * 60 * 60_000,
  ) {
    super("DELIVERY_DEFERRED", reason);
  }
}

export class Notifier {
  private readonly senders = new Map<string, ChannelSender>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  /** Channels register a sender when they start; the web channel has none (its page polls). */
  register(channel: string, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  unregister(channel: string): void {
    this.senders.delete(channel);
  }

  /** Queues a notification on disk; delivery happens on the next flush. Idempotent per dedupe key. */
  notify(message: Omit<NewOutboxMessage, "createdAt">): Promise<boolean> {
    return this.outbox.enqueue({ ...message, createdAt: this.clock().toISOString() });
  }

  /**
   * Sends every due message whose channel has a sender; returns how many were delivered. Messages are
   * claimed a batch at a time (leased to this instance), so several instances flushing at once never send
   * one twice.
   */
  async flush(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let delivered = 0;
    try {
      for (const [channel, sender] of this.senders) {
        // Every message claimed leaves the due set (sent, failed, deferred or leased), so the loop ends; one
        // deferred to now (a zero delay) is not tried twice in one flush.
        const tried = new Set<number>();
        for (;;) {
          const batch = (await this.outbox.claim(this.clock().toISOString(), { channel })).filter((m) => !tried.has(m.id));
          if (batch.length === 0) break;
          for (const message of batch) {
            tried.add(message.id);
            if (await this.deliver(message, sender)) delivered++;
          }
        }
      }
    } finally {
      this.running = false;
    }
    return delivered;
  }

  private async deliver(message: OutboxMessage, sender: ChannelSender): Promise<boolean> {
    try {
      await sender({ userId: message.userId, chatId: message.chatId, text: message.text, quickReplies: message.quickReplies });
      await this.outbox.markSent(message.id, this.clock().toISOString());
      return true;
    } catch (error) {
      if (error instanceof DeliveryDeferred) {
        const retryAt = new Date(this.clock().getTime() + error.retryAfterMs).toISOString();
        await this.outbox.defer(message.id, error.reason, retryAt);
        this.logger.info("notification kept in the outbox", { id: message.id, channel: message.channel, reason: error.reason, retryAt });
        return false;
      }
      const delayMs = Math.min(60 * 60_000, 30_000 * 2 ** message.attempts) * (0.8 + Math.random() * 0.4);
      const retryAt = new Date(this.clock().getTime() + delayMs).toISOString();
      await this.outbox.markFailed(message.id, (error as Error).message ?? String(error), retryAt, MAX_ATTEMPTS);
      this.logger.warn("notification delivery failed", { id: message.id, channel: message.channel, attempt: message.attempts + 1, error });
      return false;
    }
  }

  /** The user wrote again: their deferred notifications are due now (the next flush sends them). */
  resume(channel: string, chatId: string): Promise<number> {
    return this.outbox.resume(channel, chatId, this.clock().toISOString());
  }

  /** Web chat pages collect their notifications by polling; collected ones count as delivered. */
  collect(channel: string, chatId: string): Promise<OutboxMessage[]> {
    return this.outbox.collect(this.clock().toISOString(), channel, chatId);
  }

  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
