// What the Official Account and WeCom push (after decryption), and how it becomes the core's message. Pure.
import { z } from "zod";
import type { ChannelName, InboundMessageInput } from "../../core/message.ts";
import { transcriptNotice } from "../common/voice.ts";

/** The fields both platforms send in a message or event push; others (PicUrl, Location_X …) are ignored. */
export const PushSchema = z.object({
  ToUserName: z.string().min(1, "缺少 ToUserName").max(200),
  FromUserName: z.string({ error: "缺少 FromUserName（发送者）" }).min(1, "缺少 FromUserName（发送者）").max(200),
  CreateTime: z.string({ error: "缺少 CreateTime" }).regex(/^\d{1,12}$/, "CreateTime 应为秒数"),
  MsgType: z.string({ error: "缺少 MsgType" }).min(1, "缺少 MsgType").max(40),
  Content: z.string().max(20_000).optional(),
  /** A 64-bit integer, kept as a string: as a number it would lose its last digits. */
  MsgId: z
    .string()
    .regex(/^\d{1,24}$/, "MsgId 应为数字")
    .optional(),
  Event: z.string().max(60).optional(),
  EventKey: z.string().max(1000).optional(),
  MediaId: z.string().max(300).optional(),
  Format: z.string().max(20).optional(),
  /** The Official Account's own speech recognition (when 接收语音识别结果 is switched on). */
  Recognition: z.string().max(2000).optional(),
  AgentID: z.string().max(20).optional(),
});
export type Push = z.infer<typeof PushSchema>;

/** A menu button's key: "ask:" and the question it asks (see data/wechat-menu.yaml). */
export const MENU_KEY_PREFIX = "ask:";

export type Conversion =
  | { type: "message"; key: string; userId: string; inbound: InboundMessageInput; voice?: { mediaId: string; format: string }; preface: string[] }
  | { type: "skip"; reason: string };

/** Said before the help text when someone follows the account. */
export const WELCOME = "欢迎关注乡亲助手！";

export function convertPush(channel: ChannelName, push: Push): Conversion {
  const userId = push.FromUserName;
  const base = { channel, userId, chatId: userId, chatType: "private", mentioned: true } as const;
  // Events carry no MsgId: WeChat's docs advise FromUserName + CreateTime to spot its retries.
  const key = push.MsgId ?? `${push.MsgType}:${push.Event ?? ""}:${push.EventKey ?? ""}:${userId}:${push.CreateTime}`;
  const message = (
    fields: Pick<InboundMessageInput, "kind" | "text"> & { payload?: string },
    extra: Partial<Extract<Conversion, { type: "message" }>> = {},
  ): Conversion => ({
    type: "message",
    key,
    userId,
    inbound: { ...base, messageId: key.slice(0, 200), ...fields },
    preface: [],
    ...extra,
  });
  switch (push.MsgType) {
    case "text":
      return message({ kind: "text", text: push.Content ?? "" });
    case "voice": {
      const recognised = push.Recognition?.trim();
      if (recognised) return message({ kind: "text", text: recognised }, { preface: [transcriptNotice(recognised)] });
      return message({ kind: "voice", text: "" }, push.MediaId ? { voice: { mediaId: push.MediaId, format: push.Format ?? "amr" } } : {});
    }
    case "image":
      return message({ kind: "image", text: "" });
    case "video":
    case "shortvideo":
    case "file":
      return message({ kind: "file", text: "" });
    case "location":
    case "link":
      return message({ kind: "other", text: "" });
    case "event":
      return convertEvent(push, message);
  }
  return { type: "skip", reason: `message type ${push.MsgType}` };
}

function convertEvent(
  push: Push,
  message: (fields: Pick<InboundMessageInput, "kind" | "text"> & { payload?: string }, extra?: Partial<Extract<Conversion, { type: "message" }>>) => Conversion,
): Conversion {
  const event = (push.Event ?? "").toLowerCase();
  // A follow is answered with what the assistant can do: the core's own help text, after a welcome.
  if (event === "subscribe") return message({ kind: "text", text: "帮助" }, { preface: [WELCOME] });
  if (event === "click") {
    const key = push.EventKey ?? "";
    if (key.startsWith(MENU_KEY_PREFIX) && key.length > MENU_KEY_PREFIX.length) return message({ kind: "text", text: key.slice(MENU_KEY_PREFIX.length) });
    return { type: "skip", reason: `menu key not understood: ${key.slice(0, 60)}` };
  }
  return { type: "skip", reason: `event ${event || "without a name"}` };
}

/** The first problem in a push, in Chinese, for the 400 answer. */
export function describePushProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "消息"}：${issue.message}` : "消息字段不对";
}
