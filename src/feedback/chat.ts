// Villagers' reports: filing (category, village, place, masking, duplicates), status questions, reopening.
import { absentProgramme } from "../core/absent.ts";
import { foldText } from "../text/fold.ts";
import { quickReply } from "../core/payload.ts";
import { containsPersonalData, maskPersonalData } from "../core/privacy.ts";
import { reply, type QuickReply } from "../core/message.ts";
import { readStatedClaim } from "../core/claim.ts";
import { formatReceipt, parseReceipt } from "./receipt.ts";
import type { Report, ReportStore } from "./store.ts";
import type { IntentHandler, Interceptor, TurnContext, TurnResult } from "../core/turn.ts";
import { classifyCategory, extractPlaces, samePlace } from "./categories.ts";
import { findVillage } from "./villages.ts";
import { STATE_LABEL, stateGroup } from "./states.ts";
import { roleOf } from "../staff/roles.ts";
import { AGREE, DISAGREE, isAnonymous, isReopenRequest, isStatusQuery, lacksDetail, NO, SKIP, YES } from "./texts.ts";
import {
  clearDialogue,
  DIALOGUE_TTL_MS,
  FEEDBACK_DIALOGUE,
  FeedbackDialogueSchema,
  holdOriginal,
  readDialogue,
  saveDialogue,
  takeOriginal,
  type FeedbackDialogue,
  type PendingReport,
} from "./dialogue.ts";
import type { Dialogue } from "../core/dialogue.ts";
import { answerPolicyQuestion } from "../intents/policy/index.ts";
import { isDatabaseFailure } from "../store/sql.ts";

/** A report filed or in progress, one that could not be written, one refused in a group, a message that may be either. */
export type FeedbackAnswerKind = "feedback" | "feedback_not_recorded" | "feedback_group" | "report_or_question";
declare module "../core/answer-kind.ts" {
  interface AnswerKinds extends Record<FeedbackAnswerKind, true> {}
}

/** How long a report waits while another process holds the database lock before the villager is told it was not filed. */
export const REPORT_WRITE_WITHIN_MS = 10_000;
const NOT_FILED = "抱歉，系统繁忙，您反映的问题这次没有登记上（没有回执号）。请过几分钟再发一次，或直接联系村委会。";

const result = (ctx: FeedbackTurn, text: string, extra: Partial<TurnResult> & { quickReplies?: QuickReply[] } = {}): TurnResult => {
  const { quickReplies, ...rest } = extra;
  return {
    intent: "feedback",
    confidence: ctx.classification.confidence,
    replies: [reply(text, { quickReplies: quickReplies ?? [] })],
    answerKind: "feedback",
    ...rest,
  };
};

/** A turn with the feedback repository (built once, in createApp) at hand. */
type FeedbackTurn = TurnContext & { reports: ReportStore };

const reportsOf = (ctx: FeedbackTurn) => ctx.reports;

/** "路灯（东头）": how a report is named to people who may not see its text. */
function describe(report: Pick<Report, "category" | "places">): string {
  const place = report.places.join("、");
  return `${report.category ?? "其他"}${place ? `（${place}）` : ""}`;
}

function villageQuickReplies(ctx: FeedbackTurn): QuickReply[] {
  return ctx.kb.data.villages.villages.slice(0, 8).map((v) => quickReply(v.name));
}

// ---- status and reopening -------------------------------------------------------------------

