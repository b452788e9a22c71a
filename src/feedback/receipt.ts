// Villagers' reports: stored with personal numbers masked, answered with a receipt number.
import type { Db } from "./database.ts";
import { ReportStore, type NewReport } from "./feedback-lifecycle.ts";

/** A first-stage report: the lifecycle's NewReport without a place or a display name. */
export type NewFeedback = Omit<NewReport, "place" | "displayName">;

export function formatReceipt(id: number): string {
  return `FK${String(id).padStart(6, "0")}`;
}

export function parseReceipt(text: string): number | undefined {
  const match = /FK\s*0*(\d{1,9})/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

export class FeedbackStore {
  constructor(private readonly db: Db) {}

  /** Inserts the report and returns its id; the caller masks the text first. Goes through the lifecycle
   * store so its history and the dashboard counts are kept too. */
  create(feedback: NewFeedback): number {
    return new ReportStore(this.db).create({ ...feedback, place: null, displayName: null });
  }

  count(): number {
    return this.db.prepare("SELECT count(*) FROM feedback").pluck().get() as number;
  }
}
