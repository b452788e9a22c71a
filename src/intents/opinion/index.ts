// Opinion consultations in chat: villagers answer privately; cadres publish, query, close and decide.
import type { IntentHandler, Interceptor } from "../../core/turn.ts";
import type { IntentDeps } from "../index.ts";
import { ConsultationService, handleOpinion, interceptConsultation } from "../../consultations/index.ts";
export { draftDialogue, pendingVoteDialogue, promptDialogue } from "../../consultations/index.ts";

export const opinionHandler: IntentHandler = {
  intent: "opinion",
  handle: handleOpinion,
};

/**
 * Claims consultation messages before routing ("2" right after a consultation was pushed means nothing
 * to the classifier) and starts the timer that sends the one reminder a day before each deadline.
 */
export function createOpinionInterceptor(deps: IntentDeps): Interceptor {
  const service = new ConsultationService({ services: deps.services, villages: () => deps.engine.current.kb.data.villages.villages });
  service.startReminders(deps.services.config.CONSULTATION_REMINDER_MINUTES * 60_000);
  return { name: "consultation-command", intercept: interceptConsultation };
}
