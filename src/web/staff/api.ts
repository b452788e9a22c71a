// The staff HTTP API: login, accounts, feedback list/summary/state changes, unanswered questions, exports, invites.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { systemStatus } from "./system.ts";
import type { AppContext } from "../../app-context.ts";
import { formatReceipt, parseReceipt } from "../../feedback/receipt.ts";
import type { StaffAccountRow } from "../../store/index.ts";
import {
  changeOwnPassword,
  createAccount,
  NewAccountSchema,
  NewPasswordSchema,
  resetPassword,
  revokeStaffAccount,
  UsernameSchema,
  DisplayNameSchema,
} from "../../staff/accounts.ts";
import { MAX_NOTE_LENGTH } from "../../feedback/service.ts";
import { issueInvite, redeemInviteForAccount } from "../../staff/invites.ts";
import { FeedbackStateSchema, STATE_LABEL, parseState } from "../../feedback/states.ts";
import { invalidField, jsonBody, queryParams, refusal } from "../errors.ts";
import { csrfTokenOf, staffAuth, type StaffEnv, type StaffIdentity } from "./auth.ts";
import { FeedbackQuerySchema, toFilter, type FeedbackQuery } from "./queries.ts";
import { presentHistory, presentReport } from "./present.ts";
import { reportsToCsv, reportsToXlsx } from "./export.ts";
import type { LoginService } from "./login.ts";

export const EXPORT_LIMIT = 50_000;

const NotReportSchema = z.object({ note: z.string().trim().min(1, "请写明为什么不算反映").max(MAX_NOTE_LENGTH) });

const StateChangeSchema = z.object({
  state: z.preprocess((v) => (typeof v === "string" ? (parseState(v) ?? v) : v), FeedbackStateSchema),
  note: z.string({ error: "需要备注（字符串）" }).trim().min(1, "每次改状态都要写备注").max(MAX_NOTE_LENGTH, `不能超过 ${MAX_NOTE_LENGTH} 个字`),
  duplicateOf: z
    .string()
    .regex(/^FK\d{1,9}$/i, "应为回执号，例如 FK000003")
    .optional(),
});

const LoginSchema = z.object({
  // Optional so scripts written for the single shared password keep working: it was the bootstrapped admin's.
  username: z.string({ error: "用户名应为字符串" }).max(64, "太长了").optional(),
  password: z.string({ error: "需要密码" }).min(1, "需要密码").max(200, "太长了"),
});
const PasswordChangeSchema = z.object({
  oldPassword: z.string({ error: "需要原密码" }).min(1, "需要原密码").max(200, "太长了"),
  newPassword: NewPasswordSchema,
});
const PasswordResetSchema = z.object({ newPassword: NewPasswordSchema });
const RedeemSchema = z.object({
  code: z.string({ error: "需要邀请码" }).max(40, "太长了"),
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  password: NewPasswordSchema,
});
const InviteSchema = z.object({ role: z.enum(["cadre", "admin"], { error: "只能是 cadre（村镇干部）或 admin（管理员）" }).default("cadre") });

const ONE_TO_500 = "需要 1–500 的整数";
const UnansweredQuerySchema = z.object({
  limit: z.preprocess((v) => v || undefined, z.coerce.number({ error: ONE_TO_500 }).int(ONE_TO_500).min(1, ONE_TO_500).max(500, ONE_TO_500).default(100)),
  /** "1": answered ones too. */
  all: z.string().optional(),
});

/** What staff see of an account: never the hash. */
export function presentAccount(row: StaffAccountRow) {
  return {
    username: row.username,
    id: `staff:${row.username}`,
    displayName: row.displayName,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    passwordChangedAt: row.passwordChangedAt,
    revoked: row.revokedAt !== null,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
  };
}

export function presentStaff(staff: StaffIdentity) {
  return { id: staff.id, role: staff.role, ...(staff.account ? { username: staff.account.username, displayName: staff.account.displayName } : {}) };
}

