// What search hits mean for a reply: the confidence thresholds, the verdict, and how an entry is cited.
import type { KnowledgeIndex, SearchHit } from "./search.ts";
import type { Entry } from "./schema.ts";

export const CONFIDENCE = {
  /** At or above: answer from the best entry. */
  answer: 0.55,
  /** At or above (and below `answer`): offer the closest topics. Below: say we don't know. */
  clarify: 0.3,
} as const;

export const FALLBACK_CONTACT = "村委会，或镇政府便民服务中心";

export interface Citation {
  id: string;
  title: string;
  source: string;
}

export function citationOf(entry: Entry): Citation {
  return { id: entry.id, title: entry.title, source: `${entry.source.file} ${entry.source.section}` };
}

export type PolicyAnswerKind = "answer" | "needs_review" | "clarify" | "no_answer";

/** When the runner-up scores this close to the best entry, the question fits both: ask which. */
const TIE_RATIO = 0.95;

export function decide(hits: readonly SearchHit[]): PolicyAnswerKind {
  const top = hits[0];
  if (!top) return "no_answer";
  const second = hits[1];
  const tied = second !== undefined && second.coverage >= CONFIDENCE.answer && second.coverage >= top.coverage - 0.1 && second.score >= top.score * TIE_RATIO;
  if (top.coverage >= CONFIDENCE.answer && !tied) return top.entry.needs_review ? "needs_review" : "answer";
  if (tied) return "clarify";
  if (top.coverage >= CONFIDENCE.clarify) return "clarify";
  return "no_answer";
}

/**
 * "俺隔壁那家男的老打媳妇，打得可狠了，俺看不下去": a story told around one rare word naming an entry's topic
 * (家暴), and no other close entry names a topic at all: however little of the message it covers, that entry
 * is what the message is about.
 */
export function soleTopic(index: KnowledgeIndex, hits: readonly SearchHit[]): boolean {
  const [top, ...rest] = hits;
  return (
    top !== undefined &&
    !top.entry.needs_review &&
    top.coverage >= SOLE_TOPIC_COVERAGE &&
    index.namesTopic(top, true) &&
    rest.slice(0, 2).every((h) => !index.namesTopic(h))
  );
}
/** Below this even a sole topic word is chance: a long message that merely contains it. */
const SOLE_TOPIC_COVERAGE = 0.1;
