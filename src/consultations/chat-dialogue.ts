// The step-by-step publish dialogue for cadres who don't remember the one-line command.
import { quickReply } from "../core/payload.ts";
import { z } from "zod";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { formatChinaTime } from "./dates.ts";
import { checkBackground, checkDeadline, checkTitle, parseAudience, parseOptions } from "./parse.ts";
import { checkCadre, normalized, result, villagesOf } from "./chat-common.ts";
import type { ConsultationTurn } from "./chat-common.ts";
import { publish } from "./chat-cadre.ts";

export const DRAFT_DIALOGUE = "consultation-draft";
/** A half-finished publish dialogue is forgotten after this long. */
export const DRAFT_TTL_MS = 30 * 60 * 1000;
export const DraftSession = z.object({
  step: z.enum(["title", "background", "options", "audience", "deadline", "confirm"]),
  title: z.string().default(""),
  background: z.string().default(""),
  options: z.string().default(""),
  audience: z.array(z.string()).default([]),
  deadline: z.string().default(""),
});
export type Draft = z.infer<typeof DraftSession>;

const DIALOGUE_PROMPTS: Record<Draft["step"], string> = {
  title: "好的，我们一步一步来（随时发“取消”可以放弃）。\n第 1 步：征求意见的标题是什么？（60 字以内，例如“村东建养猪场”）",
  background: "第 2 步：简单说明背景（为什么要做、花多少钱、影响谁）。没有就回复“无”。",
  options: "第 3 步：选项是什么？回复“默认”即 支持/反对/有条件支持；或自己写，用“/”隔开。",
  audience: "第 4 步：面向哪些村？回复村名（用逗号隔开），或“全镇”。",
  deadline: "第 5 步：什么时候截止？例如 12月10日、2026-12-10、下周五。",
  confirm: "",
};

export function startDialogue(ctx: ConsultationTurn): TurnResult {
  ctx.dialogue.start(DRAFT_DIALOGUE, { step: "title" });
  return result(DIALOGUE_PROMPTS.title, [], "consultation_dialogue");
}

export async function continueDialogue(ctx: ConsultationTurn, draft: Draft): Promise<TurnResult | undefined> {
  const check = checkCadre(ctx, "发布征求意见");
  if (!check.ok) {
    ctx.dialogue.end(DRAFT_DIALOGUE);
    return check.result;
  }
  const text = normalized(ctx);
  if (/^(取消|算了|不发了|退出)$/.test(text)) {
    ctx.dialogue.end(DRAFT_DIALOGUE);
    return result("好的，已取消，没有发布。", [], "consultation_dialogue_cancelled");
  }
  const save = (next: Draft) => ctx.dialogue.start(DRAFT_DIALOGUE, next);
  const again = (error: string) => result(`${error}\n${DIALOGUE_PROMPTS[draft.step]}`, [], "consultation_dialogue");
  switch (draft.step) {
    case "title": {
      const error = checkTitle(text);
      if (error) return again(error);
      save({ ...draft, title: text, step: "background" });
      return result(DIALOGUE_PROMPTS.background, [], "consultation_dialogue");
    }
    case "background": {
      const background = /^(无|没有|不用|略)$/.test(text) ? "" : text;
      const error = checkBackground(background);
      if (error) return again(error);
      save({ ...draft, background, step: "options" });
      return result(DIALOGUE_PROMPTS.options, [quickReply("默认")], "consultation_dialogue");
    }
    case "options": {
      const options = parseOptions(text);
      if (!options.ok) return again(options.error);
      save({ ...draft, options: text, step: "audience" });
      return result(DIALOGUE_PROMPTS.audience, [quickReply("全镇")], "consultation_dialogue");
    }
    case "audience": {
      const audience = parseAudience(text, villagesOf(ctx));
      if (!audience.ok) return again(audience.error);
      save({ ...draft, audience: audience.value, step: "deadline" });
      return result(DIALOGUE_PROMPTS.deadline, [], "consultation_dialogue");
    }
    case "deadline": {
      const deadline = checkDeadline(text, ctx.now);
      if (!deadline.ok) return again(deadline.error);
      const next = { ...draft, deadline: deadline.value.toISOString(), step: "confirm" as const };
      save(next);
      const options = parseOptions(next.options);
      const summary =
        `请确认：\n标题：${next.title}\n背景：${next.background || "（无）"}\n选项：${options.ok ? options.value.map((o) => o.label).join(" / ") : next.options}\n` +
        `面向：${next.audience.length > 0 ? next.audience.join("、") : "全镇"}\n截止：${formatChinaTime(deadline.value)}\n回复“确认”发布，回复“取消”放弃。`;
      return result(summary, [quickReply("确认"), quickReply("取消")], "consultation_dialogue");
    }
    case "confirm": {
      if (!/^(确认|确定|发布|是|好|好的|ok)$/i.test(text))
        return result("回复“确认”发布，回复“取消”放弃。", [quickReply("确认"), quickReply("取消")], "consultation_dialogue");
      ctx.dialogue.end(DRAFT_DIALOGUE);
      const options = parseOptions(draft.options);
      const deadline = new Date(draft.deadline);
      if (!options.ok) return result(options.error);
      if (deadline.getTime() <= ctx.now.getTime()) return result("截止日期已经过了，没有发布。请重新发“发布征求意见”。", [], "consultation_dialogue");
      return publish(ctx, { title: draft.title, background: draft.background, options: options.value, audience: draft.audience, deadline }, check.role);
    }
  }
}
