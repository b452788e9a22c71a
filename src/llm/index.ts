// Optional LLM layer (langchain + openai against any OpenAI-compatible endpoint). Off without OPENAI_API_KEY.
import type { Config } from "../config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { Store } from "../store/index.ts";

export interface LlmService {
  close?(): Promise<void>;
}

export interface LlmDeps {
  config: Config;
  logger: Logger;
  store: Store;
  clock: () => Date;
}

export function createLlm(_config: Config, _deps: LlmDeps): LlmService | undefined {
  return undefined;
}
