// Off-topic messages: say plainly what the assistant can't do and what it can; log for staff.
import { reply } from "../../core/message.ts";
import type { IntentHandler } from "../../core/turn.ts";

export const unknownHandler: IntentHandler = {
  intent: "unknown",
  handle: (ctx) => ({
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
  }),
};
