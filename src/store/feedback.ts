// Villagers' reports: stored with personal numbers masked, answered with a receipt number.
import type { Db } from "./database.ts";

export interface NewFeedback {
  channel: string;
  userId: string;
  chatId: string;
  text: string;
  category: string | null;
  village: string | null;
  anonymous: boolean;
  createdAt: string;
}

export function formatReceipt(id: number): string {
  return `FK${String(id).padStart(6, "0")}`;
}

export function parseReceipt(text: string): number | undefined {
  const match = /FK\s*0*(\d{1,9})/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

export class FeedbackStore {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO feedback (channel, user_id, chat_id, text, category, village, anonymous, created_at, updated_at)
       VALUES (@channel, @userId, @chatId, @text, @category, @village, @anonymous, @createdAt, @createdAt)`,
    );
  }

  /** Inserts the report and returns its id; the caller masks the text first. */
  create(feedback: NewFeedback): number {
    return Number(this.insert.run({ ...feedback, anonymous: feedback.anonymous ? 1 : 0 }).lastInsertRowid);
  }

  count(): number {
    return this.db.prepare("SELECT count(*) FROM feedback").pluck().get() as number;
  }
}
