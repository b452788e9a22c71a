// A quantity of the previous question corrected in the next message: "我领了6个月 一共多少" ⏎ "不对 是8个月",
// "领3年一共多少" ⏎ "是2年 我记错了", "二级的一年多少" ⏎ "说错了 是三级". The question is asked again with the
// quantity said now in place of the one said before: appended instead, both would be read and the first would win.
// Pure.

/** Words that say the message corrects what was said before. */
const CORRECTING =
  /不对|不對|不是的|错了|錯了|记错|記錯|说错|說錯|搞错|搞錯|弄错|弄錯|数错|數錯|算错|算錯|写错|寫錯|打错|打錯|记岔|記岔|说岔|口误|口誤|更正|纠正|应该是|應該是|说漏|說漏|漏说|漏說|忘了说|忘了說|^(?:哎|哦|噢|呃|啊)?[，,\s]*是(?=[\d零一二两兩三四五六七八九十半])|(?:翻|查|看|核|对|数|问)[^，,。\s]{0,6}[，,\s]+是(?=[\d零一二两兩三四五六七八九十半][^，,\s]{0,3}$)|(?<!是)不是[^，,\s]{0,6}[，,\s]*是(?=[\d零一二两兩三四五六七八九十半])/;

/** "就俺一个残疾", "只有我一个": the household said to have one, which someone said to be so too makes more. */
const ONLY_ONE = /(?:就|只有|只)(俺|我|他|她)?(?:一|1)个(?:人)?(残疾人?|残废)?/;
/** "俺媳妇也是残疾", "俺爹也是": someone else said to be as the one counted. */
const ALSO = /也是|也有|也算|也办了|也领/;

const NUMERAL = "(?:\\d+(?:\\.\\d+)?|[零一二两兩三四五六七八九十百千万萬俩倆仨]+)";

/** A grade: where the question said one ("一、二级" is a pair of them, which a grade said now does not replace). */
const GRADE = /(?<![一二三四、，,和])[一二三四1-4](?=\s*[级級](?!别))/g;
/** People or households counted: "是2个", "三户". */
const COUNTS = new RegExp(`${NUMERAL}\\s*(?:[个個](?!多?月)|位|名|[户戶](?![多两兩三]残)|人)`, "g");
const GRADE_SAID = /[一二三四1-4]\s*[级級]/;

/** Units whose quantities replace one another; each pattern matches a quantity and its unit as said. */
const UNITS: readonly RegExp[] = [
  // A span: "领了半年" ⏎ "是领了10个月", "半年能领多少" ⏎ "是一年，不是半年", "领3年" ⏎ "是2年".
  // (Months counted, with 个: "3月" is a month of the calendar, "从3月领的" says when it began.)
  // ("是领了一年半", "两年零三个月": a span said whole, never its year alone.)
  new RegExp(
    `${NUMERAL}\\s*年半|${NUMERAL}\\s*年零?${NUMERAL}\\s*[个個]月|半年|${NUMERAL}\\s*[个個](?:多)?月(?!份)|${NUMERAL}\\s*(?:多)?年(?![级級纪紀代])`,
    "g",
  ),
  // "从7月领到12月" ⏎ "是从3月领的": the month it began.
  new RegExp(`从\\s*${NUMERAL}\\s*月`, "g"),
  COUNTS,
  GRADE,
  new RegExp(`${NUMERAL}\\s*(?:多)?[亩畝]`, "g"),
  // ("600公斤" ⏎ "是六百斤 不是公斤": a weight in another unit replaces it whole.)
  new RegExp(`${NUMERAL}\\s*(?:多)?(?:[吨噸]半?|公斤|千克|斤)`, "g"),
];

/**
 * The previous question with the quantities the correction says put in place of those of the same unit (or, when
 * someone is added to a household said to have one, with that "one" left out and the message after it), or
 * undefined when `said` corrects nothing of it (then it is read as a follow-up like any other).
 */
export function correctQuestion(previous: string, saidAll: string): string | undefined {
  if (!CORRECTING.test(saidAll)) return undefined;
  // ("不对 是5个 漏了一个": the count left out says why; it corrects nothing.)
  const said = saidAll.replace(WHY_MORE, "");
  // ("更正一下 其中两个是轻度的": some of those counted, said to be otherwise; read with the question, never in its place.)
  if (/其中(?:有)?\s*(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|户|名|位)/.test(said)) return undefined;
  const only = ONLY_ONE.exec(previous);
  if (only && ALSO.test(said)) {
    // What is said now is read after the one it adds to.
    const who = only[1] ?? "";
    return `${previous.slice(0, only.index)}${who ? `${who}是${only[2] ?? ""}` : ""}${previous.slice(only.index + only[0].length)} ${said}`;
  }
  // "说错了 二级的是2个": a count of a tally corrected is the tally's to read (core/tally.ts), by the grade it names;
  // the one count of a question ("村里有5户一户多残" ⏎ "数错了 是6户") is replaced like any quantity.
  // ("不是5户 是6户": the count denied is the one said before.)
  const saidCounts = [...said.matchAll(COUNTS)];
  const counts = saidCounts.filter((m) => !/(?<!是)不是\s*$/.test(said.slice(0, m.index)));
  // "三级的不是5个，是7个": the count denied, said once before, is the one replaced, whatever else was counted.
  const deniedCount = saidCounts.find((m) => !counts.includes(m));
  const deniedBefore = deniedCount ? [...previous.matchAll(COUNTS)].filter((m) => m[0] === deniedCount[0]) : [];
  if (counts.length === 1 && deniedBefore.length === 1) {
    const at = deniedBefore[0]!.index;
    return previous.slice(0, at) + counts[0]![0] + previous.slice(at + deniedBefore[0]![0].length);
  }
  if (counts.length > 0 && (counts.length > 1 || GRADE_SAID.test(said) || [...previous.matchAll(COUNTS)].length !== 1)) return undefined;
  let corrected = previous;
  for (const quantity of UNITS) {
    // "不是两年 是三年": the quantity denied is the one said before, not one said now.
    const all = [...said.matchAll(quantity)];
    const denied = all.filter((m) => /(?<!是)不是\s*$/.test(said.slice(0, m.index)));
    const now = all.filter((m) => !denied.includes(m));
    // One quantity of a unit said now, in place of one said before; two said now ("6个月还是8个月") correct nothing.
    if (now.length !== 1) continue;
    const before = [...corrected.matchAll(quantity)];
    // "一年" of "一年多少" names the span asked about, not a quantity the villager told: the told one is replaced.
    const told = before.filter((m) => !/^[一1]\s*(?:年|[个個]月)$/.test(m[0]));
    // (A grade replaces the one grade said, never one of several: "一级2个 三级3个" is a tally.)
    if (quantity === GRADE && before.length !== 1) continue;
    const named = denied.length === 1 ? before.filter((m) => m[0] === denied[0]![0]) : [];
    const replaced = (named.length > 0 ? named : told.length > 0 ? told : before).at(-1);
    if (!replaced || replaced[0] === now[0]![0]) continue;
    corrected = corrected.slice(0, replaced.index) + now[0]![0] + corrected.slice(replaced.index + replaced[0].length);
  }
  return corrected === previous ? undefined : corrected;
}

/** "漏了一个", "少报了俩": how a corrected count came about, said beside it. */
const WHY_MORE =
  /[，,\s]*(?:漏了|漏报了?|漏掉了?|少算了?|少报了?|多算了?|多报了?|又查出来?|又多了?|又添了?)\s*(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|户|名|位|页)?/g;
