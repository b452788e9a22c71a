// Cadres in chat: publish, results, overview, close, decision, meeting tallies, village groups. Role-checked each call.
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { formatChinaTime } from "./dates.ts";
import { consultationNumber, DecisionSchema, DECISION_LABELS, type Decision } from "./model.ts";
import { parseRecordedTally, villageMentioned } from "./parse.ts";
import { formatResults } from "./results.ts";
import type { ConsultationService } from "./service.ts";
import { actor, audit, checkCadre, result, serviceFor, villagesOf } from "./chat-common.ts";
import type { ConsultationTurn } from "./chat-common.ts";

export const RECORD_COMMAND = /^第?\s*(\d{1,6})\s*号?征求意见(?:的)?补录[:：\s]*([\s\S]*)$/;
export const OVERVIEW_QUERY = /^(?:查看?|看看?)?(?:所有|全部|最近的?)?征求意见(?:的)?(?:结果|情况|统计)+$/;
export const RESULTS_QUERY = /^(?:查看?|看看?)?第?\s*(\d{1,6})\s*号?征求意见(?:的)?(?:结果|情况|统计|怎么样)/;
export const CLOSE_COMMAND = /^(?:结束|关闭|截止)第?\s*(\d{1,6})\s*号?征求意见/;
export const DECISION_COMMAND = /^第?\s*(\d{1,6})\s*号?征求意见(?:的)?(?:决定|拍板|决策)[:：\s]*([\s\S]*)$/;
export const GROUP_REGISTRATION = /^本群(?:是|属于|为)([\p{Script=Han}]{2,10}?)(?:村)?(?:的)?(?:群)?[。！!]?$/u;

const DECISION_WORDS: Array<[RegExp, Decision]> = [
  [/^(?:通过|同意|批准|立项|approved)$/i, "approved"],
  [/^(?:否决|不通过|不立项|驳回|rejected)$/i, "rejected"],
  [/^(?:推迟|暂缓|缓办|延后|postponed)$/i, "postponed"],
];

export function parseDecisionWord(word: string): Decision | undefined {
  const parsed = DecisionSchema.safeParse(word.trim());
  if (parsed.success) return parsed.data;
  return DECISION_WORDS.find(([re]) => re.test(word.trim()))?.[1];
}

export async function showResults(ctx: ConsultationTurn, id: number): Promise<TurnResult> {
  const check = await checkCadre(ctx, "查看征求意见结果");
  if (!check.ok) return check.result;
  const results = await serviceFor(ctx).results(id);
  if (!results) return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  // In a group only the totals may be said: the split by village and the comments stay in private chat.
  if (ctx.message.chatType === "group") {
    return result(
      `${results.number}“${results.title}”：共 ${results.respondents} 人回复（${results.options.map((o) => `${o.label} ${o.count}`).join("，")}）。详细结果请私聊查看。`,
      [],
      "consultation_results_group",
    );
  }
  return result(formatResults(results), [], "consultation_results");
}

/** "第1号征求意见补录：三家庄 会议 支持6 反对2": votes cast at a meeting or by proxy, tagged as such. */
export async function recordTally(ctx: ConsultationTurn, id: number, body: string): Promise<TurnResult> {
  const check = await checkCadre(ctx, "补录会议/代为表达的意见");
  if (!check.ok) return check.result;
  const service = serviceFor(ctx);
  const consultation = await service.get(id);
  if (!consultation) return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  const decided = result(`${consultationNumber(id)}征求意见已经拍板，不能再补录。`, [], "consultation_already_decided");
  if (consultation.decision) return decided;
  const tally = parseRecordedTally(body, consultation.options, villagesOf(ctx));
  if (!tally.ok) return result(`没有补录：${tally.error}`, [], "consultation_bad_command");
  const village = tally.value.village ?? null;
  if (consultation.audience.length > 0 && (!village || !consultation.audience.includes(village))) {
    return result(`没有补录：请写明是哪个村的票（这项征求意见面向${consultation.audience.join("、")}）。`, [], "consultation_bad_command");
  }
  const votes = tally.value.counts.flatMap((count, optionIndex) =>
    Array.from({ length: count }, () => ({ optionIndex, village, method: tally.value.method, comment: null })),
  );
  const recorded = await service.recordVotes(id, votes, actor(ctx));
  // Decided by another cadre since it was read above: nothing was recorded.
  if (recorded === undefined) return decided;
  await audit(ctx, check.role, "补录会议/代为表达的意见", `${consultationNumber(id)} ${recorded} 票`);
  const how = tally.value.method === "meeting" ? "会议表决" : "代为表达";
  const split = tally.value.counts.map((c, i) => `${consultation.options[i]!.label}${c}`).join("，");
  return result(
    `已补录${consultationNumber(id)}征求意见${village ? `${village}的` : ""}${how} ${recorded} 票（${split}），结果里单独标明。`,
    [],
    "consultation_recorded_votes",
  );
}

