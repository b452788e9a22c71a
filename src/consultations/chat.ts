// The chat side of consultations: villagers answer (privately), cadres publish, query, close and decide.
import { z } from "zod";
import { reply, type QuickReply } from "../core/message.ts";
import { maskPersonalData } from "../core/privacy.ts";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { requireRole, villageOf, setVillage } from "../staff/index.ts";
import { writeAudit } from "../store/staff.ts";
import { formatChinaTime } from "./dates.ts";
import { foldText } from "../knowledge/text.ts";
import { consultationNumber, DecisionSchema, DECISION_LABELS, isOpen, MAX_COMMENT_LENGTH, type Consultation, type Decision, type VillageInfo } from "./model.ts";
import {
  checkBackground,
  checkDeadline,
  checkTitle,
  consultationRef,
  parseAnswer,
  parseAudience,
  parseLooseAnswer,
  parseOptions,
  parsePublishCommand,
  parseRecordedTally,
  PUBLISH_COMMAND,
  PUBLISH_FORMAT,
  villageMentioned,
  type ParsedAnswer,
} from "./parse.ts";
import { formatResults } from "./results.ts";
import { commentWords, ConsultationService, optionQuickReplies, parseAnswerPayload, PROMPT_SESSION_PREFIX } from "./service.ts";

const PENDING_PREFIX = "consultation-pending:";
const DRAFT_PREFIX = "consultation-draft:";
/** A half-finished publish dialogue is forgotten after this long. */
const DRAFT_TTL_MS = 30 * 60 * 1000;
/** A pending answer waiting for the villager's village is forgotten after this long. */
const PENDING_TTL_MS = 30 * 60 * 1000;

const PromptSession = z.object({ consultationId: z.number().int() });
const PendingSession = z.object({ consultationId: z.number().int(), optionIndex: z.number().int(), comment: z.string().nullable() });
const DraftSession = z.object({
  step: z.enum(["title", "background", "options", "audience", "deadline", "confirm"]),
  title: z.string().default(""),
  background: z.string().default(""),
  options: z.string().default(""),
  audience: z.array(z.string()).default([]),
  deadline: z.string().default(""),
});
type Draft = z.infer<typeof DraftSession>;

function result(text: string, quickReplies: QuickReply[] = [], answerKind = "consultation"): TurnResult {
  return { intent: "opinion", confidence: 1, replies: [reply(text, { quickReplies })], answerKind };
}

function villagesOf(ctx: TurnContext): VillageInfo[] {
  return ctx.kb.data.villages.villages;
}

export function serviceFor(ctx: TurnContext): ConsultationService {
  return new ConsultationService({ services: ctx.services, villages: () => villagesOf(ctx), words: (text) => commentWords(ctx.kb, text) });
}

function actor(ctx: TurnContext): string {
  return `${ctx.message.channel}:${ctx.message.userId}`;
}

function audit(ctx: TurnContext, role: string, action: string, detail: string): void {
  writeAudit(ctx.services.store.db, { actor: actor(ctx), role, action, outcome: "allowed", detail, createdAt: ctx.now.toISOString() });
}

/** Commands and answers are matched in Simplified: "第2號徵求意見結果" is the same query. */
function normalized(ctx: TurnContext): string {
  return foldText(ctx.text).trim();
}

// ---------------------------------------------------------------- villagers

/** Open consultations this villager may answer: their village's, or all when their village is unknown. */
function openFor(ctx: TurnContext, service: ConsultationService): Consultation[] {
  const village = villageOf(ctx.services.store.db, ctx.message.channel, ctx.message.userId);
  return service.store.listOpen(ctx.now).filter((c) => !village || c.audience.length === 0 || c.audience.includes(village));
}

function promptKey(ctx: TurnContext): string {
  return `${PROMPT_SESSION_PREFIX}${ctx.key}`;
}

/** Other modules' dialogues older than this are abandoned (their own TTLs are 10–30 minutes). */
const OTHER_DIALOGUE_TTL_MS = 30 * 60 * 1000;

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function promptedConsultation(ctx: TurnContext): number | undefined {
  const stored = ctx.services.store.sessions.get(promptKey(ctx));
  if (!stored) return undefined;
  // Any dialogue started after the consultation was asked (a policy clarification, "same problem?")
  // owns a bare "1" now. Other modules keep their sessions as `<name>:${ctx.key}` in the same table.
  const newer = ctx.services.store.db
    .prepare("SELECT 1 FROM sessions WHERE key LIKE ? ESCAPE '\\' AND key NOT LIKE 'consultation-%' AND updated_at > ? LIMIT 1")
    .get(`%:${ctx.key.replace(/[\\%_]/g, "\\$&")}`, maxIso(stored.updatedAt, new Date(ctx.now.getTime() - OTHER_DIALOGUE_TTL_MS).toISOString()));
  if (newer) return undefined;
  const parsed = PromptSession.safeParse(stored.data);
  return parsed.success ? parsed.data.consultationId : undefined;
}

