// The knowledge index and the intent classifier built from data/ (part of the data snapshot, snapshot/index.ts).
import type { KnowledgeData } from "../knowledge/load.ts";
import { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { foldText } from "../text/fold.ts";
import { IntentClassifier, type Classification, type LabelledExample } from "../intents/classifier.ts";
import type { AnalyzedQuery } from "../knowledge/search.ts";

export interface Engine {
  kb: KnowledgeBase;
  classifier: IntentClassifier;
  /** Classifies a message already analysed by the knowledge index (no second folding and cutting). */
  classify(query: AnalyzedQuery): Classification;
}

export function buildEngine(data: KnowledgeData): Engine {
  const kb = new KnowledgeBase(data);
  const examples: LabelledExample[] = [];
  for (const file of data.intentExamples) for (const text of file.examples) examples.push({ intent: file.intent, text });
  // A topic's own name is how villagers often ask ("一户多残家庭补助？"), so the knowledge base's names
  // and keywords teach `policy` too: the classifier then knows what the knowledge base is about.
  // Each counts once, however many entries repeat it: counted per entry, a base of thousands drowned the
  // hand-written examples, and "沼气池后期维修谁负责" was taken for a staff command.
  examples.push({ intent: "policy", features: kb.index.takeTopicFeatures() });
  const featuresOf = (folded: string, bigrams: readonly string[]) => [...kb.segmenter.tokens(folded), ...bigrams.map((b) => `~${b}`)];
  const classifier = IntentClassifier.train(examples, (text) => {
    const folded = kb.rewrite(foldText(text));
    return featuresOf(folded, kb.segmenter.bigrams(folded));
  });
  // The message's pairs were found once already, for the search. A turn classifies its message more
  // than once (its own words, then with the thread); analyses are shared objects, so the result is kept.
  const classified = new WeakMap<AnalyzedQuery, ReturnType<IntentClassifier["classifyFeatures"]>>();
  const classify = (query: AnalyzedQuery) => {
    let result = classified.get(query);
    if (!result) classified.set(query, (result = classifier.classifyFeatures(featuresOf(query.text, query.bigrams))));
    return result;
  };
  return { kb, classifier, classify };
}
