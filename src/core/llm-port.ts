// What the core asks of the optional LLM, and nothing more: write an answer from given passages, read an unsure
// message, transcribe a voice note. The turn's own work (history, follow-ups, which passages, the reply) is in
// llm-turn.ts; the adapter in llm/ knows prompts, the provider, the guards, the breaker and the budget.
import type { Entry, Intent } from "../knowledge/schema.ts";
import type { UsageDay } from "../store/llm-usage.ts";

/** One knowledge-base entry the model may use. */
export interface Passage {
  entry: Entry;
  /** Extra lines the model may use (e.g. the eligibility evaluator's results). */
  notes?: string[];
}

/** An earlier exchange of the conversation, personal data already masked. */
export interface Exchange {
  userText: string;
  replyText: string;
}

/** A model answer that passed every guard: plain text without citation markers, and the passages it cites. */
export interface WrittenAnswer {
  text: string;
  /** Ids of the given passages the answer cites, in order of first use. */
  citedIds: string[];
}

/** Details the LLM read from a message. */
export interface Slots {
  topic?: string | undefined;
  disabilityGrade?: number | undefined;
  age?: number | undefined;
  village?: string | undefined;
}

export interface Understanding {
  intent: Intent;
  /** The message rewritten as one standalone question, for knowledge-base search. */
  query?: string | undefined;
  slots?: Slots | undefined;
}

export interface LlmStatus {
  model: string;
  breaker: "closed" | "open" | "half_open";
  today: { day: string; tokens: number; budget: number };
}

export interface AnswerWriter {
  /** A grounded answer to `question`, or undefined when the offline answer should be sent. Never throws. */
  write(input: { question: string; passages: Passage[]; history: Exchange[] }): Promise<WrittenAnswer | undefined>;
}

export interface MessageReader {
  /** Intent, slots and a standalone query for a message; undefined = keep the offline reading. Never throws. */
  understand(input: { text: string; history: Exchange[] }): Promise<Understanding | undefined>;
}

export interface Transcriber {
  /** Speech to text for voice messages. Throws when the provider can't be used. */
  transcribe(audio: Buffer, fileName: string): Promise<string>;
}

/** What the app holds when an LLM is configured: the three uses, and what staff see of it. */
export interface LlmPort extends AnswerWriter, MessageReader, Transcriber {
  /** Daily usage for staff, most recent day first. */
  usageByDay(days?: number): Promise<UsageDay[]>;
  status(): Promise<LlmStatus>;
  close?(): Promise<void>;
}
