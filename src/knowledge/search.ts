// Indexes knowledge entries and finds the ones a question is about, with a coverage-based confidence.
import { Bm25Builder, addToBag, type Bm25Index } from "./bm25.ts";
import { forEachBigram, pairKey, type Segmenter } from "./segmenter.ts";
import type { Entry, Fact } from "./schema.ts";
import { foldText } from "./text.ts";

/** Bigrams are a fuzzy back-up signal: they must not outweigh whole words. */
const BIGRAM_WEIGHT = 0.3;
const BIGRAM_PREFIX = "\u0001";
/** Field weights: a word in the title or an alias says far more about an entry than one in a fact. */
const FIELD_WEIGHTS = { title: 3, keywords: 2, facts: 1, who: 0.5 } as const;

export interface AnalyzedQuery {
  /** The message folded to Simplified, half-width, lower case, with colloquialisms and synonyms rewritten. */
  text: string;
  words: string[];
  bigrams: string[];
}

export interface SearchHit {
  entry: Entry;
  score: number;
  /** Share (0–1) of the question's content that this entry accounts for; the basis of confidence. */
  coverage: number;
  matchedWords: string[];
  unmatchedWords: string[];
}

/** What an entry is about (names and keywords), handed once to the intent classifier. */
type TopicFeatures = string[];

interface FactTerms {
  words: Set<string>;
  bigrams: Set<string>;
}

/** Joins a field's parts so that neither jieba nor the bigrams run across the boundary. */
const joinParts = (parts: readonly string[]) => parts.join(" | ");

export class KnowledgeIndex {
  private readonly bm25: Bm25Index;
  private topics: TopicFeatures[] = [];
  /** Words of the title and aliases pick the entry, not one of its facts; built on demand. */
  private readonly nameWords = new Map<number, Set<string>>();
  private readonly docOf = new Map<Entry, number>();
  /** Per-fact terms are needed only for the entry being answered, so they are built on demand. */
  private readonly factTerms = new Map<number, FactTerms[]>();
  private readonly maxIdf: number;

  constructor(
    readonly entries: readonly Entry[],
    private readonly segmenter: Segmenter,
    private readonly rewrite: (folded: string) => string,
  ) {
    const builder = new Bm25Builder();
    // Pairs are looked up by number: a string is made only for a pair seen for the first time.
    const bigramIds = new Map<number, number>();
    for (const entry of entries) {
      // One analysis per field group rather than per string keeps indexing 10,000 entries fast.
      const addField = (parts: readonly string[], weight: number) => {
        const folded = this.rewrite(foldText(joinParts(parts)));
        const words = this.segmenter.words(folded);
        for (const word of words) builder.add(builder.termId(word), weight);
        forEachBigram(folded, (at) => {
          const key = pairKey(folded, at);
          let id = bigramIds.get(key);
          if (id === undefined) bigramIds.set(key, (id = builder.termId(BIGRAM_PREFIX + folded.slice(at, at + 2))));
          builder.add(id, weight * BIGRAM_WEIGHT);
        });
        return { folded, words };
      };
      const names = addField([entry.title, ...entry.aliases], FIELD_WEIGHTS.title);
      const keywords = addField([...entry.keywords, ...entry.facts.flatMap((f) => f.keywords)], FIELD_WEIGHTS.keywords);
      addField([entry.summary, entry.category, ...entry.facts.map((f) => f.text)], FIELD_WEIGHTS.facts);
      if (entry.who) addField([entry.who], FIELD_WEIGHTS.who);
      this.docOf.set(entry, builder.endDocument());
      const pairs = (field: { folded: string }) => this.segmenter.bigrams(field.folded).map((b) => `~${b}`);
      this.topics.push([...names.words, ...keywords.words, ...pairs(names), ...pairs(keywords)]);
    }
    this.bm25 = builder.build();
    this.maxIdf = Math.log(1 + (entries.length + 0.5) / 1.5);
  }

  analyze(text: string): AnalyzedQuery {
    const folded = this.rewrite(foldText(text));
    return { text: folded, words: this.segmenter.words(folded), bigrams: this.segmenter.bigrams(folded) };
  }

  /** Weight of a query word: its IDF when the knowledge base knows it, a moderate weight when it doesn't. */
  private wordWeight(word: string): number {
    if (this.bm25.has(word)) return this.bm25.idf(word);
    // An unknown single character ("补", "娘") says little; an unknown word ("拖拉机") may be the topic.
    return this.maxIdf * (word.length === 1 ? 0.2 : 0.5);
  }