async function statusReply(ctx: FeedbackTurn): Promise<TurnResult> {
  const { channel, userId } = ctx.message;
  const store = reportsOf(ctx);
  const asked = parseReceipt(ctx.text);
  let reports = await store.listByUser(channel, userId, 5);
  if (asked !== undefined) {
    // Only the villager's own report: someone else's receipt number gets the same answer as a wrong one.
    reports = reports.filter((r) => r.id === asked);
    if (reports.length === 0) {
      const own = await store.get(asked);
      if (!own || own.channel !== channel || own.userId !== userId)
        return result(ctx, `没有找到您名下回执号为 ${formatReceipt(asked)} 的反映。请核对回执号，或发“我反映的事怎么样了”查看您的全部反映。`);
      reports = [own];
    }
  }
  if (reports.length === 0) return result(ctx, "您还没有反映过问题。有什么问题，直接告诉我就行，比如“村东头路灯坏了”。");
  const histories = await Promise.all(reports.map((r) => store.history(r.id)));
  const lines = reports.map((r, i) => {
    const last = histories[i]!.at(-1);
    const note = last?.note && last.toStatus !== "confirmed" ? `，说明：${last.note}` : "";
    const meToo = r.meToo > 0 ? `，另有 ${r.meToo} 人反映同一问题` : "";
    return `· ${formatReceipt(r.id)} ${describe(r)}：${STATE_LABEL[r.status]}${note}${meToo}（${r.createdAt.slice(0, 10)} 反映）`;
  });
  return result(ctx, `您反映的问题：\n${lines.join("\n")}`);
}

async function reopen(ctx: FeedbackTurn): Promise<TurnResult | undefined> {
  const { channel, userId } = ctx.message;
  const store = reportsOf(ctx);
  const asked = parseReceipt(ctx.text);
  const own = await store.listByUser(channel, userId, 20);
  const target = asked !== undefined ? own.find((r) => r.id === asked) : own.find((r) => stateGroup(r.status) !== "open");
  if (!target) return asked !== undefined ? result(ctx, `没有找到您名下回执号为 ${formatReceipt(asked)} 的反映。`) : undefined;
  if (stateGroup(target.status) === "open")
    return result(ctx, `${formatReceipt(target.id)} 还在处理中（${STATE_LABEL[target.status]}），还没有结案。工作人员处理后会在这里告诉您。`);
  const note = `村民反映还没解决：${maskPersonalData(ctx.text).slice(0, 200)}`;
  await store.changeState(target.id, "confirmed", note, "村民", ctx.now.toISOString());
  return result(ctx, `收到，${formatReceipt(target.id)}（${describe(target)}）已重新打开，工作人员会再处理，有进展会在这里告诉您。`, {
    answerIds: [formatReceipt(target.id)],
  });
}

// ---- filing ---------------------------------------------------------------------------------

/** How long the same text from the same villager counts as the same report sent again. */
const REPEAT_WINDOW_MS = 60 * 60_000;

async function followUp(
  ctx: FeedbackTurn,
  id: number,
  hasPersonalData: boolean,
  village: string | null,
): Promise<{ text: string; quickReplies: QuickReply[] }> {
  const { channel, userId } = ctx.message;
  if (!village && !(await ctx.services.store.profiles.villageAsked(channel, userId)) && ctx.kb.data.villages.villages.length > 0) {
    saveDialogue(ctx, { step: "village", feedbackId: id, thenConsent: hasPersonalData });
    return { text: "\n请问您是哪个村的？说一次我就记住了，以后不用再问（不想说可以回复“跳过”）。", quickReplies: villageQuickReplies(ctx) };
  }
  if (hasPersonalData) {
    saveDialogue(ctx, { step: "consent", feedbackId: id });
    return consentQuestion();
  }
  return { text: "", quickReplies: [] };
}

function consentQuestion(): { text: string; quickReplies: QuickReply[] } {
  return {
    text: "\n您的留言里有电话或身份证号，登记时已经遮住了。要不要保留原文，方便工作人员联系您？回复“同意”或“不同意”。",
    quickReplies: [quickReply("同意"), quickReply("不同意")],
  };
}

/**
 * Writes an acknowledging change in one transaction, tried again while another writer holds the lock, and resolves
 * once it is on disk (on SQLite, a group fsync of the WAL); undefined when it could not be written or made durable
 * (locked too long, disk full, fsync failed, database unreachable), so the reply never says "登记" for what is not on disk.
 */
async function recordOrFail<T>(ctx: FeedbackTurn, what: string, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await ctx.services.store.sql.write(write, { durable: true, withinMs: REPORT_WRITE_WITHIN_MS });
  } catch (error) {
    if (!isDatabaseFailure(error)) throw error;
    ctx.services.logger.error(`${what} not recorded`, { error, channel: ctx.message.channel });
    return undefined;
  }
}

