// Checks every callback from WeChat or WeCom before anything is handled: fields, freshness, signature.
import type { Logger } from "../../core/logger.ts";
import { z } from "zod";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../../core/errors.ts";
import { SignatureError } from "./crypto.ts";

/** Pushes are a few hundred bytes; 64 KB leaves room for any event and refuses floods early. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

/**
 * A signed request older (or newer) than this is refused as a replay. WeChat retries within ~15 s; five
 * minutes allows for clock drift, and the message-id dedupe catches a replay inside the window.
 */
export const FRESHNESS_WINDOW_MS = 5 * 60_000;

const signature = z
  .string()
  .regex(/^[0-9a-fA-F]{40}$/, "签名应为 40 位十六进制")
  .optional();
export const CallbackQuerySchema = z.object({
  signature,
  msg_signature: signature,
  timestamp: z.string({ error: "缺少 timestamp" }).regex(/^\d{1,12}$/, "timestamp 应为秒数"),
  nonce: z.string({ error: "缺少 nonce" }).min(1, "缺少 nonce").max(64),
  echostr: z.string().min(1).max(4096).optional(),
  encrypt_type: z.string().max(10).optional(),
  openid: z.string().max(200).optional(),
});
export type CallbackQuery = z.infer<typeof CallbackQuerySchema>;

/** The request is refused before anything is handled; `message` is Chinese, for whoever set the account up. */
export class CallbackRefused extends AppError {
  constructor(status: 400 | 403 | 413 | 503, code: string, message: string) {
    super(code, message, { status });
  }
}

export function readQuery(c: Context): CallbackQuery {
  const parsed = CallbackQuerySchema.safeParse(c.req.query());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CallbackRefused(400, "BAD_QUERY", `请求参数不对：${issue?.path.join(".")} ${issue?.message ?? ""}`.trim());
  }
  return parsed.data;
}

export function checkFresh(timestamp: string, nowMs: number): void {
  if (Math.abs(nowMs - Number(timestamp) * 1000) > FRESHNESS_WINDOW_MS) {
    throw new CallbackRefused(403, "STALE_TIMESTAMP", "时间戳与服务器时间相差超过 5 分钟：可能是重放的旧请求，或服务器时钟不准");
  }
}

export function callbackBodyLimit() {
  return bodyLimit({ maxSize: MAX_CALLBACK_BYTES, onError: (c) => c.text(`请求体超过 ${MAX_CALLBACK_BYTES / 1024} KB`, 413) });
}

/** The status and text for a refused callback, and whether it is worth a warning in the log. */
export function refusalResponse(c: Context, error: unknown): Response | undefined {
  // Plain text, not the JSON API's body: the caller is WeChat's server, which logs the text as it is.
  if (!(error instanceof AppError) || !error.expose) return undefined;
  return c.text(error instanceof SignatureError ? `签名校验失败：${error.message}` : error.message, error.status as ContentfulStatusCode);
}

/**
 * Runs a callback handler; a refusal (bad signature, stale timestamp, broken XML) becomes its status and
 * a warning naming the channel, anything else propagates to the app's error handler.
 */
export function refusalGuard(logger: Pick<Logger, "warn">, channel: string) {
  return async (c: Context, handle: () => Promise<Response>): Promise<Response> => {
    try {
      return await handle();
    } catch (error) {
      const refused = refusalResponse(c, error);
      if (!refused) throw error;
      logger.warn(`${channel} request refused`, { path: c.req.path, status: refused.status, reason: (error as Error).message });
      return refused;
    }
  };
}
