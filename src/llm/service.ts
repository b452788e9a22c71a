// The LLM service the handlers use: grounded policy answers, help with unsure classifications, transcription.
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { SECRET_KEYS, type Config } from "../config/index.ts";
import type { Logger } from "../core/logger.ts";
import { reply, type Citation } from "../core/message.ts";
import { maskPersonalData } from "../core/privacy.ts";
import { CLASSIFIER_SURE } from "../core/route.ts";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { CONFIDENCE, citationOf, decide, FALLBACK_CONTACT } from "../knowledge/answer.ts";
import type { Entry } from "../knowledge/schema.ts";
import { foldText } from "../knowledge/text.ts";
import type { SearchHit } from "../knowledge/search.ts";
import type { Db } from "../store/index.ts";
import { LlmUsageStore, usageDay, type UsageDay } from "../store/llm-usage.ts";
import type { MessageLog } from "../store/messages.ts";
import { extractCitations, formatHistory, formatPassages, looksLikeFollowUp, quoteUserText, startsElliptic, type Passage, type Turn } from "./context.ts";
import { checkGrounding } from "./grounding.ts";
import { createLeakGuard, type LeakGuard } from "./leak-guard.ts";
import { stripMarkdown } from "./plain-text.ts";
import type { Prompts } from "./prompts.ts";
import { LlmProvider, LlmUnavailableError } from "./provider.ts";
import { DeadlineError, ProviderError, type RetryDeps } from "./retry.ts";
import { describeIntents, UnderstandingSchema, type Slots } from "./understand.ts";
import type { BreakerState } from "./breaker.ts";

/** Passages given to the model: the best few, enough for comparisons ("那三级呢？") without drowning it. */
const MAX_PASSAGES = 3;
/** A model answer longer than this is not "short, plain Chinese"; the offline answer is safer. */
const MAX_ANSWER_CHARS = 800;
/** Earlier questions searched together with an elliptic follow-up. */
const FOLLOW_UP_TURNS = 2;

export interface LlmStatus {
  model: string;
  breaker: BreakerState;
  today: { day: string; tokens: number; budget: number };
}

export interface Understood {
  classification: TurnContext["classification"];
  query?: TurnContext["query"];
  hits?: SearchHit[];
  slots?: Slots;
}

export interface AnswerOptions {
  /** Extra lines for the top passage, e.g. the eligibility evaluator's results. */
  notes?: string[];
}

export interface LlmServiceDeps {
  config: Config;
  logger: Logger;
  db: Db;
  /** The conversation log, whose latest exchanges give follow-up questions their context. */
  messages: MessageLog;
  clock: () => Date;
  prompts: Prompts;
  retryDeps?: RetryDeps;
}

type Vetted = { ok: true; text: string; ids: string[] } | { ok: false; reason: string; detail?: Record<string, unknown> };

export class LlmAssistant {
  readonly provider: LlmProvider;
  private readonly usage: LlmUsageStore;
  private readonly leaks: LeakGuard;
  private readonly secrets: string[];

  constructor(private readonly deps: LlmServiceDeps) {
    const { config } = deps;
    const guardedValues: Record<string, string | undefined> = { OPENAI_BASE_URL: config.OPENAI_BASE_URL, OPENAI_MODEL: config.OPENAI_MODEL, DB_PATH: config.DB_PATH };
    for (const key of SECRET_KEYS) {
      const value = (config as Record<string, unknown>)[key];
      if (typeof value === "string") guardedValues[key] = value;
    }
    this.secrets = Object.values(guardedValues).filter((v): v is string => typeof v === "string" && v.length >= 6);
    this.leaks = createLeakGuard(guardedValues, [deps.prompts.text.system]);
    this.usage = new LlmUsageStore(deps.db, (error) => deps.logger.error("llm usage not written; will retry", { error }));
    this.provider = new LlmProvider({
      config,
      logger: deps.logger,
      clock: deps.clock,
      usage: this.usage,
      redact: (text) => this.redact(text),
      ...(deps.retryDeps ? { retryDeps: deps.retryDeps } : {}),
    });
  }

  /**
   * Writes the reply to a policy question from the knowledge base's passages. `offline` is the knowledge base's
   * own answer; it is sent whenever the model is unavailable, fails, or writes anything not grounded.
   */
  async answerTurn(ctx: TurnContext, offline: (ctx: TurnContext) => TurnResult, options: AnswerOptions = {}): Promise<TurnResult> {
    const history = this.history(ctx);
    const turn = this.withPreviousTopic(ctx, history);
    const offlineResult = offline(turn);
    const kind = offlineResult.answerKind;
    // A clarifying question (numbered topics, quick replies) works as it is; the model adds nothing there.
    if (kind === undefined || kind === "clarify") return offlineResult;
    const passages = this.passagesFor(turn, ctx.hits, options.notes);
    try {
      const vetted = await this.write(ctx.text, passages, history);
      if (!vetted.ok) {
        this.provider.record({ rejected: 1, offlineFallbacks: 1 });
        this.deps.logger.warn("llm answer refused; offline answer sent", { reason: vetted.reason, ...vetted.detail, key: ctx.key });
        return offlineResult;
      }
      const cited = vetted.ids.map((id) => passages.find((p) => p.entry.id === id)?.entry).filter((e): e is Entry => e !== undefined);
      const citations: Citation[] = cited.length > 0 ? cited.map(citationOf) : (offlineResult.replies[0]?.citations ?? []);
      const sources = [...new Set(cited.map((e) => e.source.section))];
      const text = sources.length > 0 ? `${vetted.text}\n来源：${sources.join("；")}` : vetted.text;
      return { ...offlineResult, replies: [reply(text, { citations, quickReplies: offlineResult.replies[0]?.quickReplies ?? [] })] };
    } catch (error) {
      this.provider.record({ offlineFallbacks: 1 });
      this.logFailure("answer", error);
      return offlineResult;
    }
  }

