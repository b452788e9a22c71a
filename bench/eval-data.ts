// The questions the peer comparison asks: the project's own evaluation sets (test/eval/*/singles.jsonl) and the
// shared dev.jsonl, with an intent label for each and the figures each answer must carry.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Expectation = string | string[];

export interface BenchItem {
  id: string;
  /** "dev" or the own set's folder name (independent, holdout, final, fourth … eighth). */
  set: string;
  category: string;
  text: string;
  /** Intents that count as right (any of them). */
  intents: string[];
  /** The expectations that ask for a number, as the scorer defines one (src/eval/score.ts, isFigure). */
  figures: Expectation[];
  noFigure: boolean;
}

/** Where the shared evaluation data lives when the project sits beside /work/shared (CI clones have ../shared). */
export const SHARED_DIR = join(process.cwd(), "..", "shared");
export const SHARED_DEV = join(SHARED_DIR, "eval", "dev.jsonl");
export const SEED = join(SHARED_DIR, "seed", "000_598bc6a691808f3f.txt");

/**
 * The intent each set's category stands for. The sets' writers labelled what a reply must do, not intents; the
 * mapping follows what `npm run eval` accepts: a report is filed (feedback), every other single is a question,
 * which the policy or the eligibility handler may answer (dev.jsonl itself labels such items "policy|eligibility");
 * a question about a programme the base lacks ("absent") may also be left to `unknown`.
 */
export function intentsOfCategory(category: string): string[] {
  if (category === "report") return ["feedback"];
  if (category === "absent") return ["policy", "eligibility", "unknown"];
  return ["policy", "eligibility"];
}

/** Same rule as src/eval/score.ts: an expectation that asks for a number ("400", "re:33\\.3", ["1200","2880"]). */
export function isFigure(want: Expectation): boolean {
  if (Array.isArray(want)) return want.some(isFigure);
  return want.startsWith("re:") ? /\\d|\d/.test(want.slice(3, 8)) : /^\d[\d.]*$/.test(want);
}

interface RawItem {
  id: string;
  text?: string;
  category?: string;
  intents?: string[];
  expect?: Expectation[];
  noFigure?: boolean;
}

function readJsonl(file: string): RawItem[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RawItem);
}

function toItem(raw: RawItem, set: string): BenchItem | undefined {
  if (!raw.text) return undefined; // conversations (turns) are not single questions
  const category = raw.category ?? "dev";
  return {
    id: `${set}:${raw.id}`,
    set,
    category,
    text: raw.text,
    intents: raw.intents && raw.intents.length > 0 ? raw.intents : intentsOfCategory(category),
    figures: (raw.expect ?? []).filter(isFigure),
    noFigure: Boolean(raw.noFigure),
  };
}

/** The own sets' single questions (each folder's singles.jsonl under test/eval). */
export function loadOwnItems(root = "test/eval"): BenchItem[] {
  const items: BenchItem[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    const file = join(root, folder.name, "singles.jsonl");
    if (!folder.isDirectory() || !existsSync(file)) continue;
    for (const raw of readJsonl(file)) {
      const item = toItem(raw, folder.name);
      if (item) items.push(item);
    }
  }
  return items;
}

/** The shared dev.jsonl (../shared/eval), or undefined with the reason when it is not beside the project. */
export function loadSharedDev(): { items: BenchItem[]; source: string } | { items: undefined; reason: string } {
  if (!existsSync(SHARED_DEV)) return { items: undefined, reason: `${SHARED_DEV} not found` };
  return { items: readJsonl(SHARED_DEV).flatMap((raw) => toItem(raw, "dev") ?? []), source: SHARED_DEV };
}

/** Openers people send besides questions, mixed into the HTTP benches' traffic. */
const GREETINGS = ["你好", "在吗", "谢谢", "你能做什么", "我能领什么补助？", "我三级残疾，家里困难，能领多少？", "我反映的事怎么样了"];

/** The HTTP benches' mixed messages: every category of the own evaluation sets, plus greetings and eligibility openers. */
export function mixedMessageTexts(): string[] {
  return [...loadOwnItems().map((item) => item.text), ...GREETINGS];
}
