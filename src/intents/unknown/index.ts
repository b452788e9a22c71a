// Off-topic messages: say plainly what the assistant can't do and what it can; log for staff.
// A remark that asks nothing ("今天天儿真好") is chatted back to, not logged as a question nobody answered.
import { reply } from "../../core/message.ts";
import { CONFIDENCE } from "../../knowledge/hits.ts";
import type { IntentHandler, TurnContext } from "../../core/turn.ts";

/** A remark answered in kind, or a message nothing in the assistant can answer. */
export type UnknownAnswerKind = "smalltalk" | "no_answer";
declare module "../../core/answer-kind.ts" {
  interface AnswerKinds extends Record<UnknownAnswerKind, true> {}
}

/** "帮我订张票", "给我查查": asking for something, however short, is not a remark. */
const ASKING_FOR = /帮|给我|请|订|买|查|找|要|想|能|可以|会不会/;

/** A short remark: no question, nothing wrong, nothing the knowledge base knows. */
function isRemark(ctx: TurnContext): boolean {
  const short = ctx.text.replace(/[\s，。！!,.~～]/g, "").length <= 15;
  return short && !ASKING_FOR.test(ctx.text) && ctx.reading.kind === "open" && !ctx.reading.asks && (ctx.hits[0]?.coverage ?? 0) < CONFIDENCE.clarify;
}

export const unknownHandler: IntentHandler = {
  intent: "unknown",
  handle: (ctx) =>
    isRemark(ctx)
      ? {
          intent: "unknown",
          confidence: ctx.classification.confidence,
          replies: [reply("是啊。有政策、补助上的事想问，或者村里有事要反映，随时跟我说。")],
          answerKind: "smalltalk",
        }
      : {
          intent: "unknown",
          confidence: ctx.classification.confidence,
          replies: [
            reply(
              [
                "抱歉，这个我帮不上忙。我能回答村里和镇上的政策、补助问题，也能帮您反映问题。",
                "您可以问：“一户多残补助怎么发？”“秸秆压缩要钱吗？”，或者发“帮助”看看怎么用。",
              ].join("\n"),
            ),
          ],
          answerKind: "no_answer",
          unanswered: { reason: "no_answer", bestEntryId: ctx.hits[0]?.entry.id ?? null, confidence: ctx.hits[0]?.coverage ?? 0 },
        },
};