export function createStaffApi(ctx: AppContext, login: LoginService): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const { reports, feedback } = ctx.features;
  const { store } = ctx.services;
  const now = () => ctx.services.clock();

  app.post("/login", jsonBody(LoginSchema), async (c) => {
    const input = c.req.valid("json");
    const outcome = await login.login(c, input.username?.trim() || ctx.config.ADMIN_USERNAME, input.password);
    if (!outcome.ok) throw refusal(outcome.status, outcome.code, outcome.message, outcome.status === 401 ? "password" : undefined);
    const { account } = outcome;
    return c.json({
      ok: true,
      staff: { id: `staff:${account.username}`, role: account.role, username: account.username, displayName: account.displayName },
      csrfToken: outcome.csrfToken,
    });
  });

  app.post("/logout", async (c) => {
    await login.logout(c);
    return c.json({ ok: true });
  });

  // An invite code turns into a login of its own: username and password chosen by the person invited.
  app.post("/accounts/redeem", jsonBody(RedeemSchema), async (c) => {
    const { code, ...input } = c.req.valid("json");
    const result = await redeemInviteForAccount(ctx.services, code, input, login.client(c));
    if (!result.ok) {
      const status = result.reason === "username_taken" ? 409 : result.reason === "malformed" ? 400 : 403;
      throw refusal(status, result.reason.toUpperCase(), result.text, result.reason === "username_taken" ? "username" : "code");
    }
    return c.json({ account: presentAccount(result.account) }, 201);
  });

  app.use("*", staffAuth(ctx, "cadre"));

  app.get("/me", (c) => {
    const staff = c.get("staff");
    const csrfToken = staff.sessionHash ? csrfTokenOf(c) : undefined;
    return c.json({ staff: presentStaff(staff), ...(csrfToken ? { csrfToken } : {}) });
  });

  app.post("/me/password", jsonBody(PasswordChangeSchema), async (c) => {
    const staff = c.get("staff");
    if (!staff.account) throw refusal(400, "NO_ACCOUNT", "STAFF_API_TOKEN 没有密码可改；改密码请用自己的账号登录");
    const changed = await changeOwnPassword(ctx.services, staff.account.id, c.req.valid("json"), login.client(c), staff.sessionHash);
    if (!changed.ok)
      throw refusal(
        changed.reason === "locked" ? 429 : 401,
        changed.reason === "locked" ? "TOO_MANY_ATTEMPTS" : "BAD_PASSWORD",
        changed.message,
        "oldPassword",
      );
    return c.json({ ok: true });
  });
  // WeChat login state (QR while waiting for a scan) and LLM usage per day; never any secret.
  app.get("/system", async (c) => c.json(await systemStatus(ctx, ctx.channels)));

  app.get("/feedback", queryParams(FeedbackQuerySchema), async (c) => {
    const query = c.req.valid("query");
    const { total, reports: rows } = await reports.list(toFilter(query, now()), { limit: query.limit, offset: query.offset });
    return c.json({ total, limit: query.limit, offset: query.offset, reports: rows.map((r) => presentReport(r, now())) });
  });

  app.get("/feedback/summary", queryParams(FeedbackQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"), now());
    const [summary, oldestOpen] = await Promise.all([reports.summarize(filter, now()), reports.openByAge(filter, now(), 20)]);
    return c.json({
      filter,
      ...summary,
      byState: summary.byState.map((s) => ({ ...s, label: STATE_LABEL[s.key as keyof typeof STATE_LABEL] ?? s.key })),
      oldestOpen,
    });
  });

  /** The report named by the path, "FK000003" or 3. */
  const loadReport = async (receipt: string) => {
    const id = parseReceipt(receipt) ?? (/^\d{1,9}$/.test(receipt) ? Number(receipt) : undefined);
    if (id === undefined) throw invalidField("receipt", "应为回执号，例如 FK000003");
    const report = await reports.get(id);
    if (!report) throw refusal(404, "NOT_FOUND", `没有回执号为 ${receipt} 的反映`);
    return report;
  };

  app.get("/feedback/:receipt", async (c) => {
    const report = await loadReport(c.req.param("receipt"));
    return c.json({ report: presentReport(report, now(), { withUnmasked: true }), history: (await reports.history(report.id)).map(presentHistory) });
  });

  app.post("/feedback/:receipt/state", jsonBody(StateChangeSchema), async (c) => {
    const report = await loadReport(c.req.param("receipt"));
    const input = c.req.valid("json");
    const staff = c.get("staff");
    const changed = await feedback.changeState({
      id: report.id,
      to: input.state,
      note: input.note,
      actor: staff.id,
      actorRole: staff.role,
      duplicateOf: input.duplicateOf ? parseReceipt(input.duplicateOf) : undefined,
    });
    if (!changed.ok)
      throw refusal(
        changed.code === "NOT_FOUND" ? 404 : changed.code === "UNCHANGED" ? 409 : 400,
        changed.code,
        changed.message,
        changed.code.startsWith("NOTE") ? "note" : changed.code === "BAD_DUPLICATE" ? "duplicateOf" : undefined,
      );
    return c.json({
      report: presentReport(changed.report, now()),
      from: changed.from,
      notified: changed.notified,
      history: (await reports.history(report.id)).map(presentHistory),
    });
  });

  // A misfiled question leaves the counts; kept apart with who decided and why.
  app.post("/feedback/:receipt/not-report", jsonBody(NotReportSchema), async (c) => {
    const report = await loadReport(c.req.param("receipt"));
    const staff = c.get("staff");
    const marked = await feedback.markNotReport({ id: report.id, note: c.req.valid("json").note, actor: staff.id, actorRole: staff.role });
    if (!marked.ok) throw refusal(marked.code === "NOT_FOUND" ? 404 : 400, marked.code, marked.message, marked.code.startsWith("NOTE") ? "note" : undefined);
    return c.json({ receipt: formatReceipt(report.id), notReport: true });
  });

  app.get("/unanswered", queryParams(UnansweredQuerySchema), async (c) => {
    const { limit, all } = c.req.valid("query");
    return c.json({ questions: (await ctx.services.store.unanswered.list({ open: all !== "1", limit })).map(({ userId: _u, ...q }) => q) });
  });

  const exportRows = async (c: Context<StaffEnv>, query: FeedbackQuery) => {
    const staff = c.get("staff");
    await store.audit.write({
      actor: staff.id,
      role: staff.role,
      action: "导出反映",
      outcome: "allowed",
      detail: c.req.url.split("?")[1] ?? "",
      createdAt: now().toISOString(),
    });
    return (await reports.list(toFilter(query, now()), { limit: EXPORT_LIMIT, offset: 0 })).reports.map((r) => presentReport(r, now()));
  };
  const filename = (ext: string) => `feedback-${now().toISOString().slice(0, 10)}.${ext}`;

  app.get("/export/feedback.csv", queryParams(FeedbackQuerySchema), async (c) => {
    const rows = await exportRows(c, c.req.valid("query"));
    return c.body(reportsToCsv(rows), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename("csv")}"` });
  });

  app.get("/export/feedback.xlsx", queryParams(FeedbackQuerySchema), async (c) => {
    const rows = await exportRows(c, c.req.valid("query"));
    const buffer = await reportsToXlsx(rows);
    return c.body(new Uint8Array(buffer), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${filename("xlsx")}"`,
    });
  });

  app.post("/invites", staffAuth(ctx, "admin"), jsonBody(InviteSchema), async (c) => {
    const { role } = c.req.valid("json");
    const { code, expiresAt } = await issueInvite(ctx.services, role, c.get("staff").id);
    return c.json({ code, role, expiresAt: expiresAt.toISOString() }, 201);
  });

  app.get("/audit", staffAuth(ctx, "admin"), async (c) => c.json({ entries: await store.audit.list(200) }));

  app.get("/accounts", staffAuth(ctx, "admin"), async (c) => c.json({ accounts: (await store.staff.listAccounts()).map(presentAccount) }));

  app.post("/accounts", staffAuth(ctx, "admin"), jsonBody(NewAccountSchema), async (c) => {
    const created = await createAccount(ctx.services, c.req.valid("json"), c.get("staff"));
    if (!created.ok) throw refusal(409, created.code, created.message, "username");
    return c.json({ account: presentAccount(created.account) }, 201);
  });

  app.post("/accounts/:username/revoke", staffAuth(ctx, "admin"), async (c) => {
    const revoked = await revokeStaffAccount(ctx.services, c.req.param("username"), c.get("staff"));
    if (!revoked.ok) throw refusal(revoked.code === "NOT_FOUND" ? 404 : 409, revoked.code, revoked.message);
    return c.json({ account: presentAccount(revoked.account) });
  });

  app.post("/accounts/:username/password", staffAuth(ctx, "admin"), jsonBody(PasswordResetSchema), async (c) => {
    const reset = await resetPassword(ctx.services, c.req.param("username"), c.req.valid("json").newPassword, c.get("staff"));
    if (!reset.ok) throw refusal(reset.code === "NOT_FOUND" ? 404 : 409, reset.code, reset.message);
    return c.json({ ok: true });
  });

  return app;
}
