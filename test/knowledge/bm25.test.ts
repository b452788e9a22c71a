import { describe, expect, it } from "vitest";
import { Bm25Builder } from "../../src/knowledge/bm25.ts";

// A textbook BM25 over plain maps: the typed-array index must rank exactly as this does.
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

function indexOf(docs: Array<Map<string, number>>) {
  const builder = new Bm25Builder();
  for (const doc of docs) {
    for (const [token, freq] of doc) builder.add(builder.termId(token), freq);
    builder.endDocument();
  }
  return builder.build();
}

describe("BM25 index", () => {
  const docs = randomDocs(400, 7);
  const index = indexOf(docs);

  // Postings keep their part of the score in single precision: the same order, scores to ~7 digits.
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
      for (const [i, hit] of actual.entries()) expect(hit.score).toBeCloseTo(expected[i]!.score, 5);
    }
  });

  it("knows which document holds which token, and how many hold it", () => {
    for (const token of ["t0", "t5", "t33", "t59"]) {
      const holders = docs.map((doc, i) => (doc.has(token) ? i : -1)).filter((i) => i >= 0);
      expect(index.documentFrequency(token)).toBe(holders.length);
      for (let doc = 0; doc < docs.length; doc++) expect(index.docHas(doc, token)).toBe(holders.includes(doc));
    }
    expect(index.has("unknown")).toBe(false);
    expect(index.docHas(0, "unknown")).toBe(false);
    expect(index.docHas(docs.length, "t0")).toBe(false);
  });

  it("sums repeated additions of a term within one document", () => {
    const builder = new Bm25Builder();
    const a = builder.termId("a");
    builder.add(a, 1);
    builder.add(a, 0.5);
    builder.endDocument();
    builder.add(builder.termId("b"), 1);
    builder.endDocument();
    const single = indexOf([new Map([["a", 1.5]]), new Map([["b", 1]])]);
    expect(builder.build().search(new Map([["a", 1]]), 5)).toEqual(single.search(new Map([["a", 1]]), 5));
  });

  it("refuses a weight that is not a whole number of weight units, rather than rounding it", () => {
    const builder = new Bm25Builder();
    expect(() => builder.add(builder.termId("a"), 3 * 0.3)).not.toThrow(); // a rounding error, not a mistake
    expect(() => builder.add(builder.termId("a"), 0.33)).toThrow(RangeError);
  });

  it("builds once: the postings belong to the index it returns", () => {
    const builder = new Bm25Builder();
    builder.add(builder.termId("a"), 1);
    builder.endDocument();
    const first = builder.build();
    expect(() => builder.build()).toThrow();
    expect(first.search(new Map([["a", 1]]), 5)).toHaveLength(1);
  });

  it("gives a term that was numbered but never added no documents", () => {
    const builder = new Bm25Builder();
    builder.add(builder.termId("a"), 1);
    builder.endDocument();
    builder.termId("ghost");
    const index = builder.build();
    expect(index.documentFrequency("ghost")).toBe(0);
    expect(index.search(new Map([["ghost", 1]]), 5)).toEqual([]);
    expect(index.search(new Map([["a", 1]]), 5).map((hit) => hit.doc)).toEqual([0]);
  });

  it("ranks and finds documents the same across many segments of documents", () => {
    const big = randomDocs(6000, 11);
    const large = indexOf(big);
    const holders = big.filter((doc) => doc.has("t2")).length;
    expect(large.documentFrequency("t2")).toBe(holders);
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
  });

  it("counts the documents of a term numbered after the last document, and of many terms", () => {
    const builder = new Bm25Builder();
    for (let t = 0; t < 5000; t++) builder.add(builder.termId(`w${t}`), 1);
    builder.endDocument();
    for (let t = 0; t < 5000; t++) builder.termId(`late${t}`);
    const index = builder.build();
    expect(index.documentFrequency("w4999")).toBe(1);
    expect(index.documentFrequency("late4999")).toBe(0);
    expect(index.idf("late4999")).toBeGreaterThan(0);
  });
});
