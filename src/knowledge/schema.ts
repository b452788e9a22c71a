// Zod schemas for the human-edited knowledge files in data/; types are derived from them.
import { z } from "zod";

const nonEmpty = z.string().trim().min(1, "不能为空");

export const SourceSchema = z.object({
  file: nonEmpty.describe("seed file name the facts come from"),
  section: nonEmpty.describe("section of the seed, e.g. 篇二（三）第二项"),
});

export const FactSchema = z.object({
  text: nonEmpty.describe("one fact in plain words; figures keep their units"),
  keywords: z.array(nonEmpty).default([]).describe("words that make this fact the one to show first"),
  kind: z.enum(["rule", "statistic", "target", "how"]).default("rule"),
});

export const EntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "id 只能用小写英文、数字和连字符，例如 disability-relief"),
    title: nonEmpty,
    category: nonEmpty,
    aliases: z.array(nonEmpty).default([]),
    keywords: z.array(nonEmpty).default([]),
    summary: nonEmpty,
    facts: z.array(FactSchema).default([]),
    who: z.string().trim().optional(),
    contact: nonEmpty.describe("where to apply or whom to ask"),
    source: SourceSchema,
    needs_review: z.boolean().default(false),
    review_note: z.string().trim().optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.needs_review && !entry.review_note) {
      ctx.addIssue({ code: "custom", path: ["review_note"], message: "needs_review 为 true 时要写明缺什么、该问谁" });
    }
  });

export const KnowledgeFileSchema = z.object({
  topic: nonEmpty,
  entries: z.array(EntrySchema).min(1, "至少要有一条"),
});

export const SynonymsFileSchema = z.object({
  synonyms: z.array(z.object({ term: nonEmpty, variants: z.array(nonEmpty).min(1) })),
  colloquial: z.array(z.object({ from: nonEmpty, to: z.string() })).default([]),
});

export const VillagesFileSchema = z.object({
  township: nonEmpty,
  county_note: z.string().optional(),
  villages: z.array(
    z.object({
      name: nonEmpty,
      aliases: z.array(nonEmpty).default([]),
      households: z.number().int().positive().optional(),
      households_is_example: z.boolean().default(false),
      note: z.string().optional(),
    }),
  ),
});

const words = z.array(nonEmpty).min(1, "至少要有一个词");
/** data/conversation.yaml: how the conversation core reads a message before any feature sees it. */
export const ConversationWordsSchema = z.object({
  not_a_report: words,
  report_words: words,
  problem_words: words,
  complaint_questions: words,
  /** "管管吧", "麻烦查查": asking someone to act; a report even without a word for what is wrong. */
  requests: z.array(nonEmpty).default([]),
  /** "想有个地方下棋", "买不起新的", "请不起律师": one's own need said as a wish — a question, not a report. */
  wishes: z.array(nonEmpty).default([]),
  info_questions: words,
  past_markers: words,
  why_words: words,
  local_words: words,
  greetings: words,
  thanks: words,
  /** "再见", "拜拜": the villager is leaving; a goodbye, never the menu or a search. */
  farewells: z.array(nonEmpty).default([]),
  acknowledgements: words,
  negations: words,
  resets: words,
  followup_starts: words,
  followup_words: words,
  /**
   * "投资多少钱", "占地多少", "啥时候建的": words asking a kind of figure or detail of whatever was just asked
   * about. A short message naming nothing else goes on with the thread, though an entry has such a word too.
   */
  attribute_words: z.array(nonEmpty).default([]),
  staff_words: words,
  not_topics: words,
});
export type ConversationWords = z.infer<typeof ConversationWordsSchema>;

export const IntentName = z.enum(["policy", "eligibility", "feedback", "opinion", "staff", "help", "unknown"]);
export const IntentExamplesFileSchema = z.object({
  intent: IntentName,
  examples: z.array(nonEmpty).min(5, "每个意图至少 5 条例句"),
});

export type Source = z.infer<typeof SourceSchema>;
export type Fact = z.infer<typeof FactSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;
export type SynonymsFile = z.infer<typeof SynonymsFileSchema>;
export type VillagesFile = z.infer<typeof VillagesFileSchema>;
export type Intent = z.infer<typeof IntentName>;
export type IntentExamplesFile = z.infer<typeof IntentExamplesFileSchema>;
