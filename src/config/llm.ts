// Settings for the optional LLM layer (see .env.example). Without OPENAI_API_KEY the LLM is off.
import { z } from "zod";
import { emptyAsUndefined, optionalString, flag } from "./env.ts";

const int = (fallback: number, min: number, max: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

export const LlmConfigShape = {
  /** Key for any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama). Unset = offline only. */
  OPENAI_API_KEY: optionalString,
  /** e.g. https://api.deepseek.com/v1 or http://127.0.0.1:11434/v1; unset = OpenAI itself. */
  OPENAI_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: "应为 http:// 或 https:// 开头的网址，例如 https://api.deepseek.com/v1" }).optional(),
  ),
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default("gpt-4o-mini")),
  /** Speech-to-text model for voice messages (whisper-1 is what most compatible servers offer). */
  OPENAI_TRANSCRIBE_MODEL: z.preprocess(emptyAsUndefined, z.string().default("whisper-1")),
  /** Whole-request deadline including retries: a villager never waits longer than this for the LLM. */
  LLM_TIMEOUT_MS: int(15_000, 100, 120_000),
  /** Retries by the openai SDK (timeouts, 408/409/429/5xx, network errors; backoff with jitter, Retry-After honoured). */
  LLM_MAX_RETRIES: int(2, 0, 5),
  /** Tokens (prompt + completion) per day, China time; then offline answers until midnight. 0 = no limit. */
  LLM_DAILY_TOKEN_BUDGET: int(200_000, 0, 1_000_000_000),
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  LLM_BREAKER_FAILURES: int(5, 1, 1000),
  LLM_BREAKER_COOLDOWN_MS: int(60_000, 100, 24 * 3600_000),
  /** Previous exchanges of the conversation given to the model for follow-ups; older than the window is ignored. */
  LLM_HISTORY_TURNS: int(3, 0, 10),
  LLM_HISTORY_MINUTES: int(30, 1, 24 * 60),
  LLM_TEMPERATURE: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(2).default(0.3)),
  /** Ask the model for intent and slots when the offline classifier is unsure. */
  LLM_CLASSIFY: flag(true),
};
