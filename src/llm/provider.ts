// The guarded connection to the provider: budget, circuit breaker, deadline and retries around every call.
import { ChatOpenAI } from "@langchain/openai";
import type { BaseMessage } from "@langchain/core/messages";
import OpenAI, { toFile } from "openai";
import type { z } from "zod";
import type { Config } from "../config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { LlmUsageStore, UsageDelta } from "../store/llm-usage.ts";
import { CircuitBreaker } from "./breaker.ts";
import { createHttpFetch, type HttpFetch } from "./http-fetch.ts";
import { statusOf, withRetry, type RetryDeps } from "./retry.ts";

/** The LLM is configured but not used for this message; the caller answers offline. */
export class LlmUnavailableError extends Error {
  readonly code = "LLM_UNAVAILABLE";
  constructor(readonly reason: "circuit_open" | "budget_spent") {
    super(`LLM not used: ${reason}`);
    this.name = "LlmUnavailableError";
  }
}

export interface ProviderDeps {
  config: Config;
  logger: Logger;
  clock: () => Date;
  usage: LlmUsageStore;
  /** Hides secret values in anything logged. */
  redact: (text: string) => string;
  retryDeps?: RetryDeps;
}

interface TokenUsage {
  input_tokens?: number;
  output_tokens?: number;
}

export class LlmProvider {
  readonly breaker: CircuitBreaker;
  private readonly chatModel: ChatOpenAI;
  private readonly openai: OpenAI;
  private readonly fetch: HttpFetch = createHttpFetch();

  constructor(private readonly deps: ProviderDeps) {
    const { config } = deps;
    const baseURL = config.OPENAI_BASE_URL ?? "https://api.openai.com/v1";
    this.breaker = new CircuitBreaker({ failureThreshold: config.LLM_BREAKER_FAILURES, cooldownMs: config.LLM_BREAKER_COOLDOWN_MS, clock: deps.clock });
    // Retries are ours (one policy, one deadline); langchain's and the SDK's own retries are off.
    this.chatModel = new ChatOpenAI({
      model: config.OPENAI_MODEL,
      apiKey: config.OPENAI_API_KEY!,
      temperature: config.LLM_TEMPERATURE,
      maxRetries: 0,
      timeout: config.LLM_TIMEOUT_MS,
      configuration: { baseURL, fetch: this.fetch },
    });
    this.openai = new OpenAI({ apiKey: config.OPENAI_API_KEY!, baseURL, maxRetries: 0, timeout: config.LLM_TIMEOUT_MS, fetch: this.fetch });
  }

  /** Plain chat completion; returns the text. */
  async chat(messages: BaseMessage[]): Promise<string> {
    return this.guarded("chat", async (signal) => {
      const message = await this.chatModel.invoke(messages, { signal });
      return { value: contentText(message.content), usage: message.usage_metadata };
    });
  }

  /**
   * Structured output through langchain's withStructuredOutput (function calling: DeepSeek, Qwen, vLLM and
   * Ollama support it, json_schema less widely). Returns undefined when the output fails validation.
   */
  async structured<S extends z.ZodType>(schema: S, name: string, messages: BaseMessage[]): Promise<z.infer<S> | undefined> {
    const runnable = this.chatModel.withStructuredOutput(schema, { name, method: "functionCalling", includeRaw: true });
    const result = await this.guarded("structured", async (signal) => {
      const out = (await runnable.invoke(messages, { signal })) as { raw: { usage_metadata?: TokenUsage }; parsed: unknown };
      return { value: out.parsed, usage: out.raw?.usage_metadata };
    });
    // langchain yields parsed = null when the arguments don't parse; validate again to be sure of the type.
    const checked = schema.safeParse(result);
    if (!checked.success) {
      this.deps.logger.warn("llm structured output failed validation; offline result kept", { name, issues: checked.error.issues.length });
      return undefined;
    }
    return checked.data;
  }

  async transcribe(audio: Buffer, fileName: string): Promise<string> {
    const text = await this.guarded("transcribe", async (signal) => {
      const file = await toFile(audio, fileName);
      const result = await this.openai.audio.transcriptions.create({ file, model: this.deps.config.OPENAI_TRANSCRIBE_MODEL }, { signal });
      return { value: result.text, usage: undefined };
    });
    this.record({ transcriptions: 1 });
    return text;
  }

  /** Closes idle connections to the provider. */
  close(): void {
    this.fetch.close();
  }

  budgetLeft(): boolean {
    const budget = this.deps.config.LLM_DAILY_TOKEN_BUDGET;
    return budget === 0 || this.deps.usage.tokensUsed(this.deps.clock()) < budget;
  }

  record(delta: UsageDelta): void {
    try {
      this.deps.usage.add(this.deps.clock(), delta);
    } catch (error) {
      // Usage accounting must never cost a villager the answer.
      this.deps.logger.error("llm usage not recorded", { error });
    }
  }

  private async guarded<T>(kind: string, attempt: (signal: AbortSignal) => Promise<{ value: T; usage: TokenUsage | undefined }>): Promise<T> {
    const { config, logger, redact } = this.deps;
    if (!this.budgetLeft()) throw new LlmUnavailableError("budget_spent");
    if (!this.breaker.allow()) throw new LlmUnavailableError("circuit_open");
    try {
      const result = await withRetry((signal) => attempt(signal), {
        policy: { maxRetries: config.LLM_MAX_RETRIES, baseMs: config.LLM_RETRY_BASE_MS, maxMs: config.LLM_RETRY_MAX_MS },
        timeoutMs: config.LLM_TIMEOUT_MS,
        ...(this.deps.retryDeps ? { deps: this.deps.retryDeps } : {}),
        onRetry: (error, n, delayMs) => logger.info("llm call retried", { kind, attempt: n, delayMs, status: statusOf(error), error: redact(String((error as Error)?.message ?? error)) }),
      });
      this.breaker.success();
      this.record({ calls: 1, inputTokens: result.usage?.input_tokens ?? 0, outputTokens: result.usage?.output_tokens ?? 0 });
      return result.value;
    } catch (error) {
      this.breaker.failure();
      this.record({ calls: 1, failures: 1 });
      logger.warn("llm call failed", {
        kind,
        code: (error as { code?: unknown })?.code,
        status: statusOf((error as { cause?: unknown })?.cause) ?? statusOf(error),
        error: redact(String((error as Error)?.message ?? error)),
        breaker: this.breaker.state,
      });
      throw error;
    }
  }
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}
