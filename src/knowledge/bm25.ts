// A compact BM25 inverted index; pure, no I/O.
// Everything sits in a few flat typed arrays: at 10,000 entries, millions of small arrays and Map
// entries made garbage collection the slowest part of both indexing and answering.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/**
 * The (term, weight) pairs of all documents, one after another, in fixed-size pages that are never
 * copied: fresh memory is what indexing pays for most on a small server (every new page faults once),
 * so growth by doubling-and-copying is avoided.
 */
class TermColumns {
  readonly termPages: Int32Array[] = [];
  readonly freqPages: Float64Array[] = [];
  length = 0;

  push(term: number, freq: number): void {
    const at = this.length & PAGE_MASK;
    if (at === 0) {
      this.termPages.push(new Int32Array(PAGE_SIZE));
      this.freqPages.push(new Float64Array(PAGE_SIZE));
    }
    this.termPages[this.termPages.length - 1]![at] = term;
    this.freqPages[this.freqPages.length - 1]![at] = freq;
    this.length++;
  }
}

const PAGE_BITS = 15;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/**
 * Collects documents term by term (`add`, then `endDocument`) and turns them into the index with
 * `build()`. A document's weights are summed in one dense array reused for every document.
 */
export class Bm25Builder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private weights = new Float64Array(1 << 12);
  /** The current document's distinct terms, in first-seen order: the first `currentCount` of `current`. */
  private current = new Int32Array(1024);
  private currentCount = 0;
  private readonly columns = new TermColumns();
  /** Where each document's terms start in `columns`; one more than the number of documents. */
  private readonly starts: number[] = [0];
  private readonly lengths: number[] = [];

  /** The token's number, assigned on first sight; indexing works in numbers, not strings. */
  termId(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
      this.names.push(token);
    }
    return id;
  }

  /** The token a term number stands for. */
  termName(id: number): string {
    return this.names[id]!;
  }

  /** Adds weight to a term (from `termId`) of the document being built. */
  add(id: number, weight: number): void {
    if (id >= this.weights.length) {
      const bigger = new Float64Array(Math.max(id + 1, this.weights.length * 2));
      bigger.set(this.weights);
      this.weights = bigger;
    }
    const weights = this.weights;
    if (weights[id] === 0) {
      if (this.currentCount === this.current.length) {
        const bigger = new Int32Array(this.current.length * 2);
        bigger.set(this.current);
        this.current = bigger;
      }
      this.current[this.currentCount++] = id;
    }
    weights[id]! += weight;
  }

  /** Closes the document being built; documents are numbered in the order they are closed. */
  endDocument(): void {
    const count = this.currentCount;
    const { current, weights, columns } = this;
    let length = 0;
    for (let k = 0; k < count; k++) {
      const id = current[k]!;
      columns.push(id, weights[id]!);
      length += weights[id]!;
      weights[id] = 0;
    }
    this.currentCount = 0;
    this.starts.push(columns.length);
    this.lengths.push(length);
  }

  build(options: Bm25Options = {}): Bm25Index {
    const { termPages, freqPages, length: used } = this.columns;
    const termCount = this.ids.size;
    // Postings by counting sort on the term: no comparison sort, and each term's documents come out
    // in ascending order, which `docHas` relies on to binary-search.
    const postingStarts = new Int32Array(termCount + 1);
    for (let k = 0; k < used; k++) postingStarts[termPages[k >>> PAGE_BITS]![k & PAGE_MASK]! + 1]!++;
    for (let t = 0; t < termCount; t++) postingStarts[t + 1]! += postingStarts[t]!;
    const next = postingStarts.slice(0, termCount);
    const postingDocs = new Int32Array(used);
    const postingFreqs = new Float64Array(used);
    const starts = this.starts;
    for (let doc = 0; doc + 1 < starts.length; doc++) {
      for (let k = starts[doc]!; k < starts[doc + 1]!; k++) {
        const at = next[termPages[k >>> PAGE_BITS]![k & PAGE_MASK]!]!++;
        postingDocs[at] = doc;
        postingFreqs[at] = freqPages[k >>> PAGE_BITS]![k & PAGE_MASK]!;
      }
    }
    return new Bm25Index(this.ids, { postingStarts, postingDocs, postingFreqs, lengths: Float64Array.from(this.lengths) }, options);
  }
}

interface Bm25Arrays {
  /** Term t's postings are at [postingStarts[t], postingStarts[t + 1]) of the two arrays below. */
  postingStarts: Int32Array;
  postingDocs: Int32Array;
  postingFreqs: Float64Array;
  lengths: Float64Array;
}

export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly averageLength: number;
  /** Per document, BM25's length normalisation k1·(1 − b + b·length/average): the same for every query. */
  private readonly norms: Float64Array;
  private scores = new Float64Array(0);
  private touched: number[] = [];

  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly arrays: Bm25Arrays,
    options: Bm25Options = {},
  ) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    let total = 0;
    for (const length of arrays.lengths) total += length;
    this.averageLength = total / Math.max(1, this.size);
    this.norms = arrays.lengths.map((length) => this.k1 * (1 - this.b + (this.b * length) / this.averageLength));
  }

  get size(): number {
    return this.arrays.lengths.length;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** True when the document contains the token. */
  docHas(doc: number, token: string): boolean {
    const id = this.ids.get(token);
    if (id === undefined) return false;
    const docs = this.arrays.postingDocs;
    let lo = this.arrays.postingStarts[id]!;
    let hi = this.arrays.postingStarts[id + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = docs[mid]!;
      if (value === doc) return true;
      if (value < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  documentFrequency(token: string): number {
    const id = this.ids.get(token);
    return id === undefined ? 0 : this.arrays.postingStarts[id + 1]! - this.arrays.postingStarts[id]!;
  }

  idf(token: string): number {
    const n = this.documentFrequency(token);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** Scores every document that shares a token with the query; returns the best `limit`, best first. */
  search(query: ReadonlyMap<string, number>, limit: number): Array<{ doc: number; score: number }> {
    if (this.scores.length < this.size) this.scores = new Float64Array(this.size);
    const scores = this.scores;
    const touched = this.touched;
    const { postingStarts, postingDocs, postingFreqs } = this.arrays;
    const norms = this.norms;
    const k1Plus1 = this.k1 + 1;
    for (const [token, queryWeight] of query) {
      const id = this.ids.get(token);
      if (id === undefined) continue;
      const from = postingStarts[id]!;
      const to = postingStarts[id + 1]!;
      const n = to - from;
      const idf = Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
      for (let i = from; i < to; i++) {
        const doc = postingDocs[i]!;
        const freq = postingFreqs[i]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += queryWeight * idf * ((freq * k1Plus1) / (freq + norms[doc]!));
      }
    }
    const best: Array<{ doc: number; score: number }> = [];
    for (const doc of touched) {
      const score = scores[doc]!;
      scores[doc] = 0;
      if (best.length < limit || score > best[best.length - 1]!.score) {
        best.push({ doc, score });
        best.sort((x, y) => y.score - x.score || x.doc - y.doc);
        if (best.length > limit) best.pop();
      }
    }
    touched.length = 0;
    return best;
  }
}

export function addToBag(bag: Map<string, number>, tokens: Iterable<string>, weight: number): void {
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + weight);
}
