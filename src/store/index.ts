// Public entry of the storage layer: one object holding the repositories of the shared tables, on SQLite (a file,
// the default) or PostgreSQL (DATABASE_URL). Features with tables of their own (feedback, consultations) keep their
// repository in their folder, built on `Store.sql`.
import type Database from "better-sqlite3";
import { openDatabase, type Db } from "./database.ts";
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
import { TurnLog } from "./turn-log.ts";
import { WalSync } from "./wal-sync.ts";
import { postgresSql, Sql, sqliteSql, type PostgresOptions } from "./sql.ts";
import { reusingStatements } from "./sqlite-driver.ts";

const isSql = (value: Sql | Db): value is Sql => value instanceof Sql;

export class Store {
  readonly messages: MessageLog;
  readonly unanswered: UnansweredLog;
  readonly sessions: SessionStore;
  /** What a turn writes (its log row, dialogue state, unanswered row), in one commit. */
  readonly turns: TurnLog;
  readonly outbox: OutboxStore;
  readonly audit: AuditLog;
  readonly profiles: ProfileStore;
  /** Staff accounts, granted roles, invite codes, dashboard sessions, login throttling. */
  readonly staff: StaffStore;
  readonly secrets: SecretStore;
  /**
   * The query builder (Kysely) over SQLite or PostgreSQL, for the repositories only (these here and each
   * feature's own `store.ts`): everything else reaches data through repository methods, so no caller depends on SQL.
   */
  readonly sql: Sql;
  private readonly sqlite: Db | undefined;
  private closed = false;

  /** A store on `sql`; `sqlite` is the raw connection under it when the engine is SQLite (for checkpoints and tests). */
  constructor(sqlOrSqlite: Sql | Db) {
    if (isSql(sqlOrSqlite)) {
      this.sql = sqlOrSqlite;
    } else {
      this.sqlite = sqlOrSqlite;
      // Kysely prepares every query it runs: the connection it is given keeps compiled statements (sqlite-driver.ts).
      this.sql = sqliteSql(reusingStatements(sqlOrSqlite), () => this.walSync?.flush() ?? Promise.resolve());
    }
    this.messages = new MessageLog(this.sql);
    this.unanswered = new UnansweredLog(this.sql);
    this.sessions = new SessionStore(this.sql);
    this.turns = new TurnLog(this.sql, this.messages, this.sessions, this.unanswered);
    this.outbox = new OutboxStore(this.sql);
    this.audit = new AuditLog(this.sql);
    this.profiles = new ProfileStore(this.sql);
    this.staff = new StaffStore(this.sql);
    this.secrets = new SecretStore(this.sql);
  }

  private checkpointer: BackgroundCheckpointer | undefined;
  /**
   * Group commit of acknowledged writes (a database file in WAL mode, committing with synchronous=NORMAL); none
   * (in memory, or a file system without WAL): every commit waits for the disk (synchronous=FULL).
   */
  walSync: WalSync | undefined;

  /** The LLM usage counts (built by the LLM adapter, once, with its logger for write failures). */
  llmUsage(onWriteError: (error: unknown) => void): LlmUsageStore {
    return new LlmUsageStore(this.sql, onWriteError, () => this.isOpen);
  }

  /** Opens (and migrates) the database file; checkpoints run in a worker unless told otherwise. */
  static open(path: string, options: { backgroundCheckpoint?: boolean } = {}): Store {
    const store = new Store(openDatabase(path));
    if (path !== ":memory:" && options.backgroundCheckpoint !== false) store.checkpointer = new BackgroundCheckpointer(store.db, path);
    if (path !== ":memory:" && store.db.pragma("journal_mode", { simple: true }) === "wal") {
      store.walSync = new WalSync(`${path}-wal`);
      // Commits stop waiting for the disk on the event loop: a durable transaction (Sql.transaction with
      // `durable`) waits instead for the shared fsync of the WAL, which covers it; the message log and other
      // writes that promise nobody anything wait for nothing.
      store.db.pragma("synchronous = NORMAL");
    }
    return store;
  }

  /**
   * Connects to PostgreSQL (DATABASE_URL) and brings its schema up to date; several instances may share it.
   * Rejects with the driver's error (refused connection, wrong password, missing database) when it cannot.
   */
  static async connect(options: PostgresOptions): Promise<Store> {
    return new Store(await postgresSql(options));
  }

  /** The raw SQLite connection (checkpoints, SQLite-only tests and benches); there is none on PostgreSQL. */
  get db(): Db {
    if (!this.sqlite) throw new Error("this store is on PostgreSQL: there is no SQLite connection");
    return this.sqlite;
  }

  /** False once the app has closed the database (timers that outlive it stop themselves). */
  get isOpen(): boolean {
    return this.sqlite ? this.sqlite.open : !this.closed;
  }

  /** Closes the connection(s); the returned promise settles when the checkpoint worker has stopped too. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sqlite) {
      if (this.sqlite.open) this.sqlite.close();
      await this.checkpointer?.stop();
      return;
    }
    await this.sql.close();
  }
}

export {
  openDatabase,
  migrate,
  listMigrations,
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