/** Lists the consultations a villager can answer now, and remembers the first so "1" answers it. */
export function listForVillager(ctx: TurnContext): TurnResult {
  const service = serviceFor(ctx);
  const open = openFor(ctx, service);
  if (open.length === 0) return result("目前没有正在进行的征求意见。有新的征求意见时，我会在这里通知您。", [], "consultation_none");
  const first = open[0]!;
  ctx.services.store.sessions.set(promptKey(ctx), { consultationId: first.id }, ctx.now.toISOString());
  // Whoever asked has now seen it, so they get the one reminder too if they don't answer (private chats only).
  if (ctx.message.chatType === "private") {
    const village = villageOf(ctx.services.store.db, ctx.message.channel, ctx.message.userId) ?? null;
    for (const c of open) service.store.addRecipient(c.id, { channel: ctx.message.channel, userId: ctx.message.userId, chatId: ctx.message.chatId, kind: "private", village }, ctx.now.toISOString());
  }
  const lines = open.map((c) => {
    // Only the villager's own answer, in their own chat: "我投的票算上了没" is answered here.
    const own = service.store.ownVote(c.id, ctx.message.channel, ctx.message.userId);
    const answered = own ? `\n  您已回答：${c.options[own.optionIndex]?.label ?? ""}（已计入，截止前可以改）` : "";
    return `${consultationNumber(c.id)}：${c.title}（${formatChinaTime(c.deadline)} 截止）\n${c.options.map((o, i) => `  ${i + 1}. ${o.label}`).join("\n")}${answered}`;
  });
  const how = open.length > 1 ? `回答时请写明编号，例如“${first.id}号 1”或“${open[1]!.id}号 反对，太吵了”。` : "回复选项编号即可，也可以加上您的想法，例如“2，太吵了”。";
  return result(`正在征求意见的事项：\n${lines.join("\n")}\n${how}您选了什么只用于统计，不会告诉任何人。`, open.length === 1 ? optionQuickReplies(first) : [], "consultation_list");
}

/** A question about the topic is not an answer to it. */
const QUESTION = /[?？]|吗|呢|怎么|什么|哪|多少|如何|能不能|可不可以/;

interface AnswerAttempt {
  consultationId: number | undefined;
  answer: ParsedAnswer;
}

