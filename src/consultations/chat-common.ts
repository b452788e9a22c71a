// Shared helpers of the consultation chat modules: replies, the service (built once by the app), role checks, audit.
import { reply, type QuickReply } from "../core/message.ts";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { foldText } from "../text/fold.ts";
import { requireRole } from "../staff/index.ts";
import type { VillageInfo } from "./model.ts";
import type { ConsultationService } from "./service.ts";

/** What a consultation turn did: a vote, a cadre's command, a refusal, a dialogue step … (logged, never shown). */
export type ConsultationAnswerKind =
  | "consultation"
  | "consultation_already_decided"
  | "consultation_ask_village"
  | "consultation_bad_command"
  | "consultation_bad_decision"
  | "consultation_changed"
  | "consultation_closed"
  | "consultation_closed_now"
  | "consultation_comment_too_long"
  | "consultation_decided"
  | "consultation_dialogue"
  | "consultation_dialogue_cancelled"
  | "consultation_group_refused"
  | "consultation_group_registered"
  | "consultation_list"
  | "consultation_none"
  | "consultation_not_audience"
  | "consultation_out_of_range"
  | "consultation_overview"
  | "consultation_published"
  | "consultation_recorded"
  | "consultation_recorded_votes"
  | "consultation_results"
  | "consultation_results_group"
  | "consultation_unchanged"
  | "consultation_unknown"
  | "consultation_unknown_village"
  | "consultation_village_declined"
  | "staff_refused";
declare module "../core/answer-kind.ts" {
  interface AnswerKinds extends Record<ConsultationAnswerKind, true> {}
}

export function result(text: string, quickReplies: QuickReply[] = [], answerKind: ConsultationAnswerKind = "consultation"): TurnResult {
  return { intent: "opinion", confidence: 1, replies: [reply(text, { quickReplies })], answerKind };
}

export function villagesOf(ctx: ConsultationTurn): VillageInfo[] {
  return ctx.kb.data.villages.villages;
}

/** A turn with the consultation service at hand (one service for the app, never one per turn). */
export type ConsultationTurn = TurnContext & { consultations: ConsultationService };

export function serviceFor(ctx: ConsultationTurn): ConsultationService {
  return ctx.consultations;
}

export function actor(ctx: ConsultationTurn): string {
  return `${ctx.message.channel}:${ctx.message.userId}`;
}

export async function audit(ctx: ConsultationTurn, role: string, action: string, detail: string): Promise<void> {
  await ctx.services.store.audit.write({ actor: actor(ctx), role, action, outcome: "allowed", detail, createdAt: ctx.now.toISOString() });
}

/** Commands and answers are matched in Simplified: "第2號徵求意見結果" is the same query. */
export function normalized(ctx: ConsultationTurn): string {
  return foldText(ctx.text).trim();
}

export async function checkCadre(ctx: ConsultationTurn, action: string): Promise<{ ok: true; role: string } | { ok: false; result: TurnResult }> {
  const check = await requireRole(ctx.services, ctx.message.channel, ctx.message.userId, "cadre", action);
  if (check.ok) return { ok: true, role: check.role };
  return { ok: false, result: result(check.reply, [], "staff_refused") };
}
