import { afterAll, describe, expect, it } from "vitest";
import { scaleEntries } from "../../bench/pipeline.bench.ts";
import { loadKnowledgeData } from "../../src/knowledge/load.ts";
import { buildIndex } from "../../src/knowledge/index-builder.ts";
import { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { cutInOrder, prepareWordsHelper, stopWordsHelper, wordsHelperReady } from "../../src/knowledge/parallel-words.ts";

// Large bases are cut on two threads. Whatever the helper thread does, the index must be the one a
// single thread builds: same words for every text, in order, and the same answers.
const data = loadKnowledgeData("data");
const kb = new KnowledgeBase(data); // loads the knowledge base's own terms into jieba ("一户多残" …)
const texts = scaleEntries(data.entries, 800).flatMap((entry) => [entry.title, ...entry.facts.map((f) => kb.rewrite(f.text))]);

function cutAll(parallel: boolean) {
  const vocabulary = new Map<string, number>();
  const names: string[] = [];
  const termId = (word: string) => {
    let id = vocabulary.get(word);
    if (id === undefined) vocabulary.set(word, (id = names.push(word) - 1));
    return id;
  };
  const seen: Array<{ index: number; words: string[] }> = [];
  const stats = cutInOrder(
    texts.length,
    (i) => texts[i]!,
    (text) => kb.segmenter.words(text),
    termId,
    (index, text, ids, from, to) => {
      expect(text).toBe(texts[index]);
      seen.push({ index, words: [...ids.subarray(from, to)].map((id) => names[id]!) });
    },
    { parallel },
  );
  return { seen, helperChunks: stats.helperChunks };
}

afterAll(() => stopWordsHelper());

describe("indexing on two threads", () => {
  it("cuts every text into exactly the words one thread finds, visiting them in order", async () => {
    expect(texts.length).toBeGreaterThan(2000);
    const alone = cutAll(false);
    prepareWordsHelper(texts.length);
    expect(await wordsHelperReady()).toBe(true);
    const together = cutAll(true);
    expect(together.helperChunks).toBeGreaterThan(0); // the helper really took part
    expect(together.seen.map((v) => v.index)).toEqual(texts.map((_, i) => i));
    expect(together.seen).toEqual(alone.seen);
    for (const { index, words } of alone.seen) expect(words).toEqual(kb.segmenter.words(texts[index]!));
    expect(alone.seen.some((v) => v.words.includes("一户多残"))).toBe(true); // the knowledge base's own terms stay whole
  });

  it("builds an index that ranks every question exactly as the one-thread index does", async () => {
    const entries = scaleEntries(data.entries, 1500);
    prepareWordsHelper(entries.length * 4);
    await wordsHelperReady();
    const alone = buildIndex(entries, kb.segmenter, kb.rewrite, { parallel: false });
    const together = buildIndex(entries, kb.segmenter, kb.rewrite, { parallel: true });
    expect(together.topics).toEqual(alone.topics);
    for (const question of ["三级贫困残疾人每年救助多少", "一户多残家庭生活补助", "沼气池维修", "土地流转入股", "月嫂培训", "示例3"]) {
      const query = kb.index.analyze(question);
      const bag = new Map([...new Set(query.words)].map((word) => [word, 1]));
      expect(together.bm25.search(bag, 10)).toEqual(alone.bm25.search(bag, 10));
      expect(together.bm25.search(bag, 10).length).toBeGreaterThan(0);
    }
  });

  it("leaves the helper free for the next build when a build fails half-way", async () => {
    prepareWordsHelper(texts.length);
    await wordsHelperReady();
    const failing = () =>
      cutInOrder(
        texts.length,
        (i) => {
          if (i === 1500) throw new Error("bad entry");
          return texts[i]!;
        },
        (text) => kb.segmenter.words(text),
        () => 0,
        () => {},
        { parallel: true },
      );
    expect(failing).toThrow("bad entry");
    const next = cutAll(true);
    expect(next.helperChunks).toBeGreaterThan(0);
    expect(next.seen).toHaveLength(texts.length);
  });

  it("goes on alone when the helper thread is gone", async () => {
    prepareWordsHelper(texts.length);
    await wordsHelperReady();
    await stopWordsHelper();
    const alone = cutAll(true);
    expect(alone.helperChunks).toBe(0);
    expect(alone.seen).toHaveLength(texts.length);
  });
});
