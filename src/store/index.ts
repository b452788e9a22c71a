// Public entry of the storage layer: one object holding the repositories of the shared tables. Features with
// tables of their own (feedback, consultations) keep their repository in their folder, built on `Store.db`.
import type Database from "better-sqlite3";
import { isBusy, openDatabase, relaxed, retryWhileBusy, type Db } from "./database.ts";
import { AuditLog } from "./audit.ts";
import { LlmUsageStore } from "./llm-usage.ts";
import { MessageLog } from "./messages.ts";
import { OutboxStore } from "./outbox.ts";
import { BackgroundCheckpointer } from "./checkpointer.ts";
import { ProfileStore } from "./profiles.ts";
import { SecretStore } from "./secrets.ts";
import { SessionStore } from "./sessions.ts";
import { StaffStore } from "./staff.ts";
import { UnansweredLog } from "./unanswered.ts";
import { WalSync } from "./wal-sync.ts";
import { sqliteSql, type Sql } from "./sql.ts";
import { reusingStatements } from "./sqlite-driver.ts";

export class Store {
  readonly messages: MessageLog;
  readonly unanswered: UnansweredLog;
  readonly sessions: SessionStore;
  readonly outbox: OutboxStore;
  readonly audit: AuditLog;
  readonly profiles: ProfileStore;
  /** Staff accounts, granted roles, invite codes, dashboard sessions, login throttling. */
  readonly staff: StaffStore;
  readonly secrets: SecretStore;
  /**
   * The query builder (Kysely) on this same connection. Repositories move to it one by one, so that the same
   * queries serve PostgreSQL too; until all have, the app runs on SQLite only.
   */
  readonly sql: Sql;

  /**
   * The connection, for the repositories only (these here and each feature's own `store.ts`): everything
   * else reaches data through repository methods, so no caller depends on SQL.
   */
  constructor(readonly db: Db) {
    // Kysely prepares every query it runs: the connection it is given keeps compiled statements (sqlite-driver.ts).
    this.sql = sqliteSql(reusingStatements(db) as unknown as Db, () => this.walSync?.flush() ?? Promise.resolve());
    this.messages = new MessageLog(this.sql);
    this.unanswered = new UnansweredLog(this.sql);
    this.sessions = new SessionStore(this.sql);
    this.outbox = new OutboxStore(this.sql);
    this.audit = new AuditLog(this.sql);
    this.profiles = new ProfileStore(this.sql);
    this.staff = new StaffStore(this.sql);
    this.secrets = new SecretStore(this.sql);
    this.inTransaction = db.transaction((write: () => unknown) => write());
    this.savepoint = db.transaction((write: () => unknown) => write());
  }

  private checkpointer: BackgroundCheckpointer | undefined;
  /** Group commit of acknowledged writes (a database file in WAL mode); none: they commit with synchronous=FULL. */
  walSync: WalSync | undefined;
  private readonly inTransaction: Database.Transaction<(write: () => unknown) => unknown>;
  private readonly savepoint: (write: () => unknown) => unknown;

  /**
   * Runs `write` in one transaction (built once). Its commit is not fsynced unless `durable` says so.
   * Writes that are acknowledged to someone (a receipt, a vote, a state change, an account) pass `durable`;
   * `immediate` takes the write lock before the first read (a check and its write, as one).
   */
  transaction<T>(write: () => T, options: { durable?: boolean; immediate?: boolean } = {}): T {
    if (this.db.inTransaction) return this.savepoint(write) as T;
    const run = () => (options.immediate ? this.inTransaction.immediate(write) : this.inTransaction(write)) as T;
    return options.durable ? run() : relaxed(this.db, run);
  }

  /**
   * `write` (a synchronous transaction), tried again while another process holds the database lock,
   * for at most `withinMs`; rejects with the last error (SQLITE_BUSY, SQLITE_FULL …) when it could not be written.
   */
  writeWhenFree<T>(write: () => T, withinMs: number): Promise<T> {
    // The common case, no other writer: written at once, without the retry loop's timers and closures.
    try {
      return Promise.resolve(write());
    } catch (error) {
      if (!isBusy(error)) return Promise.reject(error);
    }
    return retryWhileBusy(write, { withinMs });
  }

  /**
   * An acknowledged write (a report's receipt, more about it, a me-too), as `writeWhenFree` tries it, made durable
   * before this resolves: committed without waiting for the disk, then covered by one fsync of the WAL shared with
   * the other writes of the moment (group commit), so no reply waits with the whole event loop for the disk.
   * Rejects, as a storage failure, if it could not be committed or made durable.
   */
  async writeDurably<T>(write: () => T, withinMs: number): Promise<T> {
    const walSync = this.walSync;
    if (!walSync) return this.writeWhenFree(write, withinMs);
    const result = await this.writeWhenFree(() => relaxed(this.db, write), withinMs);
    await walSync.flush();
    return result;
  }

  /** The LLM usage counts (built by the LLM adapter, once, with its logger for write failures). */
  llmUsage(onWriteError: (error: unknown) => void): LlmUsageStore {
    return new LlmUsageStore(this.sql, onWriteError, () => this.isOpen);
  }

  /** Opens (and migrates) the database file; checkpoints run in a worker unless told otherwise. */
  static open(path: string, options: { backgroundCheckpoint?: boolean } = {}): Store {
    const store = new Store(openDatabase(path));
    if (path !== ":memory:" && options.backgroundCheckpoint !== false) store.checkpointer = new BackgroundCheckpointer(store.db, path);
    if (path !== ":memory:" && store.db.pragma("journal_mode", { simple: true }) === "wal") store.walSync = new WalSync(`${path}-wal`);
    return store;
  }

  /** False once the app has closed the database (timers that outlive it stop themselves). */
  get isOpen(): boolean {
    return this.db.open;
  }

  /** Closes the connection; the returned promise settles when the checkpoint worker has stopped too. */
  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return this.checkpointer?.stop() ?? Promise.resolve();
  }
}

export {
  openDatabase,
  migrate,
  listMigrations,
  isBusy,
  isStorageFailure,
  retryWhileBusy,
  BUSY_TIMEOUT_MS,
  DatabaseOpenError,
  databaseOpenReason,
  type Db,
} from "./database.ts";
export type { AuditEntry } from "./audit.ts";
export type { ActiveSession, DashboardSessionRow, GrantedRole, InviteRow, StaffAccountRow, ThrottleRow } from "./staff.ts";
export type { LlmUsageStore, UsageDay } from "./llm-usage.ts";
export type { OutboxMessage, NewOutboxMessage } from "./outbox.ts";
export type { UnansweredQuestion, UnansweredReason } from "./unanswered.ts";
