// Staff authentication for the HTTP API and the dashboard: a bearer token for scripts or a login session cookie.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppContext } from "../../app-context.ts";
import { atLeast, ROLE_LABEL, type Role } from "../../staff/roles.ts";
import { findDashboardSession, writeAudit } from "../../store/staff.ts";
import { apiError } from "../errors.ts";

export const SESSION_COOKIE = "xq_staff";

export interface StaffIdentity {
  /** "api:token" for scripts, "dashboard:admin" for a dashboard login. */
  id: string;
  role: Role;
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

/** Secure cookies when the request arrived over https (directly or through a proxy), unless configured otherwise. */
export function cookieShouldBeSecure(ctx: AppContext, c: Context): boolean {
  const setting = ctx.config.COOKIE_SECURE;
  if (setting !== "auto") return setting === "on";
  const forwarded = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https" || new URL(c.req.url).protocol === "https:";
}

/** Resolves who is calling, or explains why nobody is. */
export function identify(ctx: AppContext, c: Context): { ok: true; staff: StaffIdentity } | { ok: false; status: 401 | 503; code: string; message: string } {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) return { ok: false, status: 401, code: "BAD_AUTH_HEADER", message: "Authorization 头格式应为：Bearer <STAFF_API_TOKEN>" };
    const token = ctx.config.STAFF_API_TOKEN;
    if (!token) return { ok: false, status: 503, code: "STAFF_API_OFF", message: "员工接口的令牌登录未开启：服务器没有设置 STAFF_API_TOKEN。请在环境变量中设置后重启，或在 /admin 用密码登录。" };
    if (!tokenMatches(match[1]!.trim(), token)) return { ok: false, status: 401, code: "BAD_TOKEN", message: "令牌不正确" };
    return { ok: true, staff: { id: "api:token", role: "admin" } };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const session = findDashboardSession(ctx.services.store.db, sha256(cookie), ctx.services.clock().toISOString());
    if (session) return { ok: true, staff: { id: session.staffId, role: session.role } };
    return { ok: false, status: 401, code: "SESSION_EXPIRED", message: "登录已过期，请重新登录 /admin" };
  }
  const how = ctx.config.STAFF_API_TOKEN
    ? "请带上 Authorization: Bearer <STAFF_API_TOKEN>，或在 /admin 登录"
    : "服务器没有设置 STAFF_API_TOKEN，令牌登录未开启；请在 /admin 用密码登录";
  return { ok: false, status: 401, code: "UNAUTHENTICATED", message: `需要登录：${how}` };
}

/** Middleware: lets the request through only for staff of at least `minimum` role; sets c.var.staff. */
export function staffAuth(ctx: AppContext, minimum: Role): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const who = identify(ctx, c);
    if (!who.ok) {
      if (who.status === 503) return apiError(c, 503, who.code, who.message);
      c.header("WWW-Authenticate", 'Bearer realm="xiangqin-staff"');
      return apiError(c, 401, who.code, who.message);
    }
    if (!atLeast(who.staff.role, minimum)) {
      writeAudit(ctx.services.store.db, {
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
