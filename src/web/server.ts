// The HTTP app: chat API, health check and the web chat page; routes from other modules mount here.
import { readFileSync } from "node:fs";
import type { ServerOptions } from "node:http";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Assistant } from "../core/assistant.ts";
import type { Logger } from "../core/logger.ts";
import type { Notifier } from "../core/notifier.ts";
import type { Config } from "../config/index.ts";
import { ChatAccess } from "./chat-access.ts";
import { apiError, errorHandler } from "./errors.ts";
import { messagesRoute } from "./messages-route.ts";

export const MAX_BODY_BYTES = 16 * 1024;
const page = (name: string) => readFileSync(new URL(`./pages/${name}`, import.meta.url), "utf8");
const CHAT_PAGE = page("chat.html");
const CHAT_SCRIPT = page("chat.js");

export interface HttpAppOptions {
  assistant: Assistant;
  logger: Logger;
  notifier: Notifier;
  /** Milliseconds now for the rate limits (tests); Date.now by default. */
  now?: () => number;
  /** False while the app starts or stops: /readyz then tells a load balancer to send traffic elsewhere. */
  accepting?: () => boolean;
}

/** A database that answers slower than this counts as down for /healthz and /readyz. */
const DATABASE_CHECK_MS = 2_000;

/**
 * Node's limits for a slow client: the whole request within HTTP_REQUEST_TIMEOUT_MS, headers sooner, checked
 * every 2 s (Node's default check runs every 30 s, which would let a slow body hold a connection for up to a minute).
 */
export function httpServerOptions(config: Pick<Config, "HTTP_REQUEST_TIMEOUT_MS">): ServerOptions {
  const requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  return {
    requestTimeout,
    headersTimeout: Math.min(10_000, requestTimeout),
    connectionsCheckingInterval: Math.min(2_000, Math.max(250, Math.floor(requestTimeout / 4))),
  };
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const isJson = (contentType: string | undefined) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType?.trim() ?? "");
const isStaffPath = (path: string) => path === "/api/staff" || path.startsWith("/api/staff/");

export function createHttpApp(options: HttpAppOptions): Hono {
  const { config, store, clock } = options.assistant.services;
  const access = new ChatAccess(config, store, options.logger, clock, options.now);
  const app = new Hono();
  // Scripts only from this site (the chat page's script is a file, not inline); inline styles stay allowed.
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const tooLarge = (c: Context) => apiError(c, 413, "BODY_TOO_LARGE", `请求体超过 ${MAX_BODY_BYTES / 1024} KB`);
  const countedLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // The chat's cookie-signing key comes from the database; nothing is served before it is known.
  app.use("*", async (_c, next) => {
    await access.ready;
    await next();
  });
  app.use("/api/*", async (c, next) => {
    // A declared length is checked from the header alone. hono's bodyLimit would first build the web Request with a
    // stream body (a third of the HTTP layer's cost per message); Node's parser never reads more than the declared
    // length, so the header is the size. Chunked bodies are still counted as they arrive.
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined && /^\d+$/.test(length.trim()))
      return Number(length) > MAX_BODY_BYTES ? tooLarge(c) : next();
    return await countedLimit(c, next);
  });
  // JSON routes take JSON only: a form or text/plain post (which other sites can send without asking) is refused.
  // The staff API checks its own requests.
  app.use("/api/*", async (c, next) => {
    if (isStaffPath(c.req.path) || !BODY_METHODS.has(c.req.method) || isJson(c.req.header("content-type"))) return next();
    return apiError(c, 415, "UNSUPPORTED_MEDIA_TYPE", "请求体要用 JSON 格式：请求头写 Content-Type: application/json");
  });
  // /healthz: is this process alive, and can it reach its database? /readyz: should it be sent traffic now?
  const databaseAnswers = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS);
    });
    try {
      return await Promise.race([store.sql.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  app.get("/healthz", async (c) => {
    const database = (await databaseAnswers()) ? "ok" : "unreachable";
    return c.json({ ok: database === "ok", database, engine: store.sql.engine }, database === "ok" ? 200 : 503);
  });
  app.get("/readyz", async (c) => {
    const database = await databaseAnswers();
    const accepting = options.accepting?.() ?? true;
    const ready = database && accepting;
    const reasons = [...(database ? [] : ["database unreachable"]), ...(accepting ? [] : ["starting or stopping"])];
    return c.json({ ready, reasons }, ready ? 200 : 503);
  });
  app.route("/api/messages", messagesRoute(options.assistant, access));
  app.get("/api/notifications", async (c) => {
    // Only the caller's own notices (collecting marks them delivered); nobody known: nothing, not an error.
    const userId = access.reader(c, c.req.query("userId"));
    if (!userId) return c.json({ notifications: [] });
    const notifications = (await options.notifier.collect("web", userId)).map((n) => ({
      id: n.id,
      text: n.text,
      quickReplies: n.quickReplies,
      createdAt: n.createdAt,
    }));
    return c.json({ notifications });
  });
  app.get("/", (c) => c.html(CHAT_PAGE));
  app.get("/chat.js", (c) => c.body(CHAT_SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }));
  app.notFound((c) => apiError(c, 404, "NOT_FOUND", `没有这个地址：${c.req.method} ${c.req.path}`));
  // The one place errors become responses, for the staff and consultation routes mounted later too.
  app.onError(errorHandler(options.logger));
  return app;
}