/** "征求意见结果统计" without a number: the latest consultations in one line each. */
export async function showOverview(ctx: ConsultationTurn): Promise<TurnResult> {
  const check = await checkCadre(ctx, "查看征求意见结果");
  if (!check.ok) return check.result;
  const service = serviceFor(ctx);
  const latest = await service.store.list(8);
  if (latest.length === 0) return result("还没有发布过征求意见。发“发布征求意见”开始。", [], "consultation_overview");
  const lines: string[] = [];
  for (const c of latest) {
    const r = (await service.results(c.id))!;
    const status =
      r.status === "open" ? `进行中，${formatChinaTime(c.deadline)} 截止` : r.status === "decided" ? `已拍板：${r.decision?.label ?? ""}` : "已截止，待拍板";
    const support =
      r.support.applicable && r.support.share !== null
        ? `，支持 ${Math.round(r.support.share * 100)}%（按${r.support.base === "households" ? "户数" : "回复人数"}）`
        : "";
    lines.push(`${r.number}“${c.title}”：${status}，回复 ${r.respondents} 人${support}${r.advice ? " ⚠" : ""}`);
  }
  return result(`最近的征求意见：\n${lines.join("\n")}\n看详细结果请发“第N号征求意见结果”。`, [], "consultation_overview");
}

export async function closeConsultation(ctx: ConsultationTurn, id: number): Promise<TurnResult> {
  const check = await checkCadre(ctx, "结束征求意见");
  if (!check.ok) return check.result;
  const outcome = await serviceFor(ctx).close(id);
  if (outcome === "unknown") return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  if (outcome === "already_closed") return result(`${consultationNumber(id)}征求意见已经截止了。`, [], "consultation_closed");
  await audit(ctx, check.role, "结束征求意见", consultationNumber(id));
  return result(
    `${consultationNumber(id)}征求意见已结束，不再接受回答。发“${consultationNumber(id)}征求意见结果”查看结果，拍板后发“${consultationNumber(id)}征求意见决定：通过｜理由｜风险评估”。`,
    [],
    "consultation_closed_now",
  );
}

export async function decide(ctx: ConsultationTurn, id: number, body: string): Promise<TurnResult> {
  const check = await checkCadre(ctx, "记录征求意见决定");
  if (!check.ok) return check.result;
  const format = `格式：${consultationNumber(id)}征求意见决定：通过（或 否决、推迟）｜理由｜风险评估`;
  const [word = "", reason = "", riskNote = ""] = body.split(/[|｜]/).map((s) => s.trim());
  const decision = parseDecisionWord(word);
  if (!decision) return result(`看不懂决定“${word.slice(0, 10)}”。${format}`, [], "consultation_bad_decision");
  if (!reason) return result(`请写明理由。${format}`, [], "consultation_bad_decision");
  if (reason.length > 500 || riskNote.length > 1000) return result("理由不超过 500 字，风险评估不超过 1000 字。", [], "consultation_bad_decision");
  const service = serviceFor(ctx);
  const consultation = await service.get(id);
  if (!consultation) return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  const decided = (d: Decision) =>
    result(`${consultationNumber(id)}征求意见已经拍板（${DECISION_LABELS[d]}），不能重复记录。`, [], "consultation_already_decided");
  if (consultation.decision) return decided(consultation.decision);
  const outcome = await service.decide(id, decision, reason, riskNote, actor(ctx));
  // Another cadre's decision got in first, since it was read above: this one was not recorded.
  if (!outcome) return decided((await service.get(id))?.decision ?? decision);
  await audit(ctx, check.role, "记录征求意见决定", `${consultationNumber(id)} ${decision}`);
  const warning = decision === "approved" && outcome.results.advice ? `\n⚠ 提醒：${outcome.results.advice}` : "";
  return result(
    `已记录${consultationNumber(id)}征求意见的决定：${DECISION_LABELS[decision]}。已通知 ${outcome.notified} 个参与的聊天。${warning}`,
    [],
    "consultation_decided",
  );
}

export async function registerGroup(ctx: ConsultationTurn, name: string): Promise<TurnResult | undefined> {
  if (ctx.message.chatType !== "group") return undefined;
  const check = await checkCadre(ctx, "登记村群");
  if (!check.ok) return check.result;
  const village = villageMentioned(name, villagesOf(ctx));
  if (!village)
    return result(
      `没找到“${name}”这个村。本镇的村有：${villagesOf(ctx)
        .map((v) => v.name)
        .join("、")}。`,
      [],
      "consultation_unknown_village",
    );
  const { store } = serviceFor(ctx);
  // Acknowledged to the cadre ("本群登记为"): durable.
  await store.sql.transaction(() => store.registerGroup(ctx.message.channel, ctx.message.chatId, village.name, actor(ctx), ctx.now.toISOString()), {
    durable: true,
  });
  await audit(ctx, check.role, "登记村群", `${ctx.message.channel}:${ctx.message.chatId} → ${village.name}`);
  return result(
    `好的，本群登记为${village.name}的群。以后面向${village.name}的征求意见会发到这里（大家请私聊我回答，群里只公布总数）。`,
    [],
    "consultation_group_registered",
  );
}

export async function publish(ctx: ConsultationTurn, draft: Parameters<ConsultationService["publish"]>[0], role: string): Promise<TurnResult> {
  const service = serviceFor(ctx);
  const { consultation, villagers, groups } = await service.publish(draft, actor(ctx));
  await audit(ctx, role, "发布征求意见", `${consultationNumber(consultation.id)} ${consultation.title}`);
  const number = consultationNumber(consultation.id);
  return result(
    `已发布${number}征求意见“${consultation.title}”，面向${consultation.audience.length > 0 ? consultation.audience.join("、") : "全镇"}，${formatChinaTime(consultation.deadline)} 截止。\n` +
      `已推送给 ${villagers} 位登记了村子的村民和 ${groups} 个村群。截止前一天会提醒还没回答的村民。\n` +
      `查看结果：发“${number}征求意见结果”。`,
    [],
    "consultation_published",
  );
}
