// Optional LLM layer (langchain + openai against any OpenAI-compatible endpoint). Off without OPENAI_API_KEY.
import type { Config } from "../config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import type { Store } from "../store/index.ts";
import type { UsageDay } from "../store/llm-usage.ts";
import { loadPrompts } from "./prompts.ts";
import type { RetryDeps } from "./retry.ts";
import { LlmAssistant, type AnswerOptions, type LlmStatus, type Understood } from "./service.ts";

export interface LlmService {
  /**
   * Writes a policy reply from the knowledge base's passages (and `options.notes`, e.g. eligibility results),
   * citing entry ids and using the conversation so far. Returns `offline(ctx)`'s result whenever the model is
   * unavailable, fails, or writes a figure the sources don't contain. Never throws.
   */
  answerTurn(ctx: TurnContext, offline: (ctx: TurnContext) => TurnResult, options?: AnswerOptions): Promise<TurnResult>;
  /** For a message the offline classifier is unsure about: intent, slots and a better search. Undefined = keep offline. */
  classify(ctx: TurnContext): Promise<Understood | undefined>;
  /** Speech to text for voice messages (openai audio transcriptions). Throws when the provider can't be used. */
  transcribe(audio: Buffer, fileName: string): Promise<string>;
  /** Daily usage for staff, most recent day first. */
  usageByDay(days?: number): UsageDay[];
  status(): LlmStatus;
  close?(): Promise<void>;
}

export interface LlmDeps {
  config: Config;
  logger: Logger;
  store: Store;
  clock: () => Date;
  /** Tests make retries instant and deterministic. */
  retryDeps?: RetryDeps;
}

/** Undefined without OPENAI_API_KEY. Loads and checks prompts/ first: a broken prompt file stops start-up. */
export function createLlm(config: Config, deps: LlmDeps): LlmService | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const prompts = loadPrompts(config.PROMPTS_DIR);
  const service = new LlmAssistant({ config, logger: deps.logger, db: deps.store.db, messages: deps.store.messages, clock: deps.clock, prompts, ...(deps.retryDeps ? { retryDeps: deps.retryDeps } : {}) });
  deps.logger.info("llm enabled", { model: config.OPENAI_MODEL, customEndpoint: config.OPENAI_BASE_URL !== undefined });
  return service;
}

export type { AnswerOptions, LlmStatus, Understood } from "./service.ts";
export type { UsageDay } from "../store/llm-usage.ts";
export type { Slots } from "./understand.ts";
export { PromptError, loadPrompts } from "./prompts.ts";
