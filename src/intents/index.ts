// Public entry of the intents: the handler for each intent and the interceptors that run before routing.
import type { IntentHandler, Interceptor, Services } from "../core/turn.ts";
import type { SnapshotHolder } from "../core/snapshot.ts";
import type { Dialogue } from "../core/dialogue.ts";
import { Assistant } from "../core/assistant.ts";
import { eligibilityDialogue, eligibilityHandler } from "./eligibility/index.ts";
import { feedbackCommandInterceptor, feedbackDialogue, feedbackHandler } from "./feedback/index.ts";
import { helpHandler } from "./help/index.ts";
import { draftDialogue, opinionHandler, opinionInterceptor, pendingVoteDialogue, promptDialogue } from "./opinion/index.ts";
import { clarifyDialogue, policyHandler } from "./policy/index.ts";
import { staffCommandInterceptor, staffHandler } from "./staff/index.ts";
import { unknownHandler } from "./unknown/index.ts";

export interface IntentDeps {
  services: Services;
  snapshot: SnapshotHolder;
}

export function createHandlers(_deps: IntentDeps): IntentHandler[] {
  return [policyHandler, eligibilityHandler, feedbackHandler, opinionHandler, staffHandler, helpHandler, unknownHandler];
}

/** Each feature's dialogue: the core keeps one active per conversation and gives it the first look. */
export function createDialogues(): Dialogue<any>[] {
  return [eligibilityDialogue, feedbackDialogue, clarifyDialogue, draftDialogue, pendingVoteDialogue, promptDialogue];
}

/** Commands with a fixed shape, claimed whatever the classifier says (they hold no conversation state). */
export function createInterceptors(_deps: IntentDeps): Interceptor[] {
  return [staffCommandInterceptor, opinionInterceptor, feedbackCommandInterceptor];
}

export { IntentClassifier, type Classification } from "./classifier.ts";

/** The assistant with every feature plugged in, as the app (and each bench) runs it. */
export function createAssistant(deps: IntentDeps): Assistant {
  return new Assistant({
    snapshot: deps.snapshot,
    services: deps.services,
    handlers: createHandlers(deps),
    dialogues: createDialogues(),
    interceptors: createInterceptors(deps),
  });
}
