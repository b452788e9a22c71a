// Scores assistant answers against evaluation sets (same rules as shared/eval/score.mjs and converse.mjs). Pure.
import { z } from "zod";
import { foldText } from "../text/fold.ts";

const Expectation: z.ZodType<string | string[]> = z.union([z.string(), z.array(z.string())]);

const Checks = {
  /** Optional grouping for the per-category report; items without one count as "dev". */
  category: z.string().default("dev"),
  intents: z.array(z.string()).default([]),
  expect: z.array(Expectation).default([]),
  noFigure: z.boolean().optional(),
  forbid: z.array(Expectation).default([]),
};

export const EvalItemSchema = z.object({ id: z.string(), text: z.string(), ...Checks });
export type EvalItem = z.infer<typeof EvalItemSchema>;

/** A short conversation, checked on its last reply (shared/eval/conversations.jsonl). */
export const EvalConversationSchema = z.object({ id: z.string(), turns: z.array(z.string()).min(1), ...Checks });
export type EvalConversation = z.infer<typeof EvalConversationSchema>;

function parseLines<T>(jsonl: string, schema: z.ZodType<T>): T[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`eval line ${i + 1}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export const parseEvalSet = (jsonl: string): EvalItem[] => parseLines(jsonl, EvalItemSchema);
export const parseConversations = (jsonl: string): EvalConversation[] => parseLines(jsonl, EvalConversationSchema);

const MONEY = /\d[\d.]*(元|万元|块钱|块)/;
const fold = (text: string) => foldText(text).replace(/[\s,，]/g, "");

/** Regexes see the reply as written (script and case kept, as the shared scorers do); strings are compared folded. */
interface Seen {
  raw: string;
  folded: string;
}

function hit(seen: Seen, want: string | string[]): boolean {
  if (Array.isArray(want)) return want.some((w) => hit(seen, w));
  if (want.startsWith("re:")) {
    const re = new RegExp(want.slice(3));
    return re.test(seen.raw) || re.test(seen.raw.replace(/[\s,，]/g, ""));
  }
  return seen.folded.includes(fold(want));
}

/** An expectation that asks for a number ("400", "re:33\\.3", ["1200","2880"]). */
function isFigure(want: string | string[]): boolean {
  if (Array.isArray(want)) return want.some(isFigure);
  return want.startsWith("re:") ? /\\d|\d/.test(want.slice(3, 8)) : /^\d[\d.]*$/.test(want);
}

export interface Verdict {
  problems: string[];
  /** The reply states a money figure where none may be given, or a figure other than the expected one. */
  wrongFigure: boolean;
}

/** Judges one answer; an empty problem list means it passed. */
export function judge(item: Omit<EvalItem, "id" | "text">, answer: { intent: string; replies: Array<{ text: string }> }): Verdict {
  const raw = answer.replies.map((r) => r.text).join("\n");
  const seen: Seen = { raw, folded: fold(raw) };
  const text = seen.folded;
  const problems: string[] = [];
  if (item.intents.length > 0 && !item.intents.includes(answer.intent)) problems.push(`intent ${answer.intent} not in ${item.intents.join(",")}`);
  let figureMissing = false;
  for (const want of item.expect) {
    if (hit(seen, want)) continue;
    problems.push(`missing ${JSON.stringify(want)}`);
    if (isFigure(want)) figureMissing = true;
  }
  const money = MONEY.exec(text);
  if (item.noFigure && money) problems.push(`states a money figure: ${money[0]}`);
  // A forbidden word is looked for as written (as the shared scorers do): "没有" forbids Simplified in a
  // Traditional reply, so it must not match "沒有".
  const asWritten = raw.replace(/[\s,，]/g, "").toLowerCase();
  const forbidden = (bad: string | string[]): boolean =>
    Array.isArray(bad) ? bad.some(forbidden) : bad.startsWith("re:") ? hit(seen, bad) : asWritten.includes(bad.replace(/[\s,，]/g, "").toLowerCase());
  for (const bad of item.forbid) if (forbidden(bad)) problems.push(`has ${JSON.stringify(bad)}`);
  return { problems, wrongFigure: Boolean(money) && (Boolean(item.noFigure) || figureMissing) };
}

/** Returns the problems with one answer; an empty list means it passed. */
export function checkAnswer(item: EvalItem, answer: { intent: string; replies: Array<{ text: string }> }): string[] {
  return judge(item, answer).problems;
}

export interface CategoryScore {
  category: string;
  passed: number;
  total: number;
  wrongFigures: number;
}

/** Per-category tallies, in first-seen order, with an "overall" row last. */
export function tally(results: ReadonlyArray<{ category: string; verdict: Verdict }>): CategoryScore[] {
  const rows = new Map<string, CategoryScore>();
  const overall: CategoryScore = { category: "overall", passed: 0, total: 0, wrongFigures: 0 };
  for (const { category, verdict } of results) {
    let row = rows.get(category);
    if (!row) rows.set(category, (row = { category, passed: 0, total: 0, wrongFigures: 0 }));
    for (const r of [row, overall]) {
      r.total++;
      if (verdict.problems.length === 0) r.passed++;
      if (verdict.wrongFigure) r.wrongFigures++;
    }
  }
  return [...rows.values(), overall];
}