async function file(ctx: FeedbackTurn, pending: PendingReport): Promise<TurnResult> {
  const { message } = ctx;
  // Written (and fsynced) before the reply is built: the receipt number is proof that the report is on disk.
  const id = await recordOrFail(ctx, "report", () =>
    reportsOf(ctx).create({
      channel: message.channel,
      userId: message.userId,
      chatId: message.chatId,
      text: pending.text,
      category: pending.category,
      village: pending.village || null,
      places: pending.places,
      anonymous: pending.anonymous,
      displayName: pending.anonymous ? null : pending.displayName,
      createdAt: ctx.now.toISOString(),
    }),
  );
  if (id === undefined) return result(ctx, NOT_FILED, { answerKind: "feedback_not_recorded" });
  if (pending.hasPersonalData) {
    const original = takeOriginal(ctx.key, ctx.now);
    if (original) holdOriginal(`${ctx.key}#${id}`, original, ctx.now);
  }
  const receipt = formatReceipt(id);
  const where = pending.village ? `${pending.village}，` : "";
  const next = await followUp(ctx, id, pending.hasPersonalData, pending.village || null);
  if (!next.text) saveDialogue(ctx, { step: "filed", feedbackId: id });
  return result(
    ctx,
    `您反映的问题已受理登记，回执号：${receipt}（${where}${pending.category}${pending.anonymous ? "，匿名" : ""}）。\n工作人员处理后会在这里告诉您进展，也可以随时发“我反映的事怎么样了”查询。${next.text}`,
    { answerIds: [receipt], quickReplies: next.quickReplies },
  );
}

async function fileReport(ctx: FeedbackTurn): Promise<TurnResult> {
  const { message } = ctx;
  if (lacksDetail(ctx.text)) {
    saveDialogue(ctx, { step: "details" });
    return result(ctx, "好的，请说说具体是什么问题、在哪个村哪个位置，比如“三组的路灯坏了一个星期了”。想匿名反映的话，加上“匿名”两个字。");
  }
  const categories = ctx.snapshot.categories;
  const masked = maskPersonalData(ctx.text);
  // The same words again soon after (a resend, an impatient villager, a script) are counted on the first report,
  // never filed again: one person can't fill the staff's list and counts with copies.
  const repeat = await reportsOf(ctx).recentIdentical(message.channel, message.userId, masked, new Date(ctx.now.getTime() - REPEAT_WINDOW_MS).toISOString());
  if (repeat) {
    const times = await reportsOf(ctx).countRepeat(repeat.id);
    return result(
      ctx,
      `这个问题您已经反映过了（回执号 ${formatReceipt(repeat.id)}，${STATE_LABEL[repeat.status]}），不用重复发，已记下您一共说了 ${times} 次。工作人员处理后会在这里告诉您进展。`,
      { answerIds: [formatReceipt(repeat.id)] },
    );
  }
  const hasPersonalData = containsPersonalData(ctx.text);
  if (hasPersonalData) holdOriginal(ctx.key, ctx.text, ctx.now);
  const category = classifyCategory(masked, categories);
  const village = findVillage(masked, ctx.kb.data.villages.villages) ?? (await ctx.services.store.profiles.villageOf(message.channel, message.userId)) ?? "";
  const places = extractPlaces(masked, category, categories);
  const pending: PendingReport = {
    text: masked,
    category,
    village,
    places,
    anonymous: isAnonymous(ctx.text),
    displayName: message.displayName ?? null,
    hasPersonalData,
  };
  if (village && pending.places.length > 0) {
    const match = (await reportsOf(ctx).openInCategoryAndVillage(category, village)).find((r) => samePlace(r.places, pending.places, categories));
    if (match && match.channel === message.channel && match.userId === message.userId) {
      return result(ctx, `您之前已经反映过这个问题（回执号 ${formatReceipt(match.id)}，${STATE_LABEL[match.status]}），不用重复登记。有进展会在这里告诉您。`, {
        answerIds: [formatReceipt(match.id)],
      });
    }
    if (match) {
      saveDialogue(ctx, { step: "duplicate", candidateId: match.id, pending });
      return result(
        ctx,
        `${village}已经有人反映过${describe(match)}的问题（回执号 ${formatReceipt(match.id)}，${STATE_LABEL[match.status]}）。是同一个问题吗？\n回复“是”就算您一份，处理进展也会告诉您；回复“不是”就单独登记。`,
        {
          quickReplies: [quickReply("是同一个", "是"), quickReply("不是，单独登记", "不是")],
        },
      );
    }
  }
  return file(ctx, pending);
}

