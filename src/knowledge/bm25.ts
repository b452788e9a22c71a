// A plain BM25 inverted index over weighted terms; pure, no I/O.

/** Every term's postings, one term after another: term `id`'s are `starts[id]` to `starts[id + 1]`. */
interface Postings {
  starts: Int32Array;
  /** Per term, the documents holding it, ascending (documents are added in order). */
  docs: Int32Array;
  /**
   * What each of those postings adds to its document's score, per unit of the term's IDF and query weight:
   * BM25's saturated term frequency freq·(k1 + 1) / (freq + k1·(1 − b + b·length/average)), where freq is the
   * term's occurrences in the document, each weighted by its field. Known once every document is in, so
   * worked out once when the postings are laid out instead of at every posting of every search.
   */
  impacts: Float64Array;
}

/**
 * Additions are kept in blocks of 2^16: one array grown by copying would touch about twice the memory, and
 * each fresh page costs (tens of µs where the benches run).
 */
const BLOCK_BITS = 16;
const IN_BLOCK = (1 << BLOCK_BITS) - 1;

/** The postings as documents are added: each document's distinct terms with their weights, document after document. */
class Additions {
  private readonly termBlocks: Int32Array[] = [];
  private readonly weightBlocks: Float64Array[] = [];
  private count = 0;
  /** Where each document's terms end. */
  private readonly ends: number[] = [];
  /** The terms of the document being added, in the order first added, and their weights so far (by term). */
  private readonly docTerms: number[] = [];
  private docWeights = new Float64Array(1024);
  /** Per term, the last document it was added to, plus one (0: none yet). */
  private lastDoc = new Int32Array(1024);
  /** Per term, how many documents hold it. */
  private holders = new Int32Array(1024);

  add(id: number, weight: number): void {
    if (id >= this.docWeights.length) {
      this.docWeights = grown(this.docWeights);
      this.lastDoc = grown(this.lastDoc);
      this.holders = grown(this.holders);
    }
    if (this.lastDoc[id] !== this.ends.length + 1) {
      this.lastDoc[id] = this.ends.length + 1;
      this.docTerms.push(id);
    }
    this.docWeights[id]! += weight;
  }

  endDocument(): void {
    for (const id of this.docTerms) {
      const at = this.count++ & IN_BLOCK;
      if (at === 0) {
        this.termBlocks.push(new Int32Array(IN_BLOCK + 1));
        this.weightBlocks.push(new Float64Array(IN_BLOCK + 1));
      }
      this.termBlocks.at(-1)![at] = id;
      this.weightBlocks.at(-1)![at] = this.docWeights[id]!;
      this.docWeights[id] = 0;
      this.holders[id]!++;
    }
    this.docTerms.length = 0;
    this.ends.push(this.count);
  }

  /** The postings of terms 0 to `termCount` − 1, laid out term after term; `impact` turns a document's weight of a term into its share of the score. */
  layOut(termCount: number, impact: (doc: number, freq: number) => number): Postings {
    const starts = new Int32Array(termCount + 1);
    for (let id = 0; id < termCount; id++) starts[id + 1] = starts[id]! + this.holders[id]!;
    const next = starts.slice(0, termCount);
    const docs = new Int32Array(this.count);
    const impacts = new Float64Array(this.count);
    for (let doc = 0, i = 0; doc < this.ends.length; doc++) {
      for (; i < this.ends[doc]!; i++) {
        const at = next[this.termBlocks[i >>> BLOCK_BITS]![i & IN_BLOCK]!]!++;
        docs[at] = doc;
        impacts[at] = impact(doc, this.weightBlocks[i >>> BLOCK_BITS]![i & IN_BLOCK]!);
      }
    }
    return { starts, docs, impacts };
  }
}

/** A copy of `array` twice as long. */
function grown<T extends Int32Array | Float64Array>(array: T): T {
  const copy = new (array.constructor as new (length: number) => T)(array.length * 2);
  copy.set(array);
  return copy;
}

/** A word, or a number standing for a pair of characters (see search.ts). */
export type Term = string | number;

export interface ScoredDoc {
  doc: number;
  score: number;
}

