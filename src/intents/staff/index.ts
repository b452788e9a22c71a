// Staff functions in chat: statistics, unanswered questions, state changes, invite codes. Role checked on every call.
import { reply } from "../../core/message.ts";
import type { IntentHandler, Interceptor, TurnContext, TurnResult } from "../../core/turn.ts";
import { formatReceipt } from "../../feedback/receipt.ts";
import { requireRole, type Role } from "../../staff/roles.ts";
import { issueInvite, redeemInvite } from "../../staff/invites.ts";
import type { FeedbackService } from "../../feedback/service.ts";
import type { ReportStore } from "../../feedback/store.ts";
import { parsePeriod } from "../../feedback/period.ts";
import { STATE_LABEL, FeedbackStateSchema } from "../../feedback/states.ts";
import type { ConsultationChat } from "../../consultations/index.ts";
import { parseStaffCommand, parseStrictCommand, type StaffCommand } from "./commands.ts";
import { answerStats, readStatsQuestion } from "../../feedback/stats.ts";

/** A staff command carried out, or refused for the sender's role. */
export type StaffAnswerKind = "staff" | "staff_refused";
declare module "../../core/answer-kind.ts" {
  interface AnswerKinds extends Record<StaffAnswerKind, true> {}
}

const result = (ctx: TurnContext, text: string, answerKind: StaffAnswerKind = "staff"): TurnResult => ({
  intent: "staff",
  confidence: ctx.classification.confidence,
  replies: [reply(text)],
  answerKind,
});

const ACTIONS: Record<StaffCommand["kind"], { minimum: Role; label: string }> = {
  redeem: { minimum: "villager", label: "使用邀请码" },
  invite: { minimum: "admin", label: "生成邀请码" },
  state: { minimum: "cadre", label: "修改反映状态" },
  not_report: { minimum: "cadre", label: "把反映标为不是反映" },
  consultation: { minimum: "cadre", label: "查看征求意见结果" },
  unanswered: { minimum: "cadre", label: "查看答不上来的问题" },
  stats: { minimum: "cadre", label: "查看反映统计" },
};

/** What staff commands act on: built once by the app. */
export interface StaffChatDeps {
  reports: ReportStore;
  feedback: FeedbackService;
  consultations: ConsultationChat;
}

async function run(deps: StaffChatDeps, ctx: TurnContext, command: StaffCommand): Promise<TurnResult> {
  const { channel, userId } = ctx.message;
  const action = ACTIONS[command.kind];
  const check = await requireRole(ctx.services, channel, userId, action.minimum, action.label);
  if (!check.ok) return result(ctx, check.reply, "staff_refused");
  const actor = `${channel}:${userId}`;

  switch (command.kind) {
    case "redeem": {
      if (ctx.message.chatType === "group")
        return result(ctx, "请在和我的私聊里发邀请码，群里发会被别人看到。这个码请作废后向管理员重新要一个。", "staff_refused");
      // A web chat identity is only a cookie in some browser: staff rights come with a staff login, never with it.
      if (channel === "web")
        return result(
          ctx,
          "网页聊天不能登记工作人员身份。工作人员请在管理后台（/admin）用自己的账号登录，邀请码也请在那里使用。这个邀请码没有被用掉，仍然有效。",
          "staff_refused",
        );
      return result(ctx, (await redeemInvite(ctx.services, channel, userId, command.code)).text);
    }
    case "invite": {
      if (ctx.message.chatType === "group") return result(ctx, "邀请码要在私聊里生成，群里发出来谁都能用。请私聊我再发一次。", "staff_refused");
      const { code, expiresAt } = await issueInvite(ctx.services, command.role, actor);
      const hours = Math.round((expiresAt.getTime() - ctx.now.getTime()) / 3_600_000);
      return result(
        ctx,
        `邀请码：${code}\n身份：${command.role === "admin" ? "管理员" : "村镇干部"}，只能用一次，${hours} 小时内有效。\n请私下发给对方，让对方在私聊里发“邀请码 ${code}”。`,
      );
    }
    case "state": {
      if (!command.state) {
        return result(
          ctx,
          `没看懂“${command.stateWord}”是哪个状态。可用的状态：${FeedbackStateSchema.options.map((s) => STATE_LABEL[s]).join("、")}。\n例如：把${formatReceipt(command.id)}改成处理中 备注 已安排电工`,
        );
      }
      if (!command.note)
        return result(ctx, `请加上备注，说明做了什么或为什么，例如：把${formatReceipt(command.id)}改成${STATE_LABEL[command.state]} 备注 已安排电工下周二来修`);
      const changed = await deps.feedback.changeState({ id: command.id, to: command.state, note: command.note, actor, actorRole: check.role });
      if (!changed.ok) return result(ctx, `没有修改：${changed.message}。`);
      const followers = changed.notified > 0 ? `，已通知反映人（共 ${changed.notified} 人）` : "";
      return result(ctx, `已把 ${formatReceipt(command.id)} 从“${STATE_LABEL[changed.from]}”改为“${STATE_LABEL[command.state]}”，备注已记录${followers}。`);
    }
    case "not_report": {
      const marked = await deps.feedback.markNotReport({ id: command.id, note: command.note, actor, actorRole: check.role });
      if (!marked.ok) return result(ctx, `没有修改：${marked.message}。例如：FK${String(command.id).padStart(6, "0")} 不是反映 备注 是问政策，不是反映问题`);
      return result(ctx, `已把 ${formatReceipt(command.id)} 标为“不是反映”：它不再计入反映统计，原话和您的说明另行保存。`);
    }
    case "consultation":
      return delegateConsultation(deps, ctx);
    case "unanswered": {
      const questions = await ctx.services.store.unanswered.list({ open: true, limit: 10 });
      if (questions.length === 0) return result(ctx, "目前没有答不上来的问题。");
      const lines = questions.map((q) => `· ${q.createdAt.slice(0, 10)} ${q.text.slice(0, 60)}${q.text.length > 60 ? "…" : ""}`);
      return result(ctx, `最近答不上来的问题（共列出 ${questions.length} 条，完整列表见 /admin）：\n${lines.join("\n")}`);
    }
    case "stats": {
      const question = readStatsQuestion(ctx.text, parsePeriod(ctx.text, ctx.now), ctx.snapshot.categories, ctx.snapshot.villages.villages);
      return result(ctx, await answerStats(deps.reports, question, ctx.now));
    }
  }
}

/** "第2号征求意见结果" and the other consultation commands belong to the consultation chat, which reads the database. */
async function delegateConsultation(deps: StaffChatDeps, ctx: TurnContext): Promise<TurnResult> {
  const delegated = await deps.consultations.interceptor.intercept(ctx);
  if (delegated) return delegated;
  return result(ctx, "请说明是第几号征求意见，例如：“第2号征求意见结果”。");
}

export function createStaffChat(deps: StaffChatDeps): { handler: IntentHandler; interceptor: Interceptor } {
  return {
    handler: { intent: "staff", handle: (ctx) => run(deps, ctx, parseStaffCommand(ctx.text)) },
    /** Invite codes and state changes have a fixed shape: claimed whatever the classifier says. */
    interceptor: {
      name: "staff-command",
      intercept(ctx) {
        const command = parseStrictCommand(ctx.text);
        return command ? run(deps, ctx, command) : undefined;
      },
    },
  };
}