// ---- a problem and a question in one message ----------------------------------------------

// ("那你帮俺报上去吧", "帮俺登记一下": asked in so many words.)
const FILE_IT =
  /^(?:(登记反映|登记|反映|反映问题|我要反映|是|是的|对|要|要登记|帮我登记|1)(?:[，,。.!！\s]|$)|(?:那|那就)?(?:你)?(?:帮|给)(?:俺|我|我们|俺们)?(?:登记|报上去|反映上去|反映|报)(?:一下|上去)?(?:吧|呗|啊)?[。.!！\s]*$)/;
const JUST_ASKING = /^(问问政策|问政策|不用|不用登记|不要|不是|就问问|不登记|2)(?:[，,。.!！\s]|$)/;
const OFFER_BUTTONS: QuickReply[] = [quickReply("登记反映"), quickReply("只是问问", "问问政策")];

/**
 * "沼气池坏了，镇上有人管不？" asks for information and may also be a report. Nothing is filed yet:
 * the knowledge base answers what it can, and the villager decides whether it becomes a report.
 */
function answerThenOffer(ctx: FeedbackTurn, answer: TurnResult = answerPolicyQuestion(ctx)): TurnResult {
  const masked = maskPersonalData(ctx.text).slice(0, 2000);
  saveDialogue(ctx, { step: "offer", text: masked });
  // "房子漏雨要修，有补助吗": that the knowledge base has no such subsidy answers the question too.
  const absent = answer.answerKind === "no_answer" && absentProgramme(ctx.kb.index, ctx.query) !== undefined;
  const known = answer.answerKind === "answer" || answer.answerKind === "needs_review";
  const text =
    known || absent
      ? `${answer.replies[0]?.text ?? ""}\n\n如果您是想反映这个问题，请工作人员来处理，回复“登记反映”；只是问问就不用管。`
      : "您是想反映这个问题（登记后工作人员会处理），还是想问问政策？";
  return {
    ...answer,
    // Asked and answered from the knowledge base ("沼气池坏了找谁修"), it was taken as the question it is; an
    // opinion said ("俺觉得400太少了") stays feedback offered (nothing is filed unless asked either way).
    // (A figure the villager had wrong, corrected by the answer, was a question of fact too: "一年才五十块 也太少了吧".)
    intent: (known || absent) && (ASKED.test(foldText(ctx.text)) || CORRECTED.test(answer.replies[0]?.text ?? "")) ? answer.intent : "feedback",
    replies: [reply(text, { citations: answer.replies[0]?.citations ?? [], quickReplies: OFFER_BUTTONS })],
    answerKind: known || absent ? answer.answerKind : "report_or_question",
    // An absent subsidy stays on the staff's list of questions the knowledge base could not answer.
    ...(known || absent ? {} : { unanswered: undefined }),
  };
}

/** An answer that opens by correcting a figure the villager said. */
const CORRECTED = /(?:^|\n)不[对對]：/;

/** A question asked in so many words: whom, where, what, how much, whether. */
const ASKED =
  /[?？吗]|谁|哪|啥|什么|怎么|咋|多少|几[个天年月场次]|能不能|有没有|是不是|管不管|给不给|[修管办]不[修管办]|([修整管办弄建治查发给])没\1|有[^，,。]{0,6}没$/;

// ---- the dialogue after a report ------------------------------------------------------------

/** "到底给多少", "一年几个钱": a figure asked, which the knowledge base may answer. */
const FIGURE_ASKED = /多少|几个钱|几多|几块/;
/** Words of something wrong or of where it is, in a message the reading took for a question. */
const PROBLEM_LIKE = /坏|塌|漏|堵|臭|脏|吵|乱|欠|拖|扣|锁|没人|不给|不让|让[^，。]{0,6}进|包夜|欺负|打人|危险|摔|淹|黑/;

