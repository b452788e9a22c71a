// The dashboard's page frame (header, navigation, styles), its login page, and the form helpers shared by its pages.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { StaffIdentity } from "./auth.ts";
import type { Html } from "./html.ts";

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;background:#f4f6f4;color:#1d2b24;font-size:15px}
header{background:#2f7d5b;color:#fff;padding:10px 14px;display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
header h1{font-size:18px;margin:0}header form{margin:0}main{max-width:1100px;margin:0 auto;padding:12px}
section{background:#fff;border-radius:8px;padding:12px;margin-bottom:12px;box-shadow:0 1px 2px #0001}h2{font-size:16px;margin:0 0 8px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}.totals{display:flex;gap:16px;flex-wrap:wrap}
.totals div{background:#eef5f1;border-radius:6px;padding:8px 12px}.totals b{font-size:22px;display:block}
.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:4px}.chart svg text{font-size:12px;fill:#1d2b24}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e8e5;padding:6px;text-align:left;vertical-align:top}
td.text{max-width:360px;white-space:pre-wrap;word-break:break-all}.filters{display:flex;flex-wrap:wrap;gap:6px;align-items:end}
label{display:flex;flex-direction:column;font-size:13px;gap:2px}input,select,textarea,button{font:inherit;padding:6px;border:1px solid #b9c6bf;border-radius:6px}
button{background:#2f7d5b;color:#fff;border:none;cursor:pointer}button.secondary{background:#fff;color:#2f7d5b;border:1px solid #2f7d5b}
.flash{padding:8px 12px;border-radius:6px;margin-bottom:12px}.flash.ok{background:#e1f3e8}.flash.error{background:#fde8e6}
.empty{color:#6b7a72}.age-old{color:#b3261e;font-weight:600}a{color:#23628f}
`;

/** The hidden field every dashboard form that changes something carries (see csrfTokenFor). */
export function csrfField(csrf: string | undefined): Html | "" {
  return csrf ? html`<input type="hidden" name="_csrf" value="${csrf}">` : "";
}

/** A flash message: "done" as a status, "error" as an alert. */
export function flashMessage(kind: "done" | "error", message: string): Html {
  return kind === "done" ? html`<div class="flash ok" role="status">${message}</div>` : html`<div class="flash error" role="alert">${message}</div>`;
}

/** The flash a redirect asked for in its query (?done=… or ?error=…), if any. */
export function flashFromQuery(c: Context): Html | "" {
  const done = c.req.query("done");
  const error = c.req.query("error");
  return done ? flashMessage("done", done) : error ? flashMessage("error", error) : "";
}

export function page(title: string, body: Html, staff?: StaffIdentity, csrf?: string): Html {
  const name = staff?.account ? `${staff.account.displayName || staff.account.username}（${staff.role === "admin" ? "管理员" : "村镇干部"}）` : "";
  const nav = staff
    ? html`<nav><span id="whoami">${name}</span> <a href="/admin">总览</a> <a href="/admin/account" id="account-link">账号</a> <form method="post" action="/admin/logout" style="display:inline">${csrfField(csrf)}<button class="secondary" type="submit">退出登录</button></form></nav>`
    : "";
  // STYLE is ours and constant; escaped, its quotes would break the CSS.
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head><body><header><h1>乡亲助手 · 管理后台</h1>${nav}</header><main>${body}</main></body></html>`;
}

export function loginPage(error?: string, username = ""): Html {
  return page(
    "登录 · 乡亲助手管理后台",
    html`<section style="max-width:380px;margin:40px auto">${error ? flashMessage("error", error) : ""}<h2>工作人员登录</h2><form method="post" action="/admin/login" class="filters login-form"><label>用户名<input name="username" autocomplete="username" required maxlength="64" value="${username}"></label><label>密码<input type="password" name="password" autocomplete="current-password" required maxlength="200"></label><button type="submit">登录</button></form><p><a href="/admin/join" id="join-link">有邀请码？开通自己的账号</a></p></section>`,
  );
}

/**
 * A login form post is refused only when the browser itself says it came from another site. Browsers omit
 * Sec-Fetch-Site on plain-http LAN addresses and send "Origin: null" under no-referrer, so neither header can be
 * required; the sessions' own CSRF tokens protect everything done after login.
 */
export function crossSiteFormPost(c: Context): boolean {
  const site = c.req.header("sec-fetch-site");
  return site !== undefined && site !== "same-origin" && site !== "none";
}
