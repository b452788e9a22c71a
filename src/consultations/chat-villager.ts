// Villagers in chat: seeing what is asked, answering (privately), changing an answer, the village question.
import { z } from "zod";
import { decodePayload, payloadText, quickReply } from "../core/payload.ts";
import { maskPersonalData } from "../core/privacy.ts";
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { formatChinaTime } from "./dates.ts";
import { consultationNumber, DEFAULT_OPTIONS, isOpen, MAX_COMMENT_LENGTH, type Consultation } from "./model.ts";
import { parseAnswer, parseLooseAnswer, villageMentioned, type ParsedAnswer } from "./parse.ts";
import { optionQuickReplies, PROMPT_DIALOGUE, PROMPT_TTL_MS, type ConsultationService } from "./service.ts";
export { PROMPT_DIALOGUE, PROMPT_TTL_MS };
import { normalized, result, serviceFor, villagesOf } from "./chat-common.ts";
import type { ConsultationTurn } from "./chat-common.ts";

/** A pending answer waiting for the villager's village is forgotten after this long. */
export const PENDING_TTL_MS = 30 * 60 * 1000;

/** "现在有什么要征求意见的", "有没有正在征集意见的": asked plainly enough not to need the classifier. */
export const LIST_QUERY = /^(?:现在|最近|目前|村里|镇里)?(?:有什么|有没有|有啥|有哪些)(?:要|正在|在)?(?:征求意见|征集意见|意见征集)/;

/** Open consultations this villager may answer: their village's, or all when their village is unknown. */
export async function openFor(ctx: ConsultationTurn, service: ConsultationService): Promise<Consultation[]> {
  const village = await ctx.services.store.profiles.villageOf(ctx.message.channel, ctx.message.userId);
  return (await service.store.listOpen(ctx.now)).filter((c) => !village || c.audience.length === 0 || c.audience.includes(village));
}

export const PENDING_DIALOGUE = "consultation-pending";
export const PromptSession = z.object({ consultationId: z.number().int() });
export const PendingSession = z.object({ consultationId: z.number().int(), optionIndex: z.number().int(), comment: z.string().nullable() });
export type PromptState = z.infer<typeof PromptSession>;
export type PendingState = z.infer<typeof PendingSession>;

export function promptedConsultation(ctx: ConsultationTurn): number | undefined {
  const parsed = PromptSession.safeParse(ctx.dialogue.stateOf(PROMPT_DIALOGUE));
  return parsed.success ? parsed.data.consultationId : undefined;
}

