// Consultations, their answers, recipients and village groups (SQLite migration 005, PostgreSQL 001), on both engines.
import { sql as raw } from "kysely";
import { z } from "zod";
import type { Store } from "../store/index.ts";
import type { Sql } from "../store/sql.ts";
import type { ConsultationsTable } from "../store/tables.ts";
import { DecisionSchema, OptionSchema, type Consultation, type ConsultationOption, type Decision, type VoteMethod } from "./model.ts";
import type { TallyRow } from "./results.ts";
import type { ThemedComment } from "./themes.ts";

/** The advisory lock under which one instance at a time queues reminders (PostgreSQL). */
const REMINDER_LOCK = "xiangqin:consultation-reminders";

const StoredOptions = z.array(OptionSchema).min(2);
const StoredAudience = z.array(z.string());

const COLUMNS = [
  "id",
  "title",
  "background",
  "options",
  "audience",
  "deadline",
  "created_by as createdBy",
  "created_at as createdAt",
  "closed_at as closedAt",
  "decision",
  "decision_reason as decisionReason",
  "risk_note as riskNote",
  "decided_by as decidedBy",
  "decided_at as decidedAt",
] as const;

interface ConsultationRow {
  id: number;
  title: string;
  background: string;
  options: string;
  audience: string;
  deadline: string;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  decision: ConsultationsTable["decision"];
  decisionReason: string | null;
  riskNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Stored JSON is validated on the way out, like every other boundary. */
function fromRow(row: ConsultationRow): Consultation {
  return {
    ...row,
    options: StoredOptions.parse(JSON.parse(row.options)),
    audience: StoredAudience.parse(JSON.parse(row.audience)),
    decision: row.decision === null ? null : DecisionSchema.parse(row.decision),
  };
}

export interface NewConsultation {
  title: string;
  background: string;
  options: ConsultationOption[];
  audience: string[];
  deadline: Date;
  createdBy: string;
  createdAt: string;
}

export interface ChatVote {
  consultationId: number;
  channel: string;
  userId: string;
  chatId: string;
  optionIndex: number;
  comment: string | null;
  village: string | null;
  at: string;
}

export interface RecordedVote {
  optionIndex: number;
  village: string | null;
  method: Exclude<VoteMethod, "chat">;
  comment: string | null;
}

export interface ChatAddress {
  channel: string;
  userId: string;
  chatId: string;
}

export interface Recipient extends ChatAddress {
  kind: "private" | "group";
  village: string | null;
}

/** Rows per multi-row INSERT: 7 parameters each stays far below both engines' limits on bound parameters. */
const RECIPIENTS_PER_INSERT = 500;

export class ConsultationStore {
  constructor(readonly sql: Sql) {}

  /** The repository on the app's database. */
  static of(store: Pick<Store, "sql">): ConsultationStore {
    return new ConsultationStore(store.sql);
  }

