// Tallies a consultation: counts, support against households, village split with small cells hidden, themes. Pure.
import { DECISION_LABELS, consultationNumber, isOpen, type Consultation, type Decision, type VillageInfo, type VoteMethod } from "./model.ts";
import { formatChinaTime } from "./dates.ts";
import { groupByTheme, type ThemedComment, type WordCutter } from "./themes.ts";

export interface TallyRow {
  village: string | null;
  optionIndex: number;
  method: VoteMethod;
  count: number;
}

export interface ResultSettings {
  /** Cells with fewer people than this (but more than none) are hidden. */
  minCell: number;
  /** Share of households that must support before the seed's rule stops advising against approval. */
  supportThreshold: number;
}

export interface VillageResult {
  village: string;
  households: number | null;
  /** Null when fewer than minCell people answered there (the count itself would narrow down who). */
  respondents: number | null;
  turnout: number | null;
  /** Counts per option, or null when a cell is too small to show. */
  options: number[] | null;
}

export interface PooledResult {
  villages: string[];
  respondents: number | null;
  options: number[] | null;
}

export interface ThemeResult {
  theme: string;
  count: number;
  samples: string[];
  /** Comments per option within the theme, or null when a cell is too small to show. */
  byOption: number[] | null;
}

export interface ConsultationResults {
  id: number;
  number: string;
  title: string;
  status: "open" | "closed" | "decided";
  deadline: string;
  audience: string[];
  options: Array<{ label: string; stance: string; count: number; shareOfRespondents: number | null }>;
  respondents: number;
  byMethod: Record<VoteMethod, number>;
  households: { total: number | null; isExample: boolean; villagesWithoutData: string[] };
  turnout: number | null;
  support: {
    applicable: boolean;
    supporters: number;
    /** Supporters divided by households (or by respondents when no household numbers exist). */
    share: number | null;
    base: "households" | "respondents";
    threshold: number;
    belowThreshold: boolean;
  };
  villages: VillageResult[];
  pooled: PooledResult | null;
  comments: { total: number; themes: ThemeResult[] };
  minCell: number;
  decision: { decision: Decision; label: string; reason: string; riskNote: string; decidedAt: string } | null;
  /** The seed's rule, in words, when support is below the threshold. */
  advice: string | null;
}

const UNKNOWN_VILLAGE = "未说明村";
const MAX_SAMPLES = 3;
const SAMPLE_LENGTH = 80;

function isSafe(counts: readonly number[], minCell: number): boolean {
  return counts.every((c) => c === 0 || c >= minCell);
}

function sum(counts: readonly number[]): number {
  return counts.reduce((a, b) => a + b, 0);
}

function addInto(target: number[], counts: readonly number[]): void {
  counts.forEach((c, i) => {
    target[i] = (target[i] ?? 0) + c;
  });
}

