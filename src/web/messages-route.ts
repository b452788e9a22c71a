// POST /api/messages: the stable chat contract that the web page, scripts and outside checks use.
import { Hono } from "hono";
import { z } from "zod";
import type { Assistant } from "../core/assistant.ts";
import type { ChatAccess } from "./chat-access.ts";
import { jsonBody } from "./errors.ts";

export const MessageRequestSchema = z.object({
  channel: z.literal("web", { error: '只支持 "web"（其他渠道通过各自的机器人接入）' }).default("web"),
  // Names the user only with `Authorization: Bearer $CHAT_API_TOKEN`; otherwise ignored (the cookie says who).
  userId: z.unknown().optional(),
  text: z.string({ error: "需要字符串" }).refine((t) => t.trim().length > 0, "不能为空，请输入要问的话"),
  /** A quick-reply button's payload, sent instead of typed text. */
  payload: z.string().max(500).optional(),
});
export type MessageRequest = z.infer<typeof MessageRequestSchema>;

export function messagesRoute(assistant: Assistant, access: ChatAccess) {
  const app = new Hono();
  app.post("/", jsonBody(MessageRequestSchema), async (c) => {
    const { text, payload, userId } = c.req.valid("json");
    const caller = access.caller(c, userId);
    const refused = await access.admit(c, caller);
    if (refused) return refused;
    const result = await assistant.handle({
      channel: "web",
      userId: caller.userId,
      chatId: caller.userId,
      chatType: "private",
      mentioned: true,
      kind: "text",
      text,
      ...(payload ? { payload } : {}),
    });
    access.remember(c, caller);
    return c.json({
      intent: result.intent,
      confidence: Number(result.confidence.toFixed(3)),
      replies: result.replies.map((r) => ({ text: r.text, citations: r.citations, quickReplies: r.quickReplies })),
    });
  });
  return app;
}
