// Logging in and out, shared by the JSON API and the dashboard's forms: per-person accounts, throttled guessing,
// sessions stored as hashes and tied to their account.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppContext } from "../../app-context.ts";
import { authenticate, type StaffAccountRow } from "../../staff/accounts.ts";
import { parseTrustProxy, type TrustedProxies } from "../client-address.ts";
import { requestClient } from "./client-address.ts";
import { cookieShouldBeSecure, csrfTokenFor, newSessionToken, SESSION_COOKIE, sha256 } from "./auth.ts";

export type LoginOutcome = { ok: true; account: StaffAccountRow; csrfToken: string } | { ok: false; status: 401 | 429; code: string; message: string };

export class LoginService {
  private readonly proxies: TrustedProxies;

  constructor(private readonly ctx: AppContext) {
    this.proxies = parseTrustProxy(ctx.config.TRUST_PROXY);
  }

  /** The caller's address: the socket peer, or what a trusted proxy says it forwarded (see TRUST_PROXY). */
  client(c: Context): string | undefined {
    return requestClient(c, this.proxies);
  }

  /** Checks the password and, when right, starts a session (cookie set on `c`). */
  async login(c: Context, username: string, password: string): Promise<LoginOutcome> {
    const result = await authenticate(this.ctx.services, username, password, this.client(c));
    if (!result.ok) {
      if (result.reason === "locked") {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        c.header("Retry-After", String(seconds));
        return { ok: false, status: 429, code: "TOO_MANY_ATTEMPTS", message: `这个账号密码错误次数太多，请 ${waitText(seconds)}后再试` };
      }
      return { ok: false, status: 401, code: "BAD_PASSWORD", message: "用户名或密码不正确" };
    }
    const token = await this.startSession(c, result.account);
    return { ok: true, account: result.account, csrfToken: csrfTokenFor(token) };
  }

  private async startSession(c: Context, account: StaffAccountRow): Promise<string> {
    const { ctx } = this;
    const token = newSessionToken();
    const now = ctx.services.clock();
    await ctx.services.store.staff.deleteExpiredSessions(now.toISOString());
    const maxAge = Math.round(ctx.config.SESSION_TTL_HOURS * 3600);
    await ctx.services.store.staff.insertDashboardSession({
      tokenHash: sha256(token),
      accountId: account.id,
      staffId: `staff:${account.username}`,
      role: account.role,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + maxAge * 1000).toISOString(),
    });
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/", secure: cookieShouldBeSecure(ctx, c), maxAge });
    return token;
  }

  async logout(c: Context): Promise<void> {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await this.ctx.services.store.staff.deleteDashboardSession(sha256(token));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
  }
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  return `${Math.ceil(seconds / 60)} 分钟`;
}