/** How long the trouble has lasted, or someone asked to come and see to it. */
const ABOUT_THE_REPORT =
  /[一两二三四五六七八九十几半多]+个?多?(?:天|礼拜|星期|周|月|年)了|好几天|好久了|(?:昨天|前天|今天|早上|上午|下午|晚上|刚才)[^，,。？?]{0,4}(?:发现|看见|看到|出的事|塌的|坏的)|派人|来个人|找人来|来修|修修|修一下|来看看|过来看|管管|快点|赶紧|(?:去年|往年|以前|上回|上次)(?:都|还|也)?(?:发了|到了|给了|领了|有)/;

/** Nobody has come to see to it yet: "一个礼拜没人修", "还没人来". */
const NOBODY_ACTS = /(?<!有)(?:没人|没有人)(?:修|管|来|理)|(?:也|还)没(?:人)?(?:修|管|来)/;

/**
 * Where or since when the trouble is ("在三组老王家门口 昨天开始的"): a report's details, though nothing wrong is
 * named again. Said first in the message; a later message that only mentions 晚上 or 旁边 is something else.
 */
const WHERE_OR_WHEN =
  /^(?:就|是)?在[^，,。？?]{1,12}(?:门口|旁边|对面|边上|附近|路口|桥边|那边|那儿|这边|组|村|河|路|家)|^(?:昨天|前天|今天|今早|早上|这几天|好几天)[^问想]{0,12}(?:开始|看到|发现|就|了)/;

/**
 * The villager's next words after a report, when they add to it: not a question, not small talk, no new
 * problem of another kind (that is a report of its own). Returns them masked, or undefined.
 */
function addsDetail(ctx: FeedbackTurn, report: Report | undefined, text = ctx.text.trim()): string | undefined {
  const { reading } = ctx;
  if (text.length < 4 || reading.kind === "smalltalk" || reading.kind === "reset") return undefined;
  // "一个多礼拜了 能派人看看不": how long it has lasted, or a plea for someone to come, is about the report
  // just filed, even when it is put as a question.
  // ("一个礼拜没人修 咋弄": nobody acting on it yet; not "以前也没人管 这归谁管", which asks whose it is.)
  const aboutIt = ABOUT_THE_REPORT.test(text) || (NOBODY_ACTS.test(text) && !/谁|哪|管不管|归/.test(text));
  if (!aboutIt && (reading.kind === "question" || reading.kind === "report_or_question")) return undefined;
  // "残疾人救助" names a topic, not trouble: only words of something wrong add to a report, or where and
  // since when it is ("在三组老王家门口 昨天开始的").
  if (!aboutIt && reading.kind === "open" && (reading.asks || !(PROBLEM_LIKE.test(text) || WHERE_OR_WHEN.test(text)))) return undefined;
  // "我反映的事怎么样了", "FK000001 还没修好": about reports, answered as such.
  if (/FK\s*\d/i.test(text) || isStatusQuery(text) || isReopenRequest(text)) return undefined;
  // "还有…", "另外…", "再反映个事": a new problem, filed on its own.
  if (/^(?:还有|另外|再|又|我还|俺还|还要)/.test(text)) return undefined;
  const masked = maskPersonalData(text).slice(0, 500);
  // The same words sent again are a resend, counted on the report as such, not more about it.
  if (!report || report.text.includes(masked)) return undefined;
  // Where or when names a place, which may sound like another category's (阮岭河桥边 for rubbish): no test.
  if (WHERE_OR_WHEN.test(text) && !PROBLEM_LIKE.test(text)) return masked;
  const categories = ctx.snapshot.categories;
  const own = classifyCategory(masked, categories);
  const category = report.category ?? categories.fallback;
  if (own !== categories.fallback && category !== categories.fallback && own !== category) return undefined;
  return masked;
}

async function addDetail(ctx: FeedbackTurn, id: number, detail: string, then: string, quickReplies: QuickReply[] = []): Promise<TurnResult> {
  const added = await recordOrFail(ctx, "detail", async () => {
    await reportsOf(ctx).addDetail(id, detail, ctx.now.toISOString());
    return true;
  });
  if (added === undefined) return result(ctx, NOT_FILED, { answerKind: "feedback_not_recorded" });
  return result(ctx, `记下了，已补充到您刚才的反映里（回执号 ${formatReceipt(id)}）。${then}`, { answerIds: [formatReceipt(id)], quickReplies });
}

