// Scores assistant answers against an evaluation set (same rules as shared/eval/score.mjs). Pure.
import { z } from "zod";
import { foldText } from "../knowledge/text.ts";

const Expectation: z.ZodType<string | string[]> = z.union([z.string(), z.array(z.string())]);
export const EvalItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  intents: z.array(z.string()).default([]),
  expect: z.array(Expectation).default([]),
  noFigure: z.boolean().optional(),
  forbid: z.array(z.string()).default([]),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

export function parseEvalSet(jsonl: string): EvalItem[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = EvalItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`eval line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

const MONEY = /\d[\d.]*(元|万元|块钱|块)/;
const fold = (text: string) => foldText(text).replace(/[\s,，]/g, "");

function hit(text: string, want: string | string[]): boolean {
  if (Array.isArray(want)) return want.some((w) => hit(text, w));
  if (want.startsWith("re:")) return new RegExp(want.slice(3)).test(text);
  return text.includes(fold(want));
}

/** Returns the problems with one answer; an empty list means it passed. */
export function checkAnswer(item: EvalItem, answer: { intent: string; replies: Array<{ text: string }> }): string[] {
  const text = fold(answer.replies.map((r) => r.text).join("\n"));
  const problems: string[] = [];
  if (item.intents.length > 0 && !item.intents.includes(answer.intent)) problems.push(`intent ${answer.intent} not in ${item.intents.join(",")}`);
  for (const want of item.expect) if (!hit(text, want)) problems.push(`missing ${JSON.stringify(want)}`);
  if (item.noFigure && MONEY.test(text)) problems.push(`states a money figure: ${MONEY.exec(text)?.[0]}`);
  for (const bad of item.forbid) if (text.toLowerCase().includes(bad.toLowerCase())) problems.push(`leaks ${bad}`);
  return problems;
}