export function computeResults(
  consultation: Consultation,
  villages: readonly VillageInfo[],
  tally: readonly TallyRow[],
  comments: readonly ThemedComment[],
  settings: ResultSettings,
  now: Date,
  cut?: WordCutter,
): ConsultationResults {
  const optionCount = consultation.options.length;
  const zeros = () => new Array<number>(optionCount).fill(0);
  const { minCell } = settings;

  const totals = zeros();
  const byMethod: Record<VoteMethod, number> = { chat: 0, meeting: 0, proxy: 0 };
  const byVillage = new Map<string, number[]>();
  for (const row of tally) {
    if (row.optionIndex < 0 || row.optionIndex >= optionCount) continue;
    totals[row.optionIndex]! += row.count;
    byMethod[row.method] += row.count;
    const name = row.village ?? UNKNOWN_VILLAGE;
    const counts = byVillage.get(name) ?? zeros();
    counts[row.optionIndex]! += row.count;
    byVillage.set(name, counts);
  }
  const respondents = sum(totals);

  const audienceVillages = consultation.audience.length > 0 ? villages.filter((v) => consultation.audience.includes(v.name)) : [...villages];
  const withHouseholds = audienceVillages.filter((v) => v.households !== undefined);
  const householdTotal = withHouseholds.length > 0 ? withHouseholds.reduce((a, v) => a + (v.households ?? 0), 0) : null;
  const householdsOf = new Map(audienceVillages.map((v) => [v.name, v.households ?? null]));

  // Village rows: every audience village (even with no answers), then any other bucket that has answers.
  const rows = new Map<string, number[]>();
  for (const v of audienceVillages) rows.set(v.name, byVillage.get(v.name) ?? zeros());
  for (const [name, counts] of byVillage) if (!rows.has(name)) rows.set(name, counts);

  // Small cells are pooled; while the pool itself has a small cell, the smallest visible village joins it,
  // because the pool's split can be worked out from the public totals minus the visible villages.
  const pooledNames = [...rows.entries()].filter(([, c]) => !isSafe(c, minCell)).map(([n]) => n);
  const visible = () => [...rows.entries()].filter(([n]) => !pooledNames.includes(n));
  const poolCounts = () => {
    const counts = zeros();
    for (const name of pooledNames) addInto(counts, rows.get(name)!);
    return counts;
  };
  while (pooledNames.length > 0 && !isSafe(poolCounts(), minCell)) {
    const candidates = visible()
      .filter(([, c]) => sum(c) > 0)
      .sort((a, b) => sum(a[1]) - sum(b[1]));
    if (candidates.length === 0) break;
    pooledNames.push(candidates[0]![0]);
  }

  const villageResults: VillageResult[] = [...rows.entries()].map(([name, counts]) => {
    const households = householdsOf.get(name) ?? null;
    const total = sum(counts);
    const hidden = pooledNames.includes(name);
    const shownTotal = total === 0 || total >= minCell ? total : null;
    return {
      village: name,
      households,
      respondents: shownTotal,
      turnout: shownTotal !== null && households ? shownTotal / households : null,
      options: hidden ? null : counts,
    };
  });
  let pooled: PooledResult | null = null;
  if (pooledNames.length > 0) {
    const counts = poolCounts();
    const total = sum(counts);
    pooled = { villages: pooledNames, respondents: total >= minCell ? total : null, options: isSafe(counts, minCell) ? counts : null };
  }

  const themes = groupByTheme(comments, cut).map(({ theme, comments: list }) => {
    const byOption = zeros();
    for (const c of list) if (c.optionIndex >= 0 && c.optionIndex < optionCount) byOption[c.optionIndex]! += 1;
    return {
      theme,
      count: list.length,
      samples: list.slice(0, MAX_SAMPLES).map((c) => (c.text.length > SAMPLE_LENGTH ? `${c.text.slice(0, SAMPLE_LENGTH)}…` : c.text)),
      byOption: isSafe(byOption, minCell) ? byOption : null,
    };
  });

  const applicable = consultation.options.some((o) => o.stance === "support" || o.stance === "conditional");
  const supporters = consultation.options.reduce((a, o, i) => a + (o.stance === "support" || o.stance === "conditional" ? totals[i]! : 0), 0);
  const base: "households" | "respondents" = householdTotal ? "households" : "respondents";
  const denominator = householdTotal ?? respondents;
  const share = denominator > 0 ? supporters / denominator : null;
  const belowThreshold = applicable && (share === null || share < settings.supportThreshold);

  const decided = consultation.decision !== null;
  const status = decided ? "decided" : isOpen(consultation, now) ? "open" : "closed";
  const results: ConsultationResults = {
    id: consultation.id,
    number: consultationNumber(consultation.id),
    title: consultation.title,
    status,
    deadline: consultation.deadline,
    audience: consultation.audience,
    options: consultation.options.map((o, i) => ({
      label: o.label,
      stance: o.stance,
      count: totals[i]!,
      shareOfRespondents: respondents > 0 ? totals[i]! / respondents : null,
    })),
    respondents,
    byMethod,
    households: {
      total: householdTotal,
      isExample: audienceVillages.some((v) => v.households !== undefined && v.households_is_example),
      villagesWithoutData: audienceVillages.filter((v) => v.households === undefined).map((v) => v.name),
    },
    turnout: householdTotal ? respondents / householdTotal : null,
    support: { applicable, supporters, share, base, threshold: settings.supportThreshold, belowThreshold },
    villages: villageResults,
    pooled,
    comments: { total: comments.length, themes },
    minCell,
    decision:
      consultation.decision && consultation.decidedAt
        ? {
            decision: consultation.decision,
            label: DECISION_LABELS[consultation.decision],
            reason: consultation.decisionReason ?? "",
            riskNote: consultation.riskNote ?? "",
            decidedAt: consultation.decidedAt,
          }
        : null,
    advice: null,
  };
  results.advice = adviceFor(results);
  return results;
}

function percent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
}

