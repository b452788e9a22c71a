// Zod schemas for data/eligibility/*.yaml (programme rules, parameters, calculators, test cases); types derive from them.
import { z } from "zod";

const nonEmpty = z.string().trim().min(1, "不能为空");
const id = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "id 只能用小写英文、数字、连字符或下划线，例如 disability-living-relief");
/** "needs_review" always comes with a note saying what is missing and whom to ask. */
const reviewed = <T extends { needs_review: boolean; review_note?: string | undefined }>(value: T, ctx: z.RefinementCtx) => {
  if (value.needs_review && !value.review_note) ctx.addIssue({ code: "custom", path: ["review_note"], message: "needs_review 为 true 时要写明缺什么、该问谁" });
};

export const SourceRefSchema = z.object({
  file: nonEmpty.default("000_598bc6a691808f3f.txt"),
  section: nonEmpty.describe("section of the seed, e.g. 篇二（一）1"),
  quote: z.string().trim().optional().describe("the seed's own words, for the reply's source line"),
});

// ---- facts: what the dialogue may ask -------------------------------------------------------

const FactBase = {
  id,
  label: nonEmpty.describe("short name used in summaries, e.g. 残疾等级"),
  question: nonEmpty,
  hint: nonEmpty.describe("how to answer, with an example"),
  /** Only facts with ask: true are asked; the others stay unknown and get a conditional answer. */
  ask: z.boolean().default(false),
  quick_replies: z.array(nonEmpty).default([]),
};

export const ChoiceOptionSchema = z.object({
  value: z.union([z.string(), z.number()]),
  label: nonEmpty,
  words: z.array(nonEmpty).min(1, "至少要有一个能认出这个选项的词"),
});

export const FactSchema = z.discriminatedUnion("type", [
  z.object({ ...FactBase, type: z.literal("boolean"), yes_words: z.array(nonEmpty).default([]), no_words: z.array(nonEmpty).default([]) }),
  z.object({ ...FactBase, type: z.literal("choice"), options: z.array(ChoiceOptionSchema).min(2) }),
  z.object({
    ...FactBase,
    type: z.literal("number"),
    unit: nonEmpty,
    min: z.number(),
    max: z.number(),
    integer: z.boolean().default(true),
    /** Words in free text that name this fact, e.g. 岁 for age; the number must stand next to one of them. */
    units: z.array(nonEmpty).min(1),
    /** Words a bare number may follow instead of a unit, e.g. 今年 for age ("今年六十五"). */
    prefixes: z.array(nonEmpty).default([]),
    range_message: nonEmpty.describe("what to say when the number is out of range"),
    words: z
      .array(z.object({ word: nonEmpty, value: z.number() }))
      .default([])
      .describe("phrases meaning a number, e.g. 一户多残 → 2"),
  }),
]);

export const FactsFileSchema = z.object({ facts: z.array(FactSchema).min(1) });

// ---- parameters: amounts and thresholds with the date they take effect ------------------------

export const ParameterValueSchema = z.object({
  /** YYYY-MM-DD; null when the seed gives no date (it writes 20xx年), meaning "in force as far as we know". */
  since: z.union([z.iso.date("日期格式应为 YYYY-MM-DD"), z.null()]),
  value: z.union([z.number(), z.array(z.number()).min(1)], { error: "应为数字，或数字列表（例如 [1, 2]）" }),
});

export const ParameterSchema = z
  .object({
    id,
    label: nonEmpty,
    unit: nonEmpty,
    values: z.array(ParameterValueSchema).min(1, "至少要有一个取值"),
    since_note: z.string().trim().optional(),
    source: SourceRefSchema.optional(),
    /** An example value the seed does not give; the reply must say so. */
    example: z.boolean().default(false),
    needs_review: z.boolean().default(false),
    review_note: z.string().trim().optional(),
  })
  .superRefine((p, ctx) => {
    reviewed(p, ctx);
    if (p.example && !p.review_note) ctx.addIssue({ code: "custom", path: ["review_note"], message: "示例值要写明为什么是示例、该问谁" });
    if (!p.example && !p.source) ctx.addIssue({ code: "custom", path: ["source"], message: "不是示例的参数要写出处（篇、段）" });
  });

export const ParametersFileSchema = z.object({ parameters: z.array(ParameterSchema).min(1) });

// ---- programmes ------------------------------------------------------------------------------

