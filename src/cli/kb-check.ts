// `npm run kb:check`: validates every data file and reports each problem with its file and field.
import { loadConfig } from "../config/index.ts";
import { DataError, formatProblem, loadKnowledgeData, type DataProblem } from "../knowledge/load.ts";
import { loadEligibilityCases, loadEligibilityRules } from "../eligibility/index.ts";
import { checkCategories } from "../feedback/categories.ts";
import { z } from "zod";

z.config(z.locales.zhCN());
const dataDir = process.argv[2] ?? loadConfig().DATA_DIR;
const problems: DataProblem[] = [];
const lines: string[] = [];
/** Each part is checked even when another fails, so one run shows every problem. */
function check(run: () => string): void {
  try {
    lines.push(run());
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(...error.problems);
  }
}
check(() => {
  const data = loadKnowledgeData(dataDir);
  const review = data.entries.filter((e) => e.needs_review).length;
  const examples = data.intentExamples.reduce((n, f) => n + f.examples.length, 0);
  return `知识库检查通过：${data.entries.length} 条（其中 ${review} 条待核实），${data.synonyms.synonyms.length} 组同义词，${data.villages.villages.length} 个村，${examples} 条意图例句。`;
});
check(() => {
  const rules = loadEligibilityRules(dataDir);
  const cases = loadEligibilityCases(dataDir, rules);
  const review = [...rules.parameters.values()].filter((p) => p.needs_review || p.example).length;
  return `资格规则检查通过：${rules.programmes.programmes.length} 个项目，${rules.parameters.size} 个参数（其中 ${review} 个是示例或待核实），${cases.length} 个测试用例。`;
});
check(() => checkCategories(dataDir));
if (problems.length > 0) {
  process.stderr.write(`知识库检查发现 ${problems.length} 处问题：\n${problems.map(formatProblem).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(lines.join("\n") + "\n");
