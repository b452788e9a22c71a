// JSON endpoints for consultations, mounted by the staff API under /api/staff/consultations behind staff auth.
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppContext } from "../app-context.ts";
import { invalidField, jsonBody, refusal } from "../web/errors.ts";
import type { StaffEnv } from "../web/staff/auth.ts";
import { consultationNumber, DecisionSchema, isOpen, MAX_COMMENT_LENGTH, type Consultation } from "./model.ts";
import { checkBackground, checkDeadline, checkTitle, findVillage, parseAudience, parseOptions } from "./parse.ts";
import type { ConsultationService } from "./service.ts";
import type { RecordedVote } from "./store.ts";

const text = (max: number) => z.string({ error: "需要字符串" }).trim().max(max, `不能超过 ${max} 个字`);

export const CreateConsultationSchema = z.object({
  title: text(60).min(1, "不能为空"),
  background: text(1000).default(""),
  /** Option labels; omitted means 支持/反对/有条件支持. */
  options: z.union([z.array(text(30)), text(300)]).optional(),
  /** Village names, or "全镇" / omitted for the whole township. */
  audience: z.union([z.array(text(30)), text(300)]).optional(),
  /** "2026-12-10", "12月10日", "下周五" or a full ISO instant. */
  deadline: text(40).min(1, "不能为空，例如 2026-12-10 或 12月10日"),
});

export const DecisionRequestSchema = z.object({
  decision: z.preprocess(
    (v) => (typeof v === "string" ? (({ 通过: "approved", 否决: "rejected", 推迟: "postponed" } as Record<string, string>)[v.trim()] ?? v) : v),
    z.enum(DecisionSchema.options, { error: "只能是 approved（通过）、rejected（否决）或 postponed（推迟）" }),
  ),
  reason: text(500).min(1, "请写明理由"),
  riskNote: text(1000).default(""),
});

export const RecordVotesSchema = z.object({
  votes: z
    .array(
      z.object({
        /** 1-based option number, as villagers see it. */
        option: z.number({ error: "需要选项编号（从 1 开始的数字）" }).int().min(1),
        village: text(30).optional(),
        method: z.enum(["meeting", "proxy"], { error: "只能是 meeting（会议表决）或 proxy（代为表达）" }),
        /** Several identical votes at once, e.g. 12 hands raised for 支持 at a meeting. */
        count: z.number().int().min(1).max(1000).default(1),
        comment: text(MAX_COMMENT_LENGTH).optional(),
      }),
    )
    .min(1, "至少一条")
    .max(200, "一次最多 200 条"),
});

type StaffContext = Context<StaffEnv>;

/** What a consultation looks like over the API: never who answered, only how many. */
function summary(consultation: Consultation, respondents: number, now: Date) {
  return {
    id: consultation.id,
    number: consultationNumber(consultation.id),
    title: consultation.title,
    background: consultation.background,
    options: consultation.options,
    audience: consultation.audience,
    deadline: consultation.deadline,
    createdAt: consultation.createdAt,
    closedAt: consultation.closedAt,
    status: consultation.decision ? "decided" : isOpen(consultation, now) ? "open" : "closed",
    respondents,
    decision: consultation.decision
      ? { decision: consultation.decision, reason: consultation.decisionReason, riskNote: consultation.riskNote, decidedAt: consultation.decidedAt }
      : null,
  };
}