async function continueDialogue(ctx: FeedbackTurn, dialogue: FeedbackDialogue): Promise<TurnResult | undefined> {
  const text = ctx.text.trim();
  const { channel, userId, chatId } = ctx.message;
  const store = reportsOf(ctx);

  if (dialogue.step === "details") {
    clearDialogue(ctx);
    // "俺要举报" then "镇上有家网吧让小学生包夜": filed, even though the knowledge base could also say something about it.
    // "没有 算了", "不说了": nothing to report after all.
    if (/^(?:没有|没事|算了|不用|不了|不说了|不反映了)/.test(text.replace(/[\s，,。.!！]+/g, ""))) return result(ctx, "好的，那就不登记了。有需要随时找我。");
    if (ctx.reading.kind === "smalltalk" || ctx.reading.kind === "reset" || (ctx.reading.kind === "question" && ctx.reading.notAReport)) return undefined;
    if (ctx.reading.kind === "question" && !PROBLEM_LIKE.test(text)) return undefined;
    // "我有意见" ⏎ "凭啥俺三级才给400 一二级的到底给多少": a figure asked is answered (with the offer to file the
    // opinion), never filed unanswered.
    // (Only a figure the knowledge base gives: "修路的钱到底花了多少 为啥不公开" is the opinion itself, filed.)
    if (ctx.reading.kind === "open" && ctx.reading.asks && FIGURE_ASKED.test(text) && !PROBLEM_LIKE.test(text)) {
      const answer = answerPolicyQuestion(ctx);
      if (answer.answerKind === "answer") return answerThenOffer(ctx, answer);
    }
    return fileReport(ctx);
  }

  if (dialogue.step === "filed") {
    // "得赶紧修…给报上去" right after: more about the same report, even in words of reporting.
    const detail = addsDetail(ctx, await store.get(dialogue.feedbackId));
    if (!detail) {
      clearDialogue(ctx);
      return undefined;
    }
    return addDetail(ctx, dialogue.feedbackId, detail, "");
  }

  if (dialogue.step === "offer") {
    if (FILE_IT.test(text)) {
      clearDialogue(ctx);
      return fileReport({ ...ctx, text: dialogue.text });
    }
    clearDialogue(ctx);
    if (JUST_ASKING.test(text))
      return {
        ...answerPolicyQuestion({
          ...ctx,
          text: dialogue.text,
          query: ctx.kb.index.analyze(dialogue.text),
          hits: ctx.kb.index.search(ctx.kb.index.analyze(dialogue.text), 5),
        }),
        intent: "policy",
      };
    return undefined;
  }

  if (dialogue.step === "duplicate") {
    if (YES.test(text)) {
      clearDialogue(ctx);
      const candidate = await store.get(dialogue.candidateId);
      if (!candidate || stateGroup(candidate.status) !== "open") return file(ctx, dialogue.pending);
      takeOriginal(ctx.key, ctx.now);
      const added = await recordOrFail(ctx, "me-too", () => store.addMeToo(candidate.id, { channel, userId, chatId }, ctx.now.toISOString()));
      if (added === undefined) return result(ctx, NOT_FILED, { answerKind: "feedback_not_recorded" });
      const count = ((await store.get(candidate.id))?.meToo ?? 0) + 1;
      return result(ctx, `好的，已算您一份：现在共有 ${count} 人反映这个问题（回执号 ${formatReceipt(candidate.id)}）。处理有进展时，我也会在这里告诉您。`, {
        answerIds: [formatReceipt(candidate.id)],
      });
    }
    if (NO.test(text)) {
      clearDialogue(ctx);
      return file(ctx, dialogue.pending);
    }
    // Anything else: the question stays open for a while, and this message is handled normally.
    return undefined;
  }

  if (dialogue.step === "village") {
    // "谢谢", "你好" are not village names: answered normally, and the question stays open.
    if (ctx.reading.kind === "smalltalk" && !SKIP.test(text)) return undefined;
    const village = findVillage(text, ctx.kb.data.villages.villages) ?? placeName(text);
    const filed = await store.get(dialogue.feedbackId);
    if (village) {
      clearDialogue(ctx);
      // "汪疃村河那段挡土墙塌了一块": the village, and more about the report beside it.
      const rest = text.replace(village, "").replace(/^[的在是，,。\s]+/, "");
      const detail = rest.length >= 4 ? addsDetail(ctx, filed) : undefined;
      await ctx.services.store.sql.transaction(
        async () => {
          await ctx.services.store.profiles.setVillage(channel, userId, village, ctx.now.toISOString());
          await store.setVillage(dialogue.feedbackId, village, ctx.now.toISOString());
          if (detail) await store.addDetail(dialogue.feedbackId, detail, ctx.now.toISOString());
        },
        { durable: true },
      );
      const next = dialogue.thenConsent
        ? (saveDialogue(ctx, { step: "consent", feedbackId: dialogue.feedbackId }), consentQuestion())
        : (saveDialogue(ctx, { step: "filed", feedbackId: dialogue.feedbackId }), { text: "", quickReplies: [] });
      const added = detail ? "，您说的情况也补充进去了" : "";
      return result(ctx, `记下了：您是${village}的，${formatReceipt(dialogue.feedbackId)} 已归到${village}${added}。以后反映问题不用再说村名。${next.text}`, {
        quickReplies: next.quickReplies,
      });
    }
    if (SKIP.test(text)) {
      clearDialogue(ctx);
      await ctx.services.store.profiles.markVillageSkipped(channel, userId, ctx.now.toISOString());
      // "算了这个回头再说，一户多残一年补多少": the village is skipped and the question beside it answered.
      if (text.length > 10 && (ctx.reading.kind === "question" || (ctx.reading.kind === "open" && ctx.reading.asks))) return undefined;
      return result(ctx, `好的，不说也没关系，您的反映（回执号 ${formatReceipt(dialogue.feedbackId)}）照样会处理。`, {
        answerIds: [formatReceipt(dialogue.feedbackId)],
      });
    }
    // "晚上黑灯瞎火，老人摔了好几回" instead of a village: more about the report, kept with it; the question stays.
    const detail = addsDetail(ctx, filed);
    if (detail) return addDetail(ctx, dialogue.feedbackId, detail, "\n请问您是哪个村的？（不想说可以回复“跳过”）", villageQuickReplies(ctx));
    // Only something that looks like a place name gets asked again ("王村" misspelt); a question
    // ("残疾人补助") is something else: don't hold it hostage to our question, and don't ask again.
    if (text.length <= 3 || (text.length <= 8 && /(村|庄|屯|山|沟|营|寨|岭|荒|格|组|镇)$/.test(text))) {
      return result(ctx, `没有找到“${text}”这个村。请从下面选一个，或回复“跳过”。`, { quickReplies: villageQuickReplies(ctx) });
    }
    clearDialogue(ctx);
    await ctx.services.store.profiles.markVillageSkipped(channel, userId, ctx.now.toISOString());
    return undefined;
  }

  // consent
  const heldKey = `${ctx.key}#${dialogue.feedbackId}`;
  if (AGREE.test(text)) {
    clearDialogue(ctx);
    const original = takeOriginal(heldKey, ctx.now);
    if (!original) return result(ctx, "抱歉，原文已经过了保存时间，只保留了遮挡后的内容。需要的话，可以把联系方式再发一次。");
    await store.setUnmaskedText(dialogue.feedbackId, original);
    return result(ctx, `好的，${formatReceipt(dialogue.feedbackId)} 的原文（含号码）已保存，只给处理这件事的工作人员看。`);
  }
  if (DISAGREE.test(text)) {
    clearDialogue(ctx);
    takeOriginal(heldKey, ctx.now);
    return result(ctx, "好的，只保存遮挡后的内容，您的号码不会留存。");
  }
  clearDialogue(ctx);
  takeOriginal(heldKey, ctx.now);
  return undefined;
}