/** "3号 反对" names the consultation; "反对" alone relies on the chat's prompt. */
function splitExplicitRef(text: string): { id: number; rest: string } | undefined {
  const match = /^(?:我对|对|关于)?(?:第)?(\d{1,6}|[一二三四五六七八九十])[号號](?:征求意见|意见征集|意见)?(?:的)?(?:意见是?)?[\s,，:：]*([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const id = /^\d+$/.test(match[1]!) ? Number(match[1]) : "一二三四五六七八九十".indexOf(match[1]!) + 1;
  return { id, rest: match[2]! };
}

/** Reads an answer, if this message is one; `options` come from the consultation it refers to. */
function readAnswer(ctx: TurnContext, service: ConsultationService, allowBare: boolean): AnswerAttempt | undefined {
  const payload = parseAnswerPayload(ctx.message.payload);
  if (payload) {
    const consultation = service.get(payload.consultationId);
    const count = consultation?.options.length ?? 0;
    const answer: ParsedAnswer = payload.optionNumber >= 1 && payload.optionNumber <= count ? { kind: "answer", optionIndex: payload.optionNumber - 1 } : { kind: "out_of_range", number: payload.optionNumber };
    return { consultationId: payload.consultationId, answer };
  }
  const text = normalized(ctx);
  const explicit = splitExplicitRef(text);
  if (explicit && explicit.rest) {
    const consultation = service.get(explicit.id);
    // An unknown number still gets a clear answer if the rest reads as an answer to the default options.
    const answer = parseAnswer(explicit.rest, consultation?.options ?? [{ label: "支持", stance: "support" }, { label: "反对", stance: "oppose" }, { label: "有条件支持", stance: "conditional" }]);
    if (answer) return { consultationId: explicit.id, answer };
    return undefined;
  }
  if (!allowBare) return undefined;
  const prompted = promptedConsultation(ctx);
  // A bare number means something only right after a question: without this chat's own prompt
  // (or with another dialogue asked since) it is not taken as an answer.
  if (prompted === undefined && /^(?:我|俺)?(?:选|投)?第?[\d一二两三四五六七八九十]/.test(text)) return undefined;
  const open = openFor(ctx, service);
  const target = prompted !== undefined ? service.get(prompted) : open.length === 1 ? open[0] : undefined;
  if (!target) return undefined;
  const answer = parseAnswer(text, target.options);
  // "支持政策有哪些？" starts like an answer but is a question: leave it to the router.
  // "反对，这钱谁出呢？" is an answer with a question in its comment: the separator tells them apart.
  if (answer?.kind === "answer" && answer.comment && QUESTION.test(answer.comment)) {
    const before = text.slice(0, text.length - answer.comment.length);
    if (!/[\s,，。.、:：;；!！~～\-—]$/.test(before)) return undefined;
  }
  return answer ? { consultationId: target.id, answer } : undefined;
}

function optionList(c: Consultation): string {
  return c.options.map((o, i) => `${i + 1}. ${o.label}`).join("\n");
}

/** Records (or changes) a villager's answer, or says clearly why it was not recorded. */
function recordAnswer(ctx: TurnContext, service: ConsultationService, attempt: AnswerAttempt): TurnResult {
  const { message } = ctx;
  const consultation = attempt.consultationId !== undefined ? service.get(attempt.consultationId) : undefined;
  if (message.chatType === "group") {
    return result("为了保护大家的隐私，征求意见请私聊我回答，群里的回答不计入。群里只公布总数，谁选了什么不会告诉任何人。", [], "consultation_group_refused");
  }
  if (!consultation) {
    const open = openFor(ctx, service);
    const hint = open.length > 0 ? `现在正在征求意见的是：${open.map((c) => `${consultationNumber(c.id)}“${c.title}”`).join("、")}。` : "目前没有正在进行的征求意见。";
    return result(`没有${attempt.consultationId !== undefined ? consultationNumber(attempt.consultationId) : "这项"}征求意见，您的回答没有记下。${hint}`, [], "consultation_unknown");
  }
  const number = consultationNumber(consultation.id);
  if (!isOpen(consultation, ctx.now)) {
    const own = service.store.ownVote(consultation.id, message.channel, message.userId);
    const kept = own ? `您之前的回答“${consultation.options[own.optionIndex]?.label}”仍然有效。` : "";
    const when = consultation.closedAt && consultation.closedAt < consultation.deadline ? formatChinaTime(consultation.closedAt) : formatChinaTime(consultation.deadline);
    return result(`${number}征求意见“${consultation.title}”已经在 ${when} 截止，这次的回答没有计入。${kept}`, [], "consultation_closed");
  }
  if (attempt.answer.kind === "out_of_range") {
    return result(`${number}征求意见只有 ${consultation.options.length} 个选项，没有第 ${attempt.answer.number} 项，这次没有记下。请回复 1 到 ${consultation.options.length}：\n${optionList(consultation)}`, optionQuickReplies(consultation), "consultation_out_of_range");
  }
  const comment = attempt.answer.comment ?? null;
  if (comment && comment.length > MAX_COMMENT_LENGTH) {
    return result(`您的想法有 ${comment.length} 个字，太长了，这次没有记下。请缩短到 ${MAX_COMMENT_LENGTH} 字以内再发一次，或者分成选项和几句要点。`, [], "consultation_comment_too_long");
  }
  const village = villageOf(ctx.services.store.db, message.channel, message.userId);
  // Without a village list there is nothing to ask; the answer counts township-wide.
  if (!village && villagesOf(ctx).length === 0 && consultation.audience.length === 0) {
    return store(ctx, service, consultation, attempt.answer.optionIndex, comment, null);
  }
  if (!village) {
    ctx.services.store.sessions.set(`${PENDING_PREFIX}${ctx.key}`, { consultationId: consultation.id, optionIndex: attempt.answer.optionIndex, comment }, ctx.now.toISOString());
    const candidates = consultation.audience.length > 0 ? consultation.audience : villagesOf(ctx).map((v) => v.name);
    return result(
      `记下之前想先问一句：您是哪个村的？回复村名就行${candidates.length > 0 ? `（${candidates.slice(0, 12).join("、")}）` : ""}。以后就不再问了。`,
      candidates.slice(0, 8).map((v) => ({ label: v, payload: v })),
      "consultation_ask_village",
    );
  }
  if (consultation.audience.length > 0 && !consultation.audience.includes(village)) {
    return result(`${number}征求意见只面向${consultation.audience.join("、")}，您登记的是${village}，所以这次的回答不计入。如果村子登记错了，请联系村委会更正。`, [], "consultation_not_audience");
  }
  return store(ctx, service, consultation, attempt.answer.optionIndex, comment, village);
}

function store(ctx: TurnContext, service: ConsultationService, consultation: Consultation, optionIndex: number, comment: string | null, village: string | null): TurnResult {
  const { message } = ctx;
  // On disk before the reply says so: the upsert is a synchronous SQLite transaction.
  const { previous } = service.store.upsertVote({
    consultationId: consultation.id,
    channel: message.channel,
    userId: message.userId,
    chatId: message.chatId,
    optionIndex,
    comment: comment ? maskPersonalData(comment) : null,
    village,
    at: ctx.now.toISOString(),
  });
  ctx.services.store.sessions.set(promptKey(ctx), { consultationId: consultation.id }, ctx.now.toISOString());
  const label = consultation.options[optionIndex]!.label;
  const number = consultationNumber(consultation.id);
  const deadline = formatChinaTime(consultation.deadline);
  const commentText = comment ? `您的想法也记下了：“${maskPersonalData(comment)}”。` : "";
  if (previous === null) {
    return result(`已记下您对${number}征求意见“${consultation.title}”的回答：${label}。${commentText}\n${deadline} 截止前可以改，回复新的选项即可。您选了什么不会告诉任何人。`, [], "consultation_recorded");
  }
  if (previous === optionIndex) {
    return result(`您之前已经选了“${label}”，每人只算一票，这次选项没有变化。${commentText || ""}`, [], "consultation_unchanged");
  }
  const before = consultation.options[previous]?.label ?? "（原选项）";
  return result(`您之前选的是“${before}”，现在改为“${label}”。每人只算一票，以截止前最后一次为准。${commentText}`, [], "consultation_changed");
}

/** After "您是哪个村的？": a village name completes the pending answer; anything else drops it. */
/** "不想说": a township-wide answer still counts, under 未说明村. */
const DECLINE = /^(?:不说|不想说|不方便说?|保密|跳过|不告诉你?|算了)[。.!！]?$/;

function continuePending(ctx: TurnContext, service: ConsultationService): TurnResult | undefined {
  const key = `${PENDING_PREFIX}${ctx.key}`;
  const stored = ctx.services.store.sessions.get(key);
  if (!stored) return undefined;
  const pending = PendingSession.safeParse(stored.data);
  const fresh = ctx.now.getTime() - Date.parse(stored.updatedAt) < PENDING_TTL_MS;
  const village = villageMentioned(ctx.message.payload ?? ctx.text, villagesOf(ctx));
  if (pending.success && fresh && !village && DECLINE.test(normalized(ctx))) {
    ctx.services.store.sessions.delete(key);
    const consultation = service.get(pending.data.consultationId);
    if (!consultation) return undefined;
    if (consultation.audience.length > 0) {
      return result(`这项征求意见只面向${consultation.audience.join("、")}，需要知道您是哪个村的才能计入。您的回答这次没有记下；愿意的话，重新回复选项时告诉我村名就行。`, [], "consultation_village_declined");
    }
    return store(ctx, service, consultation, pending.data.optionIndex, pending.data.comment, null);
  }
  if (!pending.success || !fresh || !village) {
    ctx.services.store.sessions.delete(key);
    if (pending.success && fresh && /^[\p{Script=Han}]{2,6}村?$/u.test(normalized(ctx))) {
      return result(`没找到“${normalized(ctx)}”这个村，这次的回答还没有记下。本镇的村有：${villagesOf(ctx).map((v) => v.name).join("、")}。请重新回复选项，我再问一次。`, [], "consultation_unknown_village");
    }
    return undefined;
  }
  ctx.services.store.sessions.delete(key);
  setVillage(ctx.services.store.db, ctx.message.channel, ctx.message.userId, village.name, ctx.now);
  const consultation = service.get(pending.data.consultationId);
  if (!consultation) return undefined;
  return recordAnswer(ctx, service, { consultationId: consultation.id, answer: { kind: "answer", optionIndex: pending.data.optionIndex, comment: pending.data.comment ?? undefined } });
}

// ---------------------------------------------------------------- cadres

const RECORD_COMMAND = /^第?\s*(\d{1,6})\s*号?征求意见(?:的)?补录[:：\s]*([\s\S]*)$/;
const OVERVIEW_QUERY = /^(?:查看?|看看?)?(?:所有|全部|最近的?)?征求意见(?:的)?(?:结果|情况|统计)+$/;
const RESULTS_QUERY = /^(?:查看?|看看?)?第?\s*(\d{1,6})\s*号?征求意见(?:的)?(?:结果|情况|统计|怎么样)/;
const CLOSE_COMMAND = /^(?:结束|关闭|截止)第?\s*(\d{1,6})\s*号?征求意见/;
const DECISION_COMMAND = /^第?\s*(\d{1,6})\s*号?征求意见(?:的)?(?:决定|拍板|决策)[:：\s]*([\s\S]*)$/;
const GROUP_REGISTRATION = /^本群(?:是|属于|为)([\p{Script=Han}]{2,10}?)(?:村)?(?:的)?(?:群)?[。！!]?$/u;

/** "现在有什么要征求意见的", "有没有正在征集意见的": asked plainly enough not to need the classifier. */
const LIST_QUERY = /^(?:现在|最近|目前|村里|镇里)?(?:有什么|有没有|有啥|有哪些)(?:要|正在|在)?(?:征求意见|征集意见|意见征集)/;

const DECISION_WORDS: Array<[RegExp, Decision]> = [
  [/^(?:通过|同意|批准|立项|approved)$/i, "approved"],
  [/^(?:否决|不通过|不立项|驳回|rejected)$/i, "rejected"],
  [/^(?:推迟|暂缓|缓办|延后|postponed)$/i, "postponed"],
];

export function parseDecisionWord(word: string): Decision | undefined {
  const parsed = DecisionSchema.safeParse(word.trim());
  if (parsed.success) return parsed.data;
  return DECISION_WORDS.find(([re]) => re.test(word.trim()))?.[1];
}

function checkCadre(ctx: TurnContext, action: string): { ok: true; role: string } | { ok: false; result: TurnResult } {
  const check = requireRole(ctx.services, ctx.message.channel, ctx.message.userId, "cadre", action);
  if (check.ok) return { ok: true, role: check.role };
  return { ok: false, result: result(check.reply, [], "staff_refused") };
}

function showResults(ctx: TurnContext, id: number): TurnResult {
  const check = checkCadre(ctx, "查看征求意见结果");
  if (!check.ok) return check.result;
  const results = serviceFor(ctx).results(id);
  if (!results) return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  // In a group only the totals may be said: the split by village and the comments stay in private chat.
  if (ctx.message.chatType === "group") {
    return result(`${results.number}“${results.title}”：共 ${results.respondents} 人回复（${results.options.map((o) => `${o.label} ${o.count}`).join("，")}）。详细结果请私聊查看。`, [], "consultation_results_group");
  }
  return result(formatResults(results), [], "consultation_results");
}

/** "第1号征求意见补录：三家庄 会议 支持6 反对2": votes cast at a meeting or by proxy, tagged as such. */
function recordTally(ctx: TurnContext, id: number, body: string): TurnResult {
  const check = checkCadre(ctx, "补录会议/代为表达的意见");
  if (!check.ok) return check.result;
  const service = serviceFor(ctx);
  const consultation = service.get(id);
  if (!consultation) return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  if (consultation.decision) return result(`${consultationNumber(id)}征求意见已经拍板，不能再补录。`, [], "consultation_already_decided");
  const tally = parseRecordedTally(body, consultation.options, villagesOf(ctx));
  if (!tally.ok) return result(`没有补录：${tally.error}`, [], "consultation_bad_command");
  const village = tally.value.village ?? null;
  if (consultation.audience.length > 0 && (!village || !consultation.audience.includes(village))) {
    return result(`没有补录：请写明是哪个村的票（这项征求意见面向${consultation.audience.join("、")}）。`, [], "consultation_bad_command");
  }
  const votes = tally.value.counts.flatMap((count, optionIndex) => Array.from({ length: count }, () => ({ optionIndex, village, method: tally.value.method, comment: null })));
  const recorded = service.recordVotes(id, votes, actor(ctx));
  audit(ctx, check.role, "补录会议/代为表达的意见", `${consultationNumber(id)} ${recorded} 票`);
  const how = tally.value.method === "meeting" ? "会议表决" : "代为表达";
  const split = tally.value.counts.map((c, i) => `${consultation.options[i]!.label}${c}`).join("，");
  return result(`已补录${consultationNumber(id)}征求意见${village ? `${village}的` : ""}${how} ${recorded} 票（${split}），结果里单独标明。`, [], "consultation_recorded_votes");
}

/** "征求意见结果统计" without a number: the latest consultations in one line each. */
function showOverview(ctx: TurnContext): TurnResult {
  const check = checkCadre(ctx, "查看征求意见结果");
  if (!check.ok) return check.result;
  const service = serviceFor(ctx);
  const latest = service.store.list(8);
  if (latest.length === 0) return result("还没有发布过征求意见。发“发布征求意见”开始。", [], "consultation_overview");
  const lines = latest.map((c) => {
    const r = service.results(c.id)!;
    const status = r.status === "open" ? `进行中，${formatChinaTime(c.deadline)} 截止` : r.status === "decided" ? `已拍板：${r.decision?.label ?? ""}` : "已截止，待拍板";
    const support = r.support.applicable && r.support.share !== null ? `，支持 ${Math.round(r.support.share * 100)}%（按${r.support.base === "households" ? "户数" : "回复人数"}）` : "";
    return `${r.number}“${c.title}”：${status}，回复 ${r.respondents} 人${support}${r.advice ? " ⚠" : ""}`;
  });
  return result(`最近的征求意见：\n${lines.join("\n")}\n看详细结果请发“第N号征求意见结果”。`, [], "consultation_overview");
}

function closeConsultation(ctx: TurnContext, id: number): TurnResult {
  const check = checkCadre(ctx, "结束征求意见");
  if (!check.ok) return check.result;
  const outcome = serviceFor(ctx).close(id);
  if (outcome === "unknown") return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  if (outcome === "already_closed") return result(`${consultationNumber(id)}征求意见已经截止了。`, [], "consultation_closed");
  audit(ctx, check.role, "结束征求意见", consultationNumber(id));
  return result(`${consultationNumber(id)}征求意见已结束，不再接受回答。发“${consultationNumber(id)}征求意见结果”查看结果，拍板后发“${consultationNumber(id)}征求意见决定：通过｜理由｜风险评估”。`, [], "consultation_closed_now");
}

function decide(ctx: TurnContext, id: number, body: string): TurnResult {
  const check = checkCadre(ctx, "记录征求意见决定");
  if (!check.ok) return check.result;
  const format = `格式：${consultationNumber(id)}征求意见决定：通过（或 否决、推迟）｜理由｜风险评估`;
  const [word = "", reason = "", riskNote = ""] = body.split(/[|｜]/).map((s) => s.trim());
  const decision = parseDecisionWord(word);
  if (!decision) return result(`看不懂决定“${word.slice(0, 10)}”。${format}`, [], "consultation_bad_decision");
  if (!reason) return result(`请写明理由。${format}`, [], "consultation_bad_decision");
  if (reason.length > 500 || riskNote.length > 1000) return result("理由不超过 500 字，风险评估不超过 1000 字。", [], "consultation_bad_decision");
  const service = serviceFor(ctx);
  const consultation = service.get(id);
  if (!consultation) return result(`没有${consultationNumber(id)}征求意见。`, [], "consultation_unknown");
  if (consultation.decision) return result(`${consultationNumber(id)}征求意见已经拍板（${DECISION_LABELS[consultation.decision]}），不能重复记录。`, [], "consultation_already_decided");
  const outcome = service.decide(id, decision, reason, riskNote, actor(ctx))!;
  audit(ctx, check.role, "记录征求意见决定", `${consultationNumber(id)} ${decision}`);
  const warning = decision === "approved" && outcome.results.advice ? `\n⚠ 提醒：${outcome.results.advice}` : "";
  return result(`已记录${consultationNumber(id)}征求意见的决定：${DECISION_LABELS[decision]}。已通知 ${outcome.notified} 个参与的聊天。${warning}`, [], "consultation_decided");
}

function registerGroup(ctx: TurnContext, name: string): TurnResult | undefined {
  if (ctx.message.chatType !== "group") return undefined;
  const check = checkCadre(ctx, "登记村群");
  if (!check.ok) return check.result;
  const village = villageMentioned(name, villagesOf(ctx));
  if (!village) return result(`没找到“${name}”这个村。本镇的村有：${villagesOf(ctx).map((v) => v.name).join("、")}。`, [], "consultation_unknown_village");
  serviceFor(ctx).store.registerGroup(ctx.message.channel, ctx.message.chatId, village.name, actor(ctx), ctx.now.toISOString());
  audit(ctx, check.role, "登记村群", `${ctx.message.channel}:${ctx.message.chatId} → ${village.name}`);
  return result(`好的，本群登记为${village.name}的群。以后面向${village.name}的征求意见会发到这里（大家请私聊我回答，群里只公布总数）。`, [], "consultation_group_registered");
}

function publish(ctx: TurnContext, draft: Parameters<ConsultationService["publish"]>[0], role: string): TurnResult {
  const service = serviceFor(ctx);
  const { consultation, villagers, groups } = service.publish(draft, actor(ctx));
  audit(ctx, role, "发布征求意见", `${consultationNumber(consultation.id)} ${consultation.title}`);
  const number = consultationNumber(consultation.id);
  return result(
    `已发布${number}征求意见“${consultation.title}”，面向${consultation.audience.length > 0 ? consultation.audience.join("、") : "全镇"}，${formatChinaTime(consultation.deadline)} 截止。\n` +
      `已推送给 ${villagers} 位登记了村子的村民和 ${groups} 个村群。截止前一天会提醒还没回答的村民。\n` +
      `查看结果：发“${number}征求意见结果”。`,
    [],
    "consultation_published",
  );
}

// ------------------------------------------------------- publish dialogue

const DIALOGUE_PROMPTS: Record<Draft["step"], string> = {
  title: "好的，我们一步一步来（随时发“取消”可以放弃）。\n第 1 步：征求意见的标题是什么？（60 字以内，例如“村东建养猪场”）",
  background: "第 2 步：简单说明背景（为什么要做、花多少钱、影响谁）。没有就回复“无”。",
  options: "第 3 步：选项是什么？回复“默认”即 支持/反对/有条件支持；或自己写，用“/”隔开。",
  audience: "第 4 步：面向哪些村？回复村名（用逗号隔开），或“全镇”。",
  deadline: "第 5 步：什么时候截止？例如 12月10日、2026-12-10、下周五。",
  confirm: "",
};

function draftKey(ctx: TurnContext): string {
  return `${DRAFT_PREFIX}${ctx.key}`;
}

function startDialogue(ctx: TurnContext): TurnResult {
  ctx.services.store.sessions.set(draftKey(ctx), { step: "title" }, ctx.now.toISOString());
  return result(DIALOGUE_PROMPTS.title, [], "consultation_dialogue");
}

function continueDialogue(ctx: TurnContext): TurnResult | undefined {
  const key = draftKey(ctx);
  const stored = ctx.services.store.sessions.get(key);
  if (!stored) return undefined;
  const parsed = DraftSession.safeParse(stored.data);
  if (!parsed.success || ctx.now.getTime() - Date.parse(stored.updatedAt) > DRAFT_TTL_MS) {
    ctx.services.store.sessions.delete(key);
    return undefined;
  }
  const check = checkCadre(ctx, "发布征求意见");
  if (!check.ok) {
    ctx.services.store.sessions.delete(key);
    return check.result;
  }
  const draft = parsed.data;
  const text = normalized(ctx);
  if (/^(取消|算了|不发了|退出)$/.test(text)) {
    ctx.services.store.sessions.delete(key);
    return result("好的，已取消，没有发布。", [], "consultation_dialogue_cancelled");
  }
  const save = (next: Draft) => ctx.services.store.sessions.set(key, next, ctx.now.toISOString());
  const again = (error: string) => result(`${error}\n${DIALOGUE_PROMPTS[draft.step]}`, [], "consultation_dialogue");
  switch (draft.step) {
    case "title": {
      const error = checkTitle(text);
      if (error) return again(error);
      save({ ...draft, title: text, step: "background" });
      return result(DIALOGUE_PROMPTS.background, [], "consultation_dialogue");
    }
    case "background": {
      const background = /^(无|没有|不用|略)$/.test(text) ? "" : text;
      const error = checkBackground(background);
      if (error) return again(error);
      save({ ...draft, background, step: "options" });
      return result(DIALOGUE_PROMPTS.options, [{ label: "默认", payload: "默认" }], "consultation_dialogue");
    }
    case "options": {
      const options = parseOptions(text);
      if (!options.ok) return again(options.error);
      save({ ...draft, options: text, step: "audience" });
      return result(DIALOGUE_PROMPTS.audience, [{ label: "全镇", payload: "全镇" }], "consultation_dialogue");
    }
    case "audience": {
      const audience = parseAudience(text, villagesOf(ctx));
      if (!audience.ok) return again(audience.error);
      save({ ...draft, audience: audience.value, step: "deadline" });
      return result(DIALOGUE_PROMPTS.deadline, [], "consultation_dialogue");
    }
    case "deadline": {
      const deadline = checkDeadline(text, ctx.now);
      if (!deadline.ok) return again(deadline.error);
      const next = { ...draft, deadline: deadline.value.toISOString(), step: "confirm" as const };
      save(next);
      const options = parseOptions(next.options);
      const summary =
        `请确认：\n标题：${next.title}\n背景：${next.background || "（无）"}\n选项：${options.ok ? options.value.map((o) => o.label).join(" / ") : next.options}\n` +
        `面向：${next.audience.length > 0 ? next.audience.join("、") : "全镇"}\n截止：${formatChinaTime(deadline.value)}\n回复“确认”发布，回复“取消”放弃。`;
      return result(summary, [{ label: "确认", payload: "确认" }, { label: "取消", payload: "取消" }], "consultation_dialogue");
    }
    case "confirm": {
      if (!/^(确认|确定|发布|是|好|好的|ok)$/i.test(text)) return result("回复“确认”发布，回复“取消”放弃。", [{ label: "确认", payload: "确认" }, { label: "取消", payload: "取消" }], "consultation_dialogue");
      ctx.services.store.sessions.delete(key);
      const options = parseOptions(draft.options);
      const deadline = new Date(draft.deadline);
      if (!options.ok) return result(options.error);
      if (deadline.getTime() <= ctx.now.getTime()) return result("截止日期已经过了，没有发布。请重新发“发布征求意见”。", [], "consultation_dialogue");
      return publish(ctx, { title: draft.title, background: draft.background, options: options.value, audience: draft.audience, deadline }, check.role);
    }
  }
}

// ---------------------------------------------------------------- entry points

/**
 * Claims messages that belong to a consultation whatever the classifier thinks: a dialogue in progress,
 * a cadre's command, a tapped option, "3号 反对", or a bare "2" right after the chat was asked.
 */
export function interceptConsultation(ctx: TurnContext): TurnResult | undefined {
  const text = normalized(ctx);
  const dialogue = continueDialogue(ctx);
  if (dialogue) return dialogue;

  if (PUBLISH_COMMAND.test(text)) {
    const check = checkCadre(ctx, "发布征求意见");
    if (!check.ok) return check.result;
    const parsed = parsePublishCommand(text, villagesOf(ctx), ctx.now);
    if (!parsed || (parsed.ok === false && !/[|｜]/.test(text))) return startDialogue(ctx);
    if (!parsed.ok) return result(`没有发布：${parsed.error}`, [], "consultation_bad_command");
    return publish(ctx, parsed.value, check.role);
  }
  if (OVERVIEW_QUERY.test(text)) return showOverview(ctx);
  const resultsQuery = RESULTS_QUERY.exec(text);
  if (resultsQuery) return showResults(ctx, Number(resultsQuery[1]));
  const close = CLOSE_COMMAND.exec(text);
  if (close) return closeConsultation(ctx, Number(close[1]));
  const decision = DECISION_COMMAND.exec(text);
  if (decision) return decide(ctx, Number(decision[1]), decision[2] ?? "");
  const recorded = RECORD_COMMAND.exec(text);
  if (recorded) return recordTally(ctx, Number(recorded[1]), recorded[2] ?? "");
  const group = GROUP_REGISTRATION.exec(text);
  if (group) {
    const registered = registerGroup(ctx, group[1]!);
    if (registered) return registered;
  }

  if (LIST_QUERY.test(text) && !/结果/.test(text)) return listForVillager(ctx);

  const service = serviceFor(ctx);
  const pending = continuePending(ctx, service);
  if (pending) return pending;
  // Bare answers ("2") only count right after this chat was asked; in a group they are never claimed
  // unless they name the consultation or tap its button, so ordinary group talk is left alone.
  const attempt = readAnswer(ctx, service, ctx.message.chatType === "private" && promptedConsultation(ctx) !== undefined);
  if (attempt) return recordAnswer(ctx, service, attempt);
  return undefined;
}

/** "装路灯那个事俺支持": one clear stance, when exactly one consultation is open to this villager. */
function readLooseAnswer(ctx: TurnContext, service: ConsultationService): AnswerAttempt | undefined {
  if (ctx.message.chatType !== "private" || QUESTION.test(normalized(ctx))) return undefined;
  const open = openFor(ctx, service);
  if (open.length !== 1) return undefined;
  const answer = parseLooseAnswer(normalized(ctx), open[0]!.options);
  return answer ? { consultationId: open[0]!.id, answer } : undefined;
}

/** The routed `opinion` intent: an answer in words ("我支持") or a question about what is being asked. */
export function handleOpinion(ctx: TurnContext): TurnResult {
  const service = serviceFor(ctx);
  const attempt = readAnswer(ctx, service, ctx.message.chatType === "private") ?? readLooseAnswer(ctx, service);
  if (attempt) return recordAnswer(ctx, service, attempt);
  const ref = consultationRef(normalized(ctx));
  if (ref !== undefined && !service.get(ref)) return result(`没有${consultationNumber(ref)}征求意见。`, [], "consultation_unknown");
  return listForVillager(ctx);
}
