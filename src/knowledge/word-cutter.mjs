// Cuts folded text into search words with jieba. Plain JavaScript because the indexing helper thread
// runs it without a TypeScript loader (starting one costs that thread a quarter of a second);
// the main thread's segmenter uses the very same code. Types: word-cutter.d.mts.

const NUMBER_RUN = /\d+(?:\.\d+)?/g;
const MEANINGFUL = /[\p{Script=Han}a-z0-9]/u;
const HAN = /^\p{Script=Han}$/u;
const hanCache = new Map();

export function isHan(codePoint) {
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return true; // the common block, all Han
  let han = hanCache.get(codePoint);
  if (han === undefined) hanCache.set(codePoint, (han = HAN.test(String.fromCodePoint(codePoint))));
  return han;
}

function isWordUnit(code) {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || isHan(code);
}

export function cutWords(jieba, folded, stopwords, out = []) {
  // jieba cuts "1.2" into 1 / . / 2, so numbers are taken out first and kept whole.
  let last = 0;
  for (const match of folded.matchAll(NUMBER_RUN)) {
    pushWords(jieba, folded.slice(last, match.index), stopwords, out);
    out.push(match[0]);
    last = match.index + match[0].length;
  }
  pushWords(jieba, folded.slice(last), stopwords, out);
  return out;
}

function pushWords(jieba, text, stopwords, out) {
  if (!text) return;
  for (const piece of jieba.cutForSearch(text, false)) {
    // Most of jieba's tokens are single punctuation marks and spaces; they are dropped before any
    // string work. The test is exactly MEANINGFUL's for a one-unit token.
    if (piece.length === 1 && !isWordUnit(piece.charCodeAt(0))) continue;
    const word = piece.trim();
    if (!word || stopwords.has(word) || !MEANINGFUL.test(word)) continue;
    out.push(word);
  }
}

/** jieba user-dictionary lines for the knowledge base's own terms. */
export function userDictLines(terms) {
  const lines = [];
  for (const term of new Set(terms)) {
    // Long user words swallow their neighbours (三级残疾 + 人), so only short-to-medium terms go in.
    if (term.length >= 2 && term.length <= 8 && !/\s/.test(term)) lines.push(`${term} 2000 n`);
  }
  return lines;
}
