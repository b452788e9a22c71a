// Greets and explains what the assistant can do, with examples a villager can copy.
import { reply } from "../../core/message.ts";
import type { IntentHandler } from "../../core/turn.ts";

export const HELP_TEXT = [
  "您好！我是乡亲助手，可以帮您：",
  "1. 查政策和补助标准，比如：“三级残疾一年补助多少？”“一户多残补助怎么发？”",
  "2. 算一算您家能领什么、土地流转能挣多少，比如：“我能领什么补助？”",
  "3. 反映问题，比如：“村东头路灯坏了半个月了”，我登记下来，处理进展会告诉您。",
  "4. 参加村里的征求意见，回复选项序号就行。",
  "直接打字问我就可以。",
].join("\n");

/** "谢谢", "好的", "没有": a short, friendly word back instead of the whole menu. */
const SMALL_TALK: Record<string, string> = {
  thanks: "不客气！还有什么想问的，直接说就行。",
  farewell: "好的，再见！以后有事随时来问。",
  ack: "好的。还有什么想问的，直接说就行。",
  negation: "好的，有需要随时找我。",
  news: "恭喜恭喜，真是喜事！有政策、补助上的事想问，或者村里有事要反映，随时跟我说。",
  preamble: "好的，您说，我听着。把家里的情况和想问的事一起说就行，比如“俺爹三级残疾，家里困难，一年能领多少？”",
};

export const helpHandler: IntentHandler = {
  intent: "help",
  handle: (ctx) => {
    const short = ctx.reading.kind === "smalltalk" ? SMALL_TALK[ctx.reading.what] : undefined;
    // (Logged as small talk: a thanks between a question and its follow-up leaves the question where it was.)
    return {
      intent: "help",
      confidence: ctx.classification.confidence,
      replies: [reply(short ?? HELP_TEXT)],
      ...(short ? { answerKind: "smalltalk" as const } : {}),
    };
  },
};
