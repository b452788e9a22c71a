// SQLite access for consultations, their answers, recipients and village groups (migration 005).
import { z } from "zod";
import type { Db, Store } from "../store/index.ts";
import { DecisionSchema, OptionSchema, type Consultation, type ConsultationOption, type Decision, type VoteMethod } from "./model.ts";
import type { TallyRow } from "./results.ts";
import type { ThemedComment } from "./themes.ts";

const StoredOptions = z.array(OptionSchema).min(2);
const StoredAudience = z.array(z.string());

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
  decision: string | null;
  decisionReason: string | null;
  riskNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

const COLUMNS = `id, title, background, options, audience, deadline, created_by AS createdBy, created_at AS createdAt, closed_at AS closedAt,
  decision, decision_reason AS decisionReason, risk_note AS riskNote, decided_by AS decidedBy, decided_at AS decidedAt`;

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

export class ConsultationStore {
  constructor(private readonly db: Db) {}

  /** The repository on the app's database. */
  static of(store: Store): ConsultationStore {
    return new ConsultationStore(store.db);
  }

  create(input: NewConsultation): Consultation {
    const result = this.db
      .prepare(
        `INSERT INTO consultations (title, background, options, audience, deadline, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.title,
        input.background,
        JSON.stringify(input.options),
        JSON.stringify(input.audience),
        input.deadline.toISOString(),
        input.createdBy,
        input.createdAt,
      );
    return this.get(Number(result.lastInsertRowid))!;
  }

  get(id: number): Consultation | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM consultations WHERE id = ?`).get(id) as ConsultationRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  list(limit = 100): Consultation[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM consultations ORDER BY id DESC LIMIT ?`).all(limit) as ConsultationRow[]).map(fromRow);
  }

  /** Consultations still taking answers, oldest deadline first. */
  listOpen(now: Date): Consultation[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM consultations WHERE closed_at IS NULL AND deadline > ? ORDER BY deadline, id`)
        .all(now.toISOString()) as ConsultationRow[]
    ).map(fromRow);
  }

  close(id: number, at: string): boolean {
    return this.db.prepare("UPDATE consultations SET closed_at = ? WHERE id = ? AND closed_at IS NULL").run(at, id).changes === 1;
  }

  /** Records the decision; also closes the consultation, since answers after the decision would mean nothing. */
  decide(id: number, decision: Decision, reason: string, riskNote: string, by: string, at: string): void {
    this.db
      .prepare(
        `UPDATE consultations SET decision = ?, decision_reason = ?, risk_note = ?, decided_by = ?, decided_at = ?,
           closed_at = COALESCE(closed_at, ?) WHERE id = ?`,
      )
      .run(decision, reason, riskNote, by, at, at, id);
  }

  /** Inserts or changes a villager's answer; returns the previous option when it was a change. */
  upsertVote(vote: ChatVote): { previous: number | null } {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare("SELECT option_index AS optionIndex FROM consultation_votes WHERE consultation_id = ? AND channel = ? AND user_id = ?")
        .get(vote.consultationId, vote.channel, vote.userId) as { optionIndex: number } | undefined;
      if (existing) {
        this.db
          .prepare(
            `UPDATE consultation_votes SET option_index = ?, comment = COALESCE(?, comment), village = COALESCE(?, village), chat_id = ?,
               changes = changes + 1, updated_at = ? WHERE consultation_id = ? AND channel = ? AND user_id = ?`,
          )
          .run(vote.optionIndex, vote.comment, vote.village, vote.chatId, vote.at, vote.consultationId, vote.channel, vote.userId);
        return { previous: existing.optionIndex };
      }
      this.db
        .prepare(
          `INSERT INTO consultation_votes (consultation_id, channel, user_id, chat_id, option_index, comment, village, method, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'chat', ?, ?)`,
        )
        .run(vote.consultationId, vote.channel, vote.userId, vote.chatId, vote.optionIndex, vote.comment, vote.village, vote.at, vote.at);
      return { previous: null };
    })();
  }

  /** A villager's own answer, shown only to that villager. */
  ownVote(consultationId: number, channel: string, userId: string): { optionIndex: number; comment: string | null } | undefined {
    return this.db
      .prepare("SELECT option_index AS optionIndex, comment FROM consultation_votes WHERE consultation_id = ? AND channel = ? AND user_id = ?")
      .get(consultationId, channel, userId) as { optionIndex: number; comment: string | null } | undefined;
  }

  /** Votes cast at a meeting or by proxy, entered by a cadre; no voter identity is kept. */
  addRecordedVotes(consultationId: number, votes: readonly RecordedVote[], recordedBy: string, at: string): number {
    const insert = this.db.prepare(
      `INSERT INTO consultation_votes (consultation_id, option_index, comment, village, method, recorded_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      for (const v of votes) insert.run(consultationId, v.optionIndex, v.comment, v.village, v.method, recordedBy, at, at);
      return votes.length;
    })();
  }

  /** Counts per village, option and method: the only way answers leave the table for staff. */
  tally(consultationId: number): TallyRow[] {
    return this.db
      .prepare(
        `SELECT village, option_index AS optionIndex, method, COUNT(*) AS count FROM consultation_votes
         WHERE consultation_id = ? GROUP BY village, option_index, method`,
      )
      .all(consultationId) as TallyRow[];
  }

  /** Comment texts with their option only; ordered by text so the order says nothing about who or when. */
  comments(consultationId: number): ThemedComment[] {
    return this.db
      .prepare(
        "SELECT comment AS text, option_index AS optionIndex FROM consultation_votes WHERE consultation_id = ? AND comment IS NOT NULL AND comment <> '' ORDER BY comment",
      )
      .all(consultationId) as ThemedComment[];
  }

  /** Chats of villagers who answered in chat: used only to tell them the outcome, never returned to staff. */
  participants(consultationId: number): ChatAddress[] {
    return this.db
      .prepare("SELECT channel, user_id AS userId, chat_id AS chatId FROM consultation_votes WHERE consultation_id = ? AND user_id IS NOT NULL")
      .all(consultationId) as ChatAddress[];
  }

  addRecipient(consultationId: number, recipient: Recipient, at: string): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO consultation_recipients (consultation_id, channel, chat_id, user_id, kind, village, notified_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(consultationId, recipient.channel, recipient.chatId, recipient.userId, recipient.kind, recipient.village, at).changes === 1
    );
  }

  recipients(consultationId: number, kind?: "private" | "group"): Recipient[] {
    return this.db
      .prepare(
        `SELECT channel, chat_id AS chatId, user_id AS userId, kind, village FROM consultation_recipients
         WHERE consultation_id = @id AND (@kind IS NULL OR kind = @kind)`,
      )
      .all({ id: consultationId, kind: kind ?? null }) as Recipient[];
  }

  /** Villagers the consultation was pushed to who have not answered yet (for the reminder). */
  nonRespondents(consultationId: number): Recipient[] {
    return this.db
      .prepare(
        `SELECT r.channel, r.chat_id AS chatId, r.user_id AS userId, r.kind, r.village FROM consultation_recipients r
         WHERE r.consultation_id = ? AND r.kind = 'private' AND NOT EXISTS (
           SELECT 1 FROM consultation_votes v WHERE v.consultation_id = r.consultation_id AND v.channel = r.channel AND v.user_id = r.user_id)`,
      )
      .all(consultationId) as Recipient[];
  }

  registerGroup(channel: string, chatId: string, village: string, by: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO village_groups (channel, chat_id, village, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel, chat_id) DO UPDATE SET village = excluded.village, registered_by = excluded.registered_by, registered_at = excluded.registered_at`,
      )
      .run(channel, chatId, village, by, at);
  }

  groupVillage(channel: string, chatId: string): string | undefined {
    return this.db.prepare("SELECT village FROM village_groups WHERE channel = ? AND chat_id = ?").pluck().get(channel, chatId) as string | undefined;
  }

  /** Groups registered for any of the villages; all groups when the audience is the whole township. */
  groupsFor(villages: readonly string[]): Array<{ channel: string; chatId: string; village: string }> {
    const all = this.db.prepare("SELECT channel, chat_id AS chatId, village FROM village_groups ORDER BY channel, chat_id").all() as Array<{
      channel: string;
      chatId: string;
      village: string;
    }>;
    return villages.length === 0 ? all : all.filter((g) => villages.includes(g.village));
  }

  /**
   * Villagers whose village is known (user_profiles, written by the staff profile module), in the
   * given villages or, for the whole township, any village. In a private chat the chat id is the user id.
   */
  villagersIn(villages: readonly string[]): Array<{ channel: string; userId: string; village: string }> {
    const all = this.db
      .prepare("SELECT channel, user_id AS userId, village FROM user_profiles WHERE village IS NOT NULL AND village <> '' ORDER BY channel, user_id")
      .all() as Array<{ channel: string; userId: string; village: string }>;
    return villages.length === 0 ? all : all.filter((u) => villages.includes(u.village));
  }

  /** Open consultations whose deadline falls within `windowMs` of now: time for the one reminder. */
  closingSoon(now: Date, windowMs: number): Consultation[] {
    const until = new Date(now.getTime() + windowMs).toISOString();
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM consultations WHERE closed_at IS NULL AND deadline > ? AND deadline <= ? ORDER BY id`)
        .all(now.toISOString(), until) as ConsultationRow[]
    ).map(fromRow);
  }

  /** How many answers a consultation has (chat, meeting and proxy together). */
  countVotes(consultationId: number): number {
    return this.db.prepare("SELECT COUNT(*) FROM consultation_votes WHERE consultation_id = ?").pluck().get(consultationId) as number;
  }
}
