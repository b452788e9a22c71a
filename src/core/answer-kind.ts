// How a turn was answered ("answer", "clarify", "feedback" …): logged in messages.answer_kind, read back by follow-ups.
/**
 * Every feature registers its own kinds by augmenting this interface (a key per kind), so the core knows
 * every kind without importing a feature, and a misspelt kind fails to compile. A feature writes:
 *
 *   export type FeedbackAnswerKind = "feedback" | "feedback_group";
 *   declare module "../../core/answer-kind.ts" {
 *     interface AnswerKinds extends Record<FeedbackAnswerKind, true> {}
 *   }
 *
 * The strings themselves are stored and compared (core/memory.ts), so a kind is never renamed lightly.
 */
export interface AnswerKinds {
  /** The villager cancelled the dialogue in progress ("算了", "重新开始"). */
  dialogue_reset: true;
}

export type AnswerKind = keyof AnswerKinds;
