// Combines the classifier's guess with the knowledge base's own recognition of the topic. Pure.
import type { Intent } from "../knowledge/schema.ts";
import type { Classification } from "../intents/classifier.ts";
import { CONFIDENCE } from "../knowledge/answer.ts";

/** Below this the classifier is unsure and the knowledge base gets the casting vote. */
export const CLASSIFIER_SURE = 0.5;

export interface Route {
  intent: Intent;
  confidence: number;
}

/**
 * The classifier learns how things are asked; the index knows what the knowledge base covers.
 * A message the classifier calls off-topic, or is unsure about, but that names a topic the
 * knowledge base covers well is a policy question ("妇女小额担保贷款" has no question words at all).
 */
export function routeIntent(classification: Classification, topCoverage: number): Route {
  const { intent, confidence } = classification;
  const kbKnowsTopic = topCoverage >= CONFIDENCE.answer;
  if (intent === "unknown" && kbKnowsTopic) return { intent: "policy", confidence: topCoverage };
  if (confidence < CLASSIFIER_SURE && kbKnowsTopic && intent !== "eligibility" && intent !== "policy") {
    return { intent: "policy", confidence: topCoverage };
  }
  return { intent, confidence };
}
