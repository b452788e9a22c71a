// Indexes knowledge entries and finds the ones a question is about, with a coverage-based confidence.
import { foldText } from "../text/fold.ts";
import type { Segmenter } from "../text/segmenter.ts";
import { quantitiesAsDigits } from "../text/numbers.ts";
import { Bm25Index, type Term } from "./bm25.ts";
import type { Entry, Fact } from "./schema.ts";

/** The latest readings of a message, kept for the other steps of its turn; the oldest goes first. */
function remembered<T>(kept: Map<string, T>, text: string, read: () => T): T {
  const found = kept.get(text);
  if (found !== undefined) return found;
  const value = read();
  if (kept.size >= ANALYZED_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(text, value);
  return value;
}

/** Words for who someone is, which the readers of people (grades, standing) look for: the only ones spelled anew. */
/** Look-alikes of 贫困 typed in haste: "贫因户", "贪困户". */
const SHAPE_TYPOS = /贫因|贪困|贫囷/g;
// ("一护多残": the programme a household's standing is screened for, typed by its sound.)
const STANDING_TERMS: ReadonlySet<string> = new Set([
  "贫困",
  "贫困户",
  "残疾",
  "残疾人",
  "残疾证",
  "救助",
  "低保",
  "低保户",
  "重度",
  "老年",
  "困难户",
  "一户多残",
]);

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

interface FactTerms {
  words: Set<string>;
  bigrams: Set<string>;
}

/** A known word this rare (share of the highest possible IDF) names a topic of its own. */
const SALIENT_IDF_SHARE = 0.45;
/**
 * Weight of a word the knowledge base has never seen, as a share of the highest IDF. Villagers wrap a
 * question in words no entry has ("手里", "想开", "市里"): weighed too high they drown the topic word; a
 * subsidy named by such a word is caught by absentProgramme instead.
 */
const UNKNOWN_WORD_SHARE = 0.3;
const NO_WORDS: ReadonlySet<string> = new Set();
// "多少", "几户" ask for a figure; "一亩", "每人" say what it is per: neither names a topic.
const ASKING = /多少|^几|^个人$|^哪几?$|^哪些$|时候$|^一般$|^(?:一|每)个?(?:亩|户|人|位|次|年|月|吨|斤|公斤)$/;
/** How many recent questions' analyses are kept. */
const ANALYZED_KEPT = 512;
/** What villagers call money from a programme (after synonyms: 补贴 is rewritten to 补助). */
export const SUBSIDY_WORDS: ReadonlySet<string> = new Set(["补助", "补贴", "津贴", "救助", "补偿", "奖励", "补助金"]);

/** Bigrams are a fuzzy back-up signal: they must not outweigh whole words. */
const BIGRAM_WEIGHT = 0.3;
/**
 * A bigram's term: its two UTF-16 units as one number, so the pair 补助 and the word 补助 are different
 * terms. A number, not a marked string: 10,000 entries have nearly two million pairs, and making and
 * hashing a string for each was a fifth of indexing.
 */
const pairTerm = (pair: string): number => pair.charCodeAt(0) * 0x10000 + pair.charCodeAt(1);
/**
 * Joins a field's parts so that neither jieba nor the bigrams run across the boundary. One mark, not " | ":
 * jieba returns each space and mark as a token, and 10,000 entries have a few hundred thousand boundaries.
 */
export const joinParts = (parts: readonly string[]) => parts.join("|");

/**
 * The fields of an entry and their weights: a word in the title or an alias says far more about an entry
 * than one in a fact. Names and keywords (the first two) also say what the knowledge base is about.
 */
export const FIELDS: Array<[weight: number, parts: (entry: Entry) => readonly string[]]> = [
  [3, (entry) => [entry.title, ...entry.aliases]],
  [2, (entry) => [...entry.keywords, ...entry.facts.flatMap((fact) => fact.keywords)]],
  [1, (entry) => [entry.summary, entry.category, ...entry.facts.map((fact) => fact.text)]],
  [0.5, (entry) => (entry.who ? [entry.who] : [])],
];

function addToBag(bag: Map<Term, number>, tokens: Iterable<Term>, weight: number): void {
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + weight);
}

export class KnowledgeIndex {
  private readonly bm25 = new Bm25Index();
  /** Every word and "~" pair of the entries' names and keywords, until the classifier takes them. */
  private topics: Set<string> | undefined = new Set();
  /** Words of the title and aliases pick the entry, not one of its facts; built on demand. */
  private readonly nameWords = new Map<Entry, Set<string>>();
  /** Per-fact terms are needed only for the entry being answered, so they are built on demand. */
  private readonly factTerms = new Map<Entry, FactTerms[]>();
  private readonly maxIdf: number;
  /** Words of the entries' names, aliases and keywords: the topics the knowledge base is about. */
  private readonly nameTerms = new Set<string>();
  /** The most recent questions' analyses, oldest first. */
  private readonly analyzed = new Map<string, AnalyzedQuery>();