function adviceFor(r: ConsultationResults): string | null {
  if (!r.support.applicable || !r.support.belowThreshold) return null;
  const of = r.support.base === "households" ? `全部 ${r.households.total} 户` : `${r.respondents} 位回复者`;
  const amongRespondents = r.respondents > 0 ? r.support.supporters / r.respondents : 0;
  // Low turnout and real opposition call for different next steps; say which one this is.
  const lowTurnout =
    r.support.base === "households" && amongRespondents >= r.support.threshold
      ? `回复的人里支持的占 ${percent(amongRespondents)}，但参与的户太少，还说明不了大多数群众的意见；`
      : "";
  return (
    `支持（含有条件支持）的只有 ${r.support.supporters} 人，占${of}的 ${percent(r.support.share)}，不到 ${percent(r.support.threshold)}。${lowTurnout}` +
    `按“绝大多数群众不支持的项目不立项”的规矩，不建议拍板通过；可以先把群众的顾虑解决好、开议事会或再次征求意见，或推迟。`
  );
}

/** The results as a chat message for staff. Only totals and safe cells, never who answered what. */
export function formatResults(r: ConsultationResults): string {
  const lines: string[] = [];
  const statusText = r.status === "open" ? `进行中，${formatChinaTime(r.deadline)} 截止` : r.status === "closed" ? "已截止，待拍板" : "已拍板";
  lines.push(`${r.number}征求意见“${r.title}”结果（${statusText}）`);
  lines.push(`面向：${r.audience.length > 0 ? r.audience.join("、") : "全镇"}`);
  lines.push(
    `回复 ${r.respondents} 人${r.byMethod.meeting || r.byMethod.proxy ? `（聊天 ${r.byMethod.chat}，会议表决 ${r.byMethod.meeting}，代为表达 ${r.byMethod.proxy}）` : ""}`,
  );
  for (const [i, o] of r.options.entries()) lines.push(`  ${i + 1}. ${o.label}：${o.count} 人（${percent(o.shareOfRespondents)}）`);
  if (r.households.total) {
    lines.push(
      `参与率：${r.respondents} / ${r.households.total} 户 = ${percent(r.turnout)}（按每户一人估算${r.households.isExample ? "；户数是示例数字，请以村里实际户数为准" : ""}）`,
    );
  } else {
    lines.push("各村户数还没有登记，参与率和支持率只能按回复人数算。");
  }
  if (r.support.applicable)
    lines.push(`支持（含有条件支持）：${r.support.supporters} 人，占${r.support.base === "households" ? "户数" : "回复人数"}的 ${percent(r.support.share)}`);
  if (r.advice) lines.push(`⚠ ${r.advice}`);
  const shown = r.villages.filter((v) => v.options !== null && v.respondents !== null);
  if (shown.length > 0 || r.pooled) {
    lines.push("分村情况：");
    for (const v of shown) {
      const split = v.options!.map((c, i) => `${r.options[i]!.label}${c}`).join("，");
      lines.push(`  ${v.village}：回复 ${v.respondents} 人${v.households ? `/${v.households} 户` : ""}（${split}）`);
    }
    if (r.pooled) {
      const split = r.pooled.options ? `（${r.pooled.options.map((c, i) => `${r.options[i]!.label}${c}`).join("，")}）` : "";
      lines.push(
        `  ${r.pooled.villages.join("、")}：人数少于 ${r.minCell} 人的格子不单独显示，合并计 ${r.pooled.respondents ?? `不足 ${r.minCell}`} 人${split}`,
      );
    }
  }
  if (r.comments.total > 0) {
    lines.push(`意见归类（共 ${r.comments.total} 条）：`);
    for (const t of r.comments.themes) lines.push(`  ${t.theme} ${t.count} 条：${t.samples.map((s) => `“${s}”`).join(" ")}`);
  }
  if (r.decision) {
    lines.push(`决定：${r.decision.label}。理由：${r.decision.reason}${r.decision.riskNote ? `；风险评估：${r.decision.riskNote}` : ""}`);
  }
  return lines.join("\n");
}

/** What villagers and groups are told: totals and the decision, nothing else. */
export function formatOutcomeForVillagers(r: ConsultationResults): string {
  const counts = r.options.map((o) => `${o.label} ${o.count} 人`).join("，");
  const decision = r.decision ? `\n镇里的决定：${r.decision.label}。${r.decision.reason}` : "";
  return `${r.number}征求意见“${r.title}”结果：共 ${r.respondents} 人回复（${counts}）。${decision}\n感谢您参与！`;
}
