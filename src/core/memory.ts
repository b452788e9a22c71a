// What the conversation last asked about, so an elliptic follow-up ("那二级的呢", "一个月合多少", "在哪办")
// is read together with it. Kept by the core in the session store, under one key per conversation.
import { z } from "zod";
import type { ConversationWords } from "../knowledge/schema.ts";
import type { SessionStore } from "../store/sessions.ts";

/** A follow-up this long after the question no longer refers to it. */
export const FOLLOW_UP_WINDOW_MS = 15 * 60 * 1000;
const MAX_FOLLOW_UP_LENGTH = 14;

const LastQuestionSchema = z.object({ text: z.string().max(600), entryIds: z.array(z.string()).default([]) });
export type LastQuestion = z.infer<typeof LastQuestionSchema>;

const keyOf = (conversation: string) => `conversation:last:${conversation}`;

/** The question just answered, and the entries the answer came from (the thread a follow-up continues). */
export function rememberQuestion(sessions: SessionStore, conversation: string, text: string, entryIds: readonly string[], at: Date): void {
  sessions.set(keyOf(conversation), { text: text.slice(0, 600), entryIds: entryIds.slice(0, 5) }, at.toISOString());
}

export function lastQuestion(sessions: SessionStore, conversation: string, now: Date): LastQuestion | undefined {
  const stored = sessions.get(keyOf(conversation));
  if (!stored || now.getTime() - Date.parse(stored.updatedAt) > FOLLOW_UP_WINDOW_MS) return undefined;
  const parsed = LastQuestionSchema.safeParse(stored.data);
  return parsed.success ? parsed.data : undefined;
}

/** A short message that leans on what came before: starts with 那/要是…, or asks only 呢/合多少/在哪办. `text` is folded. */
export function isFollowUp(text: string, words: ConversationWords): boolean {
  const core = text.replace(/[\s。.!！?？,，、~～…]+/g, "");
  if (core.length === 0 || core.length > MAX_FOLLOW_UP_LENGTH) return false;
  return words.followup_starts.some((w) => core.startsWith(w)) || words.followup_words.some((w) => core.includes(w));
}
