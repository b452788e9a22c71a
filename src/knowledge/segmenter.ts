// Chinese word segmentation with jieba, tuned by the knowledge base's own terms.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { STOPWORDS } from "./stopwords.ts";
import { cutWords, isHan, userDictLines } from "./word-cutter.mjs";

let baseJieba: Jieba | undefined;
/** Every user-dictionary line the shared instance has loaded, in order: the indexing helper loads the same. */
const loadedUserLines: string[] = [];
const loadedUserLineSet = new Set<string>();

/** The jieba dictionary load takes ~240 ms, so one instance serves the process. */
function sharedJieba(): Jieba {
  baseJieba ??= Jieba.withDict(dict);
  return baseJieba;
}

/** The user-dictionary lines loaded so far (append-only), for another jieba that must cut the same way. */
export function userDictHistory(): readonly string[] {
  return loadedUserLines;
}

export interface Segmenter {
  /** Words for matching: search-mode cut, numbers kept whole, stopwords and punctuation dropped. */
  words(folded: string): string[];
  /** Every token jieba cuts, function words included: the intent classifier needs 我 and 能 and 吗. */
  tokens(folded: string): string[];
  /** Overlapping character pairs of the CJK runs: a fuzzy signal that survives typos and odd splits. */
  bigrams(folded: string): string[];
}

export function createSegmenter(userTerms: Iterable<string> = []): Segmenter {
  const jieba = sharedJieba();
  // Only lines not loaded before: loading is cumulative, and the helper thread replays exactly this list.
  const lines = userDictLines(userTerms).filter((line) => !loadedUserLineSet.has(line));
  if (lines.length > 0) {
    jieba.loadDict(Buffer.from(lines.join("\n")));
    for (const line of lines) loadedUserLineSet.add(line);
    loadedUserLines.push(...lines);
  }

  return {
    words(folded) {
      return cutWords(jieba, folded, STOPWORDS);
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
