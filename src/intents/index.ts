// Public entry of the intents: the handler for each intent and the interceptors that run before routing.
import type { IntentHandler, Interceptor, Services } from "../core/turn.ts";
import type { EngineHolder } from "../core/engine.ts";
import { eligibilityHandler, eligibilityInterceptor } from "./eligibility/index.ts";
import { feedbackDialogueInterceptor, feedbackHandler } from "./feedback/index.ts";
import { helpHandler } from "./help/index.ts";
import { createOpinionInterceptor, opinionHandler } from "./opinion/index.ts";
import { clarifyChoiceInterceptor, policyHandler } from "./policy/index.ts";
import { staffCommandInterceptor, staffHandler } from "./staff/index.ts";
import { unknownHandler } from "./unknown/index.ts";

export interface IntentDeps {
  services: Services;
  engine: EngineHolder;
}

export function createHandlers(_deps: IntentDeps): IntentHandler[] {
  return [policyHandler, eligibilityHandler, feedbackHandler, opinionHandler, staffHandler, helpHandler, unknownHandler];
}

/** Order matters: a dialogue in progress gets the first look at a message. */
export function createInterceptors(_deps: IntentDeps): Interceptor[] {
  return [eligibilityInterceptor, createOpinionInterceptor(_deps), clarifyChoiceInterceptor, staffCommandInterceptor, feedbackDialogueInterceptor];
}

export { IntentClassifier, type Classification } from "./classifier.ts";
