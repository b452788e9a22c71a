// Combines the classifier's guess with the knowledge base's own recognition of the topic. Pure.
import type { Intent } from "../knowledge/schema.ts";
import type { Classification } from "../intents/classifier.ts";
import { CONFIDENCE } from "../knowledge/hits.ts";
import type { Reading } from "./reading.ts";

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
  // Unknown to the classifier but close to something the knowledge base has: the policy answer (or its
  // clarifying question, or its honest no-answer) serves better than "帮不上忙".
  if (intent === "unknown" && topCoverage >= CONFIDENCE.clarify) return { intent: "policy", confidence: topCoverage };
  if (confidence < CLASSIFIER_SURE && kbKnowsTopic && intent !== "eligibility" && intent !== "policy") {
    return { intent: "policy", confidence: topCoverage };
  }
  return { intent, confidence };
}

/** Intents whose choice the reading may overrule: staff commands and consultation answers keep theirs. */
const READABLE = new Set<Intent>(["policy", "eligibility", "feedback", "help", "unknown"]);

/**
 * A question is answered, not filed; a report is filed, not searched; a message that is both is the
 * feedback feature's to answer and offer. The classifier learnt phrasings; the reading knows negation
 * ("我不是要反映问题") and what makes a report (something wrong, here, now).
 */
export function routeByReading(route: Route, reading: Reading, staffWork = true, opinionWords = true): Route {
  // "小娃打疫苗的多不多" reads like a statistics question, but names no staff work: a policy question.
  // Read on like any villager's message: "图书室锁着门 给反映反映" is then a report.
  if (route.intent === "staff" && !staffWork) route = { intent: "policy", confidence: route.confidence };
  // "考大学有什么条件" is a question, not an answer to a consultation: only words of a consultation
  // (意见, 投票, 支持, 反对) keep it there.
  // Without them, "那个压秸秆的要收钱不" or "基地欠俺工钱俩月了" is read like any other message.
  if (route.intent === "opinion" && !opinionWords && (asks(reading) || reading.kind === "report" || reading.kind === "report_or_question"))
    route = { intent: "policy", confidence: route.confidence };
  // "我想问个事": only a question announced, whatever the classifier makes of 问 and 事.
  if (reading.kind === "smalltalk" && reading.what === "preamble" && route.intent !== "staff") return { intent: "help", confidence: 1 };
  // "恁说的对": agreeing with the assistant, no word of a vote: nothing for a consultation to count.
  if (reading.kind === "smalltalk" && route.intent === "opinion" && !opinionWords) return { intent: "help", confidence: 1 };
  if (!READABLE.has(route.intent)) return route;
  switch (reading.kind) {
    case "report":
    case "report_or_question":
      return { intent: "feedback", confidence: Math.max(route.confidence, 0.6) };
    case "question":
      return route.intent === "feedback" ? { intent: "policy", confidence: route.confidence } : route;
    case "smalltalk":
      // ("说得对", "懂": small talk the classifier knows nothing of is small talk still.)
      return route.intent === "feedback" || route.intent === "policy" || route.intent === "eligibility" || route.intent === "unknown"
        ? { intent: "help", confidence: 1 }
        : route;
    case "open":
      return route.intent === "feedback" && reading.asks ? { intent: "policy", confidence: route.confidence } : route;
    default:
      return route;
  }
}

function asks(reading: Reading): boolean {
  return reading.kind === "question" || (reading.kind === "open" && reading.asks);
}
