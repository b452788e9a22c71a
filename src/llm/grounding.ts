// Grounding guard: every figure in a model's answer must come from the context or the user's own words. Pure.

// Traditional forms too (兩, 萬, 億, 點): a Traditional-script user may get a Traditional answer.
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

/** A lone 一/三/十 is a figure only before a measure word ("三级", "一户", "十元"); "一起", "一下" are not figures. */
const MEASURE_WORDS = "元块塊角万萬千百亿億岁歲级級个個月年日号號天周次人户戶名亩畝斤公吨噸米里项項条條张張本倍成折度套间間台辆輛头頭只座所批期类類档檔";

const ARABIC = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万|萬|亿|億|千)?/g;
const CHINESE = /(第)?([零〇一二两兩三四五六七八九十百千万萬亿億]+(?:[点點][零〇一二三四五六七八九]+)?)(.)?/g;

/** Parses 一千六百八十 → 1680, 十五 → 15, 二〇二四 → 2024, 一点二 → 1.2. Returns undefined for unit-only words (千万). */
export function parseChineseNumber(raw: string): number | undefined {
  const [integerPart = "", fraction] = raw.split(/[点點]/);
  const chars = [...integerPart];
  if (!chars.some((c) => c in DIGITS)) return undefined;
  const hasUnits = chars.some((c) => c in SMALL_UNITS || c in BIG_UNITS);
  let value: number;
  if (!hasUnits) {
    // Read digit by digit, the way years are written (二〇二四).
    value = Number(chars.map((c) => DIGITS[c]).join(""));
  } else {
    let total = 0;
    let section = 0;
    let digit = 0;
    for (const c of chars) {
      if (c in DIGITS) digit = DIGITS[c]!;
      else if (c in SMALL_UNITS) {
        section += (digit === 0 ? 1 : digit) * SMALL_UNITS[c]!;
        digit = 0;
      } else if (c === "亿" || c === "億") {
        total = (total + section + digit) * BIG_UNITS[c]!;
        section = 0;
        digit = 0;
      } else {
        // 万 scales only the section before it: 一亿三千万 = 1亿 + 3000万.
        total += (section + digit) * BIG_UNITS[c]!;
        section = 0;
        digit = 0;
      }
    }
    value = total + section + digit;
  }
  if (fraction) value = Number(`${value}.${[...fraction].map((c) => DIGITS[c] ?? "").join("")}`);
  return Number.isFinite(value) ? value : undefined;
}

export interface FoundNumber {
  /** As written, for the log. */
  text: string;
  /** Every value the figure may stand for: "1.2万" is both 1.2 and 12000. */
  values: number[];
}

/** Finds the figures in a text: Arabic (1,680 / 1.2万 / 30%) and Chinese (一千六百八十 / 百分之三十 / 三级). */
export function extractNumbers(text: string): FoundNumber[] {
  const normalized = text.normalize("NFKC");
  const found: FoundNumber[] = [];
  for (const match of normalized.matchAll(ARABIC)) {
    const base = Number(match[1]!.replace(/,/g, ""));
    if (!Number.isFinite(base)) continue;
    const unit = match[2] ? (BIG_UNITS[match[2]] ?? 1000) : 1;
    found.push({ text: match[0].trim(), values: unit === 1 ? [base] : [base, round(base * unit)] });
  }
  for (const match of normalized.matchAll(CHINESE)) {
    const [, ordinal, numeral, next] = match;
    const value = parseChineseNumber(numeral!);
    if (value === undefined) continue;
    const single = [...numeral!].length === 1;
    // Ordinals (第一步) and lone digits outside a measure ("一起", "十分") are wording, not figures.
    if (ordinal && value < 10) continue;
    if (single && !(next && MEASURE_WORDS.includes(next))) continue;
    const values = [value];
    const bigUnit = /[万萬亿億]$/.exec(numeral!);
    if (bigUnit) {
      const head = parseChineseNumber(numeral!.slice(0, -1));
      if (head !== undefined) values.push(head);
    }
    found.push({ text: numeral!, values });
  }
  return found;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export interface GroundingResult {
  ok: boolean;
  /** Figures in the answer that the sources do not contain. */
  ungrounded: string[];
}

/** Checks that each figure of `answer` appears (by value) in one of the `sources` (context, the user's messages). */
export function checkGrounding(answer: string, sources: readonly string[]): GroundingResult {
  const known = new Set<number>();
  for (const source of sources) for (const n of extractNumbers(source)) for (const v of n.values) known.add(v);
  const ungrounded = extractNumbers(answer)
    .filter((n) => !n.values.some((v) => known.has(v)))
    .map((n) => n.text);
  return { ok: ungrounded.length === 0, ungrounded: [...new Set(ungrounded)] };
}
