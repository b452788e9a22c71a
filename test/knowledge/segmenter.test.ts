import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { describe, expect, it } from "vitest";
import { createSegmenter, pairKeys, pairText, userDictHistory } from "../../src/knowledge/segmenter.ts";
import { STOPWORDS } from "../../src/knowledge/stopwords.ts";

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

  it("numbers a pair by its two characters, so equal pairs get equal numbers", () => {
    const texts = new Map<number, string>();
    for (const text of randomTexts(500)) {
      const keys = new Int32Array(text.length);
      const count = pairKeys(text, keys);
      expect(Array.from(keys.subarray(0, count), pairText)).toEqual(segmenter.bigrams(text));
      for (const key of keys.subarray(0, count)) {
        expect(texts.get(key) ?? pairText(key)).toBe(pairText(key));
        texts.set(key, pairText(key));
      }
    }
    expect(texts.size).toBeGreaterThan(10);
  });

  it("keeps the words jieba finds, numbers whole, and drops punctuation and question words", () => {
    const jieba = Jieba.withDict(dict);
    // The shared segmenter carries every user dictionary loaded in this process (other test files may share it):
    // the reference cuts with the same words.
    const history = userDictHistory();
    if (history.length > 0) jieba.loadDict(Buffer.from(history.join("\n")));
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
});