  constructor(
    readonly entries: readonly Entry[],
    readonly segmenter: Segmenter,
    private readonly rewrite: (folded: string) => string,
    /** Words that never name a topic (data/conversation.yaml → not_topics), already folded and rewritten. */
    readonly notTopics: ReadonlySet<string> = NO_WORDS,
    /** Reads sound-alike typos of the question as the knowledge base's terms (never applied to its own text). */
    private readonly fixTypos: (folded: string, only?: ReadonlySet<string>) => string = (folded) => folded,
    /** The township's village names and their other names (data/villages.yaml): read as places in a tally. */
    readonly places: readonly string[] = [],
  ) {
    for (const entry of entries) this.addEntry(entry);
    // Laid out now, while the snapshot is built: not by the first question after a start or a reload.
    this.bm25.finish();
    for (const term of this.topics!) if (!term.startsWith("~") && term.length >= 2) this.nameTerms.add(term);
    this.maxIdf = Math.log(1 + (entries.length + 0.5) / 1.5);
  }

  /** Indexes an entry's words and pairs, each weighted by its field; its names and keywords are noted as topics. */
  private addEntry(entry: Entry): void {
    FIELDS.forEach(([weight, partsOf], field) => {
      const parts = partsOf(entry);
      if (parts.length === 0) return;
      const text = this.rewrite(foldText(joinParts(parts)));
      const words = this.segmenter.words(text);
      const bigrams = this.segmenter.bigrams(text);
      for (const word of words) this.bm25.add(word, weight);
      for (const pair of bigrams) this.bm25.add(pairTerm(pair), weight * BIGRAM_WEIGHT);
      if (field > 1) return;
      for (const word of words) this.topics!.add(word);
      for (const pair of bigrams) this.topics!.add(`~${pair}`);
    });
    this.bm25.endDocument();
  }

  /** A villager's question: folded, rewritten and with sound-alike typos read as the terms meant. */
  analyze(text: string): AnalyzedQuery {
    // One message is analysed by several steps of its turn (its own words, the thread, the handlers): kept
    // for a while rather than folded, corrected and cut again. Callers never change the result.
    return remembered(this.analyzed, text, () => {
      const folded = this.fixTypos(this.rewrite(foldText(text)));
      const counted = quantitiesAsDigits(folded);
      return { text: folded, words: this.segmenter.words(counted), bigrams: this.segmenter.bigrams(counted) };
    });
  }

  /**
   * A villager's words folded and with sound-alike typos of the words for who someone is of the knowledge base's terms read as meant ("平困户" →
   * 贫困户), but not rewritten: for readers of what is said of people (grades, standing), which need the words
   * as the villager put them.
   */
  spell(text: string): string {
    // Read by several steps of a turn (claims, the handler): kept for a while, like the analysis.
    // "三极残疾", "一及": 极 or 及 for 级 after a grade's numeral is the same sound typed, whatever the typo table knows.
    // "贫因户": a character of the same shape typed for 困, which no sound-alike reading catches.
    return remembered(this.spelled, text, () =>
      this.fixTypos(
        foldText(text)
          .replace(/([一二三四1-4])[极及](?![格时其])/g, "$1级")
          // ("都是以级残疾": 以 for 一, the same sound, before 级.)
          .replace(/(?<![所可难得足予加])以级(?=残|的|贫|[，,\s]|$)/g, "一级")
          .replace(SHAPE_TYPOS, "贫困"),
        STANDING_TERMS,
      ),
    );
  }
  private readonly spelled = new Map<string, string>();

  /** The knowledge base's own text, which is spelled as meant. */
  private analyzeOwn(text: string): AnalyzedQuery {
    return this.analyzeFolded(this.rewrite(foldText(text)));
  }

  private analyzeFolded(folded: string): AnalyzedQuery {
    return { text: folded, words: this.segmenter.words(folded), bigrams: this.segmenter.bigrams(folded) };
  }

  /** Weight of a query word: its IDF when the knowledge base knows it, a moderate weight when it doesn't. */
  private wordWeight(word: string): number {
    if (this.bm25.has(word)) return this.bm25.idf(word);
    // A number no entry states ("一个月40块") is the villager's own figure, not a topic the entries miss.
    if (/^\d+(?:\.\d+)?$/.test(word)) return 0;
    // Nor is a part of the village the villager counts by ("一组3人 二组2人"): whom the figure is for, not a topic.
    if (/^(?:\d+|[一二三四五六七八九十]+)(?:组|队|社|片)$/.test(word)) return 0;
    // An unknown single character ("补", "娘") says little; an unknown word ("拖拉机") may be the topic.
    return this.maxIdf * (word.length === 1 ? 0.2 : UNKNOWN_WORD_SHARE);
  }

  /** Whether any entry has this word. */
  knows(word: string): boolean {
    return this.bm25.has(word);
  }

