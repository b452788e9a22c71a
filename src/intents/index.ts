// Public entry of the intents: the handler for each intent and the interceptors that run before routing.
import type { IntentHandler, Interceptor, Services } from "../core/turn.ts";
import type { EngineHolder } from "../core/engine.ts";
import { eligibilityHandler } from "./eligibility/index.ts";
import { feedbackHandler } from "./feedback/index.ts";
import { helpHandler } from "./help/index.ts";
import { opinionHandler } from "./opinion/index.ts";
import { clarifyChoiceInterceptor, policyHandler } from "./policy/index.ts";
import { staffHandler } from "./staff/index.ts";
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
  return [clarifyChoiceInterceptor];
}

export { IntentClassifier, type Classification } from "./classifier.ts";
