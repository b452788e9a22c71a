// Villagers' profiles: the village a chat user named once, shared by feedback and opinion consultations.
import type { Db } from "./database.ts";

export class ProfileStore {
  constructor(private readonly db: Db) {}

  villageOf(channel: string, userId: string): string | undefined {
    const village = this.db.prepare("SELECT village FROM user_profiles WHERE channel = ? AND user_id = ?").pluck().get(channel, userId) as
      | string
      | null
      | undefined;
    return village ?? undefined;
  }

  setVillage(channel: string, userId: string, village: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO user_profiles (channel, user_id, village, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, user_id) DO UPDATE SET village = excluded.village, updated_at = excluded.updated_at`,
      )
      .run(channel, userId, village, at);
  }

  /** Whether we already asked (a villager who skipped the question is not asked again). */
  villageAsked(channel: string, userId: string): boolean {
    return this.db.prepare("SELECT 1 FROM user_profiles WHERE channel = ? AND user_id = ?").get(channel, userId) !== undefined;
  }

  /** Remembers that the villager would rather not say, so the question is not asked again. */
  markVillageSkipped(channel: string, userId: string, at: string): void {
    this.db
      .prepare("INSERT INTO user_profiles (channel, user_id, village, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT (channel, user_id) DO NOTHING")
      .run(channel, userId, at);
  }
}
