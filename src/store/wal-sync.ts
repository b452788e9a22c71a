// Group commit for acknowledged writes: they commit without waiting for the disk, then one fsync of the WAL file,
// run in libuv's thread pool, covers every commit made before it started, and the reply waits for it.
import { open } from "node:fs/promises";
import { dirname } from "node:path";

/** The fsync failed: what was committed may not be on disk. Named like SQLite's own I/O errors, so callers treat it as one. */
export class WalSyncError extends Error {
  readonly code = "SQLITE_IOERR_FSYNC";
  constructor(cause: unknown) {
    super(`fsync of the WAL failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * Equivalent to synchronous=FULL for the commits it covers, without blocking the event loop: with
 * synchronous=NORMAL a WAL commit is written to the file but not fsynced; an fsync of that file started after
 * the commit makes it durable. A checkpoint never loses such frames either: SQLite fsyncs the WAL before a
 * checkpoint copies it and the database after, and only then reuses the WAL. Measured in the HTTP bench, a
 * report's FULL commit held the event loop ~3 ms; with one fsync shared by the reports of a few turns,
 * nothing waits but the villagers whose receipts it covers.
 */
export class WalSync {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private directorySynced = false;
  /** Completed fsyncs (tests check that an acknowledged write waited for one). */
  completed = 0;

  constructor(private readonly walPath: string) {}

  /** Resolves once everything committed before this call is on disk; rejects with WalSyncError if it could not be. */
  flush(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    // The running fsync may have begun before the caller's commit: the next one is shared by everyone asking meanwhile.
    const next = this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    this.next = next;
    return next;
  }

  private start(): Promise<void> {
    const sync = this.sync().finally(() => {
      if (this.running === sync) this.running = undefined;
    });
    this.running = sync;
    return sync;
  }

  private async sync(): Promise<void> {
    try {
      await syncPath(this.walPath);
      // The WAL's directory entry too, once: SQLite syncs it on the WAL's first FULL sync, which no longer happens.
      if (!this.directorySynced) {
        await syncPath(dirname(this.walPath));
        this.directorySynced = true;
      }
      this.completed++;
    } catch (error) {
      throw new WalSyncError(error);
    }
  }
}

async function syncPath(path: string): Promise<void> {
  // Opened for each fsync (SQLite holds no lock on the WAL file that closing it could drop): no descriptor to keep
  // in step with the WAL's life.
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
