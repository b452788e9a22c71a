// A compact BM25 inverted index over weighted token bags; pure, no I/O.
// Memory is kept in typed arrays where it can be: at 10,000 entries, millions of small Map entries
// made garbage collection pauses the slowest part of answering.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

interface Posting {
  docs: number[];
  freqs: number[];
}

export class Bm25Index {
  private readonly ids = new Map<string, number>();
  private readonly postings: Posting[] = [];
  /** Per document: the sorted ids of its tokens, for membership tests. */
  private readonly docTokens: Int32Array[] = [];
  private readonly lengths: number[] = [];
  private totalLength = 0;
  private readonly k1: number;
  private readonly b: number;
  private scores = new Float64Array(0);
  private touched: number[] = [];

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** The token's number, assigned on first sight; indexing large bases works in numbers, not strings. */
  termId(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.postings.length;
      this.ids.set(token, id);
      this.postings.push({ docs: [], freqs: [] });
    }
    return id;
  }

  /** Adds a document as distinct term numbers (from `termId`) with their weighted frequencies. */
  addTerms(termIds: readonly number[], freqs: readonly number[]): number {
    const doc = this.lengths.length;
    const tokenIds = new Int32Array(termIds.length);
    let length = 0;
    for (let i = 0; i < termIds.length; i++) {
      const id = termIds[i]!;
      const posting = this.postings[id]!;
      posting.docs.push(doc);
      posting.freqs.push(freqs[i]!);
      tokenIds[i] = id;
      length += freqs[i]!;
    }
    this.docTokens.push(tokenIds.sort());
    this.lengths.push(length);
    this.totalLength += length;
    return doc;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** True when the document contains the token. */
  docHas(doc: number, token: string): boolean {
    const id = this.ids.get(token);
    const tokens = this.docTokens[doc];
    if (id === undefined || !tokens) return false;
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = tokens[mid]!;
      if (value === id) return true;
      if (value < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  documentFrequency(token: string): number {
    const id = this.ids.get(token);
    return id === undefined ? 0 : this.postings[id]!.docs.length;
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
    const averageLength = this.totalLength / Math.max(1, this.size);
    for (const [token, queryWeight] of query) {
      const id = this.ids.get(token);
      if (id === undefined) continue;
      const posting = this.postings[id]!;
      const n = posting.docs.length;
      const idf = Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
      for (let i = 0; i < n; i++) {
        const doc = posting.docs[i]!;
        const freq = posting.freqs[i]!;
        const norm = freq + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / averageLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += queryWeight * idf * ((freq * (this.k1 + 1)) / norm);
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
