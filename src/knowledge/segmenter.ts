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
      for (const run of folded.match(/\p{Script=Han}+/gu) ?? []) {
        for (let i = 0; i + 1 < run.length; i++) {
          const pair = run.slice(i, i + 2);
          // "多少", "怎么": pairs that are question words would link every question to every fact.
          if (!STOPWORDS.has(pair)) out.push(pair);
        }
      }
      return out;
    },
  };
}

function pushWords(jieba: Jieba, text: string, out: string[]): void {
  if (!text) return;
  for (const piece of jieba.cutForSearch(text, false)) {
    const word = piece.trim();
    if (!word || STOPWORDS.has(word) || !MEANINGFUL.test(word)) continue;
    out.push(word);
  }
}

export function isNumberToken(token: string): boolean {
  return NUMBER.test(token);
}