/** Lists the consultations a villager can answer now, and remembers the first so "1" answers it. */
export async function listForVillager(ctx: ConsultationTurn): Promise<TurnResult> {
  const service = serviceFor(ctx);
  const open = await openFor(ctx, service);
  if (open.length === 0) return result("目前没有正在进行的征求意见。有新的征求意见时，我会在这里通知您。", [], "consultation_none");
  const first = open[0]!;
  ctx.dialogue.start(PROMPT_DIALOGUE, { consultationId: first.id });
  // Whoever asked has now seen it, so they get the one reminder too if they don't answer (private chats only).
  if (ctx.message.chatType === "private") {
    const village = (await ctx.services.store.profiles.villageOf(ctx.message.channel, ctx.message.userId)) ?? null;
    for (const c of open)
      await service.store.addRecipient(
        c.id,
        { channel: ctx.message.channel, userId: ctx.message.userId, chatId: ctx.message.chatId, kind: "private", village },
        ctx.now.toISOString(),
      );
  }
  const lines: string[] = [];
  for (const c of open) {
    // Only the villager's own answer, in their own chat: "我投的票算上了没" is answered here.
    const own = await service.store.ownVote(c.id, ctx.message.channel, ctx.message.userId);
    const answered = own ? `\n  您已回答：${c.options[own.optionIndex]?.label ?? ""}（已计入，截止前可以改）` : "";
    lines.push(
      `${consultationNumber(c.id)}：${c.title}（${formatChinaTime(c.deadline)} 截止）\n${c.options.map((o, i) => `  ${i + 1}. ${o.label}`).join("\n")}${answered}`,
    );
  }
  const how =
    open.length > 1 ? `回答时请写明编号，例如“${first.id}号 1”或“${open[1]!.id}号 反对，太吵了”。` : "回复选项编号即可，也可以加上您的想法，例如“2，太吵了”。";
  return result(
    `正在征求意见的事项：\n${lines.join("\n")}\n${how}您选了什么只用于统计，不会告诉任何人。`,
    open.length === 1 ? optionQuickReplies(first) : [],
    "consultation_list",
  );
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
export async function readAnswer(ctx: ConsultationTurn, service: ConsultationService, allowBare: boolean): Promise<AnswerAttempt | undefined> {
  const payload = decodePayload(ctx.message.payload);
  if (payload?.kind === "vote") {
    const consultation = await service.get(payload.consultationId);
    const count = consultation?.options.length ?? 0;
    const answer: ParsedAnswer =
      payload.option <= count ? { kind: "answer", optionIndex: payload.option - 1 } : { kind: "out_of_range", number: payload.option };
    return { consultationId: payload.consultationId, answer };
  }
  const text = normalized(ctx);
  const explicit = splitExplicitRef(text);
  if (explicit && explicit.rest) {
    const consultation = await service.get(explicit.id);
    // An unknown number still gets a clear answer if the rest reads as an answer to the default options.
    const answer = parseAnswer(explicit.rest, consultation?.options ?? DEFAULT_OPTIONS);
    if (answer) return { consultationId: explicit.id, answer };
    return undefined;
  }
  if (!allowBare) return undefined;
  const prompted = promptedConsultation(ctx);
  // A bare number means something only right after a question: without this chat's own prompt
  // (or with another dialogue asked since) it is not taken as an answer.
  if (prompted === undefined && /^(?:我|俺)?(?:选|投)?第?[\d一二两三四五六七八九十]/.test(text)) return undefined;
  // The open list only matters without a prompt: not read otherwise.
  const target = prompted !== undefined ? await service.get(prompted) : await onlyOpen(ctx, service);
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

/** The answer came after the deadline or the close: not counted, and the villager's earlier answer still stands. */
async function closedReply(ctx: ConsultationTurn, service: ConsultationService, consultation: Consultation): Promise<TurnResult> {
  const own = await service.store.ownVote(consultation.id, ctx.message.channel, ctx.message.userId);
  const kept = own ? `您之前的回答“${consultation.options[own.optionIndex]?.label}”仍然有效。` : "";
  const when =
    consultation.closedAt && consultation.closedAt < consultation.deadline ? formatChinaTime(consultation.closedAt) : formatChinaTime(consultation.deadline);
  return result(
    `${consultationNumber(consultation.id)}征求意见“${consultation.title}”已经在 ${when} 截止，这次的回答没有计入。${kept}`,
    [],
    "consultation_closed",
  );
}

/** The one consultation open to this villager, if exactly one is. */
async function onlyOpen(ctx: ConsultationTurn, service: ConsultationService): Promise<Consultation | undefined> {
  const open = await openFor(ctx, service);
  return open.length === 1 ? open[0] : undefined;
}

function optionList(c: Consultation): string {
  return c.options.map((o, i) => `${i + 1}. ${o.label}`).join("\n");
}

/** Records (or changes) a villager's answer, or says clearly why it was not recorded. */
export async function recordAnswer(ctx: ConsultationTurn, service: ConsultationService, attempt: AnswerAttempt): Promise<TurnResult> {
  const { message } = ctx;
  const consultation = attempt.consultationId !== undefined ? await service.get(attempt.consultationId) : undefined;
  if (message.chatType === "group") {
    return result("为了保护大家的隐私，征求意见请私聊我回答，群里的回答不计入。群里只公布总数，谁选了什么不会告诉任何人。", [], "consultation_group_refused");
  }
  if (!consultation) {
    const open = await openFor(ctx, service);
    const hint =
      open.length > 0 ? `现在正在征求意见的是：${open.map((c) => `${consultationNumber(c.id)}“${c.title}”`).join("、")}。` : "目前没有正在进行的征求意见。";
    return result(
      `没有${attempt.consultationId !== undefined ? consultationNumber(attempt.consultationId) : "这项"}征求意见，您的回答没有记下。${hint}`,
      [],
      "consultation_unknown",
    );
  }
  if (!isOpen(consultation, ctx.now)) return closedReply(ctx, service, consultation);
  const number = consultationNumber(consultation.id);
  if (attempt.answer.kind === "out_of_range") {
    return result(
      `${number}征求意见只有 ${consultation.options.length} 个选项，没有第 ${attempt.answer.number} 项，这次没有记下。请回复 1 到 ${consultation.options.length}：\n${optionList(consultation)}`,
      optionQuickReplies(consultation),
      "consultation_out_of_range",
    );
  }
  const comment = attempt.answer.comment ?? null;
  if (comment && comment.length > MAX_COMMENT_LENGTH) {
    return result(
      `您的想法有 ${comment.length} 个字，太长了，这次没有记下。请缩短到 ${MAX_COMMENT_LENGTH} 字以内再发一次，或者分成选项和几句要点。`,
      [],
      "consultation_comment_too_long",
    );
  }
  const village = await ctx.services.store.profiles.villageOf(message.channel, message.userId);
  // Without a village list there is nothing to ask; the answer counts township-wide.
  if (!village && villagesOf(ctx).length === 0 && consultation.audience.length === 0) {
    return store(ctx, service, consultation, attempt.answer.optionIndex, comment, null);
  }
  if (!village) {
    ctx.dialogue.start(PENDING_DIALOGUE, { consultationId: consultation.id, optionIndex: attempt.answer.optionIndex, comment });
    const candidates = consultation.audience.length > 0 ? consultation.audience : villagesOf(ctx).map((v) => v.name);
    return result(
      `记下之前想先问一句：您是哪个村的？回复村名就行${candidates.length > 0 ? `（${candidates.slice(0, 12).join("、")}）` : ""}。以后就不再问了。`,
      candidates.slice(0, 8).map((v) => quickReply(v)),
      "consultation_ask_village",
    );
  }
  if (consultation.audience.length > 0 && !consultation.audience.includes(village)) {
    return result(
      `${number}征求意见只面向${consultation.audience.join("、")}，您登记的是${village}，所以这次的回答不计入。如果村子登记错了，请联系村委会更正。`,
      [],
      "consultation_not_audience",
    );
  }
  return store(ctx, service, consultation, attempt.answer.optionIndex, comment, village);
}

async function store(
  ctx: ConsultationTurn,
  service: ConsultationService,
  consultation: Consultation,
  optionIndex: number,
  comment: string | null,
  village: string | null,
): Promise<TurnResult> {
  const { message } = ctx;
  // On disk before the reply says so: the upsert is a durable transaction.
  const recorded = await service.store.upsertVote({
    consultationId: consultation.id,
    channel: message.channel,
    userId: message.userId,
    chatId: message.chatId,
    optionIndex,
    comment: comment ? maskPersonalData(comment) : null,
    village,
    at: ctx.now.toISOString(),
  });
  // Closed (or decided) by a cadre since it was read above: the vote was not written.
  if (!recorded) return closedReply(ctx, service, (await service.get(consultation.id)) ?? consultation);
  const { previous } = recorded;
  ctx.dialogue.start(PROMPT_DIALOGUE, { consultationId: consultation.id });
  const label = consultation.options[optionIndex]!.label;
  const number = consultationNumber(consultation.id);
  const deadline = formatChinaTime(consultation.deadline);
  const commentText = comment ? `您的想法也记下了：“${maskPersonalData(comment)}”。` : "";
  if (previous === null) {
    return result(
      `已记下您对${number}征求意见“${consultation.title}”的回答：${label}。${commentText}\n${deadline} 截止前可以改，回复新的选项即可。您选了什么不会告诉任何人。`,
      [],
      "consultation_recorded",
    );
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

export async function continuePending(ctx: ConsultationTurn, service: ConsultationService, pending: PendingState): Promise<TurnResult | undefined> {
  const village = villageMentioned(payloadText(ctx.message.payload) ?? ctx.text, villagesOf(ctx));
  ctx.dialogue.end(PENDING_DIALOGUE);
  if (!village && DECLINE.test(normalized(ctx))) {
    const consultation = await service.get(pending.consultationId);
    if (!consultation) return undefined;
    if (consultation.audience.length > 0) {
      return result(
        `这项征求意见只面向${consultation.audience.join("、")}，需要知道您是哪个村的才能计入。您的回答这次没有记下；愿意的话，重新回复选项时告诉我村名就行。`,
        [],
        "consultation_village_declined",
      );
    }
    return store(ctx, service, consultation, pending.optionIndex, pending.comment, null);
  }
  if (!village) {
    if (/^[\p{Script=Han}]{2,6}村?$/u.test(normalized(ctx))) {
      return result(
        `没找到“${normalized(ctx)}”这个村，这次的回答还没有记下。本镇的村有：${villagesOf(ctx)
          .map((v) => v.name)
          .join("、")}。请重新回复选项，我再问一次。`,
        [],
        "consultation_unknown_village",
      );
    }
    return undefined;
  }
  await ctx.services.store.profiles.setVillage(ctx.message.channel, ctx.message.userId, village.name, ctx.now.toISOString());
  const consultation = await service.get(pending.consultationId);
  if (!consultation) return undefined;
  return recordAnswer(ctx, service, {
    consultationId: consultation.id,
    answer: { kind: "answer", optionIndex: pending.optionIndex, comment: pending.comment ?? undefined },
  });
}

/** "装路灯那个事俺支持": one clear stance, when exactly one consultation is open to this villager. */
export async function readLooseAnswer(ctx: ConsultationTurn, service: ConsultationService): Promise<AnswerAttempt | undefined> {
  if (ctx.message.chatType !== "private" || QUESTION.test(normalized(ctx))) return undefined;
  const open = await openFor(ctx, service);
  if (open.length !== 1) return undefined;
  const answer = parseLooseAnswer(normalized(ctx), open[0]!.options);
  return answer ? { consultationId: open[0]!.id, answer } : undefined;
}
