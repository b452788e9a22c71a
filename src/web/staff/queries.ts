// Query-string filters for the staff API and dashboard (period, dates, village, category, state), validated with zod.
import { z } from "zod";
import type { ReportFilter } from "../../feedback/store.ts";
import { periodByName } from "../../feedback/period.ts";
import { FeedbackStateSchema } from "../../feedback/states.ts";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD，例如 2026-11-01");
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const PeriodNameSchema = z.enum(["today", "week", "last_week", "month", "last_month", "quarter", "year", "all"], {
  error: "只能是 today、week、last_week、month、last_month、quarter、year 或 all",
});

export const FeedbackQuerySchema = z.object({
  period: z.preprocess(blankToUndefined, PeriodNameSchema.optional()),
  /** China calendar days, inclusive. */
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
  village: z.preprocess(blankToUndefined, z.string().trim().max(50, "不能超过 50 个字").optional()),
  category: z.preprocess(blankToUndefined, z.string().trim().max(50, "不能超过 50 个字").optional()),
  state: z.preprocess(
    blankToUndefined,
    z.union([FeedbackStateSchema, z.enum(["open", "closed"])], { error: `只能是 open、closed 或 ${FeedbackStateSchema.options.join("、")}` }).optional(),
  ),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
  offset: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10_000_000).default(0)),
});
export type FeedbackQuery = z.infer<typeof FeedbackQuerySchema>;

const chinaDayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

/** Turns validated query values into a store filter; explicit dates win over a named period. */
export function toFilter(query: FeedbackQuery, now: Date): ReportFilter {
  const period = query.period ? periodByName(query.period, now) : { label: "累计" };
  const from = query.from ? chinaDayStart(query.from).toISOString() : period.from;
  const to = query.to ? new Date(chinaDayStart(query.to).getTime() + 86_400_000).toISOString() : period.to;
  return { from, to, village: query.village, category: query.category, state: query.state };
}
