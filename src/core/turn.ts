// What an intent handler receives and returns for one message.
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { AnalyzedQuery, SearchHit } from "../knowledge/search.ts";
import type { Intent } from "../knowledge/schema.ts";
import type { Script } from "../text/script.ts";
import type { Classification } from "../intents/classifier.ts";
import type { Store } from "../store/index.ts";
import type { Config } from "../config/index.ts";
import type { LlmPort, Slots } from "./llm-port.ts";
import type { Notifier } from "./notifier.ts";
import type { Logger } from "./logger.ts";
import type { InboundMessage, Reply } from "./message.ts";
import type { UnansweredReason } from "../store/unanswered.ts";
import type { Reading } from "./reading.ts";
import type { DialogueSlot } from "./dialogue.ts";
import type { DataSnapshot } from "../snapshot/index.ts";
import type { AnswerKind } from "./answer-kind.ts";

export interface Services {
  config: Config;
  store: Store;
  logger: Logger;
  clock: () => Date;
  /** Queues notifications to villagers in the channel they use (outbox, delivered by channels). */
  notifier: Notifier;
  /** Present only when an LLM is configured (OPENAI_API_KEY); everything works without it. */
  llm?: LlmPort | undefined;
}

export interface TurnContext {
  message: InboundMessage;
  /** The message text with control characters removed, as the user wrote it. */
  text: string;
  script: Script;
  /** `${channel}:${userId}`: the key for sessions and ordering. */
  key: string;
  now: Date;
  /** The version of data/ this turn reads from start to end (a reload swaps it for the next turn). */
  snapshot: DataSnapshot;
  kb: KnowledgeBase;
  classification: Classification;
  /** For an elliptic follow-up ("那二级的呢"): the previous question and this message, read together. */
  followsUp?: string | undefined;
  /** The conversation's one active dialogue, kept by the core; a feature reads and writes only its own. */
  dialogue: DialogueSlot;
  /** The core's reading of the message: question, report, small talk, reset (see reading.ts). */
  reading: Reading;
  query: AnalyzedQuery;
  hits: SearchHit[];
  /** Details the LLM read from the message (only when it was asked: LLM on, classifier unsure). */
  slots?: Slots | undefined;
  services: Services;
}

export interface TurnResult {
  intent: Intent;
  confidence?: number;
  replies: Reply[];
  answerKind?: AnswerKind;
  answerIds?: string[];
  /** A follow-up read together with the previous question: logged, so the next follow-up refers to it. */
  understood?: string | undefined;
  /** Set when the question should reach staff as one the assistant could not answer. */
  unanswered?: { reason: UnansweredReason; bestEntryId?: string | null; confidence?: number };
}

export interface IntentHandler {
  intent: Intent;
  handle(ctx: TurnContext): Promise<TurnResult> | TurnResult;
  /**
   * Claims a message routed to a general answer because it carries what only this feature can use
   * (the villager's own quantities to compute with, several people of one household).
   */
  claims?(ctx: TurnContext): boolean;
}

/**
 * Runs before routing and may claim a message that continues a conversation in progress
 * (a numbered choice after a clarifying question, an answer inside a dialogue).
 */
export interface Interceptor {
  name: string;
  intercept(ctx: TurnContext): Promise<TurnResult | undefined> | TurnResult | undefined;
}
