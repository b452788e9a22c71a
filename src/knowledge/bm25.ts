// A compact BM25 inverted index; pure, no I/O.
// Everything sits in a few flat typed arrays: at 10,000 entries, millions of small arrays and Map
// entries made garbage collection the slowest part of both indexing and answering.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/**
 * Weights are stored as whole multiples of this unit: every field and bigram weight is a multiple of
 * 1/20 (index-builder.ts), so nothing is rounded, and a pair takes 6 bytes instead of 12. Fresh memory
 * is what indexing pays for most on a small server (each new 4 KB page faults once, ~15 µs here).
 */
export const WEIGHT_UNIT = 1 / 20;
const UNITS_PER_WEIGHT = 20;
/** A Uint16 holds a document's units of one term: over a thousand title occurrences of one word. */
const MAX_UNITS = 0xffff;

/** A weight as a whole number of WEIGHT_UNITs; a weight that is not a multiple of the unit is a mistake. */
export function weightUnits(weight: number): number {
  const units = Math.round(weight * UNITS_PER_WEIGHT);
  // Products such as 3 × 0.3 miss their multiple by a rounding error; anything more is a mistake.
  if (Math.abs(units - weight * UNITS_PER_WEIGHT) > 1e-6) throw new RangeError(`BM25 weight ${weight} is not a multiple of ${WEIGHT_UNIT}`);
  return units;
}

const PAGE_BITS = 15;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/**
 * The (term, weight) pairs of all documents, one after another, in fixed-size pages that are never
 * copied (growth by doubling would touch every page twice).
 */
class TermColumns {
  readonly termPages: Int32Array[] = [];
  readonly unitPages: Uint16Array[] = [];
  length = 0;

  push(term: number, units: number): void {
    const at = this.length & PAGE_MASK;
    if (at === 0) {
      this.termPages.push(new Int32Array(PAGE_SIZE));
      this.unitPages.push(new Uint16Array(PAGE_SIZE));
    }
    this.termPages[this.termPages.length - 1]![at] = term;
    this.unitPages[this.unitPages.length - 1]![at] = units;
    this.length++;
  }
}

/**
 * Collects documents term by term (`add`, then `endDocument`) and turns them into the index with
 * `build()`. A document's weights are summed in one dense array reused for every document.
 */
export class Bm25Builder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** The current document's weight per term, in WEIGHT_UNITs. */
  private units = new Int32Array(1 << 12);
  /** The current document's distinct terms, in first-seen order: the first `currentCount` of `current`. */
  private current = new Int32Array(1024);
  private currentCount = 0;
  private readonly columns = new TermColumns();
  /** Where each document's terms start in `columns`; one more than the number of documents. */
  private readonly starts: number[] = [0];
  /** Each document's length: the sum of its weights, in WEIGHT_UNITs. */
  private readonly lengths: number[] = [];
  /** Per term, how many documents hold it: counted as documents close, so `build` need not. */
  private documentCounts = new Int32Array(1 << 12);

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

  /** Adds weight (a multiple of WEIGHT_UNIT) to a term (from `termId`) of the document being built. */
  add(id: number, weight: number): void {
    this.addUnits(id, weightUnits(weight));
  }

  /** `add` for a weight already in units (from `weightUnits`): indexing adds millions of times. */
  addUnits(id: number, added: number): void {
    if (id >= this.units.length) {
      const bigger = new Int32Array(Math.max(id + 1, this.units.length * 2));
      bigger.set(this.units);
      this.units = bigger;
    }
    const units = this.units;
    if (units[id] === 0) {
      if (this.currentCount === this.current.length) {
        const bigger = new Int32Array(this.current.length * 2);
        bigger.set(this.current);
        this.current = bigger;
      }
      this.current[this.currentCount++] = id;
    }
    units[id]! += added;
  }

  /** Closes the document being built; documents are numbered in the order they are closed. */
  endDocument(): void {
    const count = this.currentCount;
    const { current, units, columns } = this;
    if (this.ids.size > this.documentCounts.length) {
      const bigger = new Int32Array(Math.max(this.ids.size, this.documentCounts.length * 2));
      bigger.set(this.documentCounts);
      this.documentCounts = bigger;
    }
    const documentCounts = this.documentCounts;
    let length = 0;
    for (let k = 0; k < count; k++) {
      const id = current[k]!;
      documentCounts[id]!++;
      const termUnits = Math.min(units[id]!, MAX_UNITS);
      columns.push(id, termUnits);
      length += termUnits;
      units[id] = 0;
    }
    this.currentCount = 0;
    this.starts.push(columns.length);
    this.lengths.push(length);
  }

  build(options: Bm25Options = {}): Bm25Index {
    const k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.75;
    const { termPages, unitPages, length: used } = this.columns;
    const termCount = this.ids.size;
    const documents = this.lengths.length;
    let totalLength = 0;
    for (const length of this.lengths) totalLength += length;
    const averageLength = totalLength / Math.max(1, documents);
    // BM25's length normalisation k1·(1 − b + b·length/average) is the same for every query.
    const norms = new Float64Array(documents);
    for (let doc = 0; doc < documents; doc++) norms[doc] = k1 * (1 - b + (b * this.lengths[doc]!) / averageLength);

    // Postings by counting sort on the term: no comparison sort, and each term's documents come out
    // in ascending order, which `docHas` relies on to binary-search.
    const postingStarts = new Int32Array(termCount + 1);
    // A term given a number but never added to a document has no postings (and may lie beyond the counts).
    for (let t = 0; t < termCount; t++) postingStarts[t + 1] = postingStarts[t]! + (this.documentCounts[t] ?? 0);
    const next = postingStarts.slice(0, termCount);
    const postingDocs = new Int32Array(used);
    // Each posting keeps its term-frequency part of the score, freq·(k1 + 1) / (freq + norm): a query
    // then only multiplies and adds. Single precision halves the memory; rankings need no more.
    const postingParts = new Float32Array(used);
    const starts = this.starts;
    for (let doc = 0; doc < documents; doc++) {
      const norm = norms[doc]!;
      for (let k = starts[doc]!; k < starts[doc + 1]!; k++) {
        const at = next[termPages[k >>> PAGE_BITS]![k & PAGE_MASK]!]!++;
        const freq = unitPages[k >>> PAGE_BITS]![k & PAGE_MASK]! / UNITS_PER_WEIGHT;
        postingDocs[at] = doc;
        postingParts[at] = (freq * (k1 + 1)) / (freq + norm);
      }
    }
    return new Bm25Index(this.ids, { postingStarts, postingDocs, postingParts, documents });
  }
}

