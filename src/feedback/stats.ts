// Answers staff questions about reports ("本月收到多少反映？", "沼气的问题有几条？", "哪个村反映最多").
import type { ReportFilter, ReportStore } from "./store.ts";
import type { Count } from "./summary.ts";
import { findCategoryName, type FeedbackCategoriesFile } from "./categories.ts";
import { findVillage } from "./villages.ts";
import type { Period } from "./period.ts";
import type { VillagesFile } from "../knowledge/schema.ts";

export interface StatsQuestion {
  period: Period;
  category?: string | undefined;
  village?: string | undefined;
  openOnly: boolean;
  rankVillages: boolean;
  rankCategories: boolean;
}

/** What a staff question asks about. Pure. */
export function readStatsQuestion(text: string, period: Period, categories: FeedbackCategoriesFile, villages: VillagesFile["villages"]): StatsQuestion {
  return {
    period,
    // A category counts only when named outright or by a keyword, never by the fallback guess.
    category: findCategoryName(text.replace(/反映|投诉|问题|统计/g, ""), categories),
    village: findVillage(text, villages),
    openOnly: /没处理|沒處理|未处理|未處理|待处理|待办|没解决|未解决|超期|没办/.test(text),
    rankVillages: /哪个村|哪個村|各村|每个村|按村/.test(text),
    rankCategories: /哪类|哪類|各类|按类|分类|类别|最多的问题|什么问题最多/.test(text),
  };
}

const top = (counts: Count[], n = 5) =>
  counts
    .slice(0, n)
    .map((c, i) => `${i + 1}. ${c.key}：${c.count} 条`)
    .join("\n");

export async function answerStats(reports: ReportStore, q: StatsQuestion, now: Date): Promise<string> {
  const filter: ReportFilter = { from: q.period.from, to: q.period.to, category: q.category, village: q.village };
  const scope = [q.village, q.category].filter(Boolean).join("、");
  const scopeText = scope ? `${scope}方面` : "";
  const [total, open] = await Promise.all([reports.count(filter), reports.count({ ...filter, state: "open" })]);
  const lines = [`${q.period.label}${scopeText ? `，${scopeText}` : ""}共收到 ${total} 条反映，其中还没处理完的 ${open} 条。`];
  if (q.openOnly && open > 0) {
    const ages = await reports.openAgeBuckets(filter, now);
    lines.push(`未处理的按时长：一周内 ${ages.under7} 条，一周到一个月 ${ages.under30} 条，超过一个月 ${ages.over30} 条。`);
    if (!q.category) lines.push(`未处理的按类别：\n${top(await reports.countByCategory({ ...filter, state: "open" }))}`);
  }
  if (q.rankVillages && total > 0) lines.push(`按村排序：\n${top(await reports.countByVillage(q.openOnly ? { ...filter, state: "open" } : filter))}`);
  if ((q.rankCategories || (!q.category && !q.village && !q.rankVillages && !q.openOnly)) && total > 0) {
    lines.push(`按类别：\n${top(await reports.countByCategory(filter))}`);
  }
  lines.push("详细列表和图表请看管理后台 /admin。");
  return lines.join("\n");
}