export class Bm25Index {
  /** Each term's number, given in the order terms are first added. */
  private readonly ids = new Map<Term, number>();
  /**
   * Documents go into flat blocks as they are added and are laid out as postings, once, when the last is in
   * (`finish`, or the first query): a list per term grown posting by posting made 10,000 entries slow to index,
   * most of it allocation and its garbage.
   */
  private additions: Additions | undefined = new Additions();
  private laidOut: Postings | undefined;
  private readonly lengths: number[] = [];
  /** The length of the document being added: the sum of its terms' weights. */
  private length = 0;
  /** Scratch for `search`: each document's score so far, zero when untouched. */
  private scores = new Float64Array(0);

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.lengths.length;
  }

  /** Adds weight to a term of the document being added; documents are numbered from 0 in the order they end. */
  add(term: Term, weight: number): void {
    const additions = this.building();
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    additions.add(id, weight);
    this.length += weight;
  }

  /** Ends the document being added. */
  endDocument(): void {
    this.building().endDocument();
    this.lengths.push(this.length);
    this.length = 0;
  }

  has(term: Term): boolean {
    return this.ids.has(term);
  }

  idf(term: Term): number {
    const id = this.ids.get(term);
    const { starts } = this.postings();
    const n = id === undefined ? 0 : starts[id + 1]! - starts[id]!;
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** True when the document contains the term. */
  docHas(doc: number, term: Term): boolean {
    const id = this.ids.get(term);
    if (id === undefined) return false;
    const { starts, docs } = this.postings();
    let lo = starts[id]!;
    let hi = starts[id + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid] === doc) return true;
      if (docs[mid]! < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Scores every document that shares a term with the query (term → weight); the best `limit`, best first. */
  search(query: ReadonlyMap<Term, number>, limit: number): ScoredDoc[] {
    // Scratch kept between searches: a common word touches most documents, and an array that size made per
    // search was most of what a message allocated (and so of the pauses to collect it).
    if (this.scores.length < this.size) this.scores = new Float64Array(this.size);
    const { scores } = this;
    const { starts, docs, impacts } = this.postings();
    for (const [term, queryWeight] of query) {
      const id = this.ids.get(term);
      if (id === undefined) continue;
      const weight = queryWeight * this.idf(term);
      // No test per posting of whether the document was met before: that branch, taken at random, cost more
      // than the one pass over every document below.
      for (let i = starts[id]!, end = starts[id + 1]!; i < end; i++) scores[docs[i]!]! += weight * impacts[i]!;
    }
    // The best `limit`, kept sorted, in document order (so that of equal scores the earlier document is kept):
    // a query touches up to every document, and sorting them all costs more. The floor (the last kept score)
    // is a local number, and the scratch is cleared in one fill: per document those were a third of a search.
    const bestDocs = new Int32Array(limit);
    const bestScores = new Float64Array(limit);
    let count = 0;
    let floor = 0;
    for (let doc = 0, size = this.size; doc < size; doc++) {
      const score = scores[doc]!;
      if (score <= floor) continue;
      let at = count < limit ? count++ : limit - 1;
      for (; at > 0 && score > bestScores[at - 1]!; at--) {
        bestScores[at] = bestScores[at - 1]!;
        bestDocs[at] = bestDocs[at - 1]!;
      }
      bestScores[at] = score;
      bestDocs[at] = doc;
      if (count === limit) floor = bestScores[limit - 1]!;
    }
    scores.fill(0);
    return Array.from({ length: count }, (_, k) => ({ doc: bestDocs[k]!, score: bestScores[k]! }));
  }

  /** Lays the postings out: no document can be added after this, and the first query waits for nothing. */
  finish(): void {
    this.postings();
  }

  private building(): Additions {
    if (!this.additions) throw new Error("the index is finished: no more documents can be added");
    return this.additions;
  }

  private postings(): Postings {
    if (!this.laidOut) {
      const { k1, b, lengths } = this;
      const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, this.size);
      // BM25's length normalisation: a term counts for less in a longer document.
      const norms = lengths.map((length) => k1 * (1 - b + (b * length) / average));
      this.laidOut = this.building().layOut(this.ids.size, (doc, freq) => (freq * (k1 + 1)) / (freq + norms[doc]!));
      this.additions = undefined;
    }
    return this.laidOut;
  }
}