  /** Intent, slots and a standalone query for a message the offline classifier is unsure about. */
  async classify(ctx: TurnContext): Promise<Understood | undefined> {
    if (!this.deps.config.LLM_CLASSIFY) return undefined;
    const history = this.history(ctx);
    let understanding;
    try {
      const prompt = await this.deps.prompts.classify.format({ intents: describeIntents(), history: formatHistory(history), question: quoteUserText(ctx.text) });
      understanding = await this.provider.structured(UnderstandingSchema, "classify_message", [new SystemMessage(this.deps.prompts.system), new HumanMessage(prompt)]);
    } catch (error) {
      this.logFailure("classify", error);
      return undefined; // the offline classification stands
    }
    if (!understanding) return undefined;
    const understood: Understood = {
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
    this.deps.logger.debug("llm understood message", { intent: understanding.intent, offlineIntent: ctx.classification.intent, slots: understanding.slots });
    return understood;
  }

  transcribe(audio: Buffer, fileName: string): Promise<string> {
    return this.provider.transcribe(audio, fileName);
  }

  usageByDay(days = 30): UsageDay[] {
    return this.usage.byDay(days);
  }

  async close(): Promise<void> {
    this.usage.flush();
    this.provider.close();
  }

  status(): LlmStatus {
    const now = this.deps.clock();
    return {
      model: this.deps.config.OPENAI_MODEL,
      breaker: this.provider.breaker.state,
      today: { day: usageDay(now), tokens: this.usage.tokensUsed(now), budget: this.deps.config.LLM_DAILY_TOKEN_BUDGET },
    };
  }

  private async write(question: string, passages: Passage[], history: Turn[]): Promise<Vetted> {
    const passagesText = formatPassages(passages, passages[0]?.entry.contact ?? FALLBACK_CONTACT);
    const historyText = formatHistory(history);
    const prompt = await this.deps.prompts.answer.format({ passages: passagesText, history: historyText, question: quoteUserText(question) });
    const raw = await this.provider.chat([new SystemMessage(this.deps.prompts.system), new HumanMessage(prompt)]);
    return this.vet(raw, [passagesText, question, ...history.flatMap((t) => [t.userText, t.replyText])], new Set(passages.map((p) => p.entry.id)));
  }

  /** The guards every model answer passes before a villager sees it. */
  private vet(raw: string, sources: string[], knownIds: Set<string>): Vetted {
    const leaked = this.leaks.find(raw);
    if (leaked) return { ok: false, reason: "leak", detail: { what: leaked } };
    const { text: withoutCitations, ids } = extractCitations(raw);
    const text = stripMarkdown(withoutCitations);
    if (!text) return { ok: false, reason: "empty" };
    if (text.length > MAX_ANSWER_CHARS) return { ok: false, reason: "too_long", detail: { chars: text.length } };
    const grounding = checkGrounding(text, sources);
    if (!grounding.ok) return { ok: false, reason: "ungrounded_figures", detail: { figures: grounding.ungrounded } };
    const unknownIds = ids.filter((id) => !knownIds.has(id));
    if (unknownIds.length > 0) this.deps.logger.info("llm cited ids not in its context; ignored", { ids: unknownIds });
    return { ok: true, text, ids: ids.filter((id) => knownIds.has(id)) };
  }

  /**
   * "那三级呢？" names no topic: search again with the previous question added, and use that when it finds
   * a topic. Only on the LLM path, so offline answers (and the evaluation) are exactly as before.
   */
  private withPreviousTopic(ctx: TurnContext, history: Turn[]): TurnContext {
    // The model already rewrote this message with the conversation in view (classify): trust that search.
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
      own !== undefined && decide(ctx.hits) === "answer" && !startsElliptic(ctx.text) && own.coverage > (hits[0]?.coverage ?? 0) && namesTopic(own.entry, ctx.text);
    return ownTopicIsClear ? ctx : { ...ctx, query, hits };
  }

  private passagesFor(turn: TurnContext, originalHits: readonly SearchHit[], notes: string[] | undefined): Passage[] {
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

  private history(ctx: TurnContext): Turn[] {
    const { config } = this.deps;
    // Older exchanges belong to another conversation.
    const since = new Date(ctx.now.getTime() - config.LLM_HISTORY_MINUTES * 60_000).toISOString();
    return this.deps.messages
      .recentExchanges(ctx.message.channel, ctx.message.userId, config.LLM_HISTORY_TURNS)
      .filter((exchange) => exchange.createdAt >= since)
      .map((exchange) => ({ userText: maskPersonalData(exchange.text), replyText: maskPersonalData(exchange.replyText) }));
  }

  /** Provider failures are logged where they happen; anything else here is a bug worth an error line. */
  private logFailure(step: string, error: unknown): void {
    if (error instanceof LlmUnavailableError) this.deps.logger.info("llm not used; offline result kept", { step, reason: error.reason });
    else if (!(error instanceof ProviderError || error instanceof DeadlineError)) {
      this.deps.logger.error("llm step failed; offline result kept", { step, error: this.redact(String((error as Error)?.stack ?? error)) });
    }
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join("***");
    return out;
  }
}

/** Whether the message names the entry itself (title, alias or keyword), not just a generic "怎么办". */
function namesTopic(entry: Entry, text: string): boolean {
  const folded = foldText(text);
  return [entry.title, ...entry.aliases, ...entry.keywords].some((name) => folded.includes(foldText(name)));
}