export function createConsultationRoutes(ctx: AppContext): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const service = ctx.features.consultations;
  const now = () => ctx.services.clock();

  // Defence in depth: these routes are meant to sit behind staffAuth; without it they refuse everyone.
  app.use("*", async (c, next) => {
    const staff = c.get("staff");
    if (!staff || (staff.role !== "cadre" && staff.role !== "admin")) throw refusal(401, "UNAUTHENTICATED", "需要员工登录");
    await next();
  });

  const audit = async (c: StaffContext, action: string, detail: string) => {
    const staff = c.get("staff");
    await ctx.services.store.audit.write({ actor: staff.id, role: staff.role, action, outcome: "allowed", detail, createdAt: now().toISOString() });
  };

  /** The consultation named by the path's id. */
  const load = async (c: StaffContext): Promise<Consultation> => {
    const raw = c.req.param("id") ?? "";
    if (!/^\d{1,9}$/.test(raw)) throw invalidField("id", "需要正整数");
    const consultation = await service.get(Number(raw));
    if (!consultation) throw refusal(404, "NOT_FOUND", `没有${consultationNumber(Number(raw))}征求意见`);
    return consultation;
  };

  app.post("/", jsonBody(CreateConsultationSchema), async (c) => {
    const input = c.req.valid("json");
    const titleError = checkTitle(input.title) ?? checkBackground(input.background);
    if (titleError) throw invalidField("title", titleError);
    const options = parseOptions(input.options);
    if (!options.ok) throw invalidField("options", options.error);
    const audience = parseAudience(input.audience, service.villages);
    if (!audience.ok) throw invalidField("audience", audience.error);
    const deadline = checkDeadline(input.deadline, now());
    if (!deadline.ok) throw invalidField("deadline", deadline.error);
    const published = await service.publish(
      { title: input.title, background: input.background, options: options.value, audience: audience.value, deadline: deadline.value },
      c.get("staff").id,
    );
    await audit(c, "发布征求意见", `${consultationNumber(published.consultation.id)} ${published.consultation.title}`);
    return c.json({ consultation: summary(published.consultation, 0, now()), pushed: { villagers: published.villagers, groups: published.groups } }, 201);
  });

  app.get("/", async (c) => {
    const list = [];
    for (const consultation of await service.store.list()) list.push(summary(consultation, await service.store.countVotes(consultation.id), now()));
    return c.json({ consultations: list });
  });

  app.get("/:id", async (c) => {
    const consultation = await load(c);
    return c.json({ consultation: summary(consultation, await service.store.countVotes(consultation.id), now()) });
  });

  app.post("/:id/close", async (c) => {
    const consultation = await load(c);
    const outcome = await service.close(consultation.id);
    if (outcome === "already_closed") throw refusal(409, "ALREADY_CLOSED", `${consultationNumber(consultation.id)}征求意见已经截止了`);
    await audit(c, "结束征求意见", consultationNumber(consultation.id));
    return c.json({ consultation: summary((await service.get(consultation.id))!, await service.store.countVotes(consultation.id), now()) });
  });

  app.get("/:id/results", async (c) => {
    const consultation = await load(c);
    return c.json({ results: await service.results(consultation.id) });
  });

  app.post("/:id/decision", jsonBody(DecisionRequestSchema), async (c) => {
    const consultation = await load(c);
    const input = c.req.valid("json");
    const decided = () => refusal(409, "ALREADY_DECIDED", `${consultationNumber(consultation.id)}征求意见已经拍板，不能重复记录`);
    if (consultation.decision) throw decided();
    const outcome = await service.decide(consultation.id, input.decision, input.reason, input.riskNote, c.get("staff").id);
    // Another cadre's decision got in first, since it was read above: this one was not recorded.
    if (!outcome) throw decided();
    await audit(c, "记录征求意见决定", `${consultationNumber(consultation.id)} ${input.decision}`);
    return c.json({ results: outcome.results, notified: outcome.notified, warning: input.decision === "approved" ? outcome.results.advice : null });
  });

  app.post("/:id/votes", jsonBody(RecordVotesSchema), async (c) => {
    const consultation = await load(c);
    const decided = () => refusal(409, "ALREADY_DECIDED", `${consultationNumber(consultation.id)}征求意见已经拍板，不能再补录`);
    if (consultation.decision) throw decided();
    const votes: RecordedVote[] = [];
    for (const [index, vote] of c.req.valid("json").votes.entries()) {
      if (vote.option > consultation.options.length) throw invalidField(`votes.${index}.option`, `只有 ${consultation.options.length} 个选项`);
      let village: string | null = null;
      if (vote.village) {
        const found = findVillage(vote.village, service.villages);
        if (!found) throw invalidField(`votes.${index}.village`, `不认识“${vote.village}”`);
        village = found.name;
      }
      if (consultation.audience.length > 0 && (!village || !consultation.audience.includes(village))) {
        throw invalidField(`votes.${index}.village`, `这项征求意见只面向${consultation.audience.join("、")}`);
      }
      for (let i = 0; i < vote.count; i++)
        votes.push({ optionIndex: vote.option - 1, village, method: vote.method, comment: i === 0 ? (vote.comment ?? null) : null });
    }
    if (votes.length > 5000) throw invalidField("votes", "一次最多补录 5000 票");
    const recorded = await service.recordVotes(consultation.id, votes, c.get("staff").id);
    // Decided since it was read above: nothing was recorded.
    if (recorded === undefined) throw decided();
    await audit(c, "补录会议/代为表达的意见", `${consultationNumber(consultation.id)} ${recorded} 票`);
    return c.json({ recorded, respondents: await service.store.countVotes(consultation.id) }, 201);
  });

  /** For a cron job or a script: sends any reminders due now (idempotent). */
  app.post("/reminders", async (c) => c.json({ queued: await service.sendDueReminders(now()) }));

  return app;
}
