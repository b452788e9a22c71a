// The intent classifier learns from labelled examples rather than rules.
import { describe, expect, it } from "vitest";
import { IntentClassifier } from "../../src/intents/classifier.ts";

const featurize = (text: string) => [...text].filter((c) => c.trim());

describe("naive Bayes intent classifier", () => {
  const classifier = IntentClassifier.train(
    [
      { intent: "policy", text: "补助标准是多少" },
      { intent: "policy", text: "补贴怎么发" },
      { intent: "feedback", text: "路灯坏了" },
      { intent: "feedback", text: "我要投诉路坏了" },
      { intent: "help", text: "你好" },
      { intent: "help", text: "帮助" },
    ],
    featurize,
  );

  it("picks the intent whose examples the message resembles", () => {
    expect(classifier.classify("这个补助多少").intent).toBe("policy");
    expect(classifier.classify("村口的灯坏了").intent).toBe("feedback");
  });

  it("gives probabilities that sum to one, the winner highest", () => {
    const { scores, confidence, intent } = classifier.classify("补贴标准");
    const total = Object.values(scores).reduce((a, b) => a + (b ?? 0), 0);
    expect(total).toBeCloseTo(1, 6);
    expect(confidence).toBe(scores[intent]);
  });

  it("says unknown with zero confidence when no feature was ever seen", () => {
    expect(classifier.classify("🙂🙂")).toEqual({ intent: "unknown", confidence: 0, scores: {} });
  });

  it("refuses to train on nothing", () => {
    expect(() => IntentClassifier.train([], featurize)).toThrow();
  });
});
