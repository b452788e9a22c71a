// A compact BM25 inverted index; pure, no I/O.
// Everything sits in a few flat typed arrays: at 10,000 entries, millions of small arrays and Map
// entries made garbage collection the slowest part of both indexing and answering.
import { grown } from "./typed-arrays.ts";

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/**
 * Weights are stored as whole multiples of this unit: every field and bigram weight is a multiple of
 * 1/20 (index-builder.ts), so nothing is rounded, and a (term, weight) pair takes 6 bytes. Fresh memory
 * is what indexing pays for most on a small server (each new 4 KB page faults once, ~15 µs here).
 */
const WEIGHT_UNIT = 1 / 20;
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

/**
 * Documents are indexed in segments of this many: each segment's postings are laid out as soon as its
 * documents are in, from one scratch buffer reused for every segment. Laying out all postings at the
 * end would keep every (term, weight) pair of the base in fresh memory first, then copy them again.
 */
const SEGMENT_BITS = 11; // at most 16: a posting keeps its document as a Uint16 offset in the segment
const SEGMENT_DOCS = 1 << SEGMENT_BITS;

/** Segment s: the postings of documents s·SEGMENT_DOCS onwards; term t's are at [termStarts[t], termStarts[t + 1]). */
interface Segment {
  /** One more than the number of terms known when the segment closed; later terms have no postings here. */
  termStarts: Int32Array;
  /** Each posting's document, counted from the segment's first: two bytes whatever the size of the base. */
  offsets: Uint16Array;
  /** The term-frequency part of each posting's score (see `Bm25Builder.build`). */
  parts: Float32Array;
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
  /** The open segment's (term, units) pairs, document after document; reused for every segment. */
  private pairTerms = new Int32Array(1 << 16);
  private pairUnits = new Uint16Array(1 << 16);
  private pairCount = 0;
  /** Where each document of the open segment starts among the pairs. */
  private readonly documentStarts: number[] = [];
  private readonly segments: Segment[] = [];
  /** Each document's length: the sum of its weights, in WEIGHT_UNITs. */
  private readonly lengths: number[] = [];
  /** Per term, how many documents hold it. */
  private documentCounts = new Int32Array(1 << 12);
  /** Per term, its postings in the open segment so far; scratch for laying them out. */
  private segmentCounts = new Int32Array(1 << 12);
  private built = false;

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
    if (id >= this.units.length) this.units = grown(this.units, id + 1);
    const units = this.units;
    if (units[id] === 0) {
      if (this.currentCount === this.current.length) this.current = grown(this.current, this.currentCount + 1);
      this.current[this.currentCount++] = id;
    }
    units[id]! += added;
  }

  /** Closes the document being built; documents are numbered in the order they are closed. */
  endDocument(): void {
    const count = this.currentCount;
    if (this.ids.size > this.documentCounts.length) {
      this.documentCounts = grown(this.documentCounts, this.ids.size);
      this.segmentCounts = grown(this.segmentCounts, this.ids.size);
    }
    if (this.pairCount + count > this.pairTerms.length) {
      this.pairTerms = grown(this.pairTerms, this.pairCount + count);
      this.pairUnits = grown(this.pairUnits, this.pairCount + count);
    }
    const { current, units, pairTerms, pairUnits, documentCounts, segmentCounts } = this;
    this.documentStarts.push(this.pairCount);
    let at = this.pairCount;
    let length = 0;
    for (let k = 0; k < count; k++) {
      const id = current[k]!;
      const termUnits = Math.min(units[id]!, MAX_UNITS);
      pairTerms[at] = id;
      pairUnits[at++] = termUnits;
      documentCounts[id]!++;
      segmentCounts[id]!++;
      length += termUnits;
      units[id] = 0;
    }
    this.pairCount = at;
    this.currentCount = 0;
    this.lengths.push(length);
    if (this.documentStarts.length === SEGMENT_DOCS) this.closeSegment();
  }

  /** Lays out the open segment's postings by counting sort on the term: each term's documents ascending. */
  private closeSegment(): void {
    const documents = this.documentStarts.length;
    if (documents === 0) return;
    const termCount = this.ids.size;
    const { pairTerms, pairUnits, pairCount, segmentCounts } = this;
    const termStarts = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) {
      termStarts[t + 1] = termStarts[t]! + segmentCounts[t]!;
      segmentCounts[t] = termStarts[t]!; // from here on: where the term's next posting goes
    }
    const offsets = new Uint16Array(pairCount);
    // Units for now; `build` turns them into score parts once every document's length is known.
    const parts = new Float32Array(pairCount);
    this.documentStarts.push(pairCount);
    for (let d = 0; d < documents; d++) {
      for (let k = this.documentStarts[d]!; k < this.documentStarts[d + 1]!; k++) {
        const at = segmentCounts[pairTerms[k]!]!++;
        offsets[at] = d;
        parts[at] = pairUnits[k]!;
      }
    }
    segmentCounts.fill(0, 0, termCount);
    this.segments.push({ termStarts, offsets, parts });
    this.documentStarts.length = 0;
    this.pairCount = 0;
  }

  /** Turns the documents into the index; once, since the postings become the index's own. */
  build(options: Bm25Options = {}): Bm25Index {
    if (this.built) throw new Error("Bm25Builder.build() may be called once");
    this.built = true;
    this.closeSegment();
    const k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.75;
    const documents = this.lengths.length;
    let totalLength = 0;
    for (const length of this.lengths) totalLength += length;
    const averageLength = totalLength / Math.max(1, documents);
    // BM25's length normalisation k1·(1 − b + b·length/average) is the same for every query.
    const norms = new Float64Array(documents);
    for (let doc = 0; doc < documents; doc++) norms[doc] = k1 * (1 - b + (b * this.lengths[doc]!) / averageLength);
    // Each posting keeps its term-frequency part of the score, freq·(k1 + 1) / (freq + norm): a query
    // then only multiplies and adds. Single precision halves the memory; rankings need no more.
    this.segments.forEach(({ offsets, parts }, s) => {
      const firstDoc = s << SEGMENT_BITS;
      for (let i = 0; i < parts.length; i++) {
        const freq = parts[i]! / UNITS_PER_WEIGHT;
        parts[i] = (freq * (k1 + 1)) / (freq + norms[firstDoc + offsets[i]!]!);
      }
    });
    // Terms numbered after the last document closed have no documents (and no counts yet).
    const documentCounts = new Int32Array(this.ids.size);
    documentCounts.set(this.documentCounts.subarray(0, this.ids.size));
    return new Bm25Index(this.ids, this.segments, documentCounts, documents);
  }
}

