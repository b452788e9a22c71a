import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../src/knowledge/bm25.ts";

// A textbook BM25 over plain maps, computed document by document: the inverted index must rank exactly as this does.
function referenceScores(docs: Array<Map<string, number>>, query: Map<string, number>, k1 = 1.2, b = 0.75): number[] {
  const lengths = docs.map((doc) => [...doc.values()].reduce((sum, freq) => sum + freq, 0));
  const average = lengths.reduce((sum, length) => sum + length, 0) / docs.length;
  return docs.map((doc, i) => {
    let score = 0;
    for (const [token, weight] of query) {
      const freq = doc.get(token);
      if (freq === undefined) continue;
      const n = docs.filter((d) => d.has(token)).length;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += weight * idf * ((freq * (k1 + 1)) / (freq + k1 * (1 - b + (b * lengths[i]!) / average)));
    }
    return score;
  });
}

function randomDocs(count: number, seed: number): Array<Map<string, number>> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const doc = new Map<string, number>();
    const length = 1 + Math.floor(next() * 30);
    for (let i = 0; i < length; i++) {
      const token = `t${Math.floor(next() * next() * 60)}`;
      doc.set(token, (doc.get(token) ?? 0) + [1, 0.3, 2, 0.5][Math.floor(next() * 4)]!);
    }
    return doc;
  });
}

function indexOf(docs: Array<Map<string, number>>): Bm25Index {
  const index = new Bm25Index();
  for (const doc of docs) {
    for (const [token, weight] of doc) index.add(token, weight);
    index.endDocument();
  }
  return index;
}

const idfOf = (docs: Array<Map<string, number>>, token: string) => {
  const n = docs.filter((d) => d.has(token)).length;
  return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
};

describe("BM25 index", () => {
  const docs = randomDocs(400, 7);
  const index = indexOf(docs);

  it("ranks documents as textbook BM25 does", () => {
    for (const query of [
      new Map([["t1", 1]]),
      new Map([
        ["t3", 1],
        ["t40", 0.3],
      ]),
      new Map([
        ["t0", 1],
        ["t7", 1],
        ["t59", 1],
        ["nope", 1],
      ]),
    ]) {
      const expected = referenceScores(docs, query)
        .map((score, doc) => ({ doc, score }))
        .filter((hit) => hit.score > 0)
        .sort((x, y) => y.score - x.score || x.doc - y.doc)
        .slice(0, 10);
      const actual = index.search(query, 10);
      expect(actual.map((hit) => hit.doc)).toEqual(expected.map((hit) => hit.doc));
      for (const [i, hit] of actual.entries()) expect(hit.score).toBeCloseTo(expected[i]!.score, 10);
    }
  });

  it("knows which document holds which token, and how many hold it", () => {
    for (const token of ["t0", "t5", "t33", "t59"]) {
      const holders = docs.map((doc, i) => (doc.has(token) ? i : -1)).filter((i) => i >= 0);
      expect(index.idf(token)).toBeCloseTo(idfOf(docs, token), 12);
      for (let doc = 0; doc < docs.length; doc++) expect(index.docHas(doc, token)).toBe(holders.includes(doc));
    }
    expect(index.has("unknown")).toBe(false);
    expect(index.docHas(0, "unknown")).toBe(false);
    expect(index.docHas(docs.length, "t0")).toBe(false);
  });

  it("ranks and finds documents the same in a large index, searched again and again", () => {
    const big = randomDocs(6000, 11);
    const large = indexOf(big);
    expect(large.idf("t2")).toBeCloseTo(idfOf(big, "t2"), 12);
    for (const doc of [0, 2047, 2048, 4095, 4096, 5999]) {
      for (const token of ["t0", "t2", "t17", "t58"]) expect(large.docHas(doc, token)).toBe(big[doc]!.has(token));
    }
    const query = new Map([
      ["t3", 1],
      ["t21", 0.3],
      ["t50", 1],
    ]);
    const expected = referenceScores(big, query)
      .map((score, doc) => ({ doc, score }))
      .filter((hit) => hit.score > 0)
      .sort((x, y) => y.score - x.score || x.doc - y.doc)
      .slice(0, 10);
    expect(large.search(query, 10).map((hit) => hit.doc)).toEqual(expected.map((hit) => hit.doc));
    // The scratch scores are cleared after each search: a second one ranks the same.
    expect(large.search(query, 10)).toEqual(large.search(query, 10));
  });

  it("sums repeated additions of a term within one document", () => {
    const repeated = new Bm25Index();
    repeated.add("a", 1);
    repeated.add("b", 0.3);
    repeated.add("a", 0.5);
    repeated.endDocument();
    repeated.add("b", 1);
    repeated.endDocument();
    const once = indexOf([
      new Map([
        ["a", 1.5],
        ["b", 0.3],
      ]),
      new Map([["b", 1]]),
    ]);
    for (const term of ["a", "b"]) expect(repeated.search(new Map([[term, 1]]), 5)).toEqual(once.search(new Map([[term, 1]]), 5));
  });

  it("keeps number terms (character pairs) apart from words, and takes no document once searched or finished", () => {
    const index = new Bm25Index();
    index.add("12", 1);
    index.add(12, 0.3);
    index.endDocument();
    index.add(12, 0.3);
    index.endDocument();
    expect(index.search(new Map([["12", 1]]), 5).map((hit) => hit.doc)).toEqual([0]);
    expect(index.search(new Map([[12, 1]]), 5).map((hit) => hit.doc)).toEqual([1, 0]);
    expect(index.docHas(1, "12")).toBe(false);
    expect(() => index.add("12", 1)).toThrow(/finished/);
    const finished = new Bm25Index();
    finished.add("补助", 1);
    finished.endDocument();
    finished.finish();
    expect(() => finished.add("补助", 1)).toThrow(/finished/);
    expect(finished.search(new Map([["补助", 1]]), 5).map((hit) => hit.doc)).toEqual([0]);
  });
});
