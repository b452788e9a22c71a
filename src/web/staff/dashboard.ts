// The /admin dashboard: server-rendered, escaped, mobile-friendly pages over the same data as the staff API.
import { Hono, type Context } from "hono";
import { getCookie } from "hono/cookie";
import { html } from "hono/html";
import type { AppContext } from "../../app-context.ts";
import { formatReceipt, parseReceipt } from "../../feedback/receipt.ts";
import { atLeast } from "../../staff/roles.ts";
import { FeedbackStateSchema, STATE_LABEL, type FeedbackState } from "../../feedback/states.ts";
import { csrfMatches, csrfTokenOf, identify, SESSION_COOKIE, type StaffIdentity } from "./auth.ts";
import { createAccountPages } from "./account-pages.ts";
import { barChart, columnChart, type Html } from "./html.ts";
import { crossSiteFormPost, csrfField, flashFromQuery, flashMessage, loginPage, page } from "./layout.ts";
import { renderSystemSection, systemStatus } from "./system.ts";
import { FeedbackQuerySchema, toFilter, type FeedbackQuery } from "./queries.ts";
import { presentHistory, presentReport, type PresentedReport } from "./present.ts";
import type { LoginService } from "./login.ts";

/** An <option>, selected when its value is the one chosen. */
function option(value: string, label: string, selected?: string): Html {
  return html`<option value="${value}"${value === (selected ?? "") ? html` selected` : ""}>${label}</option>`;
}

function stateForm(id: number, current: FeedbackState, csrf: string | undefined): Html {
  return html`<form method="post" action="/admin/feedback/${id}/state" class="filters state-form">${csrfField(csrf)}<label>新状态<select name="state">${FeedbackStateSchema.options.map((s) => option(s, STATE_LABEL[s], current))}</select></label><label>备注（必填）<input name="note" maxlength="500" required placeholder="做了什么 / 为什么"></label><button type="submit">改状态</button></form>`;
}

async function consultationsSection(ctx: AppContext, c: Context): Promise<Html | ""> {
  // Read through the staff API in-process, with the caller's own credentials: same auth, same JSON as scripts get.
  const headers: Record<string, string> = { cookie: c.req.header("cookie") ?? "" };
  const authorization = c.req.header("authorization");
  if (authorization) headers.authorization = authorization;
  try {
    const res = await ctx.http.request("/api/staff/consultations", { headers });
    if (!res.ok) return "";
    const { consultations } = (await res.json()) as {
      consultations: Array<{ id: number; number: string; title: string; status: string; respondents: number }>;
    };
    if (!consultations?.length) return html`<section id="consultations"><h2>征求意见</h2><p class="empty">还没有征求意见。</p></section>`;
    const parts: Html[] = [];
    for (const item of consultations.slice(0, 10)) {
      const r = await ctx.http.request(`/api/staff/consultations/${item.id}/results`, { headers });
      const results = r.ok
        ? (
            (await r.json()) as {
              results?: {
                options?: Array<{ label: string; count: number }>;
                support?: { share: number | null; base: string };
                advice?: string | null;
                decision?: { label: string; reason: string } | null;
              };
            }
          ).results
        : undefined;
      const bars = (results?.options ?? []).map((o) => ({ label: o.label, value: o.count }));
      const share = results?.support?.share;
      const supportText =
        share !== null && share !== undefined
          ? `支持率 ${(share * 100).toFixed(0)}%（按${results?.support?.base === "households" ? "户数" : "答复人数"}）`
          : "";
      const advice = results?.advice ? html`<p class="flash error">${results.advice}</p>` : "";
      const decision = results?.decision ? html`<p>决定：${results.decision.label}，理由：${results.decision.reason}</p>` : "";
      const title = `${item.number}征求意见：${item.title}（${item.respondents} 人答复，${item.status === "open" ? "进行中" : item.status === "decided" ? "已拍板" : "已截止"}）`;
      parts.push(
        html`<div class="consultation">${barChart(title, bars, { id: `consultation-${item.id}`, color: "#8a5a19" })}<p>${supportText}</p>${advice}${decision}</div>`,
      );
    }
    return html`<section id="consultations"><h2>征求意见结果</h2><div class="grid">${parts}</div></section>`;
  } catch {
    return "";
  }
}

