// A plain BM25 inverted index over weighted terms; pure, no I/O.

interface Postings {
  /** The documents holding the term, ascending (documents are added in order). */
  docs: number[];
  /** The term's weight in each of those documents: its occurrences, each weighted by its field. */
  weights: number[];
}

export interface ScoredDoc {
  doc: number;
  score: number;
}

/** Higher score first; among equal scores, the earlier document. */
const isBetter = (score: number, doc: number, than: ScoredDoc) => score > than.score || (score === than.score && doc < than.doc);

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  /** The length of the document being added: the sum of its terms' weights. */
  private length = 0;
  /** Per document, BM25's length normalisation k1·(1 − b + b·length/average); known once every document is in. */
  private norms: number[] | undefined;
  /** Scratch for `search`: each document's score so far, zero when untouched. */
  private scores = new Float64Array(0);
  /** Scratch for `search`: the documents given a score, in the order met. */
  private touched = new Int32Array(0);

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.lengths.length;
  }

  /** Adds weight to a term of the document being added; documents are numbered from 0 in the order they end. */
  add(term: string, weight: number): void {
    const doc = this.lengths.length;
    let postings = this.postings.get(term);
    if (!postings) this.postings.set(term, (postings = { docs: [], weights: [] }));
    const last = postings.docs.length - 1;
    if (postings.docs[last] === doc) postings.weights[last]! += weight;
    else {
      postings.docs.push(doc);
      postings.weights.push(weight);
    }
    this.length += weight;
  }

  /** Ends the document being added. */
  endDocument(): void {
    this.lengths.push(this.length);
    this.length = 0;
    this.norms = undefined;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  idf(term: string): number {
    const n = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** True when the document contains the term. */
  docHas(doc: number, term: string): boolean {
    const docs = this.postings.get(term)?.docs;
    if (!docs) return false;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid] === doc) return true;
      if (docs[mid]! < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Scores every document that shares a term with the query (term → weight); the best `limit`, best first. */
  search(query: ReadonlyMap<string, number>, limit: number): ScoredDoc[] {
    const { k1 } = this;
    const norms = (this.norms ??= this.computeNorms());
    // Scratch kept between searches: a common word touches most documents, and arrays that size made per
    // search were most of what a message allocated (and so of the pauses to collect it).
    if (this.scores.length < this.size) {
      this.scores = new Float64Array(this.size);
      this.touched = new Int32Array(this.size);
    }
    const { scores, touched } = this;
    let touchedCount = 0;
    for (const [term, queryWeight] of query) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      const weight = queryWeight * this.idf(term);
      const { docs, weights } = postings;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const freq = weights[i]!;
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc]! += (weight * (freq * (k1 + 1))) / (freq + norms[doc]!);
      }
    }
    // The best `limit` so far, kept sorted: a query touches up to every document, and sorting them all costs more.
    const best: ScoredDoc[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      const score = scores[doc]!;
      scores[doc] = 0;
      if (best.length === limit && score <= best[limit - 1]!.score) continue;
      let at = best.length;
      while (at > 0 && isBetter(score, doc, best[at - 1]!)) at--;
      best.splice(at, 0, { doc, score });
      if (best.length > limit) best.pop();
    }
    return best;
  }

  private computeNorms(): number[] {
    const average = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, this.size);
    return this.lengths.map((length) => this.k1 * (1 - this.b + (this.b * length) / average));
  }
}
