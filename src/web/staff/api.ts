// The staff HTTP API: login, feedback list/summary/state changes, unanswered questions, exports, invites.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { systemStatus } from "./system.ts";
import type { AppContext } from "../../app-context.ts";
import { formatReceipt, parseReceipt } from "../../store/feedback.ts";
import { ReportStore } from "../../store/feedback-lifecycle.ts";
import { summarize, openReportsByAge } from "../../store/feedback-summary.ts";
import { deleteDashboardSession, deleteExpiredSessions, insertDashboardSession, listAudit, writeAudit } from "../../store/staff.ts";
import { changeReportState, markNotReport, MAX_NOTE_LENGTH } from "../../staff/feedback-actions.ts";
import { issueInvite } from "../../staff/invites.ts";
import { FeedbackStateSchema, STATE_LABEL, parseState } from "../../staff/states.ts";
import { apiError, describeZodError, readJson } from "../errors.ts";
import { cookieShouldBeSecure, newSessionToken, SESSION_COOKIE, sha256, staffAuth, type StaffEnv } from "./auth.ts";
import { FeedbackQuerySchema, toFilter } from "./queries.ts";
import { presentHistory, presentReport } from "./present.ts";
import { reportsToCsv, reportsToXlsx } from "./export.ts";
import { LoginGuard, PasswordChecker } from "./login.ts";

export const EXPORT_LIMIT = 50_000;

const NotReportSchema = z.object({ note: z.string().trim().min(1, "请写明为什么不算反映").max(MAX_NOTE_LENGTH) });

const StateChangeSchema = z.object({
  state: z.preprocess((v) => (typeof v === "string" ? (parseState(v) ?? v) : v), FeedbackStateSchema),
  note: z.string({ error: "需要备注（字符串）" }).trim().min(1, "每次改状态都要写备注").max(MAX_NOTE_LENGTH, `不能超过 ${MAX_NOTE_LENGTH} 个字`),
  duplicateOf: z.string().regex(/^FK\d{1,9}$/i, "应为回执号，例如 FK000003").optional(),
});

const LoginSchema = z.object({ password: z.string({ error: "需要密码" }).min(1, "需要密码").max(200, "太长了") });
const InviteSchema = z.object({ role: z.enum(["cadre", "admin"], { error: "只能是 cadre（村镇干部）或 admin（管理员）" }).default("cadre") });

type C = Context<StaffEnv>;

function invalid(c: Context, error: z.ZodError) {
  const { field, message } = describeZodError(error);
  return apiError(c, 400, "INVALID_FIELD", message, field);
}

/** The JSON body checked against `schema`: its data, or the 400 to send back (naming the field). */
async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const body = await readJson(c);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: invalid(c, parsed.error) };
}

function parseQuery(c: Context) {
  return FeedbackQuerySchema.safeParse(c.req.query());
}

/** Starts a dashboard session; shared by the JSON login and the dashboard's login form. */
export function startSession(ctx: AppContext, c: Context, staffId: string, role: "cadre" | "admin"): void {
  const token = newSessionToken();
  const now = ctx.services.clock();
  deleteExpiredSessions(ctx.services.store.db, now.toISOString());
  const maxAge = Math.round(ctx.config.SESSION_TTL_HOURS * 3600);
  insertDashboardSession(ctx.services.store.db, {
    tokenHash: sha256(token),
    staffId,
    role,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + maxAge * 1000).toISOString(),
  });
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/", secure: cookieShouldBeSecure(ctx, c), maxAge });
}

export function endSession(ctx: AppContext, c: Context): void {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) deleteDashboardSession(ctx.services.store.db, sha256(token));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

