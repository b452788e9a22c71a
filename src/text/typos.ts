// Phone pinyin keyboards offer the right sound with the wrong character: "沼起" for 沼气, "留转" for 流转,
// "幼儿圆" for 幼儿园. A window of the question that jieba had to cut into pieces, and that sounds exactly
// like a term of the knowledge base while keeping one of its characters, is read as that term.
import { pinyin } from "pinyin-pro";

const HAN_RUN = /^\p{Script=Han}+$/u;
const MIN_LEN = 2;
const MAX_LEN = 4;
/** The last character of a hamlet's or a village's name: "上湾", "王庄", "李家屯". */
const PLACE_END = /[湾庄屯沟洼坡岭寨村]$/;
/** A count of people or households right after a word: "3人", "四户", "俩". */
const COUNTED_AFTER = /^\s*(?:\d+|[一两二三四五六七八九十]+)\s*(?:个|人|户|名|位|口)|^\s*[俩仨]/;

/**
 * Function characters are typed right far more often than they are typos of a topic word: "补了" is not
 * "不了", "没开过" is not "没开锅". Such a character is replaced only inside a longer window anchored by
 * two characters of the term ("优质没" → 优质煤, "图书是" → 图书室), and a term agreeing with the window
 * only in such characters is no evidence at all.
 */
const FUNCTION_CHARS = new Set(
  "了的地得是个不没有在那哪这过点么吗呢啊吧就都也还又和跟给被把让从对向共多少几一二三四五六七八九十两俩每各些咋啥嘛想要能会去来说问找看做干弄搞拿",
);

/** Characters that may differ from the term: one in a short word, two in a four-character one. */
const maxDifferent = (length: number): number => (length >= 4 ? 2 : 1);

/**
 * Southern and northern speakers alike blur zh/z, ch/c, sh/s and -ng/-n, and pinyin keyboards offer the
 * blurred sound's characters ("补组" for 补助): sounds are compared in this blurred form.
 */
function blur(syllable: string): string {
  return syllable.replace(/^([zcs])h/, "$1").replace(/(?<=[aei])ng$/, "n");
}

export interface TypoFixer {
  /** The folded question with sound-alike windows replaced by the knowledge base's terms (only those given, if any). */
  fix(folded: string, only?: ReadonlySet<string>): string;
}

export function createTypoFixer(vocabulary: Iterable<string>, cut: (text: string) => string[]): TypoFixer {
  const known = new Set<string>();
  const bySound = new Map<string, string[]>();
  for (const term of vocabulary) {
    if (term.length < MIN_LEN || term.length > MAX_LEN || !HAN_RUN.test(term) || known.has(term)) continue;
    known.add(term);
    // The term is written correctly, so its reading in context is the right one (重度 → zhong du).
    const sound = pinyin(term, { toneType: "none", type: "array" }).map(blur).join(" ");
    const same = bySound.get(sound);
    if (same) same.push(term);
    else bySound.set(sound, [term]);
  }
  const readings = new Map<string, string[]>();
  const readingsOf = (char: string): string[] => {
    let found = readings.get(char);
    if (!found) readings.set(char, (found = [...new Set(pinyin(char, { toneType: "none", type: "array", multiple: true }).map(blur))]));
    return found;
  };

  /** The term a window sounds like, keeping at least one of its characters in place; undefined if none or several. */
  const soundAlike = (window: string): string | undefined => {
    let sounds = [""];
    for (const char of window) {
      const options = readingsOf(char);
      if (options.length === 0) return undefined;
      sounds = sounds.flatMap((prefix) => options.map((o) => (prefix ? `${prefix} ${o}` : o)));
      if (sounds.length > 16) return undefined;
    }
    const matches = new Set<string>();
    for (const sound of sounds) {
      for (const term of bySound.get(sound) ?? []) {
        let different = 0;
        let functionChanged = false;
        let anchors = 0;
        for (let i = 0; i < term.length; i++) {
          if (term[i] !== window[i]) {
            different++;
            if (FUNCTION_CHARS.has(window[i]!)) functionChanged = true;
          } else if (!FUNCTION_CHARS.has(term[i]!)) anchors++;
        }
        if (different < 1 || different > maxDifferent(term.length) || anchors === 0) continue;
        if (functionChanged && anchors < 2) continue;
        matches.add(term);
      }
    }
    // Two terms sounding alike: guessing between them could change the question's meaning.
    return matches.size === 1 ? [...matches][0] : undefined;
  };

  return {
    fix(folded, only) {
      const tokens = cut(folded);
      // Token boundaries as offsets: a window must start and end on them, so a correctly cut word is
      // never split and a word jieba recognised whole is never "corrected".
      const starts: number[] = [];
      let at = 0;
      for (const token of tokens) {
        const found = folded.indexOf(token, at);
        if (found < 0) return folded;
        starts.push(found);
        at = found + token.length;
      }
      const ends = new Set(tokens.map((t, i) => starts[i]! + t.length));
      let out = "";
      let copied = 0;
      for (let k = 0; k < tokens.length; k++) {
        const start = starts[k]!;
        if (start < copied) continue;
        let replaced = false;
        // Longest window first: "养老宝险" is one term, not "养老" plus a fix of "宝险".
        for (let span = Math.min(tokens.length - k, MAX_LEN); span >= 2 && !replaced; span--) {
          const end = starts[k + span - 1]! + tokens[k + span - 1]!.length;
          const window = folded.slice(start, end);
          if (window.length > MAX_LEN || !ends.has(end) || !HAN_RUN.test(window) || known.has(window)) continue;
          // "上湾3人 下湾4人": a name counted right after is a place of the village, not a misheard term (上网).
          if (PLACE_END.test(window) && COUNTED_AFTER.test(folded.slice(end))) continue;
          const term = soundAlike(window);
          // Cut alone, a real word stays whole ("小卖" of 小卖铺 is not 小麦); a typo falls apart (沼 / 起).
          if (!term || (only && !only.has(term)) || cut(window).length === 1) continue;
          out += folded.slice(copied, start) + term;
          copied = end;
          replaced = true;
        }
      }
      return copied === 0 ? folded : out + folded.slice(copied);
    },
  };
}
