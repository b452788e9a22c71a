// Chinese word segmentation with jieba, tuned by the knowledge base's own terms.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { STOPWORDS } from "./stopwords.ts";

export interface Segmenter {
  /** Words for matching: search-mode cut, numbers kept whole, stopwords and punctuation dropped. */
  words(folded: string): string[];
  /** Every token jieba cuts, function words included: the intent classifier needs 我 and 能 and 吗. */
  tokens(folded: string): string[];
  /** Overlapping character pairs of the Han runs, question words left out: a fuzzy signal that survives typos and odd splits. */
  bigrams(folded: string): string[];
}

const NUMBER_RUN = /\d+(?:\.\d+)?/g;
const MEANINGFUL = /[\p{Script=Han}a-z0-9]/u;
const HAN = /^\p{Script=Han}$/u;

function isHan(codePoint: number): boolean {
  // The common block is all Han and nothing below U+2E80 is: most characters need no regex.
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return true;
  return codePoint >= 0x2e80 && HAN.test(String.fromCodePoint(codePoint));
}

/** jieba user-dictionary lines for the knowledge base's own terms. */
function userDictLines(terms: Iterable<string>): string[] {
  const lines: string[] = [];
  for (const term of new Set(terms)) {
    // Long user words swallow their neighbours (三级残疾 + 人), so only short-to-medium terms go in.
    if (term.length >= 2 && term.length <= 8 && !/\s/.test(term)) lines.push(`${term} 2000 n`);
  }
  return lines;
}

/**
 * The last dictionary built, by its user lines. Each knowledge snapshot gets a jieba holding exactly the
 * base dictionary and its own terms, so a reload that drops a term really drops it; loading the base
 * dictionary takes ~250 ms, so a reload with the same terms reuses the one already built (never changed
 * after it is built).
 */
let last: { key: string; jieba: Jieba } | undefined;

function jiebaWith(lines: readonly string[]): Jieba {
  const key = lines.join("\n");
  if (last?.key === key) return last.jieba;
  const jieba = Jieba.withDict(dict);
  if (key) jieba.loadDict(Buffer.from(key));
  last = { key, jieba };
  return jieba;
}

export function createSegmenter(userTerms: Iterable<string> = []): Segmenter {
  const jieba = jiebaWith(userDictLines(userTerms));
  const cut = (text: string, out: string[]) => {
    if (!text) return;
    for (const piece of jieba.cutForSearch(text, false)) {
      const word = piece.trim();
      if (word && !STOPWORDS.has(word) && MEANINGFUL.test(word)) out.push(word);
    }
  };
  return {
    words(folded) {
      // jieba cuts "1.2" into 1 / . / 2, so numbers are taken out first and kept whole.
      const out: string[] = [];
      let at = 0;
      for (const number of folded.matchAll(NUMBER_RUN)) {
        cut(folded.slice(at, number.index), out);
        out.push(number[0]);
        at = number.index + number[0].length;
      }
      cut(folded.slice(at), out);
      return out;
    },
    tokens(folded) {
      return jieba
        .cut(folded, false)
        .map((t) => t.trim())
        .filter((t) => t && /[\p{L}\p{N}]/u.test(t));
    },
    bigrams(folded) {
      const out: string[] = [];
      let previous = ""; // the last UTF-16 unit of the Han run so far; "" outside one
      for (let i = 0; i < folded.length; i++) {
        const codePoint = folded.codePointAt(i)!;
        if (!isHan(codePoint)) {
          previous = "";
          if (codePoint > 0xffff) i++;
          continue;
        }
        // A character outside the BMP is two units, and so two pairs: (previous, high) and (high, low).
        const last = codePoint > 0xffff ? i + 1 : i;
        for (; i <= last; i++) {
          const pair = previous + folded[i];
          // "多少", "怎么": pairs that are question words would link every question to every fact.
          if (previous && !STOPWORDS.has(pair)) out.push(pair);
          previous = folded[i]!;
        }
        i--;
      }
      return out;
    },
  };
}
