// The guarded connection to the provider: daily budget, circuit breaker and one deadline around every call.
// Transport and retries are the openai SDK's own; langchain's ChatOpenAI drives it for chat, and transcription,
// which langchain has no API for, calls it directly.
import { AppError } from "../core/errors.ts";
import { ChatOpenAI } from "@langchain/openai";
import type { BaseMessage } from "@langchain/core/messages";
import OpenAI, { toFile } from "openai";
import type { z } from "zod";
import type { Config } from "../config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { LlmUsageStore, UsageDelta } from "../store/llm-usage.ts";
import { CircuitBreaker } from "./breaker.ts";

/** The LLM is configured but not used for this message; the caller answers offline. */
export class LlmUnavailableError extends AppError {
  constructor(readonly reason: "circuit_open" | "budget_spent") {
    super("LLM_UNAVAILABLE", `LLM not used: ${reason}`);
  }
}

/** The provider said no, the network failed, or the whole call ran past LLM_TIMEOUT_MS (retries included). Already logged. */
export class ProviderError extends AppError {
  /** The provider's HTTP status, when it answered at all (the error's own status stays 500: our fault to hide). */
  constructor(
    message: string,
    readonly providerStatus: number | undefined,
    options?: { cause?: unknown },
  ) {
    super("LLM_PROVIDER_FAILED", message, options);
  }
}

export interface ProviderDeps {
  config: Config;
  logger: Logger;
  clock: () => Date;
  usage: LlmUsageStore;
  /** Hides secret values in anything logged. */
  redact: (text: string) => string;
}

interface TokenUsage {
  input_tokens?: number;
  output_tokens?: number;
}

export class LlmProvider {
  readonly breaker: CircuitBreaker;
  private readonly chatModel: ChatOpenAI;
  private readonly openai: OpenAI;

  constructor(private readonly deps: ProviderDeps) {
    const { config } = deps;
    this.breaker = new CircuitBreaker({ failureThreshold: config.LLM_BREAKER_FAILURES, cooldownMs: config.LLM_BREAKER_COOLDOWN_MS, clock: deps.clock });
    // One retry policy for every call, the openai SDK's: 408/409/429/5xx and network errors retry with capped
    // exponential backoff and jitter, Retry-After honoured. langchain passes `configuration` to the SDK with each
    // request, so maxRetries there applies; langchain's own retry layer (ChatOpenAI's maxRetries) stays off.
    const client = {
      apiKey: config.OPENAI_API_KEY!,
      baseURL: config.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
      maxRetries: config.LLM_MAX_RETRIES,
      timeout: config.LLM_TIMEOUT_MS,
    };
    this.chatModel = new ChatOpenAI({
      model: config.OPENAI_MODEL,
      apiKey: client.apiKey,
      temperature: config.LLM_TEMPERATURE,
      maxRetries: 0,
      timeout: client.timeout,
      configuration: client,
    });
    this.openai = new OpenAI(client);
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

  async budgetLeft(): Promise<boolean> {
    const budget = this.deps.config.LLM_DAILY_TOKEN_BUDGET;
    return budget === 0 || (await this.deps.usage.tokensUsed(this.deps.clock())) < budget;
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
    if (!(await this.budgetLeft())) throw new LlmUnavailableError("budget_spent");
    if (!this.breaker.allow()) throw new LlmUnavailableError("circuit_open");
    // One deadline for the whole call, retries included: a villager never waits longer than LLM_TIMEOUT_MS.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), config.LLM_TIMEOUT_MS);
    const expired = new Promise<never>((_resolve, reject) =>
      deadline.signal.addEventListener("abort", () => reject(new Error(`no answer within ${config.LLM_TIMEOUT_MS} ms`)), { once: true }),
    );
    expired.catch(() => {}); // only raced below
    try {
      const result = await Promise.race([attempt(deadline.signal), expired]);
      this.breaker.success();
      this.record({ calls: 1, inputTokens: result.usage?.input_tokens ?? 0, outputTokens: result.usage?.output_tokens ?? 0 });
      return result.value;
    } catch (error) {
      this.breaker.failure();
      this.record({ calls: 1, failures: 1 });
      const status = statusOf(error);
      const message = redact(deadline.signal.aborted ? `no answer within ${config.LLM_TIMEOUT_MS} ms` : String((error as Error)?.message ?? error));
      logger.warn("llm call failed", { kind, status, timedOut: deadline.signal.aborted, error: message, breaker: this.breaker.state });
      throw new ProviderError(message, status, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}
