// The knowledge base states only figures that the source material gives.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as OpenCC from "opencc-js";
import { loadKnowledgeData } from "../../src/knowledge/load.ts";

const SEED = "../shared/seed/000_598bc6a691808f3f.txt";
const data = loadKnowledgeData("data");
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

function numbersIn(text: string): string[] {
  return text.normalize("NFKC").match(/\d+(?:\.\d+)?/g) ?? [];
}

describe("knowledge base honesty", () => {
  it.skipIf(!existsSync(SEED))("every number in an entry appears in the seed", () => {
    const seed = toSimplified(readFileSync(SEED, "utf8")).normalize("NFKC");
    const seedNumbers = new Set(numbersIn(seed));
    const missing: string[] = [];
    for (const entry of data.entries) {
      const texts = [entry.title, entry.summary, entry.who ?? "", ...entry.facts.map((f) => f.text)];
      for (const n of texts.flatMap(numbersIn)) {
        if (!seedNumbers.has(n) && !seed.includes(n)) missing.push(`${entry.id}: ${n}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("entries marked needs_review state no figure at all", () => {
    const offenders = data.entries
      .filter((e) => e.needs_review)
      .filter((e) => /\d/.test([e.summary, ...e.facts.map((f) => f.text)].join(" ")))
      .map((e) => e.id);
    expect(offenders).toEqual([]);
  });

  it("names a source section and a contact for every entry", () => {
    for (const entry of data.entries) {
      expect(entry.source.file, entry.id).toBe("000_598bc6a691808f3f.txt");
      expect(entry.contact.length, entry.id).toBeGreaterThan(1);
    }
  });

  it("covers the policies the seed only names, each marked for review", () => {
    const reviewTitles = data.entries.filter((e) => e.needs_review).map((e) => [e.title, ...e.aliases].join(" "));
    for (const name of ["小麦直补", "合作医疗", "农机补贴", "低保", "医保", "养老保险"]) {
      expect(
        reviewTitles.some((t) => t.includes(name)),
        name,
      ).toBe(true);
    }
  });
});
