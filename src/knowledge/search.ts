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
const STANDING_TERMS: ReadonlySet<string> = new Set(["贫困", "贫困户", "残疾", "残疾人", "残疾证", "救助", "低保", "低保户", "重度", "老年", "困难户"]);

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
/** Words saying per whom or per what an amount is, between a programme's name and 补助. */
/** "一年到底能领多少", "究竟给多少": a word of how it is asked, never a programme's name. */
const ADVERB = /^(?:到底|究竟|总共|一共|大概|大约|真的|确实|具体|实际|一般|平常|平时|反正|起码|最多|最少|顶多|能够|可以|应该|总归)$/;

const AMOUNT_FILLERS: ReadonlySet<string> = new Set(["一户", "每户", "每人", "一人", "一个人", "每亩", "一亩", "一辆", "每辆", "一台", "每台", "一套", "每套"]);
/** "半年补助多少", "两年补助": a span of time before 补助 is how long, not the name of a programme. */
const PERIOD = /^(?:[一二两三四五六七八九十半几每全上下头]+个?(?:年|月|季度?|天|星期)|季度)$/;
/** What villagers call money from a programme (after synonyms: 补贴 is rewritten to 补助). */
/** Old people named by age or standing, and money asked for them (给, 补, 多少 …). */
const AGED =
  /((?:\d+|[一二三四五六七八九十百]+)岁(?:以上|以上的|往上)?(?:的)?(?:老人|老年人?)|百岁老(?:人|年)|高龄老(?:人|年)|五保(?:老人|老年|户)|孤寡老(?:人|年)|空巢老(?:人|年))[^，,。？?]{0,8}?(?:补贴|补助|津贴|救助|给钱|多少)/;

/** Whom money is for, never what: a relative, a child by birth order, a pronoun. */
const PERSON =
  /^(?:[爷奶姥爹娘爸妈哥姐弟妹叔伯舅姨姑婶嫂孙]{1,2}|外公|外婆|父亲|母亲|儿子|女儿|闺女|孙子|孙女|老伴|媳妇|老婆|丈夫|老公|公公|婆婆|大爷|大娘|老头|老太|老大|老二|老三|老四|老小|俺家|我家|咱家|家里|他们|她们|我们|俺们|咱们|他俩|她俩|俺俩|各自|自己|自个|人家|穷人|穷人家)$/;

