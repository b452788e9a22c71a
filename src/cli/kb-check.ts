// `npm run kb:check`: validates every data file and reports each problem with its file and field.
import { loadConfig } from "../config/index.ts";
import { DataError, formatProblem, loadKnowledgeData } from "../knowledge/load.ts";
import { z } from "zod";

z.config(z.locales.zhCN());
const dataDir = process.argv[2] ?? loadConfig().DATA_DIR;
try {
  const data = loadKnowledgeData(dataDir);
  const review = data.entries.filter((e) => e.needs_review).length;
  const examples = data.intentExamples.reduce((n, f) => n + f.examples.length, 0);
  process.stdout.write(
    `知识库检查通过：${data.entries.length} 条（其中 ${review} 条待核实），` +
      `${data.synonyms.synonyms.length} 组同义词，${data.villages.villages.length} 个村，${examples} 条意图例句。\n`,
  );
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  process.stderr.write(`知识库检查发现 ${error.problems.length} 处问题：\n${error.problems.map(formatProblem).join("\n")}\n`);
  process.exit(1);
}