interface Bm25Arrays {
  /** Term t's postings are at [postingStarts[t], postingStarts[t + 1]) of the two arrays below. */
  postingStarts: Int32Array;
  postingDocs: Int32Array;
  /** The term-frequency part of each posting's score (see `Bm25Builder.build`). */
  postingParts: Float32Array;
  documents: number;
}

export class Bm25Index {
  private scores = new Float64Array(0);
  /** The documents `search` has given a score, in the order it met them. */
  private touched = new Int32Array(0);

  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly arrays: Bm25Arrays,
  ) {}

  get size(): number {
    return this.arrays.documents;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** The token's term number, or -1 when no document has it. */
  termOf(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  /** True when the document contains the token. */
  docHas(doc: number, token: string): boolean {
    return this.docHasTerm(doc, this.termOf(token));
  }

  /** `docHas` for a term number from `termOf`: a query checks the same terms against several documents. */
  docHasTerm(doc: number, id: number): boolean {
    if (id < 0) return false;
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
    if (this.scores.length < this.size) {
      this.scores = new Float64Array(this.size);
      this.touched = new Int32Array(this.size);
    }
    const { scores, touched } = this;
    let touchedCount = 0;
    const { postingStarts, postingDocs, postingParts } = this.arrays;
    for (const [token, queryWeight] of query) {
      const id = this.ids.get(token);
      if (id === undefined) continue;
      const from = postingStarts[id]!;
      const to = postingStarts[id + 1]!;
      const n = to - from;
      const weight = queryWeight * Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
      for (let i = from; i < to; i++) {
        const doc = postingDocs[i]!;
        const score = scores[doc]!;
        if (score === 0) touched[touchedCount++] = doc;
        scores[doc] = score + weight * postingParts[i]!;
      }
    }
    // The best `limit` so far, kept sorted; a document must beat the worst of them to get in.
    const best: Array<{ doc: number; score: number }> = [];
    let worst = -Infinity;
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      const score = scores[doc]!;
      scores[doc] = 0;
      if (best.length === limit && score <= worst) continue;
      best.push({ doc, score });
      best.sort((x, y) => y.score - x.score || x.doc - y.doc);
      if (best.length > limit) best.pop();
      if (best.length === limit) worst = best[limit - 1]!.score;
    }
    return best;
  }
}

export function addToBag(bag: Map<string, number>, tokens: Iterable<string>, weight: number): void {
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + weight);
}
