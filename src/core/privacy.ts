// Masks personal numbers before text is stored or sent to an outside service.

// Mainland ID card: 6-digit region, 8-digit birth date, 3 digits, check digit (digit or X).
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([\dXx])(?![0-9A-Za-z])/g;
// Mobile numbers, with optional +86 and separators: 138 1234 5678, 138-1234-5678.
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g;
// Landlines with area code: 0551-12345678.
const LANDLINE = /(?<!\d)(0\d{2,3})-(\d{7,8})(?!\d)/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_CARD, (_m, region: string, check: string) => `${region}********${"***"}${check}`)
    .replace(MOBILE, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`)
    .replace(LANDLINE, (_m, area: string, number: string) => `${area}-****${number.slice(-2)}`);
}

export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text;
}
