// Dashboard pages for accounts: one's own password, an admin's list (create, revoke, reset, invite codes), and the
// sign-up page where an invite code becomes a login. Every form that changes something carries the session's CSRF token.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import type { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import {
  changeOwnPassword,
  createAccount,
  DisplayNameSchema,
  NewAccountSchema,
  NewPasswordSchema,
  resetPassword,
  revokeStaffAccount,
  UsernameSchema,
} from "../../staff/accounts.ts";
import { issueInvite, redeemInviteForAccount } from "../../staff/invites.ts";
import { ROLE_LABEL } from "../../staff/roles.ts";
import { csrfTokenOf, type StaffIdentity } from "./auth.ts";
import { csrfField, crossSiteFormPost, flashFromQuery, flashMessage, page } from "./layout.ts";
import type { Html } from "./html.ts";
import type { LoginService } from "./login.ts";

export interface DashboardGuards {
  who(c: Context): Promise<StaffIdentity | undefined>;
  authorizedForm(c: Context): Promise<{ staff: StaffIdentity; form: Record<string, unknown> } | undefined>;
  refused(c: Context): Response | Promise<Response>;
}

const text = (form: Record<string, unknown>, key: string) => (typeof form[key] === "string" ? (form[key] as string) : "");

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "填写有误";
}

function joinPage(error?: string, values: { code?: string; username?: string; displayName?: string } = {}): Html {
  return page(
    "开通账号 · 乡亲助手管理后台",
    html`<section style="max-width:420px;margin:40px auto">${error ? flashMessage("error", error) : ""}<h2>用邀请码开通账号</h2><form method="post" action="/admin/join" class="filters join-form">
<label>邀请码<input name="code" required maxlength="40" value="${values.code ?? ""}" placeholder="ABCDE-23456"></label>
<label>用户名（登录用）<input name="username" autocomplete="username" required maxlength="32" value="${values.username ?? ""}"></label>
<label>姓名（显示在记录里）<input name="displayName" maxlength="40" value="${values.displayName ?? ""}"></label>
<label>密码（至少 8 个字符）<input type="password" name="password" autocomplete="new-password" required minlength="8" maxlength="200"></label>
<button type="submit">开通</button></form><p><a href="/admin">已有账号？去登录</a></p></section>`,
  );
}

