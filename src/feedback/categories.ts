// Report categories from data/feedback-categories.yaml: schema, loading, and keyword classification (pure).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../knowledge/yaml.ts";
import { z } from "zod";
import { foldText } from "../text/fold.ts";
import { DataError } from "../knowledge/load.ts";
import { AppError } from "../core/errors.ts";

const nonEmpty = z.string().trim().min(1, "不能为空");

export const FeedbackCategoriesFileSchema = z
  .object({
    fallback: nonEmpty.default("其他"),
    categories: z
      .array(
        z.object({
          name: nonEmpty,
          keywords: z.array(nonEmpty).min(1, "每个分类至少要有一个关键词"),
          assets: z.array(nonEmpty).default([]),
        }),
      )
      .min(1, "至少要有一个分类"),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.categories.forEach((category, index) => {
      if (seen.has(category.name)) ctx.addIssue({ code: "custom", path: ["categories", index, "name"], message: `分类“${category.name}”重复了` });
      seen.add(category.name);
    });
    if (!seen.has(file.fallback)) ctx.addIssue({ code: "custom", path: ["fallback"], message: `兜底分类“${file.fallback}”不在 categories 里` });
  });
export type FeedbackCategoriesFile = z.infer<typeof FeedbackCategoriesFileSchema>;

export const CATEGORIES_FILE = "feedback-categories.yaml";

export class CategoriesError extends AppError {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super("CATEGORIES_INVALID", `${CATEGORIES_FILE}: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
  }
}

export function parseCategories(source: string): FeedbackCategoriesFile {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new CategoriesError([{ field: "(文件)", message: `YAML 格式错误：${(error as Error).message.split("\n")[0]}` }]);
  }
  const parsed = FeedbackCategoriesFileSchema.safeParse(raw);
  if (!parsed.success) throw new CategoriesError(parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(文件)", message: i.message })));
  return parsed.data;
}

const FALLBACK_FILE: FeedbackCategoriesFile = { fallback: "其他", categories: [{ name: "其他", keywords: ["其他"], assets: [] }] };

/** Reads the categories of a data folder (once per data snapshot); a missing file means one category, 其他. */
export function loadCategories(dataDir: string): FeedbackCategoriesFile {
  const path = join(dataDir, CATEGORIES_FILE);
  if (!existsSync(path)) return FALLBACK_FILE;
  return parseCategories(readFileSync(path, "utf8"));
}

/** The category whose keywords cover most characters of the text; ties go to the earlier category. */
export function classifyCategory(text: string, file: FeedbackCategoriesFile): string {
  const folded = foldText(text);
  let best = { name: file.fallback, score: 0 };
  for (const category of file.categories) {
    let score = 0;
    for (const keyword of category.keywords) if (folded.includes(foldText(keyword))) score += keyword.length;
    if (score > best.score) best = { name: category.name, score };
  }
  return best.name;
}

/** A category named in a question ("沼气的问题有几条" → 沼气), by name first, then by keyword. */
export function findCategoryName(text: string, file: FeedbackCategoriesFile): string | undefined {
  const folded = foldText(text);
  const byName = file.categories.filter((c) => folded.includes(foldText(c.name))).sort((a, b) => b.name.length - a.name.length)[0];
  if (byName) return byName.name;
  const guess = classifyCategory(text, file);
  return guess === file.fallback ? undefined : guess;
}

// Where in a village: 村东头, 三组, 5号, 幸福路, 学校门口 … normalised so two reports can be compared.
const PLACE_PATTERNS: RegExp[] = [
  /[东西南北]头/g,
  /[东西南北]边/g,
  /(?:[一二三四五六七八九十]+|\d+)(?:组|队|社)/g,
  /\d+号/g,
  /[\u4e00-\u9fa5]{1,3}(?:路|街|巷|桥|渠|塘|坝)(?![\u4e00-\u9fa5]{0,1}灯)/g,
  /[\u4e00-\u9fa5]{1,3}(?:门口|旁边|后面|对面)/g,
];

/** Place and asset markers in a report text, sorted and de-duplicated; empty when it names none. Pure. */
export function extractPlaces(text: string, category: string, file: FeedbackCategoriesFile): string[] {
  const folded = foldText(text);
  const found = new Set<string>();
  for (const pattern of PLACE_PATTERNS) for (const match of folded.matchAll(pattern)) found.add(match[0].replace(/^(?:村|在|的)/, ""));
  const assets = file.categories.find((c) => c.name === category)?.assets ?? [];
  for (const asset of assets) if (folded.includes(foldText(asset))) found.add(foldText(asset));
  return [...found].filter((p) => p.length >= 2).sort();
}

/** Two reports' places share a location marker (an asset word alone — every lamp report says 路灯 — is not enough). */
export function samePlace(a: readonly string[], b: readonly string[], file: FeedbackCategoriesFile): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const assets = new Set(file.categories.flatMap((c) => c.assets.map((x) => foldText(x))));
  const left = new Set(a);
  return b.some((p) => left.has(p) && !assets.has(p));
}

/** For `npm run kb:check`: the categories file must exist and be valid; problems come back as DataError. */
export function checkCategories(dataDir: string): string {
  const path = join(dataDir, CATEGORIES_FILE);
  if (!existsSync(path)) throw new DataError([{ file: CATEGORIES_FILE, field: "", message: "文件不存在" }]);
  try {
    const file = parseCategories(readFileSync(path, "utf8"));
    const keywords = file.categories.reduce((n, c) => n + c.keywords.length, 0);
    return `反映分类检查通过：${file.categories.length} 个分类，${keywords} 个关键词。`;
  } catch (error) {
    if (!(error instanceof CategoriesError)) throw error;
    throw new DataError(error.problems.map((p) => ({ file: CATEGORIES_FILE, ...p })));
  }
}
