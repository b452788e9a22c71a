// JSON error bodies for the HTTP API: {error: {code, message, field?}}, messages in Chinese.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string) {
  const body: ApiErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
  return c.json(body, status);
}

/** The first zod issue, phrased as "字段 text：…" so the caller knows which field to fix. */
export function describeZodError(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : "(body)";
  return { field, message: `字段 ${field}：${issue?.message ?? "格式不对"}` };
}

/** Reads a JSON body, answering 400 with a clear message when it isn't JSON. */
export async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const raw = await c.req.text();
  if (!raw.trim()) return { ok: false, response: apiError(c, 400, "EMPTY_BODY", "请求体为空：需要 JSON，例如 {\"userId\":\"u1\",\"text\":\"你好\"}") };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, response: apiError(c, 400, "INVALID_JSON", "请求体不是合法的 JSON") };
  }
}
