import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { describe, expect, it } from "vitest";
import { createSegmenter } from "../../src/text/segmenter.ts";
import { STOPWORDS } from "../../src/text/stopwords.ts";

// Random text from the characters that make segmentation hard: Han (with a character outside the
// BMP), question words, digits with decimals, Latin, punctuation and spaces.
function randomTexts(count: number): string[] {
  const pieces = [
    "残疾",
    "补助",
    "多少",
    "怎么",
    "一户多残",
    "每年",
    "元",
    "𠀀",
    "𠀁",
    "〇",
    "，",
    "。",
    " ",
    "|",
    "1.2",
    "400",
    "a",
    "tv",
    "-",
    "、",
    "？",
    "么",
    "贫困",
    "燃料",
    ".",
    "%",
    "+",
    "#",
    "_",
    "&",
    "3",
    "号",
    "第",
    "km",
    "1号",
    "\uE000",
  ];
  let state = 3;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    let text = "";
    const length = Math.floor(next() * 14);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
    return text;
  });
}

describe("segmentation", () => {
  const segmenter = createSegmenter();

  it("makes every pair of neighbouring Han characters a bigram, except question words", () => {
    const reference = (text: string) =>
      (text.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) =>
        Array.from({ length: Math.max(0, run.length - 1) }, (_, i) => run.slice(i, i + 2)).filter((pair) => !STOPWORDS.has(pair)),
      );
    for (const text of randomTexts(3000)) expect(segmenter.bigrams(text)).toEqual(reference(text));
  });

  it("keeps the words jieba finds, numbers whole, and drops punctuation and question words", () => {
    // A segmenter without terms of its own cuts with jieba's dictionary alone, whatever other segmenters loaded.
    const jieba = Jieba.withDict(dict);
    const reference = (text: string) => {
      const out: string[] = [];
      const cut = (part: string) => {
        if (!part) return;
        for (const piece of jieba.cutForSearch(part, false)) {
          const word = piece.trim();
          if (word && !STOPWORDS.has(word) && /[\p{Script=Han}a-z0-9]/u.test(word)) out.push(word);
        }
      };
      let last = 0;
      for (const match of text.matchAll(/\d+(?:\.\d+)?/g)) {
        cut(text.slice(last, match.index));
        out.push(match[0]);
        last = match.index + match[0].length;
      }
      cut(text.slice(last));
      return out;
    };
    for (const text of randomTexts(6000)) expect(segmenter.words(text)).toEqual(reference(text));
    expect(segmenter.words("三级贫困残疾人每年救助1.2公斤")).toEqual(expect.arrayContaining(["残疾人", "1.2", "公斤"]));
  });

  it("keeps a knowledge base's term whole only in the segmenter given that term", () => {
    const withTerm = createSegmenter(["一户多残"]);
    expect(withTerm.words("一户多残家庭")).toContain("一户多残");
    // A later segmenter without the term (a reload of data/ that dropped it) cuts it apart again, and the
    // first one is not changed by the second.
    const without = createSegmenter(["沼气池"]);
    expect(without.words("一户多残家庭")).not.toContain("一户多残");
    expect(withTerm.words("一户多残家庭")).toContain("一户多残");
  });
});
