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

// Stands in for each number during the cut: jieba keeps a character outside its word pattern apart
// and cuts the text on either side of it exactly as it would cut those parts alone.
const PLACEHOLDER = "\uE000";

export function cutWords(jieba, folded, stopwords, out = []) {
  // jieba cuts "1.2" into 1 / . / 2, so numbers are taken out first and kept whole.
  const numbers = folded.match(NUMBER_RUN);
  if (numbers === null) {
    pushWords(jieba, folded, stopwords, out, undefined);
  } else if (!folded.includes(PLACEHOLDER)) {
    // One jieba call for the whole text rather than one per stretch between numbers.
    pushWords(jieba, folded.replace(NUMBER_RUN, PLACEHOLDER), stopwords, out, numbers);
  } else {
    let last = 0;
    for (const match of folded.matchAll(NUMBER_RUN)) {
      pushWords(jieba, folded.slice(last, match.index), stopwords, out, undefined);
      out.push(match[0]);
      last = match.index + match[0].length;
    }
    pushWords(jieba, folded.slice(last), stopwords, out, undefined);
  }
  return out;
}

function pushWords(jieba, text, stopwords, out, numbers) {
  if (!text) return;
  let nextNumber = 0;
  for (const piece of jieba.cutForSearch(text, false)) {
    if (piece.length === 1) {
      if (numbers && piece === PLACEHOLDER) {
        out.push(numbers[nextNumber++]);
        continue;
      }
      // Most of jieba's tokens are single punctuation marks and spaces; they are dropped before any
      // string work. The test is exactly MEANINGFUL's for a one-unit token.
      if (!isWordUnit(piece.charCodeAt(0))) continue;
    }
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
