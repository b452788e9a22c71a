// The rule evaluator: facts + programme rules → likely / unlikely / unknown per programme, amounts and a trace. Pure.
import type { EligibilityRules } from "./load.ts";
import type { Condition, FactValue, Parameter, Programme, Test } from "./schema.ts";

/** What is known about the villager; a missing key or null means "not known" (never "no"). */
export type Facts = Record<string, FactValue | undefined>;
/** unstated: a fact's value the seed says nothing about ("四级" where only 一到三级 have amounts). */
export type Status = "likely" | "unlikely" | "unknown" | "unstated";

export interface ConditionOutcome {
  condition: Condition;
  state: "met" | "unmet" | "unknown" | "unstated";
  /** Example or to-be-confirmed parameters the condition relied on (their notes go into the reply). */
  reviewNotes: string[];
}

export interface Amount {
  /** false when the seed gives no per-person figure (only a county total). */
  known: boolean;
  period: "year" | "month" | "once";
  /** Yearly amount range; equal ends when the facts settle it. For "once", the one-off amount. */
  year?: [number, number];
  month?: [number, number];
  /** "三级 400 元" lines when a tier's fact is still unknown. */
  alternatives: Array<{ label: string; amount: number; ifText: string }>;
}

export interface ProgrammeResult {
  programme: Programme;
  status: Status;
  met: ConditionOutcome[];
  unmet: ConditionOutcome[];
  unknown: ConditionOutcome[];
  /** Conditions on a value the seed is silent about: what the reply says instead of a verdict. */
  unstated: ConditionOutcome[];
  /** Unlikely only because of one condition marked close (e.g. age, poverty): worth telling kindly. */
  close: boolean;
  amount: Amount;
  reviewNotes: string[];
  trace: string[];
}

/** The value of a parameter in force on a date: the latest value whose `since` is not after it. */
export function parameterValue(parameter: Parameter, on: Date): number | number[] {
  const day = on.toISOString().slice(0, 10);
  let chosen = parameter.values[0]!;
  let chosenSince = "";
  for (const entry of parameter.values) {
    const since = entry.since ?? "";
    if (since <= day && since >= chosenSince) {
      chosen = entry;
      chosenSince = since;
    }
  }
  return chosen.value;
}

type Operand = NonNullable<Test["in"] | Test["gte"] | Test["is"]>;

function resolve(rules: EligibilityRules, operand: Operand, on: Date, notes: string[]): unknown {
  if (typeof operand === "object" && operand !== null && !Array.isArray(operand) && "param" in operand) {
    const parameter = rules.parameters.get(operand.param);
    if (!parameter) throw new Error(`unknown parameter ${operand.param}`);
    if ((parameter.example || parameter.needs_review) && parameter.review_note) notes.push(parameter.review_note);
    return parameterValue(parameter, on);
  }
  return operand;
}

/** true / false, or undefined when the fact is not known. */
export function evaluateTest(rules: EligibilityRules, test: Test, facts: Facts, on: Date, notes: string[] = []): boolean | undefined {
  const value = facts[test.fact];
  if (value === undefined || value === null) {
    // Still resolve parameters so their review notes reach the conditional answer.
    for (const op of [test.in, test.gte, test.lte]) if (op !== undefined) resolve(rules, op, on, notes);
    return undefined;
  }
  if (test.is !== undefined) return value === test.is;
  if (test.in !== undefined) {
    const list = resolve(rules, test.in, on, notes);
    return Array.isArray(list) && (list as unknown[]).includes(value);
  }
  if (typeof value !== "number") return false;
  if (test.gte !== undefined) return value >= Number(resolve(rules, test.gte, on, notes));
  if (test.lte !== undefined) return value <= Number(resolve(rules, test.lte, on, notes));
  return undefined;
}

/** A condition's alternative is read only when its own fact is unknown: a stated age outweighs "岁数大". */
function evaluateCondition(rules: EligibilityRules, condition: Condition, facts: Facts, on: Date, notes: string[]): boolean | undefined {
  const own: string[] = [];
  const main = evaluateTest(rules, condition, facts, on, own);
  const alternative = main !== undefined || !condition.or ? undefined : evaluateTest(rules, condition.or, facts, on, []);
  // "俺爹是贫困老年残疾人": settled by what was said, the example age threshold is no caveat of this answer.
  if (main !== undefined || alternative === undefined) notes.push(...own);
  return main ?? alternative;
}

function amountOf(rules: EligibilityRules, programme: Programme, facts: Facts, on: Date): Amount {
  const { benefit } = programme;
  const scale = (v: number): { year: [number, number]; month: [number, number] } =>
    benefit.period === "month"
      ? { month: [v, v], year: [v * 12, v * 12] }
      : benefit.period === "year"
        ? { year: [v, v], month: [v / 12, v / 12] }
        : { year: [v, v], month: [v, v] };
  const value = (a: number | { param: string }): number => Number(resolve(rules, a, on, []));
  if (benefit.tiers.length > 0) {
    const possible = benefit.tiers.map((tier) => ({ tier, state: evaluateTest(rules, tier.when, facts, on) })).filter((t) => t.state !== false);
    const settled = possible.find((t) => t.state === true);
    if (settled) return { known: true, period: benefit.period, ...scale(value(settled.tier.amount)), alternatives: [] };
    if (possible.length === 0) return { known: true, period: benefit.period, alternatives: [] };
    const amounts = possible.map((t) => value(t.tier.amount));
    const low = scale(Math.min(...amounts));
    const high = scale(Math.max(...amounts));
    return {
      known: true,
      period: benefit.period,
      year: [low.year[0], high.year[1]],
      month: [low.month[0], high.month[1]],
      alternatives: possible.map((t) => ({ label: t.tier.label, amount: value(t.tier.amount), ifText: t.tier.label })),
    };
  }
  if (benefit.amount === null) return { known: false, period: benefit.period, alternatives: [] };
  return { known: true, period: benefit.period, ...scale(value(benefit.amount)), alternatives: [] };
}

