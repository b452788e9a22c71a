// Answers questions about programmes and facts from the knowledge base, or says honestly that it can't.
import { foldText } from "../../text/fold.ts";
import { composeAnswer, type ComposedAnswer } from "./answer.ts";
import type { PolicyAnswerKind } from "../../knowledge/hits.ts";
import { reply } from "../../core/message.ts";
import type { IntentHandler, TurnContext, TurnResult } from "../../core/turn.ts";
import { answerWithLlm } from "../../core/llm-turn.ts";
import type { Dialogue } from "../../core/dialogue.ts";
import { z } from "zod";

// Answers from the knowledge base: answered, answered but marked for review, a clarifying question, none.
declare module "../../core/answer-kind.ts" {
  interface AnswerKinds extends Record<PolicyAnswerKind, true> {}
}

const CLARIFY_TTL_MS = 10 * 60 * 1000;
const ClarifySessionSchema = z.object({
  kind: z.literal("clarify"),
  question: z.string(),
  options: z.array(z.string()).min(1),
});
type ClarifySession = z.infer<typeof ClarifySessionSchema>;

// ("妇女打官司有没有法律援助", "收不收钱": a yes-no question put as both answers.)
const ASKS = /多少|多大|多长|多远|多久|多高|几|吗|么|啥|什么|哪|谁|怎么|咋|呢|不$|没有$|有没有|([\u4e00-\u9fa5])不\1/;

/** A second clause this nearly all its own entry's is a question of its own, whatever words it shares. */
const OWN_CLAUSE_COVERAGE = 0.85;

/** "俩一块说下", "都说说", "一起讲讲": asks to be told what the clauses before it asked. */
const TELL_BOTH = /说下|说说|说一下|讲讲|讲一下|一块|一起|告诉/;

/**
 * "三级一年多少？一户多残每户给多少？", "白内障做了多少例，药费补了多少人", "老年补助每月多少重度的代缴多少":
 * two questions, each a clause that asks something on its own (each must then find an entry of its own).
 */
export function splitQuestions(text: string): string[] {
  const parts = text
    // A question run on without punctuation ends at its 多少 when a clause that asks follows.
    .replace(/(多少(?:钱|人|户|例|元|个|次)?)(?=[^，,。？?\s]{4,}(?:多少|几))/g, "$1？")
    .split(/[？?；;。！!，,]+|\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 4);
  // "县里来检查，俺是村干部，白内障…多少例，药费…多少人": who is asking comes first and asks nothing.
  const first = parts.findIndex((p) => ASKS.test(p));
  const asked = first < 0 ? [] : parts.slice(first);
  // "…多少 …多少 俩一块说下": a closing request to tell both asks nothing of its own.
  while (asked.length > 2 && !ASKS.test(asked.at(-1)!) && TELL_BOTH.test(asked.at(-1)!)) asked.pop();
  return asked.length >= 2 && asked.every((p) => ASKS.test(p)) ? asked.slice(0, 3) : [];
}

/** Answers each question of a two-question message from its own entry; undefined when they share one. */
function answerEach(ctx: TurnContext, parts: string[]): ComposedAnswer | undefined {
  const { index } = ctx.kb;
  const searched = parts.map((part) => {
    const query = index.analyze(part);
    return { query, hits: index.search(query, 5) };
  });
  // Each clause must name a topic of its own: "上面给补多少", "配了几个技术员" go on about the first
  // clause's subject (its entry is among theirs), and the whole question is answered as one.
  // "…女的占多少？目标值定的多少？": a clause whose every matched word the first clause's entry also has.
  const firstEntry = searched[0]?.hits[0]?.entry;
  const firstText = firstEntry ? [firstEntry.title, firstEntry.summary, ...firstEntry.facts.map((f) => f.text)].join("") : "";
  const own = searched.every(
    ({ hits }, i) =>
      hits[0] !== undefined &&
      index.namesTopic(hits[0], true) &&
      (i === 0 || !hits[0].matchedWords.filter((w) => w.length >= 2 && !/多少|几/.test(w)).every((w) => firstText.includes(w))) &&
      (i === 0 ||
        !hits.slice(0, 3).some((h) => h.entry.id === searched[0]!.hits[0]!.entry.id) ||
        // "妇女…法律援助多少人 残疾人法律援助多少人": a clause whose own best entry is another, clearly, though
        // the two share words.
        // Only when the clause is nearly all its own entry's, well ahead of the first clause's entry.
        (hits[0].entry.id !== searched[0]!.hits[0]!.entry.id &&
          hits[0].coverage >= OWN_CLAUSE_COVERAGE &&
          hits.every((h) => h.entry.id !== searched[0]!.hits[0]!.entry.id || h.score <= hits[0]!.score * 0.7))),
  );
  if (!own) return undefined;
  const answers = searched.map(({ query, hits }) => composeAnswer(index, query, hits));
  const good = answers.filter((a) => a.kind === "answer" || a.kind === "needs_review");
  const entries = new Set(good.map((a) => a.entryIds[0]));
  if (good.length < 2 || entries.size < 2) return undefined;
  return {
    kind: "answer",
    text: good.map((a) => a.text.replace(/\n不是您要问的？.*$/s, "")).join("\n\n"),
    citations: good.flatMap((a) => a.citations),
    entryIds: good.flatMap((a) => a.entryIds),
    confidence: Math.min(...good.map((a) => a.confidence)),
    quickReplies: [],
  };
}