export function createAccountPages(ctx: AppContext, login: LoginService, guards: DashboardGuards): Hono {
  const app = new Hono();
  const back = (c: Context, key: "done" | "error", message: string) => c.redirect(`/admin/account?${key}=${encodeURIComponent(message)}`, 303);

  const accountPage = async (c: Context, staff: StaffIdentity, extra: Html | "" = "") => {
    const csrf = csrfTokenOf(c);
    const own = staff.account
      ? html`<section id="own-account"><h2>我的账号</h2><p>用户名：<b>${staff.account.username}</b> · 姓名：${staff.account.displayName || "未填"} · 身份：${ROLE_LABEL[staff.role]}</p>
<form method="post" action="/admin/account/password" class="filters password-form">${csrfField(csrf)}<label>原密码<input type="password" name="oldPassword" autocomplete="current-password" required maxlength="200"></label><label>新密码（至少 8 个字符）<input type="password" name="newPassword" autocomplete="new-password" required minlength="8" maxlength="200"></label><button type="submit">改密码</button></form></section>`
      : "";
    if (staff.role !== "admin") return c.html(page("账号 · 乡亲助手管理后台", html`${flashFromQuery(c)}${extra}${own}`, staff, csrf));
    const rows = (await ctx.services.store.staff.listAccounts()).map((a) => {
      const actions = a.revokedAt
        ? `已停用（${a.revokedAt.slice(0, 10)}）`
        : html`<form method="post" action="/admin/accounts/${encodeURIComponent(a.username)}/revoke" class="revoke-form">${csrfField(csrf)}<button class="secondary" type="submit">停用</button></form>
<form method="post" action="/admin/accounts/${encodeURIComponent(a.username)}/password" class="filters reset-form">${csrfField(csrf)}<input type="password" name="newPassword" autocomplete="new-password" minlength="8" maxlength="200" required placeholder="新密码"><button class="secondary" type="submit">重设密码</button></form>`;
      return html`<tr id="account-${a.username}"><td>${a.username}</td><td>${a.displayName}</td><td>${ROLE_LABEL[a.role]}</td><td>${a.createdBy}</td><td>${actions}</td></tr>`;
    });
    const roleSelect = html`<select name="role"><option value="cadre">村镇干部</option><option value="admin">管理员</option></select>`;
    const admin = html`<section id="accounts"><h2>工作人员账号</h2><div class="table"><table><thead><tr><th>用户名</th><th>姓名</th><th>身份</th><th>创建人</th><th>操作</th></tr></thead><tbody>${rows}</tbody></table></div></section>
<section><h2>新建账号</h2><form method="post" action="/admin/accounts" class="filters create-account-form">${csrfField(csrf)}<label>用户名<input name="username" required maxlength="32"></label><label>姓名<input name="displayName" maxlength="40"></label><label>初始密码<input type="password" name="password" autocomplete="new-password" required minlength="8" maxlength="200"></label><label>身份${roleSelect}</label><button type="submit">创建</button></form></section>
<section><h2>生成邀请码</h2><p>把邀请码交给本人：在聊天里发“邀请码 XXXXX-XXXXX”登记身份，或打开 /admin/join 开通自己的后台账号。</p><form method="post" action="/admin/invites" class="filters invite-form">${csrfField(csrf)}<label>身份${roleSelect}</label><button type="submit">生成</button></form></section>`;
    return c.html(page("账号 · 乡亲助手管理后台", html`${flashFromQuery(c)}${extra}${own}${admin}`, staff, csrf));
  };

  app.get("/account", async (c) => {
    const staff = await guards.who(c);
    if (!staff) return c.redirect("/admin", 303);
    return accountPage(c, staff);
  });

  app.post("/account/password", async (c) => {
    const authorized = await guards.authorizedForm(c);
    if (!authorized) return guards.refused(c);
    const { staff, form } = authorized;
    if (!staff.account) return back(c, "error", "用令牌登录时没有密码可改");
    const newPassword = NewPasswordSchema.safeParse(text(form, "newPassword"));
    if (!newPassword.success) return back(c, "error", firstIssue(newPassword.error));
    const changed = await changeOwnPassword(
      ctx.services,
      staff.account.id,
      { oldPassword: text(form, "oldPassword"), newPassword: newPassword.data },
      login.client(c),
      staff.sessionHash,
    );
    return changed.ok ? back(c, "done", "密码已修改，其他设备上的登录已退出") : back(c, "error", changed.message);
  });

  const adminForm = async (c: Context) => {
    const authorized = await guards.authorizedForm(c);
    if (!authorized) return { response: await guards.refused(c) };
    if (authorized.staff.role !== "admin") return { response: back(c, "error", "这项操作需要管理员权限") };
    return authorized;
  };

  app.post("/accounts", async (c) => {
    const authorized = await adminForm(c);
    if ("response" in authorized) return authorized.response;
    const { staff, form } = authorized;
    const input = NewAccountSchema.safeParse({
      username: text(form, "username"),
      displayName: text(form, "displayName"),
      password: text(form, "password"),
      role: text(form, "role") || "cadre",
    });
    if (!input.success) return back(c, "error", firstIssue(input.error));
    const created = await createAccount(ctx.services, input.data, staff);
    return created.ok ? back(c, "done", `已创建账号 ${created.account.username}（${ROLE_LABEL[created.account.role]}）`) : back(c, "error", created.message);
  });

  app.post("/accounts/:username/revoke", async (c) => {
    const authorized = await adminForm(c);
    if ("response" in authorized) return authorized.response;
    const revoked = await revokeStaffAccount(ctx.services, c.req.param("username"), authorized.staff);
    return revoked.ok ? back(c, "done", `已停用账号 ${revoked.account.username}，它的登录立即失效`) : back(c, "error", revoked.message);
  });

  app.post("/accounts/:username/password", async (c) => {
    const authorized = await adminForm(c);
    if ("response" in authorized) return authorized.response;
    const newPassword = NewPasswordSchema.safeParse(text(authorized.form, "newPassword"));
    if (!newPassword.success) return back(c, "error", firstIssue(newPassword.error));
    const reset = await resetPassword(ctx.services, c.req.param("username"), newPassword.data, authorized.staff);
    return reset.ok ? back(c, "done", `已重设 ${reset.account.username} 的密码，请当面告诉本人`) : back(c, "error", reset.message);
  });

  app.post("/invites", async (c) => {
    const authorized = await adminForm(c);
    if ("response" in authorized) return authorized.response;
    const role = text(authorized.form, "role") === "admin" ? "admin" : "cadre";
    const { code, expiresAt } = await issueInvite(ctx.services, role, authorized.staff.id);
    // Shown on this page only (never put in a URL, where it would stay in the browser's history).
    const shown = html`<div class="flash ok" role="status">邀请码：<b id="invite-code">${code}</b>（${ROLE_LABEL[role]}，有效期至 ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC，只能用一次）</div>`;
    return accountPage(c, authorized.staff, shown);
  });

  app.get("/join", (c) => c.html(joinPage()));

  app.post("/join", async (c) => {
    if (crossSiteFormPost(c)) return c.html(joinPage("请从本站页面开通账号"), 403);
    const form = await c.req.parseBody();
    const values = { code: text(form, "code").trim(), username: text(form, "username"), displayName: text(form, "displayName") };
    const username = UsernameSchema.safeParse(values.username);
    if (!username.success) return c.html(joinPage(firstIssue(username.error), values), 400);
    const displayName = DisplayNameSchema.safeParse(values.displayName);
    if (!displayName.success) return c.html(joinPage(firstIssue(displayName.error), values), 400);
    const password = NewPasswordSchema.safeParse(text(form, "password"));
    if (!password.success) return c.html(joinPage(firstIssue(password.error), values), 400);
    if (!values.code || values.code.length > 40) return c.html(joinPage("请填写邀请码", values), 400);
    const result = await redeemInviteForAccount(
      ctx.services,
      values.code,
      { username: username.data, displayName: displayName.data, password: password.data },
      login.client(c),
    );
    if (!result.ok) return c.html(joinPage(result.text, values), result.reason === "username_taken" ? 409 : 403);
    const signedIn = await login.login(c, result.account.username, password.data);
    if (!signedIn.ok) return c.html(page("已开通", html`<section><p>账号已开通，请<a href="/admin">登录</a>。</p></section>`));
    return c.redirect("/admin", 303);
  });

  return app;
}
