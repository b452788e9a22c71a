// Records a villager's report (personal numbers masked) and replies with its receipt number.
import { maskPersonalData } from "../../core/privacy.ts";
import { reply } from "../../core/message.ts";
import { formatReceipt } from "../../store/index.ts";
import type { IntentHandler } from "../../core/turn.ts";

export const feedbackHandler: IntentHandler = {
  intent: "feedback",
  handle(ctx) {
    const { message } = ctx;
    const anonymous = /匿名/.test(ctx.text);
    // Written before the reply is built: the receipt number is proof that the report is on disk.
    const id = ctx.services.store.feedback.create({
      channel: message.channel,
      userId: message.userId,
      chatId: message.chatId,
      text: maskPersonalData(ctx.text),
      category: null,
      village: null,
      anonymous,
      createdAt: ctx.now.toISOString(),
    });
    const receipt = formatReceipt(id);
    return {
      intent: "feedback",
      confidence: ctx.classification.confidence,
      replies: [reply(`您反映的问题已经登记，回执号：${receipt}。${anonymous ? "（匿名登记）" : ""}\n工作人员处理后会在这里告诉您进展，也可以随时发“我反映的事怎么样了”查询。`)],
      answerKind: "feedback",
      answerIds: [receipt],
    };
  },
};
