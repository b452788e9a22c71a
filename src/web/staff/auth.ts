// Staff authentication for the HTTP API and the dashboard: a bearer token for scripts or a login session cookie.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppContext } from "../../app-context.ts";
import { staffIdOf } from "../../staff/accounts.ts";
import { atLeast, ROLE_LABEL, type Role } from "../../staff/roles.ts";
import { apiError } from "../errors.ts";

export const SESSION_COOKIE = "xq_staff";

export interface StaffIdentity {
  /** "staff:<username>" for a person's login, "api-token" for scripts using STAFF_API_TOKEN: what the audit log names. */
  id: string;
  role: Role;
  /** Present for a person's login (absent for the API token). */
  account?: { id: number; username: string; displayName: string };
  /** Hash of the session cookie, when the caller came with one: lets a password change keep this session. */
  sessionHash?: string;
}

export interface StaffEnv {
  Variables: { staff: StaffIdentity };
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Compares fixed-length digests so neither the content nor the length of the token leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The CSRF token of a session: derived from the session cookie, which only our own pages and the holder of the
 * cookie know (the cookie is HttpOnly, and another origin can't read our pages). A page on another port of the
 * same host gets the cookie sent along but can't learn this value, whatever the browser says or omits in Origin.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`xiangqin-csrf\u0000${sessionToken}`).digest("base64url");
}

export function csrfMatches(given: string | undefined, sessionToken: string): boolean {
  return typeof given === "string" && given.length > 0 && tokenMatches(given, csrfTokenFor(sessionToken));
}

/** The CSRF token of the caller's session cookie, if they have one (for pages to embed, and for /me). */
export function csrfTokenOf(c: Context): string | undefined {
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? csrfTokenFor(cookie) : undefined;
}

/** Secure cookies when the request arrived over https (directly or through a proxy), unless configured otherwise. */
export function cookieShouldBeSecure(ctx: AppContext, c: Context): boolean {
  const setting = ctx.config.COOKIE_SECURE;
  if (setting !== "auto") return setting === "on";
  const forwarded = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https" || new URL(c.req.url).protocol === "https:";
}

/** Resolves who is calling, or explains why nobody is. */
export async function identify(
  ctx: AppContext,
  c: Context,
): Promise<{ ok: true; staff: StaffIdentity } | { ok: false; status: 401 | 503; code: string; message: string }> {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) return { ok: false, status: 401, code: "BAD_AUTH_HEADER", message: "Authorization 头格式应为：Bearer <STAFF_API_TOKEN>" };
    const token = ctx.config.STAFF_API_TOKEN;
    if (!token)
      return {
        ok: false,
        status: 503,
        code: "STAFF_API_OFF",
        message: "员工接口的令牌登录未开启：服务器没有设置 STAFF_API_TOKEN。请在环境变量中设置后重启，或在 /admin 用密码登录。",
      };
    if (!tokenMatches(match[1]!.trim(), token)) return { ok: false, status: 401, code: "BAD_TOKEN", message: "令牌不正确" };
    return { ok: true, staff: { id: "api-token", role: "admin" } };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    // Joined with the account on every call, from the database (never a copy in this process): a revoked account or a
    // changed role counts from the next request, and a session started on one instance is valid on the others.
    const session = await ctx.services.store.staff.findDashboardSession(sha256(cookie), ctx.services.clock().toISOString());
    if (session) {
      return {
        ok: true,
        staff: {
          id: staffIdOf(session.username),
          role: session.role,
          account: { id: session.accountId, username: session.username, displayName: session.displayName },
          sessionHash: sha256(cookie),
        },
      };
    }
    return { ok: false, status: 401, code: "SESSION_EXPIRED", message: "登录已过期或账号已停用，请重新登录 /admin" };
  }
  const how = ctx.config.STAFF_API_TOKEN
    ? "请带上 Authorization: Bearer <STAFF_API_TOKEN>，或在 /admin 登录"
    : "服务器没有设置 STAFF_API_TOKEN，令牌登录未开启；请在 /admin 用密码登录";
  return { ok: false, status: 401, code: "UNAUTHENTICATED", message: `需要登录：${how}` };
}

/** Middleware: lets the request through only for staff of at least `minimum` role; sets c.var.staff. */
export function staffAuth(ctx: AppContext, minimum: Role): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const who = await identify(ctx, c);
    if (!who.ok) {
      if (who.status === 503) return apiError(c, 503, who.code, who.message);
      c.header("WWW-Authenticate", 'Bearer realm="xiangqin-staff"');
      return apiError(c, 401, who.code, who.message);
    }
    if (!atLeast(who.staff.role, minimum)) {
      await ctx.services.store.audit.write({
        actor: who.staff.id,
        role: who.staff.role,
        action: `${c.req.method} ${c.req.path}`,
        outcome: "refused",
        detail: `需要${ROLE_LABEL[minimum]}权限`,
        createdAt: ctx.services.clock().toISOString(),
      });
      return apiError(c, 403, "FORBIDDEN", `这项操作需要${ROLE_LABEL[minimum]}权限`);
    }
    c.set("staff", who.staff);
    await next();
  };
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Routes a person calls before having a session; a stale cookie left in the browser must not block them.
const SESSIONLESS = new Set(["/api/staff/login", "/api/staff/accounts/redeem"]);

/** "application/json" or "application/json; charset=utf-8", nothing else (no text/plain, no +json tricks). */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/**
 * In front of every /api/staff route. State-changing requests must be JSON (415 otherwise): HTML forms can't
 * send that type, and a cross-origin fetch that does must pass a CORS preflight we never grant. A request riding
 * on the session cookie must also carry the session's X-CSRF-Token (403 otherwise) — the defence that holds even
 * when a browser sends "Origin: null" or nothing. Bearer-token scripts send no cookie and need no CSRF token.
 */
export function staffApiGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    if (!isJsonContentType(c.req.header("content-type"))) {
      return apiError(c, 415, "UNSUPPORTED_MEDIA_TYPE", "请求体必须是 JSON：请加请求头 Content-Type: application/json");
    }
    if (c.req.header("authorization") !== undefined) return next();
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie || SESSIONLESS.has(c.req.path)) return next();
    if (!csrfMatches(c.req.header("x-csrf-token"), cookie)) {
      return apiError(c, 403, "CSRF_TOKEN", "缺少或不正确的 X-CSRF-Token：用登录时返回的 csrfToken（也可从 GET /api/staff/me 取得）");
    }
    return next();
  };
}
