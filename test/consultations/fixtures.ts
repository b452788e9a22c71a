// A small data snapshot with two villages of known size, so chat tests don't depend on the knowledge base's contents.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../../src/knowledge/yaml.ts";
import { buildSnapshot, type DataSnapshot } from "../../src/snapshot/index.ts";
import { loadEligibilityRules } from "../../src/eligibility/index.ts";
import { loadCategories } from "../../src/feedback/categories.ts";
import { ConversationWordsSchema, IntentExamplesFileSchema, VillagesFileSchema } from "../../src/knowledge/schema.ts";

let snapshot: DataSnapshot | undefined;

export const FIXTURE_VILLAGES = VillagesFileSchema.parse({
  township: "汪疃镇",
  villages: [
    { name: "三家庄", aliases: ["三家庄村"], households: 120, households_is_example: true },
    { name: "白鹿屯", aliases: [], households: 80, households_is_example: true },
    { name: "岭西", aliases: ["岭西村"] },
  ],
});

/** Real intent examples, eligibility rules and report categories from data/, one placeholder knowledge entry, fixture villages. */
export function fixtureSnapshot(): DataSnapshot {
  snapshot ??= buildSnapshot({
    entries: [
      {
        id: "placeholder",
        title: "村务公开",
        category: "村务",
        aliases: [],
        keywords: [],
        summary: "村务公开栏在村委会门口。",
        facts: [],
        contact: "村委会",
        source: { file: "fixture", section: "fixture" },
        needs_review: false,
      },
    ],
    entryFiles: new Map(),
    synonyms: { synonyms: [], colloquial: [] },
    villages: FIXTURE_VILLAGES,
    intentExamples: readdirSync("data/intents")
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => IntentExamplesFileSchema.parse(parseYaml(readFileSync(join("data/intents", f), "utf8")))),
    conversation: ConversationWordsSchema.parse(parseYaml(readFileSync("data/conversation.yaml", "utf8"))),
    eligibility: loadEligibilityRules("data"),
    categories: loadCategories("data"),
  });
  return snapshot;
}
