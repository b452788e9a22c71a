// Text normalisation shared by indexing and querying: script folding, width folding, colloquial rewrites.
import * as OpenCC from "opencc-js";

const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

// Control characters except tab/newline would corrupt logs and the page; zero-width ones defeat matching.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;

export type Script = "simplified" | "traditional";

/** Removes control and zero-width characters and collapses runs of whitespace. */
export function sanitize(text: string): string {
  return text.replace(CONTROL, "").replace(/[ \t\u3000]+/g, " ").replace(/\n{3,}/g, "\n\n").trim();
}

/** True when converting to Simplified changes the text, i.e. the writer used Traditional characters. */
export function detectScript(text: string): Script {
  return toSimplified(text) === text ? "simplified" : "traditional";
}

export function toScript(text: string, script: Script): string {
  return script === "traditional" ? toTraditional(text) : text;
}

/**
 * Folds a message into the form the index uses: NFKC (full-width digits and letters become ASCII),
 * Traditional → Simplified before cutting (jieba splits Traditional text into single characters),
 * lower case, and "两/俩" before a measure word as 2 so figures compare.
 */
export function foldText(text: string): string {
  const folded = toSimplified(sanitize(text).normalize("NFKC")).toLowerCase();
  return folded.replace(/\s+/g, " ");
}

export interface Rewrite {
  from: string;
  to: string;
}

/** Applies phrase rewrites longest-first in one pass, so a replacement is never rewritten again. */
export function createRewriter(rewrites: readonly Rewrite[]): (text: string) => string {
  const table = new Map<string, string>();
  for (const { from, to } of rewrites) {
    const key = foldText(from);
    if (key && key !== foldText(to)) table.set(key, foldText(to));
  }
  // Targets map to themselves so that, longest-first, "土地流转" is kept whole instead of its
  // tail "地流转" being rewritten into "土土地流转".
  for (const { to } of rewrites) {
    const target = foldText(to);
    if (target && !table.has(target)) table.set(target, target);
  }
  if (table.size === 0) return (text) => text;
  const keys = [...table.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(keys.join("|"), "g");
  return (text) => text.replace(pattern, (match) => table.get(match) ?? match);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when the text has at least one letter, digit or CJK character (emoji-only messages don't). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
