// The short dialogues after a report: "same problem?", "which village?", "keep your number?".
import { z } from "zod";
import type { TurnContext } from "../core/turn.ts";

export const DIALOGUE_TTL_MS = 30 * 60_000;

// Dialogues saved before places became a list held them joined by "|" (`place`); read either for their 30 minutes.
const withPlaceList = (value: unknown) => {
  if (typeof value !== "object" || value === null || "places" in value) return value;
  const { place, ...rest } = value as { place?: unknown };
  return { ...rest, places: typeof place === "string" ? place.split("|").filter((p) => p.length > 0) : [] };
};

const PendingReportSchema = z.preprocess(
  withPlaceList,
  z.object({
    text: z.string(),
    category: z.string(),
    village: z.string(),
    places: z.array(z.string()),
    anonymous: z.boolean(),
    displayName: z.string().nullable(),
    hasPersonalData: z.boolean(),
  }),
);
export type PendingReport = z.infer<typeof PendingReportSchema>;

export const FeedbackDialogueSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("duplicate"), candidateId: z.number().int(), pending: PendingReportSchema }),
  z.object({ step: z.literal("village"), feedbackId: z.number().int(), thenConsent: z.boolean() }),
  z.object({ step: z.literal("consent"), feedbackId: z.number().int() }),
  /** "俺要举报": the villager said they have something to report; their next message is it. */
  z.object({ step: z.literal("details") }),
  /** Just filed, nothing asked: "晚上黑灯瞎火，老人摔了好几回" right after adds to the same report. */
  z.object({ step: z.literal("filed"), feedbackId: z.number().int() }),
  /** A message that is both a problem and a question was answered; filing waits for the villager's word. */
  z.object({ step: z.literal("offer"), text: z.string().max(2000) }),
]);
export type FeedbackDialogue = z.infer<typeof FeedbackDialogueSchema>;

export const FEEDBACK_DIALOGUE = "feedback";

/** The feedback dialogue's state, if it is the conversation's active dialogue (the core validated it). */
export function readDialogue(ctx: TurnContext): FeedbackDialogue | undefined {
  const parsed = FeedbackDialogueSchema.safeParse(ctx.dialogue.stateOf(FEEDBACK_DIALOGUE));
  return parsed.success ? parsed.data : undefined;
}

export function saveDialogue(ctx: TurnContext, dialogue: FeedbackDialogue): void {
  ctx.dialogue.start(FEEDBACK_DIALOGUE, dialogue);
}

export function clearDialogue(ctx: Pick<TurnContext, "dialogue">): void {
  ctx.dialogue.end(FEEDBACK_DIALOGUE);
}

/**
 * The villager's own words with numbers intact, held in memory only until they say whether we may keep
 * them: without consent nothing unmasked ever reaches the disk (a restart simply forgets it).
 */
const originals = new Map<string, { text: string; expires: number }>();

export function holdOriginal(key: string, text: string, now: Date): void {
  for (const [k, v] of originals) if (v.expires < now.getTime()) originals.delete(k);
  originals.set(key, { text, expires: now.getTime() + DIALOGUE_TTL_MS });
}

export function takeOriginal(key: string, now: Date): string | undefined {
  const held = originals.get(key);
  originals.delete(key);
  return held && held.expires >= now.getTime() ? held.text : undefined;
}
