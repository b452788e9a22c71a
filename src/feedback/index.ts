// Public entry of feedback (villagers' reports): chat handling, the staff actions, the repository, states and categories.
export { createFeedbackChat, REPORT_WRITE_WITHIN_MS, type FeedbackChat } from "./chat.ts";
export { FeedbackService, MAX_NOTE_LENGTH, stateChangeNotice, type StateChangeResult, type NotReportResult } from "./service.ts";
export { ReportStore, type Report, type NewReport, type ReportFilter, type HistoryEntry } from "./store.ts";
export { formatReceipt, parseReceipt } from "./receipt.ts";
export { FeedbackStateSchema, STATE_LABEL, OPEN_STATES, CLOSED_STATES, isOpen, stateGroup, parseState, type FeedbackState } from "./states.ts";
export { loadCategories, classifyCategory, findCategoryName, extractPlaces, samePlace, FeedbackCategoriesFileSchema, parseCategories } from "./categories.ts";
export { findVillage } from "./villages.ts";
