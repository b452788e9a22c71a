// The conversation core's dialogue state: at most one active dialogue per conversation, owned by one feature,
// validated by that feature's schema, with the time it was asked and when it expires. Features register
// their dialogue's `continue` step; none reads another's state (botbuilder's dialog stack, kept as data).
import { z } from "zod";
import type { SessionStore } from "../store/sessions.ts";
import type { TurnContext, TurnResult } from "./turn.ts";

const DialogueRecordSchema = z.object({
  owner: z.string(),
  state: z.unknown(),
  askedAt: z.string(),
  expiresAt: z.string(),
});
export type ActiveDialogue = z.infer<typeof DialogueRecordSchema>;
/** The active dialogue, and the one it interrupted: that one resumes when this one ends (a stack of two). */
const StoredDialogueSchema = DialogueRecordSchema.extend({ suspended: DialogueRecordSchema.optional() });
type StoredDialogue = z.infer<typeof StoredDialogueSchema>;

/** What the core made of a message before the dialogue's owner sees it. */
export type TurnKind = "answer" | "correction" | "new_question" | "report" | "smalltalk" | "reset";

export interface Dialogue<S = unknown> {
  owner: string;
  schema: z.ZodType<S>;
  /** Left unanswered this long, the dialogue is forgotten and the next message starts afresh. */
  ttlMs: number;
  /** Small talk ("好", "没有") can answer this dialogue's yes/no questions; others never see it. */
  hearsSmallTalk?: boolean;
  /**
   * Continues the dialogue with this message. Returns undefined when the message is not for it: the core
   * then routes it normally (a new question suspends the dialogue rather than being swallowed by it).
   */
  continue(ctx: TurnContext, state: S, turn: TurnKind): TurnResult | undefined | Promise<TurnResult | undefined>;
  /**
   * Whether the dialogue is the thread the next message goes on with (by default, while it is active). A
   * dialogue kept only to be referred back to (a screening answered: "俺家一共…" still means its people) is not:
   * "俩人一年呢" after another question is read with that question.
   */
  holdsThread?(state: S): boolean;
  /**
   * Whether the question that opened the dialogue was answered in full, so a follow-up ("那有几个人") goes on
   * with that question (an answer offered to be filed), rather than with the dialogue (a screening answered).
   */
  answeredItsQuestion?(state: S): boolean;
}

const keyOf = (conversation: string) => `dialogue:${conversation}`;

/**
 * One conversation's active dialogue, as a feature sees it during a turn: read once when the slot is opened,
 * so features look at it and change it without waiting for the database; changes wait for `flush`, which
 * the core calls in the transaction that logs the message (one commit for both).
 */
export class DialogueSlot {
  private pending: { value: StoredDialogue | null } | undefined;

  private constructor(
    private readonly sessions: SessionStore,
    private readonly conversation: string,
    private readonly now: Date,
    private readonly ttlOf: (owner: string) => number,
    /** The stored dialogue as read when the slot was opened. */
    private readonly stored: unknown,
    /** Its stored text (null: none was stored), for `flushIfUnchanged`. */
    private readonly storedRaw: string | null,
  ) {}

  /** Reads the conversation's dialogue state, once. */
  static async open(sessions: SessionStore, conversation: string, now: Date, ttlOf: (owner: string) => number): Promise<DialogueSlot> {
    const stored = await sessions.get(keyOf(conversation));
    return new DialogueSlot(sessions, conversation, now, ttlOf, stored?.data, stored?.raw ?? null);
  }

  /**
   * Writes the changes only if nobody changed the stored state since the slot read it; returns whether
   * it did (or there was nothing to write).
   */
  async flushIfUnchanged(): Promise<boolean> {
    if (!this.pending) return true;
    if (!this.pending.value) throw new Error("flushIfUnchanged writes a dialogue, it does not end one");
    return this.sessions.replace(keyOf(this.conversation), this.storedRaw, this.pending.value, this.now.toISOString());
  }

  /**
   * The change made since the slot was opened, for the core to write with the turn's log row (`TurnLog`): the
   * stored dialogue's key and its new value (null: none), or undefined when nothing changed.
   */
  change(): { key: string; value: StoredDialogue | null; at: string } | undefined {
    if (!this.pending) return undefined;
    return { key: keyOf(this.conversation), value: this.pending.value, at: this.now.toISOString() };
  }

  private write(value: StoredDialogue | null): void {
    this.pending = { value };
  }

