// A compact BM25 inverted index over weighted token bags; pure, no I/O.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

interface Posting {
  docs: number[];
  freqs: number[];
}

export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
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

  /** Adds a document as token → weighted frequency; returns its number. */
  add(bag: ReadonlyMap<string, number>): number {
    const doc = this.lengths.length;
    let length = 0;
    for (const [token, freq] of bag) {
      let posting = this.postings.get(token);
      if (!posting) {
        posting = { docs: [], freqs: [] };
        this.postings.set(token, posting);
      }
      posting.docs.push(doc);
      posting.freqs.push(freq);
      length += freq;
    }
    this.lengths.push(length);
    this.totalLength += length;
    return doc;
  }

  has(token: string): boolean {
    return this.postings.has(token);
  }

  documentFrequency(token: string): number {
    return this.postings.get(token)?.docs.length ?? 0;
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
      const posting = this.postings.get(token);
      if (!posting) continue;
      const idf = this.idf(token);
      for (let i = 0; i < posting.docs.length; i++) {
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
