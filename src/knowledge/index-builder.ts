// Builds the BM25 index of the knowledge entries: every field folded, cut into words and character
// pairs, weighted by field. Large bases are cut on two threads (parallel-words.ts).
import { Bm25Builder, weightUnits, type Bm25Index } from "./bm25.ts";
import { cutInOrder, prepareWordsHelper, type CutOptions } from "./parallel-words.ts";
import { IntMap } from "./int-map.ts";
import { pairKeys, pairText, type Segmenter } from "./segmenter.ts";
import type { Entry } from "./schema.ts";
import { foldText } from "./text.ts";
import { grown } from "./typed-arrays.ts";

/** Bigrams are a fuzzy back-up signal: they must not outweigh whole words. */
export const BIGRAM_WEIGHT = 0.3;
/** Marks a bigram term, so that the pair "补助" and the word "补助" are different terms. */
export const BIGRAM_PREFIX = "\u0001";
/** Joins a field's parts so that neither jieba nor the bigrams run across the boundary. */
export const joinParts = (parts: readonly string[]) => parts.join(" | ");

/** Title and aliases, keywords, summary and facts, who qualifies; a word in the title or an alias says far more about an entry than one in a fact. */
const FIELD_WEIGHTS = [3, 2, 1, 0.5] as const;
const FIELDS = FIELD_WEIGHTS.length;
/** The weights in BM25 units, for words and for pairs, per field. */
const WORD_UNITS = FIELD_WEIGHTS.map(weightUnits);
const PAIR_UNITS = FIELD_WEIGHTS.map((weight) => weightUnits(weight * BIGRAM_WEIGHT));

function fieldParts(entry: Entry, field: number): readonly string[] {
  if (field === 0) return [entry.title, ...entry.aliases];
  if (field === 1) {
    const parts = [...entry.keywords];
    for (const fact of entry.facts) for (const keyword of fact.keywords) parts.push(keyword);
    return parts;
  }
  if (field === 2) {
    const parts = [entry.summary, entry.category];
    for (const fact of entry.facts) parts.push(fact.text);
    return parts;
  }
  return entry.who ? [entry.who] : [];
}

export interface BuiltIndex {
  /** Document i is entries[i]. */
  bm25: Bm25Index;
  /** What the entries are about: every word and "~" pair of their names and keywords, once. */
  topics: Set<string>;
}

/**
 * Starts the indexing helper thread for a base this large, if it will be used: the sooner it starts,
 * the more of its few hundred milliseconds of start-up hide behind the main thread's own preparations.
 */
export function prepareIndexing(entryCount: number): void {
  prepareWordsHelper(entryCount * FIELDS);
}

export function buildIndex(entries: readonly Entry[], segmenter: Segmenter, rewrite: (folded: string) => string, options: CutOptions = {}): BuiltIndex {
  prepareIndexing(entries.length);
  const builder = new Bm25Builder();
  // Pairs are looked up by number: a string is made only for a pair seen for the first time.
  const bigramIds = new IntMap();
  /** Per term number, 1 when it occurs in some entry's names or keywords. */
  let inTopics = new Uint8Array(1 << 12);
  const markTopic = (id: number) => {
    if (id >= inTopics.length) inTopics = grown(inTopics, id + 1);
    inTopics[id] = 1;
  };

  let keys = new Int32Array(1024);

  // One analysis per field group rather than per string keeps indexing 10,000 entries fast.
  const visit = (index: number, text: string, words: Int32Array, from: number, to: number) => {
    const field = index % FIELDS;
    const wordUnits = WORD_UNITS[field]!;
    const pairUnits = PAIR_UNITS[field]!;
    // Names and keywords (fields 0 and 1) say what the entry is about: they also make its topic.
    const aboutTopic = field <= 1;
    for (let k = from; k < to; k++) {
      const id = words[k]!;
      builder.addUnits(id, wordUnits);
      if (aboutTopic) markTopic(id);
    }
    if (keys.length < text.length) keys = new Int32Array(text.length * 2);
    const pairs = pairKeys(text, keys);
    for (let k = 0; k < pairs; k++) {
      const key = keys[k]!;
      let id = bigramIds.get(key);
      if (id < 0) bigramIds.set(key, (id = builder.termId(BIGRAM_PREFIX + pairText(key))));
      builder.addUnits(id, pairUnits);
      if (aboutTopic) markTopic(id);
    }
    if (field === FIELDS - 1) builder.endDocument();
  };
  cutInOrder(
    entries.length * FIELDS,
    (index) => {
      const parts = fieldParts(entries[Math.floor(index / FIELDS)]!, index % FIELDS);
      return parts.length > 0 ? rewrite(foldText(joinParts(parts))) : "";
    },
    (text) => segmenter.words(text),
    (word) => builder.termId(word),
    visit,
    options,
  );
  const topics = new Set<string>();
  inTopics.forEach((marked, id) => {
    if (marked === 0) return;
    const name = builder.termName(id);
    // The classifier writes a pair as "~补助"; the index marks it with BIGRAM_PREFIX.
    topics.add(name.startsWith(BIGRAM_PREFIX) ? `~${name.slice(BIGRAM_PREFIX.length)}` : name);
  });
  return { bm25: builder.build(), topics };
}