  private read(): StoredDialogue | undefined {
    if (this.pending) return this.pending.value ?? undefined;
    if (this.stored === undefined) return undefined;
    const parsed = StoredDialogueSchema.safeParse(this.stored);
    if (!parsed.success) {
      this.write(null);
      return undefined;
    }
    if (Date.parse(parsed.data.expiresAt) > this.now.getTime()) return parsed.data;
    this.resume(parsed.data.suspended);
    return this.read();
  }

  /** Brings back the interrupted dialogue if it has not expired meanwhile; otherwise nothing is active. */
  private resume(suspended: ActiveDialogue | undefined): void {
    this.write(suspended && Date.parse(suspended.expiresAt) > this.now.getTime() ? suspended : null);
  }

  /** The active dialogue, whoever owns it; an expired one is forgotten. */
  active(): ActiveDialogue | undefined {
    const stored = this.read();
    return stored ? { owner: stored.owner, state: stored.state, askedAt: stored.askedAt, expiresAt: stored.expiresAt } : undefined;
  }

  /** This owner's state, if its dialogue is the active one. */
  stateOf(owner: string): unknown {
    const active = this.active();
    return active?.owner === owner ? active.state : undefined;
  }

  /**
   * Starts (or moves on) the owner's dialogue. Another owner's dialogue in progress is suspended, not lost:
   * it resumes when this one ends ("1" answers the consultation again once the clarification is over).
   */
  start(owner: string, state: unknown): void {
    const at = this.now.toISOString();
    const expiresAt = new Date(this.now.getTime() + this.ttlOf(owner)).toISOString();
    const current = this.read();
    const suspended = !current
      ? undefined
      : current.owner === owner
        ? current.suspended
        : { owner: current.owner, state: current.state, askedAt: current.askedAt, expiresAt: current.expiresAt };
    const record: StoredDialogue = { owner, state, askedAt: at, expiresAt, ...(suspended && suspended.owner !== owner ? { suspended } : {}) };
    this.write(record);
  }

  /** Ends the owner's dialogue (the one it interrupted resumes); another owner's dialogue is left alone. */
  end(owner: string): void {
    const current = this.read();
    if (current?.owner === owner) this.resume(current.suspended);
  }
}

/**
 * Offers a dialogue from outside a turn (a consultation pushed to a villager): it becomes active only
 * when the conversation has no other dialogue in progress, so a question being answered is not cut off.
 * The offer is written only if the state it looked at is still the stored one: a turn (on this instance
 * or another) that wrote a dialogue in between is not overwritten; the offer looks again.
 */
export async function offerDialogue(sessions: SessionStore, conversation: string, owner: string, state: unknown, now: Date, ttlMs: number): Promise<boolean> {
  // A few looks: only a conversation changing this very moment, again and again, goes without the offer.
  for (let attempt = 0; attempt < 5; attempt++) {
    const slot = await DialogueSlot.open(sessions, conversation, now, () => ttlMs);
    const active = slot.active();
    if (active && active.owner !== owner) return false;
    slot.start(owner, state);
    if (await slot.flushIfUnchanged()) return true;
  }
  return false;
}

/** The registered dialogues, by owner. */
export class DialogueRegistry {
  private readonly byOwner = new Map<string, Dialogue<any>>();

  constructor(dialogues: readonly Dialogue<any>[]) {
    for (const dialogue of dialogues) {
      if (this.byOwner.has(dialogue.owner)) throw new Error(`two dialogues named ${dialogue.owner}`);
      this.byOwner.set(dialogue.owner, dialogue);
    }
  }

  get(owner: string): Dialogue<any> | undefined {
    return this.byOwner.get(owner);
  }

  ttlOf = (owner: string): number => this.byOwner.get(owner)?.ttlMs ?? 30 * 60 * 1000;

  /** Whether the active dialogue's own question was answered in full (see `Dialogue.answeredItsQuestion`). */
  answeredItsQuestion(active: ActiveDialogue | undefined): boolean {
    const dialogue = active && this.byOwner.get(active.owner);
    if (!active || !dialogue?.answeredItsQuestion) return false;
    const state = dialogue.schema.safeParse(active.state);
    return state.success && dialogue.answeredItsQuestion(state.data);
  }

  /** Whether the active dialogue is the conversation's thread (see `Dialogue.holdsThread`). */
  holdsThread(active: ActiveDialogue | undefined): boolean {
    if (!active) return false;
    const dialogue = this.byOwner.get(active.owner);
    if (!dialogue?.holdsThread) return true;
    const state = dialogue.schema.safeParse(active.state);
    return !state.success || dialogue.holdsThread(state.data);
  }
}
