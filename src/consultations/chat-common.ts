// Shared helpers of the consultation chat modules: replies, the service for a turn, role checks, audit.
import { reply, type QuickReply } from "../core/message.ts";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { foldText } from "../text/fold.ts";
import { requireRole } from "../staff/index.ts";
import { writeAudit } from "../store/staff.ts";
import type { VillageInfo } from "./model.ts";
import { commentWords, ConsultationService } from "./service.ts";

export function result(text: string, quickReplies: QuickReply[] = [], answerKind = "consultation"): TurnResult {
  return { intent: "opinion", confidence: 1, replies: [reply(text, { quickReplies })], answerKind };
}

export function villagesOf(ctx: TurnContext): VillageInfo[] {
  return ctx.kb.data.villages.villages;
}

export function serviceFor(ctx: TurnContext): ConsultationService {
  return new ConsultationService({ services: ctx.services, villages: () => villagesOf(ctx), words: (text) => commentWords(ctx.kb, text) });
}

export function actor(ctx: TurnContext): string {
  return `${ctx.message.channel}:${ctx.message.userId}`;
}

export function audit(ctx: TurnContext, role: string, action: string, detail: string): void {
  writeAudit(ctx.services.store.db, { actor: actor(ctx), role, action, outcome: "allowed", detail, createdAt: ctx.now.toISOString() });
}

/** Commands and answers are matched in Simplified: "第2號徵求意見結果" is the same query. */
export function normalized(ctx: TurnContext): string {
  return foldText(ctx.text).trim();
}

export function checkCadre(ctx: TurnContext, action: string): { ok: true; role: string } | { ok: false; result: TurnResult } {
  const check = requireRole(ctx.services, ctx.message.channel, ctx.message.userId, "cadre", action);
  if (check.ok) return { ok: true, role: check.role };
  return { ok: false, result: result(check.reply, [], "staff_refused") };
}