/**
 * A village the list doesn't know ("李家洼") is still the villager's answer: kept as said, so the report
 * reaches staff with it, rather than asking again and again.
 */
function placeName(text: string): string | undefined {
  const name = text.replace(/^(?:我|俺|咱)?(?:们)?(?:是|在|住)?/, "").replace(/(?:的|人|的人)?[。.!！]*$/, "");
  return /^[\u4e00-\u9fa5]{2,6}(村|庄|洼|屯|营|寨|沟|岭|湾|坡|店|集|桥|铺|河|荒|格|峪|堡|台|楼|窝|场)$/.test(name) ? name : undefined;
}

const handler = (reports: ReportStore): IntentHandler => ({
  intent: "feedback",
  async handle(turn) {
    const ctx: FeedbackTurn = { ...turn, reports };
    // A report names people and places, and its progress notices would go back to the same chat:
    // in a group everyone would read them. Nothing is stored; the villager is asked to write privately.
    if (ctx.message.chatType === "group") {
      return result(ctx, "为了保护您的隐私，反映问题和查询进展请私聊我（点我的头像发消息）。在群里说的不会登记。", { answerKind: "feedback_group" });
    }
    if (isReopenRequest(ctx.text)) {
      const reopened = await reopen(ctx);
      if (reopened) return reopened;
    }
    if (isStatusQuery(ctx.text) && (/我|俺|咱/.test(ctx.text) || parseReceipt(ctx.text) !== undefined)) return statusReply(ctx);
    if (ctx.reading.kind === "report_or_question") return answerThenOffer(ctx);
    // "镇上那个沼气服务站招了20个专职技术员": a figure of the knowledge base's said wrong, with nothing wrong
    // reported, is corrected (with the offer to file), not filed.
    if (ctx.reading.kind === "open" && readStatedClaim(foldText(ctx.text)) !== undefined) {
      const answer = answerPolicyQuestion(ctx);
      if (CORRECTED.test(answer.replies[0]?.text ?? "")) return answerThenOffer(ctx, answer);
    }
    return fileReport(ctx);
  },
});