function describeFact(rules: EligibilityRules, factId: string, value: FactValue | undefined): string {
  if (value === undefined || value === null) return "不知道";
  const fact = rules.factById.get(factId);
  if (fact?.type === "choice") return fact.options.find((o) => o.value === value)?.label ?? String(value);
  if (fact?.type === "boolean") return value ? "是" : "否";
  if (fact?.type === "number") return `${value}${fact.unit}`;
  return String(value);
}

export function evaluateProgramme(rules: EligibilityRules, programme: Programme, facts: Facts, on: Date): ProgrammeResult {
  const met: ConditionOutcome[] = [];
  const unmet: ConditionOutcome[] = [];
  const unknown: ConditionOutcome[] = [];
  const unstated: ConditionOutcome[] = [];
  const trace: string[] = [];
  for (const condition of programme.conditions) {
    const reviewNotes: string[] = [];
    const value = facts[condition.fact];
    const silent = value !== undefined && value !== null && condition.unstated?.in.includes(value as number | string);
    const result = silent ? undefined : evaluateCondition(rules, condition, facts, on, reviewNotes);
    const state = silent ? "unstated" : result === undefined ? "unknown" : result ? "met" : "unmet";
    const outcome = { condition, state, reviewNotes } as const;
    (state === "met" ? met : state === "unmet" ? unmet : state === "unstated" ? unstated : unknown).push(outcome);
    const mark = state === "met" ? "✓" : state === "unmet" ? "✗" : "?";
    const said = state === "unmet" ? condition.unmet : state === "met" ? condition.met : state === "unstated" ? condition.unstated!.say : condition.if_text;
    trace.push(`${mark} ${said}（${rules.factById.get(condition.fact)?.label ?? condition.fact}：${describeFact(rules, condition.fact, value)}）`);
  }
  const status: Status = unmet.length > 0 ? "unlikely" : unstated.length > 0 ? "unstated" : unknown.length > 0 ? "unknown" : "likely";
  const close = status === "unlikely" && unmet.length === 1 && unmet[0]!.condition.close;
  const reviewNotes = [...new Set([...met, ...unmet, ...unknown].flatMap((o) => o.reviewNotes))];
  return { programme, status, met, unmet, unknown, unstated, close, amount: amountOf(rules, programme, facts, on), reviewNotes, trace };
}

export function evaluateAll(rules: EligibilityRules, facts: Facts, on: Date): ProgrammeResult[] {
  return rules.programmes.programmes.map((p) => evaluateProgramme(rules, p, facts, on));
}

/**
 * The next fact worth asking: the first askable fact (in facts.yaml order) that is not known yet,
 * not answered "不知道", and on which some still-undecided programme depends (only the programmes asked
 * about, when the question named some: "白内障能免费做吗" needs no disability type).
 */
export function nextFactToAsk(
  rules: EligibilityRules,
  facts: Facts,
  answeredUnknown: readonly string[],
  on: Date,
  focus: readonly string[] = [],
): string | undefined {
  const undecided = evaluateAll(rules, facts, on).filter((r) => r.status === "unknown" && (focus.length === 0 || focus.includes(r.programme.id)));
  const needed = new Set(undecided.flatMap((r) => [...r.unknown.map((o) => o.condition.fact), ...r.programme.benefit.tiers.map((t) => t.when.fact)]));
  for (const fact of rules.facts) {
    if (!fact.ask || answeredUnknown.includes(fact.id)) continue;
    if (facts[fact.id] !== undefined && facts[fact.id] !== null) continue;
    if (needed.has(fact.id)) return fact.id;
  }
  return undefined;
}

/**
 * Programmes a question is about by name ("燃油补贴", "白内障", "领救助"): empty when it asks about everything.
 * A name inside a longer name of another programme at the same place is that one's: 救助 in 司法救助.
 */
export function focusOf(rules: EligibilityRules, text: string): string[] {
  const found: Array<{ id: string; from: number; to: number }> = [];
  for (const programme of rules.programmes.programmes)
    for (const keyword of programme.keywords)
      for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) found.push({ id: programme.id, from: at, to: at + keyword.length });
  const inside = (a: (typeof found)[number]) => found.some((b) => b.id !== a.id && b.from <= a.from && a.to <= b.to && b.to - b.from > a.to - a.from);
  const outer = found.filter((f) => !inside(f));
  // "俺家算一户多残…光说特别救助那块，俺俩一年多少": the programmes of the clause said to be the only ones asked.
  const only = ONLY_ASKED.exec(text);
  const end = only ? only.index + only[0].length + Math.max(0, text.slice(only.index + only[0].length).search(/[，,。；;？?！!]|$/)) : 0;
  const restricted = only ? outer.filter((f) => f.from >= only.index && f.from < end) : [];
  const named = new Set((restricted.length > 0 ? restricted : outer).map((f) => f.id));
  return rules.programmes.programmes.filter((p) => named.has(p.id)).map((p) => p.id);
}

/** "光说特别救助", "只算老年补助那块", "单问代缴": one programme asked about, whatever else was said. */
const ONLY_ASKED = /(?:光|只|单|就)(?:说|算|问|看)(?:一下|说)?/;