  search(query: AnalyzedQuery, limit = 5): SearchHit[] {
    const bag = new Map<Term, number>();
    addToBag(bag, new Set(query.words), 1);
    // Bigrams are the fallback for what known words don't cover (typos, odd splits): a pair inside a
    // word the index knows adds nothing but cost, so only the others are scored.
    const known = query.words.filter((w) => w.length >= 2 && this.bm25.has(w));
    const fuzzy = query.bigrams.filter((b) => !known.some((w) => w.includes(b)));
    addToBag(bag, new Set(fuzzy.map(pairTerm)), BIGRAM_WEIGHT);
    if (bag.size === 0) return [];
    const uniqueWords = [...new Set(query.words)];
    const wordWeights = uniqueWords.map((word) => this.wordWeight(word));
    const totalWeight = wordWeights.reduce((sum, weight) => sum + weight, 0);
    const bigramTerms = [...new Set(query.bigrams)].map(pairTerm);
    // BM25 favours short entries; a larger candidate pool re-ranked with coverage prefers the entry
    // that accounts for more of the question.
    const hits = this.bm25.search(bag, Math.max(limit * 2, 10)).map(({ doc, score }) => {
      const matchedWords: string[] = [];
      const unmatchedWords: string[] = [];
      let matchedWeight = 0;
      uniqueWords.forEach((word, k) => {
        if (this.bm25.docHas(doc, word)) {
          matchedWeight += wordWeights[k]!;
          matchedWords.push(word);
        } else {
          unmatchedWords.push(word);
        }
      });
      const wordCoverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
      const bigramsMatched = bigramTerms.reduce((count, term) => count + (this.bm25.docHas(doc, term) ? 1 : 0), 0);
      const bigramCoverage = bigramTerms.length > 0 ? bigramsMatched / bigramTerms.length : wordCoverage;
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
    const factTerms = this.factTermsOf(entry);
    let names = this.nameWords.get(entry);
    if (!names) {
      names = new Set(this.analyzeOwn(joinParts([entry.title, ...entry.aliases])).words);
      this.nameWords.set(entry, names);
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

  /**
   * Words of the question that name something the knowledge base knows (a rare enough term of its own)
   * but that this hit does not contain: "留守儿童" asked, an old-age allowance found. Such a hit answers
   * another question than the one asked.
   */
  salientMisses(hit: SearchHit): string[] {
    // "多少户", "投了多少钱" ask for a kind of figure (facts carry them as keywords); they name no topic.
    // "宅基地" is no "基地": a part of a longer word of the question that the index does not know names nothing.
    const inUnknownWord = (word: string) => hit.unmatchedWords.some((w) => w.length > word.length && w.includes(word) && !this.bm25.has(w));
    // "康复训练" when the hit has 康复 and 训练 apart (and "复训", cut out of it): every character is in a word it matched.
    // (A longer name, "健身休闲广场", is one thing, not its words: another entry having them all is another place.)
    const spelledOut = (word: string) => word.length <= 4 && [...word].every((c) => hit.matchedWords.some((m) => m.length >= 2 && m.includes(c)));
    return hit.unmatchedWords.filter(
      (word) =>
        this.nameTerms.has(word) &&
        !this.notTopics.has(word) &&
        !ASKING.test(word) &&
        this.bm25.idf(word) >= this.maxIdf * SALIENT_IDF_SHARE &&
        !inUnknownWord(word) &&
        !spelledOut(word),
    );
  }

  /**
   * The hit matched a word with meaning of its own: two characters or more, or a rare single one ("煤"),
   * not a question word. "在不在" or "你都能帮我做什么" match no such word, whatever their coverage.
   */
  matchesMeaning(hit: SearchHit): boolean {
    return hit.matchedWords.some(
      (word) => !ASKING.test(word) && !this.notTopics.has(word) && (word.length >= 2 || this.bm25.idf(word) >= this.maxIdf * SALIENT_IDF_SHARE),
    );
  }

  /** The hit matched a word naming a topic ("药费", "一户多残"), not only words like "每月" or "多少". */
  namesTopic(hit: SearchHit, strongly = false): boolean {
    return hit.matchedWords.some(
      (word) =>
        this.nameTerms.has(word) &&
        !this.notTopics.has(word) &&
        // "一年一共得发多少救助金": money from some programme, none named.
        !SUBSIDY_WORDS.has(word) &&
        !ASKING.test(word) &&
        (!strongly || this.bm25.idf(word) >= this.maxIdf * SALIENT_IDF_SHARE),
    );
  }

  /** The words and pairs of the entries' names and keywords, which teach the classifier what `policy` covers. Once. */
  takeTopicFeatures(): Set<string> {
    const topics = this.topics ?? new Set<string>();
    this.topics = undefined; // only needed to train the classifier; not kept for the life of the index
    return topics;
  }

  private factTermsOf(entry: Entry): FactTerms[] {
    let cached = this.factTerms.get(entry);
    if (!cached) {
      cached = entry.facts.map((fact) => {
        const analyzed = this.analyzeOwn(joinParts([fact.text, ...fact.keywords]));
        return { words: new Set(analyzed.words), bigrams: new Set(analyzed.bigrams) };
      });
      this.factTerms.set(entry, cached);
    }
    return cached;
  }
}
