// Public entry of the storage layer: one object holding each table group's module.
import { openDatabase, type Db } from "./database.ts";
import { FeedbackStore } from "./feedback.ts";
import { MessageLog } from "./messages.ts";
import { OutboxStore } from "./outbox.ts";
import { BackgroundCheckpointer } from "./checkpointer.ts";
import { SessionStore } from "./sessions.ts";
import { UnansweredLog } from "./unanswered.ts";

export class Store {
  readonly messages: MessageLog;
  readonly unanswered: UnansweredLog;
  readonly sessions: SessionStore;
  readonly feedback: FeedbackStore;
  readonly outbox: OutboxStore;

  constructor(readonly db: Db) {
    this.messages = new MessageLog(db);
    this.unanswered = new UnansweredLog(db);
    this.sessions = new SessionStore(db);
    this.feedback = new FeedbackStore(db);
    this.outbox = new OutboxStore(db);
    this.inTransaction = db.transaction((write: () => unknown) => this.messages.deferring(write));
    this.savepoint = db.transaction((write: () => unknown) => write());
  }

  private checkpointer: BackgroundCheckpointer | undefined;
  private readonly inTransaction: (write: () => unknown) => unknown;
  private readonly savepoint: (write: () => unknown) => unknown;

  /**
   * Runs `write` in one transaction (built once: it runs for every message). What it logs reaches the
   * message log's in-memory copy only if the transaction commits.
   */
  transaction<T>(write: () => T): T {
    // Inside another transaction, that one's outcome decides what the message log's copy learns.
    if (this.db.inTransaction) return this.savepoint(write) as T;
    let committed = false;
    try {
      const result = this.inTransaction(write) as T;
      committed = true;
      return result;
    } finally {
      this.messages.settle(committed);
    }
  }

  /** Opens (and migrates) the database file; checkpoints run in a worker unless told otherwise. */
  static open(path: string, options: { backgroundCheckpoint?: boolean } = {}): Store {
    const store = new Store(openDatabase(path));
    if (path !== ":memory:" && options.backgroundCheckpoint !== false) store.checkpointer = new BackgroundCheckpointer(store.db, path);
    return store;
  }

  /** Closes the connection; the returned promise settles when the checkpoint worker has stopped too. */
  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return this.checkpointer?.stop() ?? Promise.resolve();
  }
}

export { openDatabase, migrate, listMigrations, type Db } from "./database.ts";
export { formatReceipt, parseReceipt } from "./feedback.ts";
export type { OutboxMessage, NewOutboxMessage } from "./outbox.ts";
export type { UnansweredQuestion, UnansweredReason } from "./unanswered.ts";