  search(query: AnalyzedQuery, limit = 5): SearchHit[] {
    const bag = new Map<string, number>();
    addToBag(bag, new Set(query.words), 1);
    // Bigrams are the fallback for what known words don't cover (typos, odd splits): a pair inside a
    // word the index knows adds nothing but cost, so only the others are scored.
    const known = query.words.filter((w) => w.length >= 2 && this.bm25.has(w));
    const fuzzy = query.bigrams.filter((b) => !known.some((w) => w.includes(b)));
    addToBag(bag, new Set(fuzzy.map((b) => BIGRAM_PREFIX + b)), BIGRAM_WEIGHT);
    if (bag.size === 0) return [];
    const uniqueWords = [...new Set(query.words)];
    const uniqueBigrams = [...new Set(query.bigrams)];
    // BM25 favours short entries; a larger candidate pool re-ranked with coverage prefers the entry
    // that accounts for more of the question.
    const hits = this.bm25.search(bag, Math.max(limit * 2, 10)).map(({ doc, score }) => {
      const matchedWords: string[] = [];
      const unmatchedWords: string[] = [];
      let matchedWeight = 0;
      let totalWeight = 0;
      for (const word of uniqueWords) {
        const weight = this.wordWeight(word);
        totalWeight += weight;
        if (this.bm25.docHas(doc, word)) {
          matchedWeight += weight;
          matchedWords.push(word);
        } else {
          unmatchedWords.push(word);
        }
      }
      const wordCoverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
      const bigramCoverage = uniqueBigrams.length > 0 ? uniqueBigrams.filter((b) => this.bm25.docHas(doc, BIGRAM_PREFIX + b)).length / uniqueBigrams.length : wordCoverage;
      const coverage = uniqueWords.length > 0 ? 0.7 * wordCoverage + 0.3 * bigramCoverage : bigramCoverage;
      return { entry: this.entries[doc]!, score, coverage, matchedWords, unmatchedWords };
    });
    return hits
      .map((hit) => ({ hit, rank: hit.score * (0.5 + hit.coverage) }))
      .sort((a, b) => b.rank - a.rank)
      .slice(0, limit)
      .map(({ hit }) => hit);
  }

  /**
   * Orders an entry's facts by how much of the question each one answers; ties keep the file's order.
   * Words that name the entry itself don't count: "一类标准是什么" asks for the whole standard.
   */
  rankFacts(entry: Entry, query: AnalyzedQuery): Array<{ fact: Fact; score: number }> {
    const doc = this.docOf.get(entry);
    if (doc === undefined) return entry.facts.map((fact) => ({ fact, score: 0 }));
    const factTerms = this.factTermsOf(doc, entry);
    let names = this.nameWords.get(doc);
    if (!names) {
      names = new Set(this.analyze(joinParts([entry.title, ...entry.aliases])).words);
      this.nameWords.set(doc, names);
    }
    const nameWords = names;
    const words = new Set(query.words.filter((w) => !nameWords.has(w)));
    const nameText = [entry.title, ...entry.aliases].join(" ");
    const bigrams = new Set(query.bigrams.filter((b) => !nameText.includes(b)));
    return entry.facts
      .map((fact, i) => {
        const own = factTerms[i]!;
        let score = 0;
        for (const word of words) if (own.words.has(word)) score += this.wordWeight(word);
        for (const bigram of bigrams) if (own.bigrams.has(bigram)) score += 0.2;
        return { fact, score, i };
      })
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .map(({ fact, score }) => ({ fact, score }));
  }

  /** Each entry's topic features (names and keywords), which teach the classifier what `policy` covers. Once. */
  takeTopicFeatures(): string[][] {
    const topics = this.topics;
    this.topics = []; // only needed to train the classifier; not kept for the life of the index
    return topics;
  }

  private factTermsOf(doc: number, entry: Entry): FactTerms[] {
    let cached = this.factTerms.get(doc);
    if (!cached) {
      cached = entry.facts.map((fact) => {
        const analyzed = this.analyze(joinParts([fact.text, ...fact.keywords]));
        return { words: new Set(analyzed.words), bigrams: new Set(analyzed.bigrams) };
      });
      this.factTerms.set(doc, cached);
    }
    return cached;
  }
}
