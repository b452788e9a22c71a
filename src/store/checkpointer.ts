// Moves SQLite's WAL checkpoints off the main thread (their fsync caused the slowest replies).
import { Worker } from "node:worker_threads";
import type { Db } from "./database.ts";

/** The main connection still checkpoints if the worker falls behind, but only past ~40 MB of WAL. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(db: Db, path: string, intervalMs = 1000) {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    this.worker = new Worker(new URL("./checkpoint-worker.mjs", import.meta.url), { workerData: { path, intervalMs } });
    // A checkpointer must never keep the process alive on its own, nor take it down.
    this.worker.unref();
    this.worker.on("error", () => {});
    // Nor crash it: a worker that cannot open the file (a short-lived store whose folder was removed right
    // after closing) just ends; the main connection's fallback autocheckpoint still bounds the WAL.
    this.worker.on("error", () => undefined);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, 1000);
      this.worker.on("message", (message: { stopped?: boolean }) => {
        if (!message.stopped) return;
        clearTimeout(timeout);
        resolve();
      });
      this.worker.postMessage("stop");
    });
    await this.worker.terminate();
  }
}
