// Eligibility questions: until the dialogue-based screener exists, answered from the knowledge base.
import { answerPolicyQuestion } from "../policy/index.ts";
import type { IntentHandler } from "../../core/turn.ts";

export const eligibilityHandler: IntentHandler = {
  intent: "eligibility",
  handle(ctx) {
    return { ...answerPolicyQuestion(ctx), intent: "eligibility" };
  },
};
