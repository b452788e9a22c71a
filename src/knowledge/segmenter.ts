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
      return jieba
        .cut(folded, false)
        .map((t) => t.trim())
        .filter((t) => t && /[\p{L}\p{N}]/u.test(t));
    },
    bigrams(folded) {
      const keys = new Int32Array(folded.length);
      const count = pairKeys(folded, keys);
      const out: string[] = new Array<string>(count);
      for (let k = 0; k < count; k++) out[k] = pairText(keys[k]!);
      return out;
    },
  };
}

/** The two UTF-16 units of a pair as one number: indexing compares pairs without making strings. */
const pairKey = (text: string, at: number): number => (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);

/** The pair a key stands for. */
export const pairText = (key: number): string => String.fromCharCode(key >>> 16, key & 0xffff);

/** "多少", "怎么": pairs that are question words would link every question to every fact. */
const STOPWORD_PAIRS = new Set([...STOPWORDS].filter((word) => word.length === 2).map((word) => pairKey(word, 0)));
/** First units of those pairs: nearly every pair starts with another character and needs no lookup. */
const STOPWORD_PAIR_STARTS = new Uint8Array(0x10000);
for (const key of STOPWORD_PAIRS) STOPWORD_PAIR_STARTS[key >>> 16] = 1;

/**
 * Writes the key (`pairKey`) of every overlapping pair of UTF-16 units inside a run of Han characters,
 * question-word pairs left out, into `out`, which must hold `folded.length` numbers; returns how many.
 * Keys rather than strings: indexing 10,000 entries meets a million pairs and needs a string only for
 * the few it has not seen before.
 */
export function pairKeys(folded: string, out: Int32Array): number {
  let count = 0;
  let previous = -1; // the unit before this one, while inside a Han run
  for (let i = 0; i < folded.length; ) {
    const codePoint = folded.codePointAt(i)!;
    const units = codePoint > 0xffff ? 2 : 1;
    if (!isHan(codePoint)) {
      previous = -1;
      i += units;
      continue;
    }
    // A character outside the BMP is two units, and so two pairs: (previous, high) and (high, low).
    for (let u = 0; u < units; u++) {
      const unit = folded.charCodeAt(i + u);
      if (previous >= 0) {
        const key = (previous << 16) | unit;
        if (STOPWORD_PAIR_STARTS[previous] === 0 || !STOPWORD_PAIRS.has(key)) out[count++] = key;
      }
      previous = unit;
    }
    i += units;
  }
  return count;
}
