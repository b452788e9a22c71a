// Reads and validates every data file; a problem names the file, the field and what is expected.
import { AppError } from "../core/errors.ts";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { parseYaml, yamlErrorLine } from "./yaml.ts";
import type { z } from "zod";
import {
  ConversationWordsSchema,
  IntentExamplesFileSchema,
  KnowledgeFileSchema,
  SynonymsFileSchema,
  VillagesFileSchema,
  type ConversationWords,
  type Entry,
  type IntentExamplesFile,
  type SynonymsFile,
  type VillagesFile,
} from "./schema.ts";

export interface DataProblem {
  file: string;
  field: string;
  message: string;
}

export class DataError extends AppError {
  constructor(readonly problems: DataProblem[]) {
    super("DATA_INVALID", `数据文件有 ${problems.length} 处问题：\n${problems.map(formatProblem).join("\n")}`);
  }
}

export function formatProblem(problem: DataProblem): string {
  return `  ${problem.file}${problem.field ? ` → ${problem.field}` : ""}: ${problem.message}`;
}

export interface KnowledgeData {
  entries: Entry[];
  /** Which file each entry came from, for error messages and the source line. */
  entryFiles: Map<string, string>;
  synonyms: SynonymsFile;
  villages: VillagesFile;
  intentExamples: IntentExamplesFile[];
  /** How the conversation core reads a message (data/conversation.yaml). */
  conversation: ConversationWords;
}

/** Reads one YAML (or JSON) file and validates it, collecting problems instead of throwing. */
export function readDataFile<S extends z.ZodType>(path: string, schema: S, problems: DataProblem[], root: string): z.infer<S> | undefined {
  const file = relative(root, path) || path;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    const line = yamlErrorLine(error);
    const where = line !== undefined ? `第 ${line} 行` : "";
    problems.push({ file, field: where, message: `无法解析 YAML：${(error as Error).message.split("\n")[0]}` });
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file, field: describePath(raw, issue.path), message: issue.message });
    }
    return undefined;
  }
  return parsed.data;
}

// "entries[3].facts[0].text (id: disability-relief)" is easier to find in a long file than a bare path.
function describePath(raw: unknown, path: PropertyKey[]): string {
  let text = "";
  let node: unknown = raw;
  let entryId: string | undefined;
  for (const key of path) {
    text += typeof key === "number" ? `[${key}]` : text ? `.${String(key)}` : String(key);
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (node && typeof node === "object" && typeof (node as { id?: unknown }).id === "string") {
      entryId = (node as { id: string }).id;
    }
  }
  return entryId ? `${text} (id: ${entryId})` : text;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Loads data/ whole. Throws DataError listing every problem, so one run shows them all. */
export function loadKnowledgeData(dataDir: string): KnowledgeData {
  const problems: DataProblem[] = [];
  const entries: Entry[] = [];
  const entryFiles = new Map<string, string>();
  const knowledgeDir = join(dataDir, "knowledge");
  const knowledgeFiles = listFiles(knowledgeDir);
  if (knowledgeFiles.length === 0) problems.push({ file: relative(dataDir, knowledgeDir) || knowledgeDir, field: "", message: "没有找到知识库文件（*.yaml）" });

  for (const path of knowledgeFiles) {
    const file = readDataFile(path, KnowledgeFileSchema, problems, dataDir);
    if (!file) continue;
    file.entries.forEach((entry, index) => {
      const previous = entryFiles.get(entry.id);
      if (previous) {
        problems.push({ file: relative(dataDir, path), field: `entries[${index}].id`, message: `id "${entry.id}" 与 ${previous} 里的重复` });
        return;
      }
      entryFiles.set(entry.id, relative(dataDir, path));
      entries.push(entry);
    });
  }

  const synonyms = readRequired(join(dataDir, "synonyms.yaml"), SynonymsFileSchema, problems, dataDir) ?? { synonyms: [], colloquial: [] };
  const villages = readRequired(join(dataDir, "villages.yaml"), VillagesFileSchema, problems, dataDir) ?? { township: "本镇", villages: [] };

  const conversation = readRequired(join(dataDir, "conversation.yaml"), ConversationWordsSchema, problems, dataDir);

  const intentExamples: IntentExamplesFile[] = [];
  for (const path of listFiles(join(dataDir, "intents"))) {
    const file = readDataFile(path, IntentExamplesFileSchema, problems, dataDir);
    if (file) intentExamples.push(file);
  }
  if (intentExamples.length === 0) problems.push({ file: "intents/", field: "", message: "没有找到意图例句文件" });

  if (problems.length > 0 || !conversation) throw new DataError(problems);
  return { entries, entryFiles, synonyms, villages, intentExamples, conversation };
}

function readRequired<S extends z.ZodType>(path: string, schema: S, problems: DataProblem[], root: string): z.infer<S> | undefined {
  if (!existsSync(path)) {
    problems.push({ file: relative(root, path), field: "", message: "文件不存在" });
    return undefined;
  }
  return readDataFile(path, schema, problems, root);
}
