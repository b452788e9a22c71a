// The turn's side of the LLM port: which conversation and passages the model sees, how a follow-up finds its
// topic, and what the reply is made of. The offline answer stands whenever the model gives nothing.
import { CONFIDENCE, citationOf, decide } from "../knowledge/hits.ts";
import type { Entry } from "../knowledge/schema.ts";
import type { SearchHit } from "../knowledge/search.ts";
import { foldText } from "../text/fold.ts";
import type { AnswerWriter, Exchange, MessageReader, Passage } from "./llm-port.ts";
import { reply, type Citation } from "./message.ts";
import { maskPersonalData } from "./privacy.ts";
import { CLASSIFIER_SURE } from "./route.ts";
import type { TurnContext, TurnResult } from "./turn.ts";

/** Passages given to the model: the best few, enough for comparisons ("那三级呢？") without drowning it. */
const MAX_PASSAGES = 3;
/** Earlier questions searched together with an elliptic follow-up. */
const FOLLOW_UP_TURNS = 2;

export interface AnswerOptions {
  /** Extra lines for the top passage, e.g. the eligibility evaluator's results. */
  notes?: string[];
}

/**
 * The reply to a policy question, written by the model from the knowledge base's passages. `offline` is the
 * knowledge base's own answer; it is sent whenever the model is unavailable, fails, or writes anything not grounded.
 */
export async function answerWithLlm(
  llm: AnswerWriter,
  ctx: TurnContext,
  offline: (ctx: TurnContext) => TurnResult,
  options: AnswerOptions = {},
): Promise<TurnResult> {
  const history = await historyOf(ctx);
  const turn = withPreviousTopic(ctx, history);
  const offlineResult = offline(turn);
  const kind = offlineResult.answerKind;
  // A clarifying question (numbered topics, quick replies) works as it is; the model adds nothing there.
  if (kind === undefined || kind === "clarify") return offlineResult;
  const passages = passagesFor(turn, ctx.hits, options.notes);
  const written = await llm.write({ question: ctx.text, passages, history });
  if (!written) return offlineResult;
  const cited = written.citedIds.map((id) => passages.find((p) => p.entry.id === id)?.entry).filter((e): e is Entry => e !== undefined);
  const citations: Citation[] = cited.length > 0 ? cited.map(citationOf) : (offlineResult.replies[0]?.citations ?? []);
  const sources = [...new Set(cited.map((e) => e.source.section))];
  const text = sources.length > 0 ? `${written.text}\n来源：${sources.join("；")}` : written.text;
  return { ...offlineResult, replies: [reply(text, { citations, quickReplies: offlineResult.replies[0]?.quickReplies ?? [] })] };
}

/** For a message the offline classifier is unsure about: the model's intent, slots and, when it finds more, its search. */
export async function understandWithLlm(llm: MessageReader, ctx: TurnContext): Promise<Partial<TurnContext> | undefined> {
  const understanding = await llm.understand({ text: ctx.text, history: await historyOf(ctx) });
  if (!understanding) return undefined;
  const understood: Partial<TurnContext> = {
    classification: { intent: understanding.intent, confidence: Math.max(ctx.classification.confidence, CLASSIFIER_SURE), scores: ctx.classification.scores },
    slots: understanding.slots ?? {},
  };
  if (understanding.query) {
    const query = ctx.kb.index.analyze(understanding.query);
    const hits = ctx.kb.index.search(query, 5);
    // The rewrite names the topic a short follow-up leaves out, so its search wins whenever it finds one.
    const kind = decide(hits);
    const better = kind === "answer" || kind === "needs_review" || (hits[0]?.coverage ?? 0) >= (ctx.hits[0]?.coverage ?? 0);
    if (better) Object.assign(understood, { query, hits });
  }
  return understood;
}

/** The conversation's latest exchanges, masked; older ones belong to another conversation. */
async function historyOf(ctx: TurnContext): Promise<Exchange[]> {
  const { config, store } = ctx.services;
  const since = new Date(ctx.now.getTime() - config.LLM_HISTORY_MINUTES * 60_000).toISOString();
  return (await store.messages.recentExchanges(ctx.message.channel, ctx.message.userId, config.LLM_HISTORY_TURNS))
    .filter((exchange) => exchange.createdAt >= since)
    .map((exchange) => ({ userText: maskPersonalData(exchange.text), replyText: maskPersonalData(exchange.replyText) }));
}

/**
 * "那三级呢？" names no topic: search again with the previous question added, and use that when it finds
 * a topic. Only on the LLM path, so offline answers (and the evaluation) are exactly as before.
 */
function withPreviousTopic(ctx: TurnContext, history: Exchange[]): TurnContext {
  // The model already rewrote this message with the conversation in view (understand): trust that search.
  if (ctx.slots || history.length === 0 || ctx.message.payload || !looksLikeFollowUp(ctx.text)) return ctx;
  // Two questions back, because the previous one may itself be a follow-up ("那三级呢？" → "要去哪里办？").
  const earlier = history.slice(-FOLLOW_UP_TURNS).map((t) => t.userText);
  const query = ctx.kb.index.analyze(`${earlier.join(" ")} ${ctx.text}`);
  const hits = ctx.kb.index.search(query, 5);
  const kind = decide(hits);
  if (kind !== "answer" && kind !== "needs_review") return ctx;
  // A short question that finds its own topic well ("低保怎么申请") is a new question, not a follow-up.
  const own = ctx.hits[0];
  const ownTopicIsClear =
    own !== undefined &&
    decide(ctx.hits) === "answer" &&
    !startsElliptic(ctx.text) &&
    own.coverage > (hits[0]?.coverage ?? 0) &&
    namesTopic(own.entry, ctx.text);
  return ownTopicIsClear ? ctx : { ...ctx, query, hits };
}

function passagesFor(turn: TurnContext, originalHits: readonly SearchHit[], notes: string[] | undefined): Passage[] {
  const floor = decide(turn.hits) === "no_answer" ? CONFIDENCE.clarify * 0.5 : CONFIDENCE.clarify;
  const candidates = [...turn.hits.filter((h, i) => i === 0 || h.coverage >= floor), ...originalHits.filter((h) => h.coverage >= CONFIDENCE.answer)];
  const passages: Passage[] = [];
  for (const hit of candidates) {
    if (hit.coverage < floor || passages.some((p) => p.entry.id === hit.entry.id)) continue;
    passages.push(passages.length === 0 && notes?.length ? { entry: hit.entry, notes } : { entry: hit.entry });
    if (passages.length >= MAX_PASSAGES) break;
  }
  return passages;
}

/**
 * A short or elliptic message ("那三级呢？", "要去哪里办？") leans on the previous question's topic.
 * Counted in letters and digits, so punctuation doesn't matter.
 */
export function looksLikeFollowUp(text: string): boolean {
  const content = text.replace(/[^\p{L}\p{N}]/gu, "");
  if (content.length === 0) return false;
  return startsElliptic(content) || content.length <= 8;
}

/** Words that point back at what was said before. */
function startsElliptic(text: string): boolean {
  return /^(那|那么|还有|另外|这个|那个|它|这|再问|要是)/.test(text.replace(/^[^\p{L}\p{N}]+/u, ""));
}

/** Whether the message names the entry itself (title, alias or keyword), not just a generic "怎么办". */
function namesTopic(entry: Entry, text: string): boolean {
  const folded = foldText(text);
  return [entry.title, ...entry.aliases, ...entry.keywords].some((name) => folded.includes(foldText(name)));
}
