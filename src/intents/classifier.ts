// A multinomial naive Bayes intent classifier trained from the labelled examples in data/intents.
import type { Intent } from "../knowledge/schema.ts";

/** An example message, or features already extracted (the knowledge index has its entries segmented). */
export type LabelledExample = { intent: Intent; text: string } | { intent: Intent; features: readonly string[] };

export interface Classification {
  intent: Intent;
  confidence: number;
  /** Posterior probability per intent, summing to 1. */
  scores: Partial<Record<Intent, number>>;
}

export type Featurizer = (text: string) => string[];

/** Laplace smoothing; small because the examples are few and hand-written. */
const ALPHA = 0.3;

export class IntentClassifier {
  private readonly intents: Intent[];
  private readonly logLikelihood = new Map<string, Float64Array>();
  private readonly unseen: Float64Array;

  private constructor(
    examples: readonly LabelledExample[],
    private readonly featurize: Featurizer,
  ) {
    this.intents = [...new Set(examples.map((e) => e.intent))];
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(this.intents.length);
    for (const example of examples) {
      const c = this.intents.indexOf(example.intent);
      for (const feature of "features" in example ? example.features : featurize(example.text)) {
        let row = counts.get(feature);
        if (!row) {
          row = new Float64Array(this.intents.length);
          counts.set(feature, row);
        }
        row[c]! += 1;
        totals[c]! += 1;
      }
    }
    const vocabulary = counts.size;
    this.unseen = totals.map((total) => Math.log(ALPHA / (total + ALPHA * vocabulary)));
    for (const [feature, row] of counts) {
      this.logLikelihood.set(feature, row.map((count, c) => Math.log((count + ALPHA) / (totals[c]! + ALPHA * vocabulary))));
    }
  }

  static train(examples: readonly LabelledExample[], featurize: Featurizer): IntentClassifier {
    if (examples.length === 0) throw new Error("cannot train an intent classifier without examples");
    return new IntentClassifier(examples, featurize);
  }

  get labels(): readonly Intent[] {
    return this.intents;
  }

  classify(text: string): Classification {
    return this.classifyFeatures(this.featurize(text));
  }

  /** Classifies features already extracted (the pipeline has the message segmented by then). */
  classifyFeatures(features: readonly string[]): Classification {
    const sums = new Float64Array(this.intents.length);
    let known = 0;
    for (const feature of features) {
      const row = this.logLikelihood.get(feature);
      if (!row) continue; // a feature no example had says nothing about the intent
      known++;
      for (let c = 0; c < sums.length; c++) sums[c]! += row[c]!;
    }
    if (known === 0) return { intent: "unknown", confidence: 0, scores: {} };
    // Naive Bayes sums are overconfident on long texts; dividing by √n keeps confidence comparable.
    const scale = 1 / Math.sqrt(known);
    const max = Math.max(...sums);
    const exp = sums.map((s) => Math.exp((s - max) * scale));
    const total = exp.reduce((a, b) => a + b, 0);
    const scores: Partial<Record<Intent, number>> = {};
    let best = 0;
    this.intents.forEach((intent, c) => {
      scores[intent] = exp[c]! / total;
      if (exp[c]! > exp[best]!) best = c;
    });
    return { intent: this.intents[best]!, confidence: exp[best]! / total, scores };
  }
}