export class Bm25Index {
  private scores = new Float64Array(0);
  /** The documents `search` has given a score, in the order it met them. */
  private touched = new Int32Array(0);

  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly segments: readonly Segment[],
    /** Per term, how many documents hold it. */
    private readonly documentCounts: Int32Array,
    readonly size: number,
  ) {}

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
    const segment = this.segments[doc >>> SEGMENT_BITS];
    if (id < 0 || segment === undefined || id + 1 >= segment.termStarts.length) return false;
    const offsets = segment.offsets;
    const offset = doc & (SEGMENT_DOCS - 1);
    let lo = segment.termStarts[id]!;
    let hi = segment.termStarts[id + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = offsets[mid]!;
      if (value === offset) return true;
      if (value < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  documentFrequency(token: string): number {
    const id = this.ids.get(token);
    return id === undefined ? 0 : this.documentCounts[id]!;
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
    for (const [token, queryWeight] of query) {
      const id = this.ids.get(token);
      if (id === undefined) continue;
      const n = this.documentCounts[id]!;
      const weight = queryWeight * Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
      for (let s = 0; s < this.segments.length; s++) {
        const { termStarts, offsets, parts } = this.segments[s]!;
        if (id + 1 >= termStarts.length) continue;
        const firstDoc = s << SEGMENT_BITS;
        const to = termStarts[id + 1]!;
        for (let i = termStarts[id]!; i < to; i++) {
          const doc = firstDoc + offsets[i]!;
          const score = scores[doc]!;
          if (score === 0) touched[touchedCount++] = doc;
          scores[doc] = score + weight * parts[i]!;
        }
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
