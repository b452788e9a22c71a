// Opinion consultations in chat: villagers answer privately; cadres publish, query, close and decide.
import type { IntentHandler, Interceptor } from "../../core/turn.ts";
import { handleOpinion, interceptConsultation } from "../../consultations/index.ts";
export { draftDialogue, pendingVoteDialogue, promptDialogue } from "../../consultations/index.ts";

export const opinionHandler: IntentHandler = {
  intent: "opinion",
  handle: handleOpinion,
};

/**
 * Claims consultation messages before routing ("2" right after a consultation was pushed means nothing
 * to the classifier). The reminder a day before each deadline is sent by a timer the app starts and stops.
 */
export const opinionInterceptor: Interceptor = { name: "consultation-command", intercept: interceptConsultation };