export function answerPolicyQuestion(ctx: TurnContext): TurnResult {
  // (Read folded: "有冇", "幾個" ask as their Mandarin does.)
  const parts = ctx.followsUp ? [] : splitQuestions(foldText(ctx.text));
  const both = parts.length > 0 ? answerEach(ctx, parts) : undefined;
  if (both) return toTurnResult(both);
  const answer = composeAnswer(ctx.kb.index, ctx.query, ctx.hits);
  if (answer.kind === "clarify") {
    ctx.dialogue.start(CLARIFY_DIALOGUE, { kind: "clarify", question: ctx.text, options: answer.entryIds });
  }
  return toTurnResult(answer);
}

export function toTurnResult(answer: ComposedAnswer): TurnResult {
  const result: TurnResult = {
    intent: "policy",
    confidence: answer.confidence,
    replies: [reply(answer.text, { citations: answer.citations, quickReplies: answer.quickReplies })],
    answerKind: answer.kind,
    answerIds: answer.entryIds,
  };
  if (answer.kind !== "answer") {
    result.unanswered = { reason: answer.kind, bestEntryId: answer.entryIds[0] ?? null, confidence: answer.confidence };
  }
  return result;
}

export const policyHandler: IntentHandler = {
  intent: "policy",
  // With an LLM configured, the model writes the reply from the same passages; the offline answer is its fallback.
  handle: (ctx) => (ctx.services.llm ? answerWithLlm(ctx.services.llm, ctx, answerPolicyQuestion) : answerPolicyQuestion(ctx)),
};

const CLARIFY_DIALOGUE = "policy-clarify";

/** A menu offered by this turn, answered after all by another feature: its choice no longer waits. */
export function withdrawClarify(ctx: TurnContext): void {
  ctx.dialogue.end(CLARIFY_DIALOGUE);
}

/** After a clarifying question, "1" / "第二个" picks one of the offered topics; anything else is routed anew. */
export const clarifyDialogue: Dialogue<ClarifySession> = {
  owner: CLARIFY_DIALOGUE,
  schema: ClarifySessionSchema,
  ttlMs: CLARIFY_TTL_MS,
  continue(ctx, session) {
    const choice = parseChoice(ctx.text);
    // Anything but a choice ends the clarification; the message is routed normally.
    ctx.dialogue.end(CLARIFY_DIALOGUE);
    if (choice === undefined) return undefined;
    const entryId = session.options[choice - 1];
    const entry = entryId ? ctx.kb.byId.get(entryId) : undefined;
    if (!entry) return undefined;
    const query = ctx.kb.index.analyze(`${session.question} ${entry.title}`);
    const hits = ctx.kb.index.search(query, 5).filter((h) => h.entry.id === entry.id);
    const pinned = hits[0] ? [{ ...hits[0], coverage: 1 }] : [{ entry, score: 1, coverage: 1, matchedWords: [], unmatchedWords: [] }];
    return toTurnResult(composeAnswer(ctx.kb.index, query, pinned));
  },
};

const ORDINALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

export function parseChoice(text: string): number | undefined {
  const trimmed = text
    .normalize("NFKC")
    .trim()
    .replace(/[。.!！、]$/, "");
  const digit = /^(?:第)?([1-9])(?:个|项|条|号)?$/.exec(trimmed);
  if (digit) return Number(digit[1]);
  const chinese = /^(?:第)?([一二两三四五])(?:个|项|条|号)?$/.exec(trimmed);
  if (chinese) return ORDINALS[chinese[1]!];
  return undefined;
}