export function createStaffApi(ctx: AppContext, login: { checker: PasswordChecker; guard: LoginGuard }): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const db = ctx.services.store.db;
  const reports = new ReportStore(db);
  const now = () => ctx.services.clock();

  app.post("/login", async (c) => {
    const parsed = await readBody(c, LoginSchema);
    if (!parsed.ok) return parsed.response;
    const client = c.req.header("x-forwarded-for")?.split(",")[0]?.trim() || "local";
    const outcome = await login.guard.attempt(client, now(), () => login.checker.check(parsed.data.password));
    if (outcome === "off") return apiError(c, 503, "LOGIN_OFF", "后台密码登录未开启：服务器没有设置 ADMIN_PASSWORD_HASH（或 ADMIN_PASSWORD）");
    if (outcome === "locked") return apiError(c, 429, "TOO_MANY_ATTEMPTS", "密码错误次数太多，请 15 分钟后再试");
    if (outcome === "wrong") {
      writeAudit(db, { actor: `dashboard:${client}`, role: "villager", action: "后台登录", outcome: "refused", detail: "密码错误", createdAt: now().toISOString() });
      return apiError(c, 401, "BAD_PASSWORD", "密码不正确", "password");
    }
    startSession(ctx, c, "dashboard:admin", "admin");
    writeAudit(db, { actor: "dashboard:admin", role: "admin", action: "后台登录", outcome: "allowed", detail: "", createdAt: now().toISOString() });
    return c.json({ ok: true, staff: { id: "dashboard:admin", role: "admin" } });
  });

  app.post("/logout", (c) => {
    endSession(ctx, c);
    return c.json({ ok: true });
  });

  app.use("*", staffAuth(ctx, "cadre"));

  app.get("/me", (c) => c.json({ staff: c.get("staff") }));
  // WeChat login state (QR while waiting for a scan) and LLM usage per day; never any secret.
  app.get("/system", (c) => c.json(systemStatus(ctx, ctx.channels)));

  app.get("/feedback", (c) => {
    const query = parseQuery(c);
    if (!query.success) return invalid(c, query.error);
    const { total, reports: rows } = reports.list(toFilter(query.data, now()), { limit: query.data.limit, offset: query.data.offset });
    return c.json({ total, limit: query.data.limit, offset: query.data.offset, reports: rows.map((r) => presentReport(r, now())) });
  });

  app.get("/feedback/summary", (c) => {
    const query = parseQuery(c);
    if (!query.success) return invalid(c, query.error);
    const filter = toFilter(query.data, now());
    const summary = summarize(db, filter, now());
    return c.json({
      filter,
      ...summary,
      byState: summary.byState.map((s) => ({ ...s, label: STATE_LABEL[s.key as keyof typeof STATE_LABEL] ?? s.key })),
      oldestOpen: openReportsByAge(db, filter, now(), 20),
    });
  });

  const loadReport = (c: C) => {
    const id = parseReceipt(c.req.param("receipt") ?? "") ?? (/^\d{1,9}$/.test(c.req.param("receipt") ?? "") ? Number(c.req.param("receipt")) : undefined);
    if (id === undefined) return apiError(c, 400, "INVALID_FIELD", "字段 receipt：应为回执号，例如 FK000003", "receipt");
    return reports.get(id) ?? apiError(c, 404, "NOT_FOUND", `没有回执号为 ${c.req.param("receipt")} 的反映`);
  };

  app.get("/feedback/:receipt", (c) => {
    const report = loadReport(c);
    if (report instanceof Response) return report;
    return c.json({ report: presentReport(report, now(), { withUnmasked: true }), history: reports.history(report.id).map(presentHistory) });
  });

  app.post("/feedback/:receipt/state", async (c) => {
    const report = loadReport(c);
    if (report instanceof Response) return report;
    const parsed = await readBody(c, StateChangeSchema);
    if (!parsed.ok) return parsed.response;
    const staff = c.get("staff");
    const changed = changeReportState(ctx.services, {
      id: report.id,
      to: parsed.data.state,
      note: parsed.data.note,
      actor: staff.id,
      actorRole: staff.role,
      duplicateOf: parsed.data.duplicateOf ? parseReceipt(parsed.data.duplicateOf) : undefined,
    });
    if (!changed.ok) return apiError(c, changed.code === "NOT_FOUND" ? 404 : changed.code === "UNCHANGED" ? 409 : 400, changed.code, changed.message, changed.code.startsWith("NOTE") ? "note" : changed.code === "BAD_DUPLICATE" ? "duplicateOf" : undefined);
    return c.json({ report: presentReport(changed.report, now()), from: changed.from, notified: changed.notified, history: reports.history(report.id).map(presentHistory) });
  });

  // A misfiled question leaves the counts; kept apart with who decided and why.
  app.post("/feedback/:receipt/not-report", async (c) => {
    const report = loadReport(c);
    if (report instanceof Response) return report;
    const parsed = await readBody(c, NotReportSchema);
    if (!parsed.ok) return parsed.response;
    const staff = c.get("staff");
    const marked = markNotReport(ctx.services, { id: report.id, note: parsed.data.note, actor: staff.id, actorRole: staff.role });
    if (!marked.ok) return apiError(c, marked.code === "NOT_FOUND" ? 404 : 400, marked.code, marked.message, marked.code.startsWith("NOTE") ? "note" : undefined);
    return c.json({ receipt: formatReceipt(report.id), notReport: true });
  });

  app.get("/unanswered", (c) => {
    const limit = z.coerce.number().int().min(1).max(500).default(100).safeParse(c.req.query("limit") || undefined);
    if (!limit.success) return apiError(c, 400, "INVALID_FIELD", "字段 limit：需要 1–500 的整数", "limit");
    const open = c.req.query("all") === "1" ? false : true;
    return c.json({ questions: ctx.services.store.unanswered.list({ open, limit: limit.data }).map(({ userId: _u, ...q }) => q) });
  });

  const exportRows = (c: C) => {
    const query = parseQuery(c);
    if (!query.success) return invalid(c, query.error);
    const staff = c.get("staff");
    writeAudit(db, { actor: staff.id, role: staff.role, action: "导出反映", outcome: "allowed", detail: c.req.url.split("?")[1] ?? "", createdAt: now().toISOString() });
    return reports.list(toFilter(query.data, now()), { limit: EXPORT_LIMIT, offset: 0 }).reports.map((r) => presentReport(r, now()));
  };
  const filename = (ext: string) => `feedback-${now().toISOString().slice(0, 10)}.${ext}`;

  app.get("/export/feedback.csv", (c) => {
    const rows = exportRows(c);
    if (rows instanceof Response) return rows;
    return c.body(reportsToCsv(rows), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename("csv")}"` });
  });

  app.get("/export/feedback.xlsx", async (c) => {
    const rows = exportRows(c);
    if (rows instanceof Response) return rows;
    const buffer = await reportsToXlsx(rows);
    return c.body(new Uint8Array(buffer), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${filename("xlsx")}"`,
    });
  });

  app.post("/invites", staffAuth(ctx, "admin"), async (c) => {
    const parsed = await readBody(c, InviteSchema);
    if (!parsed.ok) return parsed.response;
    const { code, expiresAt } = issueInvite(ctx.services, parsed.data.role, c.get("staff").id);
    return c.json({ code, role: parsed.data.role, expiresAt: expiresAt.toISOString() }, 201);
  });

  app.get("/audit", staffAuth(ctx, "admin"), (c) => c.json({ entries: listAudit(db, 200) }));

  return app;
}
