// A larger knowledge base must not change what a villager's question is taken to be: the intent
// classifier learns what `policy` covers from the entries, and that lesson must not grow with their number.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/core/engine.ts";
import { loadKnowledgeData } from "../../src/knowledge/load.ts";
import { scaleEntries } from "../../bench/pipeline.bench.ts";

interface EvalItem {
  text: string;
  intents: string[];
}

/** The eval set's questions with the intents that answer them, and three more everyday policy questions. */
const questions: EvalItem[] = [
  ...readFileSync("test/eval/dev.jsonl", "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as EvalItem),
  ...["沼气池后期维修谁负责？", "秸秆压缩点在哪几个村", "二代残疾人证在哪办"].map((text) => ({ text, intents: ["policy", "eligibility"] })),
];

describe("intent routing as the knowledge base grows", () => {
  it("routes every question to an intent that answers it, with 62 entries and with 3,000", () => {
    const data = loadKnowledgeData("data");
    for (const engine of [buildEngine(data), buildEngine({ ...data, entries: scaleEntries(data.entries, 3000) })]) {
      const routed = questions.map(({ text }) => `${text} → ${engine.classify(engine.kb.index.analyze(text)).intent}`);
      expect(routed).toEqual(
        questions.map(({ text, intents }, i) => (intents.includes(routed[i]!.split(" → ")[1]!) ? routed[i] : `${text} → one of ${intents.join("/")}`)),
      );
    }
  });
});
