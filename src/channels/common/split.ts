// Splits a long reply into pieces a platform accepts, cutting at paragraph, line or sentence ends.

/** Telegram's limit for one message's text (UTF-16 code units, which is what String.length counts). */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SENTENCE_END = /[。！？!?；;…]/;

/** Returns the pieces in order; joined with the separators dropped they give back the text. */
export function splitMessage(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError("limit must be at least 2");
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, "");
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
