// The chat side of consultations: villagers answer (privately), cadres publish, query, close and decide.
import type { TurnContext, TurnResult } from "../core/turn.ts";
import { consultationNumber } from "./model.ts";
import { consultationRef, parsePublishCommand, PUBLISH_COMMAND } from "./parse.ts";
import { checkCadre, normalized, result, serviceFor, villagesOf } from "./chat-common.ts";
import { closeConsultation, CLOSE_COMMAND, decide, DECISION_COMMAND, GROUP_REGISTRATION, OVERVIEW_QUERY, publish, RECORD_COMMAND, recordTally, registerGroup, RESULTS_QUERY, showOverview, showResults } from "./chat-cadre.ts";
import { continueDialogue, startDialogue } from "./chat-dialogue.ts";
import { continuePending, LIST_QUERY, listForVillager, promptedConsultation, readAnswer, readLooseAnswer, recordAnswer } from "./chat-villager.ts";

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

/** The routed `opinion` intent: an answer in words ("我支持") or a question about what is being asked. */
export function handleOpinion(ctx: TurnContext): TurnResult {
  const service = serviceFor(ctx);
  const attempt = readAnswer(ctx, service, ctx.message.chatType === "private") ?? readLooseAnswer(ctx, service);
  if (attempt) return recordAnswer(ctx, service, attempt);
  const ref = consultationRef(normalized(ctx));
  if (ref !== undefined && !service.get(ref)) return result(`没有${consultationNumber(ref)}征求意见。`, [], "consultation_unknown");
  return listForVillager(ctx);
}
