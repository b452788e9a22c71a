// Public entry of the intents: the handler for each intent and the interceptors that run before routing.
import type { IntentHandler, Interceptor } from "../core/turn.ts";
import { eligibilityHandler } from "./eligibility/index.ts";
import { feedbackHandler } from "./feedback/index.ts";
import { helpHandler } from "./help/index.ts";
import { opinionHandler } from "./opinion/index.ts";
import { clarifyChoiceInterceptor, policyHandler } from "./policy/index.ts";
import { staffHandler } from "./staff/index.ts";
import { unknownHandler } from "./unknown/index.ts";

export function createHandlers(): IntentHandler[] {
  return [policyHandler, eligibilityHandler, feedbackHandler, opinionHandler, staffHandler, helpHandler, unknownHandler];
}

export function createInterceptors(): Interceptor[] {
  return [clarifyChoiceInterceptor];
}

export { IntentClassifier, type Classification } from "./classifier.ts";
