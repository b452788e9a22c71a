// Splits a long reply into pieces a platform accepts, cutting at paragraph, line or sentence ends.

/** Telegram's limit for one message's text (UTF-16 code units, which is what String.length counts). */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SENTENCE_END = /[。！？!?；;…]/;

/** Returns the pieces in order; joined with the separators dropped they give back the text. */
export function splitMessage(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError("limit must be at least 2");
  return splitWith(text, () => limit);
}

/**
 * The same cuts for platforms that count UTF-8 bytes (WeChat: 2,048 bytes, about 680 汉字, since each
 * takes three bytes).
 */
export function splitMessageBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 8) throw new RangeError("maxBytes must be at least 8");
  return splitWith(text, (rest) => charactersWithin(rest, maxBytes));
}

/** How many UTF-16 units from the start of `text` fit in `maxBytes` of UTF-8, without halving a character. */
function charactersWithin(text: string, maxBytes: number): number {
  let bytes = 0;
  let units = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > maxBytes) break;
    bytes += size;
    units += char.length;
  }
  return units;
}

function splitWith(text: string, limitOf: (rest: string) => number): string[] {
  const pieces: string[] = [];
  let rest = text;
  let limit = limitOf(rest);
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, "");
    limit = limitOf(rest);
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Where to end the next piece: the latest natural break that keeps the piece reasonably full. */
function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  // A break in the first third would leave a tiny piece; a hard cut is better then.
  const floor = Math.floor(limit / 3);
  const paragraph = window.lastIndexOf("\n\n", limit);
  if (paragraph > floor) return paragraph;
  const line = window.lastIndexOf("\n", limit);
  if (line > floor) return line;
  for (let i = limit - 1; i > floor; i--) {
    if (SENTENCE_END.test(window[i]!)) return i + 1;
  }
  const space = window.lastIndexOf(" ", limit);
  if (space > floor) return space;
  // Never cut a surrogate pair (emoji, rare CJK characters) in half.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
