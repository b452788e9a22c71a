// A multinomial naive Bayes intent classifier trained from the labelled examples in data/intents.
import type { Intent } from "../knowledge/schema.ts";

/** An example message, or features already extracted (the knowledge index has its entries segmented). */
export type LabelledExample = { intent: Intent; text: string } | { intent: Intent; features: Iterable<string> };

export interface Classification {
  intent: Intent;
  confidence: number;
  /** Posterior probability per intent, summing to 1. */
  scores: Partial<Record<Intent, number>>;
}

export type Featurizer = (text: string) => string[];

/** Laplace smoothing; small because the examples are few and hand-written. */
const ALPHA = 0.3;

/** A copy of `array` with room for at least `needed` numbers, and at least twice the old room. */
function grown(array: Float64Array<ArrayBuffer>, needed: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

export class IntentClassifier {
  private readonly intents: Intent[];
  /** Row of each feature in `logLikelihood`, which holds one log-probability per intent per feature. */
  private readonly rows = new Map<string, number>();
  private readonly logLikelihood: Float64Array;

  private constructor(
    examples: readonly LabelledExample[],
    private readonly featurize: Featurizer,
  ) {
    this.intents = [...new Set(examples.map((e) => e.intent))];
    const width = this.intents.length;
    // One flat table rather than an array per feature: a 10,000-entry knowledge base brings tens of
    // thousands of features, and as many small arrays took longer to make than to fill.
    let counts = new Float64Array(1024 * width);
    const totals = new Float64Array(width);
    for (const example of examples) {
      const c = this.intents.indexOf(example.intent);
      for (const feature of "features" in example ? example.features : featurize(example.text)) {
        let row = this.rows.get(feature);
        if (row === undefined) {
          row = this.rows.size;
          this.rows.set(feature, row);
          if ((row + 1) * width > counts.length) counts = grown(counts, (row + 1) * width);
        }
        counts[row * width + c]! += 1;
        totals[c]! += 1;
      }
    }
    const vocabulary = this.rows.size;
    this.logLikelihood = new Float64Array(vocabulary * width);
    for (let at = 0; at < this.logLikelihood.length; at++) {
      this.logLikelihood[at] = Math.log((counts[at]! + ALPHA) / (totals[at % width]! + ALPHA * vocabulary));
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
    const width = sums.length;
    for (const feature of features) {
      const row = this.rows.get(feature);
      if (row === undefined) continue; // a feature no example had says nothing about the intent
      known++;
      for (let c = 0; c < width; c++) sums[c]! += this.logLikelihood[row * width + c]!;
    }
    if (known === 0) return { intent: "unknown", confidence: 0, scores: {} };
    // Naive Bayes sums are overconfident on long texts; dividing by √n keeps confidence comparable.
    const scale = 1 / Math.sqrt(known);
    let max = -Infinity;
    for (let c = 0; c < width; c++) max = Math.max(max, sums[c]!);
    let total = 0;
    let best = 0;
    for (let c = 0; c < width; c++) {
      sums[c] = Math.exp((sums[c]! - max) * scale);
      total += sums[c]!;
      if (sums[c]! > sums[best]!) best = c;
    }
    const scores: Partial<Record<Intent, number>> = {};
    for (let c = 0; c < width; c++) scores[this.intents[c]!] = sums[c]! / total;
    return { intent: this.intents[best]!, confidence: sums[best]! / total, scores };
  }
}
