// The core's message and reply types: every channel converts to and from these.
import { z } from "zod";

export const ChannelNameSchema = z.enum(["web", "cli", "telegram", "wechat", "wechat-oa", "wecom"]);
export type ChannelName = z.infer<typeof ChannelNameSchema>;

export const InboundMessageSchema = z.object({
  channel: ChannelNameSchema,
  userId: z.string().min(1).max(200),
  chatId: z.string().min(1).max(200),
  chatType: z.enum(["private", "group"]).default("private"),
  /** In a group: whether the bot was addressed (mentioned, replied to, or commanded). */
  mentioned: z.boolean().default(true),
  replyTo: z.string().optional(),
  /** The platform's own id, used to drop duplicate deliveries. */
  messageId: z.string().max(200).optional(),
  kind: z.enum(["text", "voice", "image", "file", "other"]).default("text"),
  text: z.string(),
  /** Set when the user tapped a quick-reply button instead of typing. */
  payload: z.string().max(500).optional(),
  displayName: z.string().max(200).optional(),
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;
export type InboundMessageInput = z.input<typeof InboundMessageSchema>;

export const CitationSchema = z.object({ id: z.string(), title: z.string(), source: z.string() });
export const QuickReplySchema = z.object({ label: z.string(), payload: z.string() });

export const ReplySchema = z.object({
  text: z.string(),
  citations: z.array(CitationSchema).default([]),
  quickReplies: z.array(QuickReplySchema).default([]),
});
export type Reply = z.infer<typeof ReplySchema>;
export type Citation = z.infer<typeof CitationSchema>;
export type QuickReply = z.infer<typeof QuickReplySchema>;

export function conversationKey(message: Pick<InboundMessage, "channel" | "userId">): string {
  return `${message.channel}:${message.userId}`;
}

export function reply(text: string, extra: Partial<Omit<Reply, "text">> = {}): Reply {
  return { text, citations: extra.citations ?? [], quickReplies: extra.quickReplies ?? [] };
}
