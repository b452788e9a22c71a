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

/**
 * Stands in for each number during the cut: jieba keeps a character outside its word pattern apart and
 * cuts the text on either side of it exactly as it would cut those parts alone, so one call does.
 */
const PLACEHOLDER = "\uE000";

/** Han, a–z or 0–9: what MEANINGFUL tests, for a token of one UTF-16 unit. */
function isWordUnit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || isHan(code);
}

/** First units of the two-unit stopwords: nearly every pair starts with another character and needs no lookup. */
const STOPWORD_PAIR_STARTS = new Set([...STOPWORDS].filter((word) => word.length === 2).map((word) => word.charCodeAt(0)));

/** "多少", "怎么": pairs that are question words would link every question to every fact. */
function isStopwordPair(text: string, at: number): boolean {
  return STOPWORD_PAIR_STARTS.has(text.charCodeAt(at)) && STOPWORDS.has(text.slice(at, at + 2));
}

export function createSegmenter(userTerms: Iterable<string> = []): Segmenter {
  const jieba = jiebaWith(userDictLines(userTerms));
  const cut = (text: string, out: string[], numbers?: readonly string[]) => {
    if (!text) return;
    let nextNumber = 0;
    for (const piece of jieba.cutForSearch(text, false)) {
      if (piece.length === 1) {
        if (numbers && piece === PLACEHOLDER) {
          out.push(numbers[nextNumber++]!);
          continue;
        }
        // Most of jieba's tokens are single punctuation marks and spaces: dropped before any string work.
        if (!isWordUnit(piece.charCodeAt(0))) continue;
      }
      // jieba gives whitespace as tokens of their own, so no token needs trimming.
      if (!STOPWORDS.has(piece) && (isWordUnit(piece.charCodeAt(0)) || MEANINGFUL.test(piece))) out.push(piece);
    }
  };
  return {
    words(folded) {
      // jieba cuts "1.2" into 1 / . / 2, so numbers are taken out first and kept whole.
      const out: string[] = [];
      const numbers = folded.match(NUMBER_RUN);
      if (!numbers) cut(folded, out);
      else if (!folded.includes(PLACEHOLDER)) cut(folded.replace(NUMBER_RUN, PLACEHOLDER), out, numbers);
      else {
        let at = 0;
        for (const number of folded.matchAll(NUMBER_RUN)) {
          cut(folded.slice(at, number.index), out);
          out.push(number[0]);
          at = number.index + number[0].length;
        }
        cut(folded.slice(at), out);
      }
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
      let inRun = false; // whether the unit before i is part of a Han run
      for (let i = 0; i < folded.length; i++) {
        const codePoint = folded.codePointAt(i)!;
        if (!isHan(codePoint)) {
          inRun = false;
          if (codePoint > 0xffff) i++;
          continue;
        }
        // A character outside the BMP is two units, and so two pairs: (previous, high) and (high, low).
        const last = codePoint > 0xffff ? i + 1 : i;
        for (; i <= last; i++) {
          if (inRun && !isStopwordPair(folded, i - 1)) out.push(folded.slice(i - 1, i + 1));
          inRun = true;
        }
        i--;
      }
      return out;
    },
  };
}
