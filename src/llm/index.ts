// Optional LLM layer (langchain + openai against any OpenAI-compatible endpoint), the adapter behind core/llm-port.ts.
// Off without OPENAI_API_KEY.
import type { Config } from "../config/index.ts";
import type { LlmPort } from "../core/llm-port.ts";
import type { Logger } from "../core/logger.ts";
import type { Store } from "../store/index.ts";
import { loadPrompts } from "./prompts.ts";
import { LlmAssistant } from "./service.ts";

export interface LlmDeps {
  config: Config;
  logger: Logger;
  store: Store;
  clock: () => Date;
}

/** Undefined without OPENAI_API_KEY. Loads and checks prompts/ first: a broken prompt file stops start-up. */
export function createLlm(config: Config, deps: LlmDeps): LlmPort | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const prompts = loadPrompts(config.PROMPTS_DIR);
  const usage = deps.store.llmUsage((error) => deps.logger.error("llm usage not written; will retry", { error }));
  const service = new LlmAssistant({ config, logger: deps.logger, usage, clock: deps.clock, prompts });
  deps.logger.info("llm enabled", { model: config.OPENAI_MODEL, customEndpoint: config.OPENAI_BASE_URL !== undefined });
  return service;
}

export { PromptError, loadPrompts } from "./prompts.ts";