  async create(input: NewConsultation): Promise<Consultation> {
    const { id } = await this.sql.db
      .insertInto("consultations")
      .values({
        title: input.title,
        background: input.background,
        options: JSON.stringify(input.options),
        audience: JSON.stringify(input.audience),
        deadline: input.deadline.toISOString(),
        created_by: input.createdBy,
        created_at: input.createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return (await this.get(id))!;
  }

  async get(id: number): Promise<Consultation | undefined> {
    const row = await this.sql.db.selectFrom("consultations").select(COLUMNS).where("id", "=", id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(limit = 100): Promise<Consultation[]> {
    return (await this.sql.db.selectFrom("consultations").select(COLUMNS).orderBy("id", "desc").limit(limit).execute()).map(fromRow);
  }

  /** Consultations still taking answers, oldest deadline first. */
  async listOpen(now: Date): Promise<Consultation[]> {
    const rows = await this.sql.db
      .selectFrom("consultations")
      .select(COLUMNS)
      .where("closed_at", "is", null)
      .where("deadline", ">", now.toISOString())
      .orderBy("deadline")
      .orderBy("id")
      .execute();
    return rows.map(fromRow);
  }

  async close(id: number, at: string): Promise<boolean> {
    const result = await this.sql.db.updateTable("consultations").set({ closed_at: at }).where("id", "=", id).where("closed_at", "is", null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Records the decision, unless one was recorded already (false then); also closes the consultation, since answers
   * after the decision would mean nothing. The condition is in the UPDATE itself, so of two cadres deciding at
   * once (on two instances) exactly one wins: PostgreSQL re-checks it on the row after waiting for the other's lock.
   */
  async decide(id: number, decision: Decision, reason: string, riskNote: string, by: string, at: string): Promise<boolean> {
    const result = await this.sql.transaction(
      () =>
        this.sql.db
          .updateTable("consultations")
          .set((eb) => ({
            decision,
            decision_reason: reason,
            risk_note: riskNote,
            decided_by: by,
            decided_at: at,
            closed_at: eb.fn.coalesce("closed_at", eb.val(at)),
          }))
          .where("id", "=", id)
          .where("decision", "is", null)
          .executeTakeFirst(),
      { durable: true },
    );
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Inserts or changes a villager's answer, if the consultation still takes answers at `vote.at`; returns the
   * previous option when it was a change, or undefined (nothing written) when the consultation is closed or decided.
   * One person, one vote, the last counts — across instances too: the write is an upsert on the unique voter index,
   * so two votes of the same person racing through two instances update one row, never insert two.
   */
  async upsertVote(vote: ChatVote): Promise<{ previous: number | null } | undefined> {
    return this.sql.transaction(
      async () => {
        // The check and the vote in one transaction: a cadre's close or decision cannot slip in between. PostgreSQL:
        // FOR SHARE lets voters proceed side by side while the close's UPDATE waits for them (and they for it);
        // SQLite has no row locks (nor the clause): its one writer at a time already serialises them.
        let open = this.sql.db
          .selectFrom("consultations")
          .select("id")
          .where("id", "=", vote.consultationId)
          .where("closed_at", "is", null)
          .where("deadline", ">", vote.at);
        if (this.sql.engine === "postgres") open = open.forShare();
        if (!(await open.executeTakeFirst())) return undefined;
        // Only to tell the villager what changed. PostgreSQL: FOR UPDATE makes a second vote of the same person wait
        // for the first to commit, so it reads the option it really replaces.
        let own = this.sql.db
          .selectFrom("consultation_votes")
          .select("option_index")
          .where("consultation_id", "=", vote.consultationId)
          .where("channel", "=", vote.channel)
          .where("user_id", "=", vote.userId);
        if (this.sql.engine === "postgres") own = own.forUpdate();
        const existing = await own.executeTakeFirst();
        await this.sql.db
          .insertInto("consultation_votes")
          .values({
            consultation_id: vote.consultationId,
            channel: vote.channel,
            user_id: vote.userId,
            chat_id: vote.chatId,
            option_index: vote.optionIndex,
            comment: vote.comment,
            village: vote.village,
            method: "chat",
            created_at: vote.at,
            updated_at: vote.at,
          })
          .onConflict((oc) =>
            oc
              .columns(["consultation_id", "channel", "user_id"])
              // The unique index is partial (votes recorded by a cadre have no voter): the target must say so.
              .where("user_id", "is not", null)
              .doUpdateSet((eb) => ({
                option_index: eb.ref("excluded.option_index"),
                comment: eb.fn.coalesce("excluded.comment", "consultation_votes.comment"),
                village: eb.fn.coalesce("excluded.village", "consultation_votes.village"),
                chat_id: eb.ref("excluded.chat_id"),
                changes: eb("consultation_votes.changes", "+", 1),
                updated_at: eb.ref("excluded.updated_at"),
              })),
          )
          .execute();
        // Two first votes racing on PostgreSQL: both read no row and the later one updates: it is told "recorded".
        return { previous: existing?.option_index ?? null };
      },
      { durable: true },
    );
  }

  /** A villager's own answer, shown only to that villager. */
  async ownVote(consultationId: number, channel: string, userId: string): Promise<{ optionIndex: number; comment: string | null } | undefined> {
    return this.sql.db
      .selectFrom("consultation_votes")
      .select(["option_index as optionIndex", "comment"])
      .where("consultation_id", "=", consultationId)
      .where("channel", "=", channel)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  /**
   * Votes cast at a meeting or by proxy, entered by a cadre; no voter identity is kept. Refused (undefined, nothing
   * written) once the consultation is decided: the check and the insert are one transaction, and on PostgreSQL
   * the consultation's row is locked so a decision on another instance waits for it (or it for the decision).
   */
  async addRecordedVotes(consultationId: number, votes: readonly RecordedVote[], recordedBy: string, at: string): Promise<number | undefined> {
    return this.sql.transaction(
      async () => {
        let check = this.sql.db.selectFrom("consultations").select("decision").where("id", "=", consultationId);
        if (this.sql.engine === "postgres") check = check.forUpdate();
        const consultation = await check.executeTakeFirst();
        if (!consultation || consultation.decision !== null) return undefined;
        for (let i = 0; i < votes.length; i += RECIPIENTS_PER_INSERT) {
          const rows = votes.slice(i, i + RECIPIENTS_PER_INSERT).map((v) => ({
            consultation_id: consultationId,
            option_index: v.optionIndex,
            comment: v.comment,
            village: v.village,
            method: v.method,
            recorded_by: recordedBy,
            created_at: at,
            updated_at: at,
          }));
          await this.sql.db.insertInto("consultation_votes").values(rows).execute();
        }
        return votes.length;
      },
      { durable: true },
    );
  }

  /** Counts per village, option and method: the only way answers leave the table for staff. */
  async tally(consultationId: number): Promise<TallyRow[]> {
    return this.sql.db
      .selectFrom("consultation_votes")
      .select((eb) => ["village", "option_index as optionIndex", "method", eb.fn.countAll<number>().as("count")])
      .where("consultation_id", "=", consultationId)
      .groupBy(["village", "option_index", "method"])
      .execute();
  }

  /** Comment texts with their option only; ordered by text so the order says nothing about who or when. */
  async comments(consultationId: number): Promise<ThemedComment[]> {
    const rows = await this.sql.db
      .selectFrom("consultation_votes")
      .select(["comment", "option_index as optionIndex"])
      .where("consultation_id", "=", consultationId)
      .where("comment", "is not", null)
      .where("comment", "<>", "")
      .orderBy("comment")
      .execute();
    return rows.map((r) => ({ text: r.comment!, optionIndex: r.optionIndex }));
  }

  /** Chats of villagers who answered in chat: used only to tell them the outcome, never returned to staff. */
  async participants(consultationId: number): Promise<ChatAddress[]> {
    const rows = await this.sql.db
      .selectFrom("consultation_votes")
      .select(["channel", "user_id", "chat_id"])
      .where("consultation_id", "=", consultationId)
      .where("user_id", "is not", null)
      .execute();
    return rows.map((r) => ({ channel: r.channel!, userId: r.user_id!, chatId: r.chat_id! }));
  }

  /** Adds a chat the consultation was put to; false if it had been already. */
  async addRecipient(consultationId: number, recipient: Recipient, at: string): Promise<boolean> {
    return (await this.addRecipients(consultationId, [recipient], at)).length === 1;
  }

  /**
   * Adds the chats the consultation is put to and returns those that were not recipients yet: the insert is the
   * gate for the announcement, so two instances announcing at once (or a retry) notify each chat once. Rows that
   * already exist are skipped by the primary key, and RETURNING gives only the rows inserted, on both engines.
   */
  async addRecipients(consultationId: number, recipients: readonly Recipient[], at: string): Promise<Recipient[]> {
    const added: Recipient[] = [];
    for (let i = 0; i < recipients.length; i += RECIPIENTS_PER_INSERT) {
      const chunk = recipients.slice(i, i + RECIPIENTS_PER_INSERT);
      const inserted = await this.sql.db
        .insertInto("consultation_recipients")
        .values(
          chunk.map((r) => ({
            consultation_id: consultationId,
            channel: r.channel,
            chat_id: r.chatId,
            user_id: r.userId,
            kind: r.kind,
            village: r.village,
            notified_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(["consultation_id", "channel", "chat_id"]).doNothing())
        .returning(["channel", "chat_id"])
        .execute();
      const fresh = new Set(inserted.map((r) => `${r.channel}\u0000${r.chat_id}`));
      for (const r of chunk) if (fresh.delete(`${r.channel}\u0000${r.chatId}`)) added.push(r);
    }
    return added;
  }

  async recipients(consultationId: number, kind?: "private" | "group"): Promise<Recipient[]> {
    let query = this.sql.db
      .selectFrom("consultation_recipients")
      .select(["channel", "chat_id as chatId", "user_id as userId", "kind", "village"])
      .where("consultation_id", "=", consultationId);
    if (kind) query = query.where("kind", "=", kind);
    return query.execute();
  }

  /** Villagers the consultation was pushed to who have not answered yet (for the reminder). */
  async nonRespondents(consultationId: number): Promise<Recipient[]> {
    return this.sql.db
      .selectFrom("consultation_recipients as r")
      .select(["r.channel", "r.chat_id as chatId", "r.user_id as userId", "r.kind", "r.village"])
      .where("r.consultation_id", "=", consultationId)
      .where("r.kind", "=", "private")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("consultation_votes as v")
              .select("v.id")
              .whereRef("v.consultation_id", "=", "r.consultation_id")
              .whereRef("v.channel", "=", "r.channel")
              .whereRef("v.user_id", "=", "r.user_id"),
          ),
        ),
      )
      .execute();
  }

  async registerGroup(channel: string, chatId: string, village: string, by: string, at: string): Promise<void> {
    await this.sql.db
      .insertInto("village_groups")
      .values({ channel, chat_id: chatId, village, registered_by: by, registered_at: at })
      .onConflict((oc) =>
        oc.columns(["channel", "chat_id"]).doUpdateSet((eb) => ({
          village: eb.ref("excluded.village"),
          registered_by: eb.ref("excluded.registered_by"),
          registered_at: eb.ref("excluded.registered_at"),
        })),
      )
      .execute();
  }

  async groupVillage(channel: string, chatId: string): Promise<string | undefined> {
    const row = await this.sql.db
      .selectFrom("village_groups")
      .select("village")
      .where("channel", "=", channel)
      .where("chat_id", "=", chatId)
      .executeTakeFirst();
    return row?.village;
  }

  /** Groups registered for any of the villages; all groups when the audience is the whole township. */
  async groupsFor(villages: readonly string[]): Promise<Array<{ channel: string; chatId: string; village: string }>> {
    let query = this.sql.db.selectFrom("village_groups").select(["channel", "chat_id as chatId", "village"]);
    if (villages.length > 0) query = query.where("village", "in", villages);
    return query.orderBy("channel").orderBy("chat_id").execute();
  }

  /**
   * Villagers whose village is known (user_profiles, written by the staff profile module), in the
   * given villages or, for the whole township, any village. In a private chat the chat id is the user id.
   */
  async villagersIn(villages: readonly string[]): Promise<Array<{ channel: string; userId: string; village: string }>> {
    let query = this.sql.db
      .selectFrom("user_profiles")
      .select(["channel", "user_id as userId", "village"])
      .where("village", "is not", null)
      .where("village", "<>", "");
    if (villages.length > 0) query = query.where("village", "in", villages);
    const rows = await query.orderBy("channel").orderBy("user_id").execute();
    return rows.map((r) => ({ channel: r.channel, userId: r.userId, village: r.village! }));
  }

  /**
   * Inside a transaction: on PostgreSQL, waits until no other instance is queueing reminders (a transaction-scoped
   * advisory lock, released at its end); SQLite has one writer at a time already.
   */
  async lockReminders(): Promise<void> {
    if (this.sql.engine === "postgres") await raw`SELECT pg_advisory_xact_lock(hashtext(${REMINDER_LOCK}))`.execute(this.sql.db);
  }

  /** Open consultations whose deadline falls within `windowMs` of now: time for the one reminder. */
  async closingSoon(now: Date, windowMs: number): Promise<Consultation[]> {
    const until = new Date(now.getTime() + windowMs).toISOString();
    const rows = await this.sql.db
      .selectFrom("consultations")
      .select(COLUMNS)
      .where("closed_at", "is", null)
      .where("deadline", ">", now.toISOString())
      .where("deadline", "<=", until)
      .orderBy("id")
      .execute();
    return rows.map(fromRow);
  }

  /** How many answers a consultation has (chat, meeting and proxy together). */
  async countVotes(consultationId: number): Promise<number> {
    const row = await this.sql.db
      .selectFrom("consultation_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("consultation_id", "=", consultationId)
      .executeTakeFirstOrThrow();
    return row.n;
  }
}
