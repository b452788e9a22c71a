// Loads the prompt files from prompts/ at start-up and checks each has exactly the placeholders the code fills.
import { AppError } from "../core/errors.ts";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PromptTemplate } from "@langchain/core/prompts";

export const PROMPT_FILES = {
  system: { file: "system.md", placeholders: [] },
  answer: { file: "answer.md", placeholders: ["passages", "history", "question"] },
  classify: { file: "classify.md", placeholders: ["intents", "history", "question"] },
} as const;

export type PromptName = keyof typeof PROMPT_FILES;

export interface Prompts {
  /** Raw text, for the leak guard. */
  text: Record<PromptName, string>;
  system: string;
  answer: PromptTemplate;
  classify: PromptTemplate;
}

export class PromptError extends AppError {
  constructor(readonly problems: string[]) {
    super("PROMPT_INVALID", `提示词文件有问题：\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadPrompts(dir: string): Prompts {
  const problems: string[] = [];
  const text = {} as Record<PromptName, string>;
  const templates = {} as Record<PromptName, PromptTemplate>;
  for (const [name, spec] of Object.entries(PROMPT_FILES) as Array<[PromptName, (typeof PROMPT_FILES)[PromptName]]>) {
    const path = join(dir, spec.file);
    if (!existsSync(path)) {
      problems.push(`${resolve(path)}：文件不存在`);
      continue;
    }
    const raw = readFileSync(path, "utf8").trim();
    if (!raw) {
      problems.push(`${spec.file}：文件是空的`);
      continue;
    }
    let template: PromptTemplate;
    try {
      template = PromptTemplate.fromTemplate(raw);
    } catch (error) {
      problems.push(`${spec.file}：无法解析（花括号 {…} 只用于占位符，字面的花括号写成 {{ }}）：${(error as Error).message}`);
      continue;
    }
    const found = new Set(template.inputVariables);
    const wanted = new Set<string>(spec.placeholders);
    const missing = [...wanted].filter((p) => !found.has(p));
    const unknown = [...found].filter((p) => !wanted.has(p));
    if (missing.length > 0) problems.push(`${spec.file}：缺少占位符 ${missing.map((p) => `{${p}}`).join("、")}`);
    if (unknown.length > 0)
      problems.push(
        `${spec.file}：有程序不认识的占位符 ${unknown.map((p) => `{${p}}`).join("、")}（可用：${[...wanted].map((p) => `{${p}}`).join("、") || "无"}）`,
      );
    text[name] = raw;
    templates[name] = template;
  }
  if (problems.length > 0) throw new PromptError(problems);
  return { text, system: text.system, answer: templates.answer, classify: templates.classify };
}
