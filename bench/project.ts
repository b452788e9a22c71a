// Every way the issue-17 sections (peers, HTTP, scaling, storage summary) reach into src/, in one place: when the
// project's modules move, only this file changes. Each is one of the app's public entry points.
import { createApp, type App } from "../src/app.ts";
import { createLocalApp } from "../src/cli/local-app.ts";
import { loadConfig } from "../src/config/index.ts";
import { buildEngine, type Engine } from "../src/core/engine.ts";
import { silentLogger } from "../src/core/logger.ts";
import { judge } from "../src/eval/score.ts";
import { loadKnowledgeData, type KnowledgeData } from "../src/knowledge/load.ts";
import type { Entry } from "../src/knowledge/schema.ts";
import { loadDataFiles, type DataSnapshot } from "../src/snapshot/index.ts";
import { QUESTIONS as POLICY_QUESTIONS, scaleEntries } from "./pipeline.bench.ts";

export type { App, Engine, Entry, KnowledgeData };
export { buildEngine, createLocalApp, loadKnowledgeData, scaleEntries, judge, POLICY_QUESTIONS };

/** The labelled examples the project's classifier is trained on (src/core/engine.ts → buildEngine), as text. */
export function intentExamples(data: KnowledgeData): Array<{ intent: string; text: string }> {
  const examples: Array<{ intent: string; text: string }> = [];
  for (const file of data.intentExamples) for (const text of file.examples) examples.push({ intent: file.intent, text });
  return examples;
}

/**
 * The knowledge base's names teach the project's classifier `policy` (buildEngine: kb.index.takeTopicFeatures(),
 * the words of every title, alias and keyword, each once). A peer gets the same names as `policy` sentences.
 */
export function topicNames(data: KnowledgeData): string[] {
  const names = new Set<string>();
  for (const entry of data.entries) for (const name of [entry.title, ...entry.aliases, ...entry.keywords]) names.add(name);
  return [...names];
}

/** The classifier alone (no reading, no routing): the part a peer intent classifier replaces. */
export function classifyIntent(engine: Engine, text: string): string {
  return engine.classifier.classify(text).intent;
}

/** The project's retrieval: the knowledge index's own analysis and ranking, top `limit` entries. */
export function searchEntries(engine: Engine, text: string, limit: number): Entry[] {
  const index = engine.kb.index;
  return index.search(index.analyze(text), limit).map((hit) => hit.entry);
}

/** One message through the whole assistant, as `npm run eval` sends it; the reply texts joined and the routed intent. */
export async function ask(app: App, userId: string, text: string): Promise<{ intent: string; text: string }> {
  const result = await app.assistant.handle({ channel: "web", userId, chatId: userId, chatType: "private", mentioned: true, kind: "text", text });
  return { intent: result.intent, text: result.replies.map((r) => r.text).join("\n") };
}

/** The real app (HTTP server and all) from environment-style settings, as src/main.ts starts it. */
export function createServerApp(env: Record<string, string>): App {
  return createApp(loadConfig(env), { logger: silentLogger });
}

/** The app around a given engine (no server started, no file watching), its message log in `dbPath`; the rest of data/ as shipped. */
export function createAppWithEngine(dbPath: string, engine: Engine): App {
  const files = loadDataFiles("data");
  const snapshot: DataSnapshot = { ...engine, eligibility: files.eligibility, categories: files.categories, villages: files.villages, loadedAt: new Date() };
  return createApp(loadConfig({ DB_PATH: dbPath, KB_WATCH: "off" }), { logger: silentLogger, snapshot });
}

/** Whether a text carries every expected figure, judged by the evaluation's own scorer (src/eval/score.ts). */
export function carriesFigures(text: string, figures: ReadonlyArray<string | string[]>): boolean {
  return judge({ category: "bench", intents: [], expect: [...figures], forbid: [] }, { intent: "policy", replies: [{ text }] }).problems.length === 0;
}
