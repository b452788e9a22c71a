// Reads data/eligibility/*.yaml, validates each file and the references between them (facts, parameters).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError, readDataFile, type DataProblem } from "../knowledge/load.ts";
import {
  CalculatorsFileSchema,
  CasesFileSchema,
  DialogueFileSchema,
  FactsFileSchema,
  ParametersFileSchema,
  ProgrammesFileSchema,
  type CalculatorsFile,
  type DialogueWords,
  type EligibilityCase,
  type Fact,
  type Parameter,
  type ProgrammesFile,
  type Test,
} from "./schema.ts";

export interface EligibilityRules {
  facts: Fact[];
  factById: Map<string, Fact>;
  parameters: Map<string, Parameter>;
  programmes: ProgrammesFile;
  calculators: CalculatorsFile;
  words: DialogueWords;
}

export const ELIGIBILITY_DIR = "eligibility";

/** Loads and cross-checks the rules; throws DataError naming file and field for every problem. */
export function loadEligibilityRules(dataDir: string): EligibilityRules {
  const problems: DataProblem[] = [];
  const dir = join(dataDir, ELIGIBILITY_DIR);
  const read = <T>(name: string, schema: Parameters<typeof readDataFile>[1]): T | undefined => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      problems.push({ file: `${ELIGIBILITY_DIR}/${name}`, field: "", message: "文件不存在" });
      return undefined;
    }
    return readDataFile(path, schema, problems, dataDir) as T | undefined;
  };
  const facts = read<{ facts: Fact[] }>("facts.yaml", FactsFileSchema);
  const parameters = read<{ parameters: Parameter[] }>("parameters.yaml", ParametersFileSchema);
  const programmes = read<ProgrammesFile>("programmes.yaml", ProgrammesFileSchema);
  const calculators = read<CalculatorsFile>("calculators.yaml", CalculatorsFileSchema);
  const words = read<DialogueWords>("dialogue.yaml", DialogueFileSchema);
  if (!facts || !parameters || !programmes || !calculators || !words) throw new DataError(problems);

  const factById = new Map(facts.facts.map((f) => [f.id, f]));
  const parameterById = new Map(parameters.parameters.map((p) => [p.id, p]));
  const file = `${ELIGIBILITY_DIR}/programmes.yaml`;
  const checkTest = (test: Test, field: string) => {
    const fact = factById.get(test.fact);
    if (!fact) {
      problems.push({ file, field: `${field}.fact`, message: `没有名为 "${test.fact}" 的事实（见 facts.yaml）` });
      return;
    }
    for (const op of ["is", "in", "gte", "lte"] as const) {
      const operand = test[op];
      if (operand === undefined) continue;
      if (typeof operand === "object" && operand !== null && "param" in operand) {
        if (!parameterById.has(operand.param))
          problems.push({ file, field: `${field}.${op}`, message: `没有名为 "${operand.param}" 的参数（见 parameters.yaml）` });
        continue;
      }
      if (fact.type === "choice") {
        const allowed = new Set(fact.options.map((o) => o.value));
        for (const value of Array.isArray(operand) ? operand : [operand]) {
          if (!allowed.has(value as string | number))
            problems.push({ file, field: `${field}.${op}`, message: `"${String(value)}" 不是 ${fact.id} 的选项（可选：${[...allowed].join("、")}）` });
        }
      }
    }
  };
  programmes.programmes.forEach((p, i) => {
    for (const [j, c] of p.conditions.entries()) checkTest(c, `programmes[${i}].conditions[${j}] (id: ${p.id})`);
    p.benefit.tiers.forEach((t, j) => {
      checkTest(t.when, `programmes[${i}].benefit.tiers[${j}].when (id: ${p.id})`);
      if (typeof t.amount === "object" && !parameterById.has(t.amount.param))
        problems.push({ file, field: `programmes[${i}].benefit.tiers[${j}].amount`, message: `没有名为 "${t.amount.param}" 的参数` });
    });
    const amount = p.benefit.amount;
    if (amount && typeof amount === "object" && !parameterById.has(amount.param))
      problems.push({ file, field: `programmes[${i}].benefit.amount (id: ${p.id})`, message: `没有名为 "${amount.param}" 的参数` });
  });
  const seen = new Set<string>();
  programmes.programmes.forEach((p, i) => {
    if (seen.has(p.id)) problems.push({ file, field: `programmes[${i}].id`, message: `id "${p.id}" 重复` });
    seen.add(p.id);
  });
  if (problems.length > 0) throw new DataError(problems);
  return { facts: facts.facts, factById, parameters: parameterById, programmes, calculators, words };
}

/** The test cases file, checked against the rules (every programme and fact it names must exist). */
export function loadEligibilityCases(dataDir: string, rules: EligibilityRules): EligibilityCase[] {
  const problems: DataProblem[] = [];
  const path = join(dataDir, ELIGIBILITY_DIR, "cases.yaml");
  if (!existsSync(path)) throw new DataError([{ file: `${ELIGIBILITY_DIR}/cases.yaml`, field: "", message: "文件不存在" }]);
  const parsed = readDataFile(path, CasesFileSchema, problems, dataDir);
  if (!parsed) throw new DataError(problems);
  const ids = new Set(rules.programmes.programmes.map((p) => p.id));
  const file = `${ELIGIBILITY_DIR}/cases.yaml`;
  parsed.cases.forEach((c, i) => {
    if (c.kind === "programmes") {
      for (const key of ["likely", "unlikely", "unknown", "unstated", "close"] as const) {
        for (const id of c[key]) if (!ids.has(id)) problems.push({ file, field: `cases[${i}].${key}`, message: `没有名为 "${id}" 的项目` });
      }
      for (const id of Object.keys(c.year_amounts))
        if (!ids.has(id)) problems.push({ file, field: `cases[${i}].year_amounts`, message: `没有名为 "${id}" 的项目` });
    }
    if (c.kind === "programmes" || c.kind === "extract") {
      for (const fact of Object.keys(c.facts))
        if (!rules.factById.has(fact) && !CALCULATOR_FACTS.has(fact))
          problems.push({ file, field: `cases[${i}].facts.${fact}`, message: `没有名为 "${fact}" 的事实` });
    }
  });
  if (problems.length > 0) throw new DataError(problems);
  return parsed.cases;
}

/** Facts the calculators read from text; they are not asked by the programme screener. */
export const CALCULATOR_FACTS = new Set([
  "land_mu",
  "rent_per_mu",
  "rent_total",
  "labour_year",
  "daily_wage",
  "work_days",
  "workers",
  "coal_tons",
  "coal_unit",
  "coal_price",
  "briquette_tons",
  "briquette_unit",
  "briquette_from_straw",
]);
