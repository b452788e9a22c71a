// Traditional ↔ Simplified conversion (opencc-js), with a fast path for text that needs no conversion.
import * as OpenCC from "opencc-js";

export type Script = "simplified" | "traditional";

type Dictionary = string | ReadonlyArray<readonly [string, string]>;
type Convert = (text: string) => string;

const TW = { from: "tw", to: "cn" } as const;
const fullToSimplified: Convert = OpenCC.Converter(TW);
// The Simplified → Traditional tables take ~350 ms to build and only Traditional writers need them.
let fullToTraditional: Convert | undefined;

/**
 * What the fast path needs to know about the tw → cn tables:
 * - `inKeys`: every character of every key. No match can cross a character outside all keys, so text
 *   converts clause by clause between such characters.
 * - `changing`: the characters whose presence can make a clause convert to something else. A
 *   character inside an identity entry ("一家三口 → 一家三口") is not one, and neither is a round trip
 *   such as 么 → 幺 → 么 (Taiwan variant, then back to Simplified) that no phrase entry can disturb.
 * A clause without a `changing` character converts to itself, which is nearly every clause of
 * Simplified text: indexing the knowledge base then skips most of the work.
 */
interface FastPath {
  changing: Uint8Array;
  inKeys: Uint8Array;
}

interface TableFacts {
  /** Characters of any key. */
  inKeys: Uint8Array;
  /** Single-character keys and what they become (the first dictionary of a group wins, as in opencc-js). */
  single: Map<number, string>;
  /** Characters of any key longer than one character. */
  inPhrases: Uint8Array;
  /** Characters of phrase keys that change, at any position. */
  inChangingPhrases: Uint8Array;
  /** Characters at positions where a key differs from its value. */
  differing: Uint8Array;
}

const fastPath = buildFastPath();

function buildFastPath(): FastPath | undefined {
  const locale = (OpenCC as unknown as { Locale?: { from?: Record<string, unknown>; to?: Record<string, unknown> } }).Locale;
  const from = readTable(locale?.from?.[TW.from]);
  const to = readTable(locale?.to?.[TW.to]);
  // The layout of the bundled tables is not a documented API: if it ever changes, convert everything.
  if (!from || !to) return undefined;
  const inKeys = new Uint8Array(0x10000);
  const changing = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    inKeys[code] = from.inKeys[code]! | to.inKeys[code]!;
    changing[code] = from.differing[code]! | to.differing[code]! && !isRoundTrip(code, from, to) ? 1 : 0;
  }
  return { changing, inKeys };
}

/** c → c' in the first table and c' → c in the second, with no phrase in either able to interfere. */
function isRoundTrip(code: number, from: TableFacts, to: TableFacts): boolean {
  const there = from.single.get(code);
  if (there === undefined || there.length !== 1 || from.inChangingPhrases[code] || to.inPhrases[code]) return false;
  const thereCode = there.charCodeAt(0);
  const back = to.single.get(thereCode);
  // Where an identity phrase keeps c from becoming c', the second table sees c itself.
  const kept = to.single.get(code);
  return (
    !to.inPhrases[thereCode] &&
    back !== undefined &&
    back.charCodeAt(0) === code &&
    back.length === 1 &&
    (kept === undefined || kept === String.fromCharCode(code))
  );
}

function readTable(group: unknown): TableFacts | undefined {
  if (!Array.isArray(group)) return undefined;
  const facts: TableFacts = {
    inKeys: new Uint8Array(0x10000),
    single: new Map(),
    inPhrases: new Uint8Array(0x10000),
    inChangingPhrases: new Uint8Array(0x10000),
    differing: new Uint8Array(0x10000),
  };
  for (const dictionaries of group) {
    if (!Array.isArray(dictionaries)) return undefined;
    // opencc-js loads a group's dictionaries last to first, so the first one's entries win.
    for (const dictionary of [...(dictionaries as Dictionary[])].reverse()) {
      const pairs = typeof dictionary === "string" ? dictionary.split("|").map((pair) => pair.split(" ")) : dictionary;
      if (!Array.isArray(pairs)) return undefined;
      for (const [key, value] of pairs) {
        if (typeof key !== "string" || typeof value !== "string" || !key) continue;
        const changes = key !== value;
        if (key.length === 1) facts.single.set(key.charCodeAt(0), value);
        for (let i = 0; i < key.length; i++) {
          const code = key.charCodeAt(i);
          facts.inKeys[code] = 1;
          if (key.length > 1) {
            facts.inPhrases[code] = 1;
            if (changes) facts.inChangingPhrases[code] = 1;
          }
          // Same-length entries change only where the characters differ; others may change any of them.
          if (changes && (key.length !== value.length || value.charCodeAt(i) !== code)) facts.differing[code] = 1;
        }
      }
    }
  }
  return facts;
}

/** Traditional (Taiwan usage included) → Simplified. Equal to opencc-js's tw→cn converter, only faster. */
export function toSimplified(text: string): string {
  // "对么", "是么": 么 is Simplified's own particle, which the Taiwan table reads as 幺. Kept as written.
  if (text.includes("么")) return convertSimplified(text.replaceAll("么", LONE_ME)).replaceAll(LONE_ME, "么");
  return convertSimplified(text);
}

/** A private-use character no table knows, standing for 么 while the rest converts. */
const LONE_ME = "\uE000";

function convertSimplified(text: string): string {
  if (!fastPath) return fullToSimplified(text);
  const { changing, inKeys } = fastPath;
  // Most Simplified text has no character that could change, and one lookup per character says so
  // before any clause bookkeeping. (Text with 么 goes on: opencc turns a lone 么 into 幺.)
  let first = 0;
  while (first < text.length && changing[text.charCodeAt(first)] === 0) first++;
  if (first === text.length) return text;
  let out: string | undefined;
  let clauseStart = 0;
  let clauseChanges = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code !== -1 && inKeys[code]) {
      if (changing[code]) clauseChanges = true;
      continue;
    }
    // A boundary: the clause before it converts on its own.
    if (clauseChanges) {
      out ??= text.slice(0, clauseStart);
      out += fullToSimplified(text.slice(clauseStart, i));
    } else if (out !== undefined) {
      out += text.slice(clauseStart, i);
    }
    if (code !== -1 && out !== undefined) out += text[i];
    clauseStart = i + 1;
    clauseChanges = false;
  }
  return out ?? text;
}

export function toTraditional(text: string): string {
  const convert = (fullToTraditional ??= OpenCC.Converter({ from: "cn", to: "tw" }));
  return convert(text);
}

/** True when converting to Simplified changes the text, i.e. the writer used Traditional characters. */
export function detectScript(text: string): Script {
  return toSimplified(text) === text ? "simplified" : "traditional";
}

export function toScript(text: string, script: Script): string {
  // Quoted seed passages may be in Traditional: a Simplified reply converts them too (one script per reply).
  return script === "traditional" ? toTraditional(text) : toSimplified(text);
}