const SUBSIDY_WORDS: ReadonlySet<string> = new Set(["补助", "补贴", "津贴", "救助", "补偿", "奖励", "补助金"]);

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
    private readonly segmenter: Segmenter,
    private readonly rewrite: (folded: string) => string,
    /** Words that never name a topic (data/conversation.yaml → not_topics), already folded and rewritten. */
    private readonly notTopics: ReadonlySet<string> = NO_WORDS,
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

  /**
   * "养羊补贴", "护理补贴", "危房改造补助": a subsidy named by a word the knowledge base has never seen.
   * No entry covers it, whatever else the question shares with one; returns the name asked about.
   */
  /**
   * "危房改造能给补多少钱", "残疾大学生入学有补助不": what money is asked for, named right before it, in words the
   * knowledge base has never seen (each, or a part of each); undefined otherwise.
   */
  private paidForUnknown(text: string): string | undefined {
    const paid = /(?:能|可以)?(?:给)?(?:有)?补(?:助|贴)?(?:多少|几|不|吗|没)/.exec(text);
    if (!paid) return undefined;
    const clause =
      text
        .slice(0, paid.index)
        .split(/[，,。；;！!？?\s]/)
        .at(-1) ?? "";
    const named: string[] = [];
    for (const token of this.segmenter.tokens(clause).reverse()) {
      const content =
        token.length >= 2 &&
        /^[\u4e00-\u9fa5]+$/.test(token) &&
        !this.notTopics.has(token) &&
        !ADVERB.test(token) &&
        !AMOUNT_FILLERS.has(token) &&
        !PERIOD.test(token) &&
        // ("一年下来", "有点啥贴补": how or how much, not what for; "三个", "两家", "全村", "那个", "剩下": whom or which.)
        !/^有|下来$|起来$|[个家俩仨们村组县镇乡]$|^[那这哪全本国剩往]/.test(token);
      if (!content || PERSON.test(token)) {
        if (named.length > 0) break;
        continue;
      }
      named.unshift(token);
      if (named.length === 2) break;
    }
    const unknown = (word: string) => {
      if (this.bm25.has(word)) return false;
      const parts = this.segmenter.words(word).filter((w) => w !== word && w.length >= 2);
      return parts.length === 0 || parts.some((w) => !this.bm25.has(w));
    };
    return named.length > 0 && named.every(unknown) ? named.join("") : undefined;
  }

  absentProgramme(query: AnalyzedQuery): string | undefined {
    // "买机动轮椅车政府补贴多少": money towards buying a thing the knowledge base knows only another subsidy
    // for (its fuel). Covered only by an entry whose name says it is for buying (农机购置补贴).
    const buy =
      /(?:买|购买|购置)(?:个|辆|台|一辆|一台|一个)?([\u4e00-\u9fa5]{2,8}?)\s*(?:的)?(?:政府|国家|公家|县里|镇上)?(?:有|给|能|发|的)?(?:补助|补贴)/.exec(
        query.text,
      );
    if (buy) {
      const thing = buy[1]!;
      const named = (e: Entry) => [e.title, ...e.aliases];
      // "拖拉机补贴" is an alias of 农机购置补贴: an entry naming the thing anywhere and buying anywhere covers it.
      const about = this.entries.filter((e) => named(e).some((n) => n.includes(thing)));
      if (about.length > 0 && !about.some((e) => named(e).some((n) => /购|买/.test(n)))) return `买${thing}的补助`;
    }
    // "房子漏雨要修，有补助吗": money for doing something to a thing no entry's name speaks of.
    // The thing is the word right before what happened to it (漏雨, 倒了…) or before the verb: "房子漏雨要修",
    // "院墙倒了要盖"; never a pronoun or a place ("我家要修").
    const work =
      /([\u4e00-\u9fa5]{2})(?:漏雨|漏水|漏了|坏了|破了|塌了|裂了|倒了|烂了|旧了)?[，,\s]*(?:要|想|得)?(修|建|盖|换|装)(?:一下|好)?[，,\s]*(?:有没有|有|能有|给不给|能不能给)(?:个|点)?(?:补助|补贴)/.exec(
        query.text,
      );
    if (work && !/^[我俺咱你他她这那]|家$|里$/.test(work[1]!)) {
      const thing = work[1]!;
      const named = (e: Entry) => [e.title, ...e.aliases];
      if (!this.entries.some((e) => named(e).some((n) => n.includes(thing)))) return `${work[2]}${thing}的补助`;
    }
    // "八十岁以上老人补贴", "百岁老人补贴", "五保老人一个月给多少": old people named by age or by a standing the
    // knowledge base has no programme for (its only old people's money is for the disabled poor).
    const aged = AGED.exec(query.text);
    if (aged && !/残/.test(query.text)) return `${aged[1]}的补助`;
    const words = query.words;
    // "助学金", "抚恤金", "慰问金": a kind of money named by a word of its own that no entry has.
    const money = words.find((w) => w.length >= 3 && w.endsWith("金") && !this.bm25.has(w) && !this.bm25.has(w.slice(0, -1)) && !this.notTopics.has(w));
    if (money) return money;
    for (let i = 1; i < words.length; i++) {
      if (!SUBSIDY_WORDS.has(words[i]!)) continue;
      // "危房改造一户能补多少": who or how much the amount is for may stand between the name and the subsidy.
      let j = i - 1;
      // ("孤儿每月补多少": a period each month or year too.)
      while (j > 0 && i - j < 3 && (AMOUNT_FILLERS.has(words[j]!) || /^每个?[月年]$/.test(words[j]!))) j--;
      const named = words[j]!;
      // A period stepped over is the name's own ("孤儿每月"), not the next clause's ("要去掉 一年救助").
      if (words.slice(j + 1, i).some((w) => /^每个?[月年]$/.test(w)) && !query.text.includes(named + words[j + 1]!)) continue;
      if (
        named.length < 2 ||
        SUBSIDY_WORDS.has(named) ||
        AMOUNT_FILLERS.has(named) ||
        PERIOD.test(named) ||
        ADVERB.test(named) ||
        // "他俩各自一年能领", "剩下的一年能领": who or which of them, not a programme.
        /^[我俺咱你您他她它这那]|[俩仨自下来掉]$/.test(named) ||
        // "每人每月五十的补助": an amount said, not a programme's name.
        /^[零一二两三四五六七八九十百千万]+$/.test(named) ||
        // "俺爷爷一年能领多少", "俺家老三能补多少": a relative is whom it is for.
        PERSON.test(named) ||
        // "想算算救助", "打听一下补助": a verb of reckoning or asking, not a programme.
        /^(?:算算|算一算|算一下|算下|问问|问一下|打听|了解|咨询|查查|查一下|看看)$/.test(named) ||
        // "全村一年补助总数", "全县救助": the whole of a place, summed, not a programme.
        /^(?:全|整个|本)[村组县镇乡市屯家户]|^[村组县镇乡市屯]里?$/.test(named) ||
        this.notTopics.has(named) ||
        this.bm25.has(named)
      ) {
        // "高龄老人津贴": a known word (老人) after one the knowledge base has never seen (高龄) names a programme
        // it does not have, however close the known word's entry is.
        const before = j > 0 ? words[j - 1]! : "";
        if (
          // (A group of people, qualified: 高龄老人, 孤寡老人, 单亲妇女; never "假如特别救助".)
          /^(?:老年|老人|儿童|妇女|学生|农民|家庭|军人|老兵|孤儿|残疾人)$/.test(named) &&
          this.bm25.has(named) &&
          before.length >= 2 &&
          !this.bm25.has(before) &&
          !this.notTopics.has(before) &&
          !AMOUNT_FILLERS.has(before) &&
          !SUBSIDY_WORDS.has(before) &&
          !PERIOD.test(before) &&
          !ADVERB.test(before) &&
          /^[\u4e00-\u9fa5]+$/.test(before) &&
          // (Not who or how many, nor a supposition: "两家一共补助", "他俩特别救助", "假设老年补助".)
          !/[零一二两三四五六七八九十百千万俩仨他她我俺咱你您自各每]|[口家人户个]$|^(?:假如|假设|如果|要是|万一|还有|另外)$/.test(before) &&
          query.text.includes(before + named + words[i]!)
        )
          return `${before}${named}${words[i]}`;
        continue;
      }
      // "贫困户" is new as a whole but made of a word the knowledge base knows (贫困); "危房改造" is not (危房).
      const parts = this.segmenter.words(named).filter((w) => w !== named && w.length >= 2);
      if (parts.length > 0 && parts.every((w) => this.bm25.has(w))) continue;
      // The name must stand right before the subsidy in the text ("高龄津贴", "危房改造一户能补"): in
      // "公家能给俺多少救济" or "身体好好的，一户多残补助" the word before is no name of a programme.
      const at = query.text.indexOf(named);
      const subsidyAt = at < 0 ? -1 : query.text.indexOf(words[i]!, at + named.length);
      // "修房子有补助吗": 有 between a thing to be done and the subsidy asks whether there is one for it
      // ("穷人家有补贴没", "县上有补助没得" name who or where, not a programme).
      const between = query.text.slice(at + named.length, subsidyAt);
      if (subsidyAt < 0 || !/^(?:一户|每户|每人|一人|一个人|每亩|一亩|每个?月|每年|能|可以|有|的|\s)*$/.test(between)) continue;
      if (between.includes("有") && !/^[修建盖买换装治]/.test(named)) continue;
      // "我是村会计 救助名单": a space alone ends a clause; the word before it names no subsidy.
      if (/^\s+$/.test(between)) continue;
      return `${named}${words[i]}`;
    }
    const forWhat = this.paidForUnknown(query.text);
    return forWhat ? `${forWhat}补助` : undefined;
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
