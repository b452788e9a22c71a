// TRANSITION, removed when the features move to Sql: synchronous copies of a few core-area writes and reads
// (outbox, villagers' profiles) for feedback and consultation code that still runs inside a synchronous
// `Store.transaction` on the raw connection, where an awaited Kysely query could not take part in the
// transaction. The repositories (outbox.ts, profiles.ts) are the real ones; once those callers await them
// inside `Sql.transaction`, every use of this file goes and the file with it.
import type { Db } from "./database.ts";
import type { NewOutboxMessage } from "./outbox.ts";

export class TransitionalWrites {
  constructor(private readonly db: Db) {}

  /** `OutboxStore.enqueue`, synchronously. */
  enqueue(message: NewOutboxMessage): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO outbox (channel, user_id, chat_id, text, quick_replies, dedupe_key, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
        )
        .run(
          message.channel,
          message.userId,
          message.chatId,
          message.text,
          JSON.stringify(message.quickReplies ?? []),
          message.dedupeKey,
          message.createdAt,
          message.createdAt,
        ).changes === 1
    );
  }

  /** `ProfileStore.villageOf`, synchronously. */
  villageOf(channel: string, userId: string): string | undefined {
    const village = this.db.prepare("SELECT village FROM user_profiles WHERE channel = ? AND user_id = ?").pluck().get(channel, userId) as
      | string
      | null
      | undefined;
    return village ?? undefined;
  }

  /** `ProfileStore.villageAsked`, synchronously. */
  villageAsked(channel: string, userId: string): boolean {
    return this.db.prepare("SELECT 1 FROM user_profiles WHERE channel = ? AND user_id = ?").get(channel, userId) !== undefined;
  }

  /** `ProfileStore.setVillage`, synchronously. */
  setVillage(channel: string, userId: string, village: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO user_profiles (channel, user_id, village, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, user_id) DO UPDATE SET village = excluded.village, updated_at = excluded.updated_at`,
      )
      .run(channel, userId, village, at);
  }
}
