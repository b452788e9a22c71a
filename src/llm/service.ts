// The LLM adapter behind the core's port: grounded answers from given passages, help with unsure messages, transcription.
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { SECRET_KEYS, type Config } from "../config/index.ts";
import type { Exchange, LlmPort, LlmStatus, Passage, Understanding, WrittenAnswer } from "../core/llm-port.ts";
import type { Logger } from "../core/logger.ts";
import { FALLBACK_CONTACT } from "../knowledge/hits.ts";
import { usageDay, type LlmUsageStore, type UsageDay } from "../store/llm-usage.ts";
import { extractCitations, formatHistory, formatPassages, quoteUserText } from "./context.ts";
import { checkGrounding } from "./grounding.ts";
import { createLeakGuard, type LeakGuard } from "./leak-guard.ts";
import { stripMarkdown } from "./plain-text.ts";
import type { Prompts } from "./prompts.ts";
import { LlmProvider, LlmUnavailableError, ProviderError } from "./provider.ts";
import { describeIntents, UnderstandingSchema } from "./understand.ts";

/** A model answer longer than this is not "short, plain Chinese"; the offline answer is safer. */
const MAX_ANSWER_CHARS = 800;

export interface LlmServiceDeps {
  config: Config;
  logger: Logger;
  /** The daily usage counts (the budget reads them). */
  usage: LlmUsageStore;
  clock: () => Date;
  prompts: Prompts;
}

type Vetted = ({ ok: true } & WrittenAnswer) | { ok: false; reason: string; detail?: Record<string, unknown> };

export class LlmAssistant implements LlmPort {
  readonly provider: LlmProvider;
  private readonly usage: LlmUsageStore;
  private readonly leaks: LeakGuard;
  private readonly secrets: string[];

  constructor(private readonly deps: LlmServiceDeps) {
    const { config } = deps;
    const guardedValues: Record<string, string | undefined> = {
      OPENAI_BASE_URL: config.OPENAI_BASE_URL,
      OPENAI_MODEL: config.OPENAI_MODEL,
      DB_PATH: config.DB_PATH,
    };
    for (const key of SECRET_KEYS) {
      const value = (config as Record<string, unknown>)[key];
      if (typeof value === "string") guardedValues[key] = value;
    }
    this.secrets = Object.values(guardedValues).filter((v): v is string => typeof v === "string" && v.length >= 6);
    this.leaks = createLeakGuard(guardedValues, [deps.prompts.text.system]);
    this.usage = deps.usage;
    this.provider = new LlmProvider({ config, logger: deps.logger, clock: deps.clock, usage: this.usage, redact: (text) => this.redact(text) });
  }

  /** The model's answer from `passages`, if it passes every guard; undefined means: send the offline answer. */
  async write({ question, passages, history }: { question: string; passages: Passage[]; history: Exchange[] }): Promise<WrittenAnswer | undefined> {
    try {
      const passagesText = formatPassages(passages, passages[0]?.entry.contact ?? FALLBACK_CONTACT);
      const prompt = await this.deps.prompts.answer.format({ passages: passagesText, history: formatHistory(history), question: quoteUserText(question) });
      const raw = await this.provider.chat([new SystemMessage(this.deps.prompts.system), new HumanMessage(prompt)]);
      const sources = [passagesText, question, ...history.flatMap((t) => [t.userText, t.replyText])];
      const vetted = this.vet(raw, sources, new Set(passages.map((p) => p.entry.id)));
      if (vetted.ok) return { text: vetted.text, citedIds: vetted.citedIds };
      this.provider.record({ rejected: 1, offlineFallbacks: 1 });
      this.deps.logger.warn("llm answer refused; offline answer sent", { reason: vetted.reason, ...vetted.detail });
    } catch (error) {
      this.provider.record({ offlineFallbacks: 1 });
      this.logFailure("answer", error);
    }
    return undefined;
  }

  /** Intent, slots and a standalone query for a message the offline classifier is unsure about. */
  async understand({ text, history }: { text: string; history: Exchange[] }): Promise<Understanding | undefined> {
    if (!this.deps.config.LLM_CLASSIFY) return undefined;
    try {
      const prompt = await this.deps.prompts.classify.format({ intents: describeIntents(), history: formatHistory(history), question: quoteUserText(text) });
      const understanding = await this.provider.structured(UnderstandingSchema, "classify_message", [
        new SystemMessage(this.deps.prompts.system),
        new HumanMessage(prompt),
      ]);
      if (understanding) this.deps.logger.debug("llm understood message", { intent: understanding.intent, slots: understanding.slots });
      return understanding;
    } catch (error) {
      this.logFailure("classify", error);
      return undefined; // the offline classification stands
    }
  }

  transcribe(audio: Buffer, fileName: string): Promise<string> {
    return this.provider.transcribe(audio, fileName);
  }

  usageByDay(days = 30): Promise<UsageDay[]> {
    return this.usage.byDay(days);
  }

  async close(): Promise<void> {
    await this.usage.flush();
  }

  async status(): Promise<LlmStatus> {
    const now = this.deps.clock();
    return {
      model: this.deps.config.OPENAI_MODEL,
      breaker: this.provider.breaker.state,
      today: { day: usageDay(now), tokens: await this.usage.tokensUsed(now), budget: this.deps.config.LLM_DAILY_TOKEN_BUDGET },
    };
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
    return { ok: true, text, citedIds: ids.filter((id) => knownIds.has(id)) };
  }

  /** Provider failures are logged where they happen; anything else here is a bug worth an error line. */
  private logFailure(step: string, error: unknown): void {
    if (error instanceof LlmUnavailableError) this.deps.logger.info("llm not used; offline result kept", { step, reason: error.reason });
    else if (!(error instanceof ProviderError)) {
      this.deps.logger.error("llm step failed; offline result kept", { step, error: this.redact(String((error as Error)?.stack ?? error)) });
    }
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join("***");
    return out;
  }
}
