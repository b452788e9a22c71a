// The chat side of consultations: villagers answer (privately), cadres publish, query, close and decide.
import type { IntentHandler, Interceptor, TurnContext, TurnResult } from "../core/turn.ts";
import type { ConsultationService } from "./service.ts";
import { consultationNumber } from "./model.ts";
import { consultationRef, parsePublishCommand, PUBLISH_COMMAND } from "./parse.ts";
import { checkCadre, normalized, result, serviceFor, villagesOf } from "./chat-common.ts";
import type { ConsultationTurn } from "./chat-common.ts";
import {
  closeConsultation,
  CLOSE_COMMAND,
  decide,
  DECISION_COMMAND,
  GROUP_REGISTRATION,
  OVERVIEW_QUERY,
  publish,
  RECORD_COMMAND,
  recordTally,
  registerGroup,
  RESULTS_QUERY,
  showOverview,
  showResults,
} from "./chat-cadre.ts";
import { continueDialogue, DRAFT_DIALOGUE, DRAFT_TTL_MS, DraftSession, startDialogue, type Draft } from "./chat-dialogue.ts";
import {
  continuePending,
  LIST_QUERY,
  listForVillager,
  openFor,
  PENDING_DIALOGUE,
  PENDING_TTL_MS,
  PendingSession,
  PROMPT_DIALOGUE,
  PROMPT_TTL_MS,
  PromptSession,
  readAnswer,
  readLooseAnswer,
  recordAnswer,
  type PendingState,
  type PromptState,
} from "./chat-villager.ts";
import type { Dialogue } from "../core/dialogue.ts";

/** The cadre's step-by-step publish dialogue. */
const draftDialogue = (consultations: ConsultationService): Dialogue<Draft> => ({
  owner: DRAFT_DIALOGUE,
  schema: DraftSession,
  ttlMs: DRAFT_TTL_MS,
  hearsSmallTalk: true,
  continue: (ctx, draft) => continueDialogue({ ...ctx, consultations }, draft),
});

/** "您是哪个村的？" asked before a vote is counted. */
const pendingVoteDialogue = (consultations: ConsultationService): Dialogue<PendingState> => ({
  owner: PENDING_DIALOGUE,
  schema: PendingSession,
  ttlMs: PENDING_TTL_MS,
  hearsSmallTalk: true,
  continue: (ctx, pending) => continuePending({ ...ctx, consultations }, consultations, pending),
});

/**
 * A consultation put to this chat: a bare "2" (or "反对，太吵") answers it. Only private chats; anything
 * that is not an answer is routed normally and the consultation stays asked.
 */
const promptDialogue = (consultations: ConsultationService): Dialogue<PromptState> => ({
  owner: PROMPT_DIALOGUE,
  schema: PromptSession,
  ttlMs: PROMPT_TTL_MS,
  hearsSmallTalk: false,
  async continue(turn) {
    if (turn.message.chatType !== "private") return undefined;
    const ctx = { ...turn, consultations };
    const attempt = await readAnswer(ctx, consultations, true);
    return attempt ? recordAnswer(ctx, consultations, attempt) : undefined;
  },
});

/**
 * Claims messages that belong to a consultation whatever the classifier thinks: a cadre's command,
 * a tapped option or "3号 反对". A bare "2" right after the chat was asked is the prompt dialogue's.
 */
async function interceptConsultation(ctx: ConsultationTurn): Promise<TurnResult | undefined> {
  const text = normalized(ctx);

  if (PUBLISH_COMMAND.test(text)) {
    const check = await checkCadre(ctx, "发布征求意见");
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
    const registered = await registerGroup(ctx, group[1]!);
    if (registered) return registered;
  }

  if (LIST_QUERY.test(text) && !/结果/.test(text)) return listForVillager(ctx);

  // Without the chat's own prompt only a named consultation or a tapped button is an answer, so
  // ordinary talk (and group talk) is left alone.
  const service = serviceFor(ctx);
  const attempt = await readAnswer(ctx, service, false);
  if (attempt) return recordAnswer(ctx, service, attempt);
  return undefined;
}

/** Words of a consultation: asking about one, or answering one in words. */
const CONSULTING = /意见|征求|投票|表决|支持|反对|赞成|同意|选项|选哪|[几\d]号/;

/** The routed `opinion` intent: an answer in words ("我支持") or a question about what is being asked. */
async function handleOpinion(ctx: ConsultationTurn, otherwise?: IntentHandler["handle"]): Promise<TurnResult> {
  const service = serviceFor(ctx);
  const attempt = (await readAnswer(ctx, service, ctx.message.chatType === "private")) ?? (await readLooseAnswer(ctx, service));
  if (attempt) return recordAnswer(ctx, service, attempt);
  const ref = consultationRef(normalized(ctx));
  if (ref !== undefined && !(await service.get(ref))) return result(`没有${consultationNumber(ref)}征求意见。`, [], "consultation_unknown");
  // "打错了 我要问孕产妇死亡率": nothing open to answer and no word of a consultation: a question of another kind.
  if (otherwise && !CONSULTING.test(normalized(ctx)) && (await openFor(ctx, service)).length === 0) return otherwise(ctx);
  return listForVillager(ctx);
}

export interface ConsultationChat {
  /** The routed `opinion` intent. */
  handler: IntentHandler;
  /** Cadres' commands, tapped options and "3号 反对", claimed whatever the classifier says. */
  interceptor: Interceptor;
  /** The publish dialogue, "您是哪个村的？" before a vote, and the prompt a bare "2" answers. */
  dialogues: [Dialogue<Draft>, Dialogue<PendingState>, Dialogue<PromptState>];
}

/**
 * Consultations in chat, on the one service the app builds. `otherwise` answers a message taken for an opinion that answers nothing (no consultation open, no word of one):
 * the app passes the knowledge base's answer.
 */
export function createConsultationChat(consultations: ConsultationService, otherwise?: IntentHandler["handle"]): ConsultationChat {
  const withService = (ctx: TurnContext): ConsultationTurn => ({ ...ctx, consultations });
  return {
    handler: { intent: "opinion", handle: (ctx) => handleOpinion(withService(ctx), otherwise) },
    interceptor: { name: "consultation-command", intercept: (ctx) => interceptConsultation(withService(ctx)) },
    dialogues: [draftDialogue(consultations), pendingVoteDialogue(consultations), promptDialogue(consultations)],
  };
}
