// Text normalisation shared by indexing and querying: script folding, width folding, colloquial rewrites.
import { CHEQUE_NUMERALS } from "./numbers.ts";
import { toSimplified } from "./script.ts";

// Control characters except tab/newline would corrupt logs and the page; zero-width ones defeat matching.
const CONTROL_CHARS = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF";
const CONTROL = new RegExp(`[${CONTROL_CHARS}]`, "g");

// Anything sanitize would change inside a text: most texts have none, and one test is cheaper than three
// replacements (the knowledge base folds tens of thousands of short texts on every load).
const NEEDS_SANITIZING = new RegExp(`[${CONTROL_CHARS}\\t\\u3000]| {2}|\\n{3}`);

/** Removes control and zero-width characters and collapses runs of whitespace. */
export function sanitize(text: string): string {
  if (!NEEDS_SANITIZING.test(text)) return text.trim();
  return text
    .replace(CONTROL, "")
    .replace(/[ \t\u3000]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Whitespace other than a single space: what the `\s+` → " " fold would change. */
const HAS_WHITESPACE_TO_FOLD = /[^\S ]|\s{2}/;

/**
 * Folds a message into the form the index uses: NFKC (full-width digits and letters become ASCII),
 * Traditional → Simplified before cutting (jieba splits Traditional text into single characters),
 * lower case, and whitespace runs as one space.
 */
export function foldText(text: string): string {
  // A turn's readers (the core, the interceptors, the handlers) each fold the same message: about eight
  // times per message. The last text folded is kept; any other is a string comparison away from folding.
  if (text === lastFolded.text) return lastFolded.folded;
  // (妳, Taiwan's written "you" for a woman, is no Traditional character to convert: it is 你.)
  const simplified = toSimplified(sanitize(text).normalize("NFKC")).toLowerCase().replaceAll("妳", "你");
  // Replacing single spaces with themselves would still copy the string.
  const spaced = HAS_WHITESPACE_TO_FOLD.test(simplified) ? simplified.replace(/\s+/g, " ") : simplified;
  const plain = FINANCIAL.test(spaced) ? spaced.replace(FINANCIAL_ALL, (c) => (c === "参" ? "三" : (CHEQUE_NUMERALS[c] ?? c))) : spaced;
  // "二组有一个上个月老了": in the villages 老了 after a time is a death (走了), not growing old ("老了很多").
  const passed = plain.includes("老了") ? plain.replace(PASSED_AWAY, "走了") : plain;
  // "说差了 是十三个": 差 after a verb of saying or counting is 错, a mistake corrected.
  const corrected = passed.includes("差") ? passed.replace(SAID_WRONG, "$1错") : passed;
  // "讲错了", Cantonese "講錯咗 係三個", "我哋屋企有三個": the words the readers know, for what is said the same.
  const mandarin = CANTONESE.test(corrected) || corrected.includes("讲错") ? inMandarin(corrected) : corrected;
  // "…一年一共多少钱啊 俺家电话13812345678": the villager's own mobile number is no count and asks no phone number.
  const unnumbered = OWN_MOBILE.test(mandarin) ? mandarin.replace(OWN_MOBILE_ALL, "，") : mandarin;
  // "二三十号人", "百十号人": 号人 after a count is people counted (个人).
  const people = unnumbered.includes("号人") ? unnumbered.replace(/([\d一两二三四五六七八九十百几]+)号人/g, "$1个人") : unnumbered;
  // "2、3个", "2-3户", "2到3个": a range of two neighbouring counts, written as the readers know it ("两三个"),
  // which is confirmed, never reckoned as the larger one.
  const folded = DIGIT_RANGE.test(people)
    ? people.replace(DIGIT_RANGE_ALL, (whole, a: string, b: string, unit: string) => (Number(b) === Number(a) + 1 ? `${RANGE_WORDS[Number(a)]}${unit}` : whole))
    : people;
  lastFolded = { text, folded };
  return folded;
}

let lastFolded = { text: "", folded: "" };

const OWN_MOBILE_SOURCE = String.raw`(?:(?:[俺我咱](?:们)?(?:家|的)?|家里)?(?:的)?(?:联系)?(?:电话|手机)(?:号码?)?(?:是|:|：)?\s*)?(?<!\d)1[3-9]\d(?:[ .-]?\d{4}){2}(?!\d)`;
const OWN_MOBILE = new RegExp(OWN_MOBILE_SOURCE);
const OWN_MOBILE_ALL = new RegExp(OWN_MOBILE_SOURCE, "g");

// (Not "1到2个月前": a span; nor "分别是2、3户": a list.)
const DIGIT_RANGE_SOURCE = String.raw`(?<![\d.])(?<!分别|分别是|分别有)([1-8])\s*[、,，\-~～到至]\s*([2-9])\s*(个|户|人|位|名|家)(?![月年天])`;
const DIGIT_RANGE = new RegExp(DIGIT_RANGE_SOURCE);
const DIGIT_RANGE_ALL = new RegExp(DIGIT_RANGE_SOURCE, "g");
const RANGE_WORDS = ["", "一两", "两三", "三四", "四五", "五六", "六七", "七八", "八九"];

const SAID_WRONG = /([说记算写数报弄搞填])差(?=了|啦|咯)/g;

/** 係 (是 in Cantonese, 系 once folded) before a count or a grade; never the 系 of 关系, 联系, 体系. */
const IS_COUNT = /(?<![关联体派世干维谱])系(?=\s*(?:\d+|[一两二三四五六七八九十俩仨]+)\s*(?:个|户|人|位|级|口))/g;

/**
 * Cantonese words with a Mandarin word of the same meaning, found in no Mandarin text (so the knowledge base's own
 * text never changes). 唔 only in phrases: alone it is also Mandarin's "hmm", never a "not".
 */
const CANTONESE_WORDS: ReadonlyArray<[string, string]> = [
  ["我哋", "我们"],
  ["你哋", "你们"],
  ["佢哋", "他们"],
  ["佢", "他"],
  // (冇电, 冇水, 冇人: the words a trouble is said in, kept as the readers know them.)
  ["冇电", "没电"],
  ["冇水", "没水"],
  ["冇人", "没人"],
  ["冇", "没有"],
  ["咗", "了"],
  ["嘅", "的"],
  ["喺", "在"],
  ["屋企", "家里"],
  ["唔好意思", "不好意思"],
  ["唔系", "不是"],
  ["唔知道", "不知道"],
  ["唔知", "不知道"],
  ["唔得", "不行"],
  ["唔使", "不用"],
  ["乜嘢", "什么"],
  ["几多", "多少"],
];
const CANTONESE = /[哋佢冇咗嘅喺唔乜]|屋企|几多|系\s*(?:\d|[一两二三四五六七八九十俩仨])/;

function inMandarin(text: string): string {
  let out = text.replaceAll("讲错", "说错").replace(IS_COUNT, "是");
  for (const [from, to] of CANTONESE_WORDS) if (out.includes(from)) out = out.replaceAll(from, to);
  return out;
}

const PASSED_AWAY = /(?<=(?:上个?|前(?:几|些|两)?)月|前(?:几|些|两)天|去年|前年|年前|年初|年底|开春|前阵子|前段时间|刚刚?)老了(?=[，,。；;！!\s]|$)/g;

// Cheque numerals ("贰级残疾壹年") fold to the everyday ones. 陆, 拾, 佰, 仟 are also everyday characters (陆地, 拾掇): taken as numerals only beside another numeral or a unit.
const NUMERAL_NEAR = "[一二三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟\\d]";
// (參, the Traditional 叁, becomes 参 like 參加 does: a numeral only before a grade or a count, "參級", "參個".)
const FINANCIAL_SOURCE = `[壹贰叁肆伍柒捌玖]|参(?=级|个|口人|户)|[陆拾佰仟](?=${NUMERAL_NEAR}|[级年个元块月人口户亩斤万])|(?<=${NUMERAL_NEAR})[陆拾佰仟]`;
const FINANCIAL = new RegExp(FINANCIAL_SOURCE);
const FINANCIAL_ALL = new RegExp(FINANCIAL_SOURCE, "g");

export interface Rewrite {
  from: string;
  to: string;
}

/**
 * Applies phrase rewrites longest-first in one left-to-right pass, so a replacement is never rewritten
 * again. Phrases are looked up by their first character: one alternation of hundreds of phrases cost
 * more than the rest of indexing put together.
 */
export function createRewriter(rewrites: readonly Rewrite[]): (text: string) => string {
  const table = new Map<string, string>();
  for (const { from, to } of rewrites) {
    const key = foldText(from);
    // A phrase rewritten to itself is protected from shorter rewrites inside it (一年半 is not 每年半).
    if (key) table.set(key, foldText(to));
  }
  // Targets map to themselves so that, longest-first, "土地流转" is kept whole instead of its
  // tail "地流转" being rewritten into "土土地流转".
  for (const { to } of rewrites) {
    const target = foldText(to);
    if (target && !table.has(target)) table.set(target, target);
  }
  const byFirst = new Map<number, string[]>();
  // One bit per UTF-16 unit that starts some phrase: most characters of a text start none, and a bit
  // test is far cheaper than a Map lookup on each of millions of characters.
  const starts = new Uint8Array(0x10000 / 8);
  for (const key of [...table.keys()].sort((a, b) => b.length - a.length)) {
    const first = key.charCodeAt(0);
    starts[first >>> 3]! |= 1 << (first & 7);
    const keys = byFirst.get(first);
    if (keys) keys.push(key);
    else byFirst.set(first, [key]);
  }
  return (text) => {
    let out: string | undefined;
    let copied = 0;
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      if ((starts[code >>> 3]! & (1 << (code & 7))) === 0) {
        i++;
        continue;
      }
      const candidates = byFirst.get(code)!;
      let key: string | undefined;
      for (let k = 0; k < candidates.length && key === undefined; k++) if (text.startsWith(candidates[k]!, i)) key = candidates[k];
      if (key === undefined) {
        i++;
        continue;
      }
      const replacement = table.get(key)!;
      if (replacement !== key) {
        out = (out ?? "") + text.slice(copied, i) + replacement;
        copied = i + key.length;
      }
      i += key.length;
    }
    return out === undefined ? text : out + text.slice(copied);
  };
}

/** True when the text has at least one letter, digit or CJK character (emoji-only messages don't). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
