// Public entry of the intents: every feature plugged into the assistant — its handler, its dialogues, its interceptors.
import type { Services } from "../core/turn.ts";
import type { SnapshotHolder } from "../snapshot/index.ts";
import { Assistant } from "../core/assistant.ts";
import { eligibilityDialogue, eligibilityHandler } from "./eligibility/index.ts";
import { createFeedbackChat } from "../feedback/chat.ts";
import { FeedbackService } from "../feedback/service.ts";
import { ReportStore } from "../feedback/store.ts";
import { commentWords, ConsultationService, createConsultationChat } from "../consultations/index.ts";
import { helpHandler } from "./help/index.ts";
import { clarifyDialogue, policyHandler } from "./policy/index.ts";
import { createStaffChat } from "./staff/index.ts";
import { unknownHandler } from "./unknown/index.ts";

/** The features' repositories and services: built once for the app (createApp), shared by chat and the web. */
export interface Features {
  reports: ReportStore;
  feedback: FeedbackService;
  consultations: ConsultationService;
}

export function createFeatures(services: Services, snapshot: SnapshotHolder): Features {
  const reports = ReportStore.of(services.store);
  return {
    reports,
    feedback: new FeedbackService({ services, reports }),
    consultations: new ConsultationService({
      services,
      // Read per call: the data may be reloaded.
      villages: () => snapshot.current.villages.villages,
      words: (text) => commentWords(snapshot.current.kb, text),
    }),
  };
}

export interface IntentDeps {
  services: Services;
  snapshot: SnapshotHolder;
  /** Built by the caller when the web shares them (the app); built here otherwise (benches). */
  features?: Features;
}

export { IntentClassifier, type Classification } from "./classifier.ts";

/** The assistant with every feature plugged in, as the app (and each bench) runs it. */
export function createAssistant(deps: IntentDeps): Assistant {
  const features = deps.features ?? createFeatures(deps.services, deps.snapshot);
  const feedback = createFeedbackChat({ reports: features.reports });
  // A message taken for an opinion when there is nothing to give one on is answered like any question.
  const consultations = createConsultationChat(features.consultations, (ctx) => policyHandler.handle(ctx));
  const staff = createStaffChat({ reports: features.reports, feedback: features.feedback, consultations });
  return new Assistant({
    snapshot: deps.snapshot,
    services: deps.services,
    handlers: [policyHandler, eligibilityHandler, feedback.handler, consultations.handler, staff.handler, helpHandler, unknownHandler],
    // Each feature's dialogue: the core keeps one active per conversation and gives it the first look.
    dialogues: [eligibilityDialogue, feedback.dialogue, clarifyDialogue, ...consultations.dialogues],
    // Commands with a fixed shape, claimed whatever the classifier says (they hold no conversation state).
    interceptors: [staff.interceptor, consultations.interceptor, feedback.interceptor],
  });
}
