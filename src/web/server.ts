// The HTTP app: chat API, health check and the web chat page; routes from other modules mount here.
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Assistant } from "../core/assistant.ts";
import type { Logger } from "../core/logger.ts";
import type { Notifier } from "../core/notifier.ts";
import { apiError } from "./errors.ts";
import { messagesRoute } from "./messages-route.ts";

export const MAX_BODY_BYTES = 16 * 1024;
const CHAT_PAGE = readFileSync(new URL("./pages/chat.html", import.meta.url), "utf8");

export interface HttpAppOptions {
  assistant: Assistant;
  logger: Logger;
  notifier: Notifier;
}

export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono();
  app.use("*", secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"] } }));
  app.use(
    "/api/*",
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => apiError(c, 413, "BODY_TOO_LARGE", `请求体超过 ${MAX_BODY_BYTES / 1024} KB`) }),
  );
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/api/messages", messagesRoute(options.assistant));
  app.get("/api/notifications", (c) => {
    const userId = c.req.query("userId")?.trim();
    if (!userId || userId.length > 200) return apiError(c, 400, "INVALID_FIELD", "字段 userId：需要 1–200 个字符", "userId");
    const notifications = options.notifier.collect("web", userId).map((n) => ({ id: n.id, text: n.text, quickReplies: n.quickReplies, createdAt: n.createdAt }));
    return c.json({ notifications });
  });
  app.get("/", (c) => c.html(CHAT_PAGE));
  app.notFound((c) => apiError(c, 404, "NOT_FOUND", `没有这个地址：${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    options.logger.error("http request failed", { error, path: c.req.path });
    return apiError(c, 500, "INTERNAL", "服务器出错了，请稍后再试");
  });
  return app;
}
