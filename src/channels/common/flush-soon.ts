// Delivers queued notifications shortly after a handled message (which may have queued some), not in 5 s.
import type { Logger } from "../../core/logger.ts";
import type { Notifier } from "../../core/notifier.ts";

export function flushSoon(notifier: Notifier, logger: Logger, delayMs = 200) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    schedule(): void {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        running = notifier.flush().catch((error) => logger.warn("notification flush failed", { error }));
      }, delayMs);
      timer.unref();
    },
    /** Cancels a pending flush and waits for one already sending (shutdown: the database closes next). */
    async stop(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