/** "Same problem?", "which village?", "keep your number?", "file it?": the core continues it first. */
const reportDialogue = (reports: ReportStore): Dialogue<FeedbackDialogue> => ({
  owner: FEEDBACK_DIALOGUE,
  schema: FeedbackDialogueSchema,
  ttlMs: DIALOGUE_TTL_MS,
  // "是"/"不是"/"好" answer its questions.
  hearsSmallTalk: true,
  // An answer offered to be filed ("沼气池坏了找谁修") is a question answered: "那有几个人" after it is read with it,
  // once the offer has let the message go.
  holdsThread: (state) => state.step !== "offer",
  answeredItsQuestion: (state) => state.step === "offer",
  continue(ctx, dialogue) {
    if (ctx.message.chatType === "group") return undefined;
    return continueDialogue({ ...ctx, reports }, dialogue);
  },
});

/** "还没修好" about a closed report, and "FK000002 怎么样了": claimed whatever the classifier says. */
const interceptor = (reports: ReportStore): Interceptor => ({
  name: "feedback-command",
  async intercept(turn) {
    if (turn.message.chatType === "group") return undefined;
    const ctx: FeedbackTurn = { ...turn, reports };
    if (isReopenRequest(ctx.text) && !readDialogue(ctx)) return reopen(ctx);
    // "FK000002 怎么样了" names a receipt: a villager's status question whatever the classifier says.
    // Staff asking about a receipt go on to the staff intent.
    if (/FK\s*\d/i.test(ctx.text) && isStatusQuery(ctx.text) && (await roleOf(ctx.services, ctx.message.channel, ctx.message.userId)) === "villager")
      return statusReply(ctx);
    return undefined;
  },
});

export interface FeedbackChat {
  handler: IntentHandler;
  /** "Same problem?", "which village?", "keep your number?", "file it?". */
  dialogue: Dialogue<FeedbackDialogue>;
  /** "还没修好" and "FK000002 怎么样了". */
  interceptor: Interceptor;
}

/** Feedback in chat, on the repository built once by the app. */
export function createFeedbackChat(deps: { reports: ReportStore }): FeedbackChat {
  return { handler: handler(deps.reports), dialogue: reportDialogue(deps.reports), interceptor: interceptor(deps.reports) };
}
