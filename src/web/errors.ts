// The HTTP API's one error body, {error: {code, message, field?}} with Chinese messages, and the pieces that produce
// it: routes throw AppError (the validators below throw it for bad input) and the app's one onError answers it.
import { zValidator } from "@hono/zod-validator";
import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { AppError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string) {
  const body: ApiErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
  return c.json(body, status);
}

/** A request refused with this status and code (a 4xx, or 503): the message is shown to the caller. */
export function refusal(status: number, code: string, message: string, field?: string): AppError {
  return new AppError(code, message, { status, ...(field ? { field } : {}) });
}

/** A 400 phrased "字段 title：…" so the caller knows which field to fix. */
export function invalidField(field: string, problem: string): AppError {
  return refusal(400, "INVALID_FIELD", `字段 ${field}：${problem}`, field);
}

/** The first zod issue as an INVALID_FIELD error ("(body)" when the body as a whole is wrong, e.g. not an object). */
export function zodFieldError(error: z.core.$ZodError): AppError {
  const issue = error.issues[0];
  return invalidField(issue?.path.length ? issue.path.join(".") : "(body)", issue?.message ?? "格式不对");
}

/** The app's onError: an AppError meant for the caller is answered as it says; anything else is logged and hidden. */
export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof AppError && error.expose) return apiError(c, error.status as ContentfulStatusCode, error.code, error.message, error.field);
    logger.error("http request failed", { error, path: c.req.path });
    return apiError(c, 500, "INTERNAL", "服务器出错了，请稍后再试");
  };
}

const refuseInvalid = (result: { success: true } | { success: false; error: z.core.$ZodError }) => {
  if (!result.success) throw zodFieldError(result.error);
};

/**
 * Validates the JSON body against `schema` (c.req.valid("json") in the handler). The body is read and parsed once
 * here: hono's validator answers an empty body and broken JSON alike (callers are told which of the two it was),
 * and would parse the text a second time. Content-Type is checked before this, by the /api guards; a body sent
 * as another type is validated as `{}`, as hono's validator does.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
  // Built only for its type: the handler's c.req.valid("json") is typed by it.
  const typed = zValidator("json", schema, refuseInvalid);
  const validate: MiddlewareHandler = async (c, next) => {
    const raw = await c.req.text();
    if (!raw.trim()) throw new AppError("EMPTY_BODY", '请求体为空：需要 JSON，例如 {"userId":"u1","text":"你好"}', { status: 400 });
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new AppError("INVALID_JSON", "请求体不是合法的 JSON", { status: 400 });
    }
    const result = await schema.safeParseAsync(isJsonMediaType(c.req.header("content-type")) ? parsed : {});
    refuseInvalid(result);
    c.req.addValidatedData("json", result.data as object);
    await next();
  };
  return validate as typeof typed;
}

const isJsonMediaType = (contentType: string | undefined) => /^application\/([\w.-]+\+)?json$/i.test(contentType?.split(";")[0]?.trim() ?? "");

/** Validates the query string against `schema` (c.req.valid("query") in the handler). */
export function queryParams<S extends z.ZodType>(schema: S) {
  return zValidator("query", schema, refuseInvalid);
}