const ParamRef = z.object({ param: id });
export const OperandSchema = z.union([z.number(), z.boolean(), z.string(), z.array(z.union([z.number(), z.string()])), ParamRef]);

export const TestSchema = z
  .object({
    fact: id,
    is: z.union([z.boolean(), z.string(), z.number()]).optional(),
    in: z.union([z.array(z.union([z.number(), z.string()])).min(1), ParamRef]).optional(),
    gte: z.union([z.number(), ParamRef]).optional(),
    lte: z.union([z.number(), ParamRef]).optional(),
  })
  .refine((t) => [t.is, t.in, t.gte, t.lte].filter((x) => x !== undefined).length === 1, { message: "每个条件只能写 is / in / gte / lte 中的一个" });

export const ConditionSchema = TestSchema.and(
  z.object({
    met: nonEmpty.describe("said when the condition holds, e.g. 残疾等级在一到三级"),
    unmet: nonEmpty.describe("said kindly when it does not"),
    if_text: nonEmpty.describe("the conditional clause when unknown, e.g. 您家是贫困户"),
    /** Failing only this condition makes the programme one the villager was close to. */
    close: z.boolean().default(false),
    /** Another way the condition holds: "岁数大了" settles 老年 where the seed gives no age to compare with. */
    or: TestSchema.optional(),
    /**
     * Values the seed says nothing about ("四级": only 一到三级 have amounts): neither met nor unmet; the
     * villager is told plainly that the source is silent, and whom to ask.
     */
    unstated: z
      .object({ in: z.array(z.union([z.number(), z.string()])).min(1), say: nonEmpty.describe("e.g. 原文只写了一到三级的标准，没写四级能不能领") })
      .optional(),
  }),
);

export const BenefitSchema = z
  .object({
    kind: z.enum(["cash", "contribution", "service"]).describe("cash paid out; contribution paid on the person's behalf; free service"),
    per: z.enum(["person", "household"]),
    period: z.enum(["year", "month", "once"]),
    amount: z.union([z.number(), ParamRef, z.null()]).default(null),
    tiers: z.array(z.object({ when: TestSchema, label: nonEmpty, amount: z.union([z.number(), ParamRef]) })).default([]),
    /** Why no amount is given (e.g. only a county total is known), and whom to ask. */
    amount_note: z.string().trim().optional(),
    form: z.string().trim().optional().describe("what the villager gets when it is not cash, e.g. 免费复明手术"),
  })
  .superRefine((b, ctx) => {
    if (b.kind === "cash" && b.amount === null && b.tiers.length === 0 && !b.amount_note) {
      ctx.addIssue({ code: "custom", path: ["amount_note"], message: "没有金额时要写明原因（例如原文只有总数）和该问谁" });
    }
    if (b.kind !== "cash" && !b.form) ctx.addIssue({ code: "custom", path: ["form"], message: "非现金的项目要写明得到什么" });
  });

export const ProgrammeSchema = z
  .object({
    id,
    name: nonEmpty,
    rule: nonEmpty.describe("the rule in one line"),
    source: SourceRefSchema,
    apply: nonEmpty.describe("where to apply"),
    keywords: z.array(nonEmpty).default([]).describe("words showing a question is about this programme alone"),
    documents: z.array(nonEmpty).default([]).describe("only what the data source gives; empty means ask 县残联/村委会"),
    conditions: z.array(ConditionSchema).min(1),
    benefit: BenefitSchema,
    notes: z.array(nonEmpty).default([]),
    needs_review: z.boolean().default(false),
    review_note: z.string().trim().optional(),
  })
  .superRefine(reviewed);

export const ProgrammesFileSchema = z.object({
  topic: nonEmpty,
  /**
   * The knowledge base's category these programmes belong to: a turn the screener hands to an entry of another
   * category (a township's or city's work) is counted as a policy question, not as screening.
   */
  knowledge_category: nonEmpty,
  /** Said whenever two or more programmes with money are likely: the seed never says whether they combine. */
  combining_note: nonEmpty,
  documents_note: nonEmpty,
  programmes: z.array(ProgrammeSchema).min(1),
});

// ---- calculators -----------------------------------------------------------------------------

const ExampleNumber = z.object({ value: z.number().positive(), example: z.boolean(), note: z.string().trim().optional() });

