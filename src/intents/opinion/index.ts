// Consultation answers; the consultation lifecycle is not built yet, so say so honestly.
import { reply } from "../../core/message.ts";
import type { IntentHandler } from "../../core/turn.ts";

export const opinionHandler: IntentHandler = {
  intent: "opinion",
  handle: (ctx) => ({
    intent: "opinion",
    confidence: ctx.classification.confidence,
    replies: [reply("目前没有正在进行的征求意见。有新的征求意见时，我会在这里通知您。")],
  }),
};
