// Masks personal numbers before text is stored or sent to an outside service.

// A Chinese input method types full-width digits and brackets (１３９…, （0551）): matched as their ASCII
// forms. Every replacement keeps one UTF-16 unit per character, so positions in the folded copy are
// positions in the original and everything that is not a personal number is kept exactly as written.
const FOLDABLE = /[\uFF01-\uFF5E\u3000\u2010-\u2015\u2212]/g;

function foldWidth(text: string): string {
  return text.replace(FOLDABLE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) return " ";
    if (code >= 0xff01) return String.fromCharCode(code - 0xfee0);
    return "-"; // hyphens and dashes: ‐ ‑ ‒ – — ― −
  });
}

// Mainland ID card: 18 characters however they are grouped (110101 19900307 1236, 110101-1990…),
// accepted only when the birth date in the middle is a date, so a long run of figures is left alone.
const ID_CANDIDATE = /(?<![0-9A-Za-z])\d(?:[ -]?\d){16}[ -]?[\dXx](?![0-9A-Za-z])/g;
const ID_DIGITS = /^(\d{6})(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([\dXx])$/;
// Mobile numbers, optionally +86 / 0086, grouped 3-4-4 by nothing, spaces, hyphens or dots:
// 13812345678, 138 1234 5678, 138-1234-5678, 138.1234.5678.
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?(1[3-9]\d)[ .-]?(\d{4})[ .-]?(\d{4})(?!\d)/g;
// Landlines with an area code: 0551-87654321, 0551 8765 4321, (0551)87654321, （0551）8765-4321.
// The area code must stand alone (no digit before it), which keeps dates like 2024-03-05 out.
const LANDLINE = /(?<!\d)(?:\((0\d{2,3})\)[ -]?|(0\d{2,3})[ -])([1-9]\d{2,3})[ -]?(\d{4})(?!\d)/g;

interface Span {
  start: number;
  end: number;
  masked: string;
}

type Masker = (match: RegExpExecArray) => string | undefined;

const RULES: Array<[RegExp, Masker]> = [
  [
    ID_CANDIDATE,
    (m) => {
      const digits = ID_DIGITS.exec(m[0].replace(/[ -]/g, ""));
      return digits ? `${digits[1]}***********${digits[2]}` : undefined;
    },
  ],
  [MOBILE, (m) => `${m[1]}****${m[3]}`],
  [LANDLINE, (m) => `${m[1] ?? m[2]}-****${m[4]!.slice(-2)}`],
];

function personalSpans(text: string): Span[] {
  const folded = foldWidth(text);
  const spans: Span[] = [];
  const overlaps = (start: number, end: number) => spans.some((s) => start < s.end && s.start < end);
  for (const [pattern, mask] of RULES) {
    for (const match of folded.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (overlaps(start, end)) continue;
      const masked = mask(match as RegExpExecArray);
      if (masked !== undefined) spans.push({ start, end, masked });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

export function maskPersonalData(text: string): string {
  const spans = personalSpans(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.masked;
    at = span.end;
  }
  return out + text.slice(at);
}

export function containsPersonalData(text: string): boolean {
  return personalSpans(text).length > 0;
}
