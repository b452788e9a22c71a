// Staff queries; roles and the staff functions are not built yet, so nothing is revealed.
import { reply } from "../../core/message.ts";
import type { IntentHandler } from "../../core/turn.ts";

export const staffHandler: IntentHandler = {
  intent: "staff",
  handle: (ctx) => ({
    intent: "staff",
    confidence: ctx.classification.confidence,
    replies: [reply("这项功能只对村镇工作人员开放。如果您是工作人员，请先用管理员发给您的邀请码登记身份。")],
  }),
};