export const CalculatorsFileSchema = z.object({
  land_transfer: z.object({
    source: SourceRefSchema,
    /** The seed states no rent, wage or working days: said when the villager has not given them, never made up. */
    rent_note: nonEmpty,
    wage_note: nonEmpty,
    max_mu: z.number().positive(),
    max_rent_per_mu: z.number().positive(),
    /** Below this a rent per mu is implausible (a misread "一亩"?): confirmed with the villager, not computed. */
    min_rent_per_mu: z.number().positive().default(50),
    shares_note: nonEmpty,
    labour_note: nonEmpty,
    apply: nonEmpty,
    /** The knowledge-base entry that answers a land question without numbers ("能入股吗"). */
    entry: z.string().optional(),
  }),
  biomass: z.object({
    source: SourceRefSchema,
    briquette_per_coal: z.object({ min: z.number().positive(), max: z.number().positive() }).refine((r) => r.min <= r.max, { message: "min 不能大于 max" }),
    coal_price_per_ton: ExampleNumber.describe("元/吨"),
    max_coal_tons: z.number().positive(),
    max_coal_price: z.number().positive(),
    compression_points: z.array(nonEmpty).min(1),
    compression_note: nonEmpty,
    /** The knowledge-base entry that answers a straw-fuel question without numbers. */
    entry: z.string().optional(),
  }),
});

// ---- dialogue words --------------------------------------------------------------------------

export const DialogueFileSchema = z.object({
  reset_words: z.array(nonEmpty).min(1),
  unknown_words: z.array(nonEmpty).min(1),
  yes_words: z.array(nonEmpty).min(1),
  no_words: z.array(nonEmpty).min(1),
  correction_words: z.array(nonEmpty).min(1),
  handoff_yes_words: z.array(nonEmpty).min(1),
  /** The villager speaks about their own situation (我, 俺家 …): only then does the screener ask questions. */
  personal_words: z.array(nonEmpty).min(1),
  topics: z.object({
    disability: z.array(nonEmpty).min(1),
    land: z.array(nonEmpty).min(1),
    biomass: z.array(nonEmpty).min(1),
    generic: z.array(nonEmpty).min(1),
    /** Programmes the screener does not cover: those questions go to the knowledge base. */
    outside: z.array(nonEmpty).default([]),
  }),
});

// ---- test cases ------------------------------------------------------------------------------

const FactValueSchema = z.union([z.number(), z.boolean(), z.string(), z.null()]);

export const CaseSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("programmes"),
    name: nonEmpty,
    facts: z.record(z.string(), FactValueSchema),
    on: z.iso.date().optional(),
    likely: z.array(id).default([]),
    unlikely: z.array(id).default([]),
    unknown: z.array(id).default([]),
    unstated: z.array(id).default([]),
    close: z.array(id).default([]),
    /** Yearly amount (or [min, max] when a fact is unknown) per programme. */
    year_amounts: z.record(z.string(), z.union([z.number(), z.tuple([z.number(), z.number()])])).default({}),
  }),
  z.object({ kind: z.literal("extract"), name: nonEmpty, text: nonEmpty, facts: z.record(z.string(), FactValueSchema) }),
  z.object({
    kind: z.literal("land"),
    name: nonEmpty,
    mu: z.number(),
    rent_per_mu: z.number().optional(),
    /** Null when no rent was given: nothing is reckoned on a rent the seed does not state. */
    lease_year: z.number().nullable(),
  }),
  z.object({
    kind: z.literal("biomass"),
    name: nonEmpty,
    coal_tons: z.number(),
    coal_price: z.number().optional(),
    briquette_tons: z.tuple([z.number(), z.number()]),
    saving: z.tuple([z.number(), z.number()]),
  }),
]);

export const CasesFileSchema = z.object({ cases: z.array(CaseSchema).min(1) });

export type Fact = z.infer<typeof FactSchema>;
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;
export type Parameter = z.infer<typeof ParameterSchema>;
export type Test = z.infer<typeof TestSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Benefit = z.infer<typeof BenefitSchema>;
export type Programme = z.infer<typeof ProgrammeSchema>;
export type ProgrammesFile = z.infer<typeof ProgrammesFileSchema>;
export type CalculatorsFile = z.infer<typeof CalculatorsFileSchema>;
export type DialogueWords = z.infer<typeof DialogueFileSchema>;
export type EligibilityCase = z.infer<typeof CaseSchema>;
export type FactValue = z.infer<typeof FactValueSchema>;
