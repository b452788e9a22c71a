// Public entry of opinion consultations ("先征求群众意见再拍板"): chat handling, HTTP routes, the lifecycle service.
export { createConsultationRoutes, CreateConsultationSchema, DecisionRequestSchema, RecordVotesSchema } from "./http.ts";
export { createConsultationChat, type ConsultationChat } from "./chat.ts";
export { PROMPT_DIALOGUE, PROMPT_TTL_MS } from "./chat-villager.ts";
export { commentWords, ConsultationService, REMINDER_WINDOW_MS, type ConsultationDeps } from "./service.ts";
export { computeResults, formatResults, type ConsultationResults } from "./results.ts";
export { DEFAULT_OPTIONS, type Consultation, type ConsultationOption, type Decision } from "./model.ts";