function filterForm(query: FeedbackQuery, villages: string[], categories: string[]): Html {
  const periods: Array<[string, string]> = [
    ["", "全部时间"],
    ["today", "今天"],
    ["week", "本周"],
    ["last_week", "上周"],
    ["month", "本月"],
    ["last_month", "上个月"],
    ["quarter", "本季度"],
    ["year", "今年"],
  ];
  return html`<form method="get" action="/admin" class="filters" id="filters">
<label>时间<select name="period">${periods.map(([v, l]) => option(v, l, query.period))}</select></label>
<label>村<select name="village">${option("", "全部村", query.village)}${villages.map((v) => option(v, v, query.village))}</select></label>
<label>类别<select name="category">${option("", "全部类别", query.category)}${categories.map((v) => option(v, v, query.category))}</select></label>
<label>状态<select name="state">${option("", "全部状态", query.state)}${option("open", "未办结", query.state)}${option("closed", "已关闭", query.state)}${FeedbackStateSchema.options.map((s) => option(s, STATE_LABEL[s], query.state))}</select></label>
<button type="submit">筛选</button></form>`;
}

function exportQuery(query: FeedbackQuery): string {
  const params = new URLSearchParams();
  for (const key of ["period", "village", "category", "state", "from", "to"] as const) if (query[key]) params.set(key, String(query[key]));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Who filed a report, as staff see it. */
function reporterName(r: PresentedReport): string {
  return r.reporter ? (r.reporter.displayName ?? `${r.reporter.channel}:${r.reporter.userId}`) : "匿名";
}

export function createDashboard(ctx: AppContext, login: LoginService): Hono {
  const app = new Hono();
  const { reports, feedback } = ctx.features;
  const now = () => ctx.services.clock();

  const who = async (c: Context): Promise<StaffIdentity | undefined> => {
    const id = await identify(ctx, c);
    return id.ok && atLeast(id.staff.role, "cadre") ? id.staff : undefined;
  };
  const csrf = (c: Context) => csrfTokenOf(c);

  /** A form post from a logged-in person, with its session's CSRF token; otherwise undefined (refused). */
  const authorizedForm = async (c: Context): Promise<{ staff: StaffIdentity; form: Record<string, unknown> } | undefined> => {
    const staff = await who(c);
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!staff || !cookie) return undefined;
    const form = await c.req.parseBody();
    if (!csrfMatches(typeof form._csrf === "string" ? form._csrf : undefined, cookie)) return undefined;
    return { staff, form };
  };
  const refused = (c: Context) =>
    c.html(
      page(
        "请重新打开页面",
        html`<section><div class="flash error" role="alert">这个操作没有通过安全检查（页面过期或来自别的网站），没有执行。请回到管理后台重新操作。</div><p><a href="/admin">返回管理后台</a></p></section>`,
      ),
      403,
    );

  app.get("/", async (c) => {
    const staff = await who(c);
    if (!staff) return c.html(loginPage(), 200);
    const parsed = FeedbackQuerySchema.safeParse(c.req.query());
    const query: FeedbackQuery = parsed.success ? parsed.data : FeedbackQuerySchema.parse({});
    const filter = toFilter(query, now());
    const [summary, oldest, list] = await Promise.all([
      reports.summarize(filter, now()),
      reports.openByAge(filter, now(), 30),
      reports.list(filter, { limit: 100, offset: 0 }),
    ]);
    const unanswered = await ctx.services.store.unanswered.list({ open: true, limit: 30 });
    const snapshot = ctx.snapshot.current;
    const villages = snapshot.villages.villages.map((v) => v.name);
    const categories = snapshot.categories.categories.map((x) => x.name);
    const flash = flashFromQuery(c) || (parsed.success ? "" : flashMessage("error", "筛选条件有误，已显示全部"));

    const rows = list.reports
      .map((r) => presentReport(r, now()))
      .map(
        (r) =>
          html`<tr id="${r.receipt}"><td><a href="/admin/feedback/${r.id}">${r.receipt}</a></td><td>${r.createdAt.slice(0, 10)}</td><td>${r.village ?? "未填"}</td><td>${r.category ?? ""}</td><td class="state">${r.stateLabel}</td><td class="text">${r.text}</td><td>${reporterName(r)}</td><td>${r.meToo + 1}</td></tr>`,
      );
    const ages = oldest.map(
      (r) =>
        html`<tr><td><a href="/admin/feedback/${r.id}">${formatReceipt(r.id)}</a></td><td>${r.village ?? "未填"}</td><td>${r.category ?? ""}</td><td>${STATE_LABEL[r.status as FeedbackState] ?? r.status}</td><td class="${r.ageDays > 30 ? "age-old" : ""}">${r.ageDays} 天</td><td>${r.meToo + 1}</td></tr>`,
    );
    const questions = unanswered.map(
      (q) => html`<tr><td>${q.createdAt.slice(0, 16).replace("T", " ")}</td><td class="text">${q.text}</td><td>${q.reason}</td></tr>`,
    );

    const body = html`${flash}
<section><h2>筛选</h2>${filterForm(query, villages, categories)}
<p><a id="export-csv" href="/api/staff/export/feedback.csv${exportQuery(query)}">导出 CSV</a> · <a id="export-xlsx" href="/api/staff/export/feedback.xlsx${exportQuery(query)}">导出 Excel（XLSX）</a></p></section>
<section><h2>总览</h2><div class="totals"><div>反映总数<b id="total">${summary.total}</b></div><div>未办结<b id="open">${summary.open}</b></div><div>一周内<b>${summary.openAges.under7}</b></div><div>一周到一个月<b>${summary.openAges.under30}</b></div><div>超过一个月<b>${summary.openAges.over30}</b></div></div></section>
<section><div class="grid">${barChart(
      "按类别",
      summary.byCategory.map((x) => ({ label: x.key, value: x.count })),
      { id: "chart-category" },
    )}${barChart(
      "按村",
      summary.byVillage.map((x) => ({ label: x.key, value: x.count })),
      { id: "chart-village", color: "#3b6fb6" },
    )}${columnChart(
      "按周",
      summary.byWeek.map((x) => ({ label: x.key, value: x.count })),
      { id: "chart-week" },
    )}${barChart(
      "按状态",
      summary.byState.map((x) => ({ label: STATE_LABEL[x.key as FeedbackState] ?? x.key, value: x.count })),
      { id: "chart-state", color: "#7a5fa8" },
    )}</div></section>
<section id="open-reports"><h2>未办结的反映（按等待时间）</h2>${ages.length ? html`<div class="table"><table><thead><tr><th>回执号</th><th>村</th><th>类别</th><th>状态</th><th>已等待</th><th>人数</th></tr></thead><tbody>${ages}</tbody></table></div>` : html`<p class="empty">没有未办结的反映。</p>`}</section>
<section id="reports"><h2>反映列表（${list.total} 条，显示最新 ${list.reports.length} 条）</h2>${rows.length ? html`<div class="table"><table><thead><tr><th>回执号</th><th>日期</th><th>村</th><th>类别</th><th>状态</th><th>内容</th><th>反映人</th><th>人数</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="empty">没有符合条件的反映。</p>`}</section>
<section id="unanswered"><h2>答不上来的问题</h2>${questions.length ? html`<div class="table"><table><thead><tr><th>时间</th><th>问题</th><th>原因</th></tr></thead><tbody>${questions}</tbody></table></div>` : html`<p class="empty">没有待补充的问题。</p>`}</section>
${consultationsSection(ctx, c)}
${renderSystemSection(await systemStatus(ctx, ctx.channels))}`;
    return c.html(page("乡亲助手管理后台", body, staff, csrf(c)));
  });

  app.get("/feedback/:id", async (c) => {
    const staff = await who(c);
    if (!staff) return c.redirect("/admin", 303);
    const id = parseReceipt(c.req.param("id")) ?? Number(c.req.param("id"));
    const report = Number.isInteger(id) ? await reports.get(id) : undefined;
    if (!report) return c.html(page("没有这条反映", html`<section><p>没有这条反映。</p><p><a href="/admin">返回</a></p></section>`, staff, csrf(c)), 404);
    const r = presentReport(report, now(), { withUnmasked: true });
    const history = (await reports.history(report.id))
      .map(presentHistory)
      .map((h) => html`<tr><td>${h.at.slice(0, 16).replace("T", " ")}</td><td>${h.toLabel}</td><td class="text">${h.note}</td><td>${h.by}</td></tr>`);
    const body = html`${flashFromQuery(c)}<section><p><a href="/admin">← 返回总览</a></p><h2>${r.receipt}：${r.category ?? ""}${r.village ? ` · ${r.village}` : ""}</h2>
<p class="text" id="report-text" style="white-space:pre-wrap">${r.text}</p>
${r.unmaskedText ? html`<p>原文（村民同意保留）：<span style="white-space:pre-wrap">${r.unmaskedText}</span></p>` : ""}
<p>状态：<b id="report-state">${r.stateLabel}</b> · 反映人：${reporterName(r)} · 同一问题 ${r.meToo + 1} 人${r.timesReported > 1 ? ` · 本人重复发了 ${r.timesReported} 次` : ""} · 已过 ${r.ageDays} 天</p>
${stateForm(r.id, r.state, csrf(c))}</section>
<section><h2>处理记录</h2><div class="table"><table><thead><tr><th>时间</th><th>状态</th><th>备注</th><th>操作人</th></tr></thead><tbody id="history">${history}</tbody></table></div></section>`;
    return c.html(page(`${r.receipt} · 乡亲助手管理后台`, body, staff, csrf(c)));
  });

  app.post("/feedback/:id/state", async (c) => {
    const authorized = await authorizedForm(c);
    if (!authorized) return (await who(c)) ? refused(c) : c.redirect("/admin", 303);
    const { staff, form } = authorized;
    const id = Number(c.req.param("id"));
    const state = FeedbackStateSchema.safeParse(form.state);
    const back = (key: "done" | "error", message: string) => c.redirect(`/admin/feedback/${id}?${key}=${encodeURIComponent(message)}`, 303);
    if (!Number.isInteger(id)) return c.redirect("/admin", 303);
    if (!state.success) return back("error", "请选择一个状态");
    const changed = await feedback.changeState({
      id,
      to: state.data,
      note: typeof form.note === "string" ? form.note : "",
      actor: staff.id,
      actorRole: staff.role,
    });
    if (!changed.ok) return back("error", changed.message);
    return back("done", `已改为“${STATE_LABEL[state.data]}”，已通知 ${changed.notified} 人`);
  });

  app.post("/login", async (c) => {
    if (crossSiteFormPost(c)) return c.html(loginPage("请从本站登录页面登录"), 403);
    const form = await c.req.parseBody();
    const username = typeof form.username === "string" ? form.username.trim() : "";
    const password = typeof form.password === "string" ? form.password : "";
    if (!username || username.length > 64) return c.html(loginPage("请输入用户名"), 400);
    if (!password || password.length > 200) return c.html(loginPage("请输入密码", username), 400);
    const outcome = await login.login(c, username, password);
    if (!outcome.ok) return c.html(loginPage(outcome.message, username), outcome.status);
    return c.redirect("/admin", 303);
  });

  app.post("/logout", async (c) => {
    // Logging someone out from another site is a nuisance, not a breach; still, only our own form may.
    if (!(await authorizedForm(c))) return c.redirect("/admin", 303);
    await login.logout(c);
    return c.redirect("/admin", 303);
  });

  app.route("/", createAccountPages(ctx, login, { who, authorizedForm, refused }));

  return app;
}
