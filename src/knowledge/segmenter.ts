// Chinese word segmentation with jieba, tuned by the knowledge base's own terms.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { STOPWORDS } from "./stopwords.ts";

let baseJieba: Jieba | undefined;

/** The jieba dictionary load takes ~240 ms, so one instance serves the process. */
function sharedJieba(): Jieba {
  baseJieba ??= Jieba.withDict(dict);
  return baseJieba;
}

export interface Segmenter {
  /** Words for matching: search-mode cut, numbers kept whole, stopwords and punctuation dropped. */
  words(folded: string): string[];
  /** Every token jieba cuts, function words included: the intent classifier needs 我 and 能 and 吗. */
  tokens(folded: string): string[];
  /** Overlapping character pairs of the CJK runs: a fuzzy signal that survives typos and odd splits. */
  bigrams(folded: string): string[];
}

const NUMBER = /^\d+(?:\.\d+)?$/;
const MEANINGFUL = /[\p{Script=Han}a-z0-9]/u;

export function createSegmenter(userTerms: Iterable<string> = []): Segmenter {
  const jieba = sharedJieba();
  const lines: string[] = [];
  for (const term of new Set(userTerms)) {
    // Long user words swallow their neighbours (三级残疾 + 人), so only short-to-medium terms go in.
    if (term.length >= 2 && term.length <= 8 && !/\s/.test(term)) lines.push(`${term} 2000 n`);
  }
  if (lines.length > 0) jieba.loadDict(Buffer.from(lines.join("\n")));

  return {
    words(folded) {
      const out: string[] = [];
      // jieba cuts "1.2" into 1 / . / 2, so numbers are taken out first and kept whole.
      let last = 0;
      for (const match of folded.matchAll(/\d+(?:\.\d+)?/g)) {
        pushWords(jieba, folded.slice(last, match.index), out);
        out.push(match[0]);
        last = match.index + match[0].length;
      }
      pushWords(jieba, folded.slice(last), out);
      return out;
    },
    tokens(folded) {
      return jieba.cut(folded, false).map((t) => t.trim()).filter((t) => t && /[\p{L}\p{N}]/u.test(t));
    },
    bigrams(folded) {
      const out: string[] = [];
      forEachBigram(folded, (at) => out.push(folded.slice(at, at + 2)));
      return out;
    },
  };
}

/** The two UTF-16 units of a pair as one number: indexing compares pairs without making strings. */
export const pairKey = (text: string, at: number): number => (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);

/** "多少", "怎么": pairs that are question words would link every question to every fact. */
const STOPWORD_PAIRS = new Set([...STOPWORDS].filter((word) => word.length === 2).map((word) => pairKey(word, 0)));

const HAN = /^\p{Script=Han}$/u;
const hanCache = new Map<number, boolean>();
function isHan(codePoint: number): boolean {
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return true; // the common block, all Han
  let han = hanCache.get(codePoint);
  if (han === undefined) hanCache.set(codePoint, (han = HAN.test(String.fromCodePoint(codePoint))));
  return han;
}

/**
 * Calls `visit` with the position of every overlapping pair of UTF-16 units inside a run of Han
 * characters, question-word pairs left out. Positions rather than strings: indexing 10,000 entries
 * meets a million pairs and needs a string only for the few it has not seen before.
 */
export function forEachBigram(folded: string, visit: (at: number) => void): void {
  let runStart = -1;
  const closeRun = (end: number) => {
    for (let at = runStart; at + 1 < end; at++) if (!STOPWORD_PAIRS.has(pairKey(folded, at))) visit(at);
    runStart = -1;
  };
  for (let i = 0; i < folded.length; ) {
    const codePoint = folded.codePointAt(i)!;
    if (isHan(codePoint)) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      closeRun(i);
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (runStart >= 0) closeRun(folded.length);
}

function isWordUnit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || isHan(code);
}

function pushWords(jieba: Jieba, text: string, out: string[]): void {
  if (!text) return;
  for (const piece of jieba.cutForSearch(text, false)) {
    // Most of jieba's tokens are single punctuation marks and spaces; they are dropped before any
    // string work. The test is exactly MEANINGFUL's for a one-unit token.
    if (piece.length === 1 && !isWordUnit(piece.charCodeAt(0))) continue;
    const word = piece.trim();
    if (!word || STOPWORDS.has(word) || !MEANINGFUL.test(word)) continue;
    out.push(word);
  }
}

export function isNumberToken(token: string): boolean {
  return NUMBER.test(token);
}
