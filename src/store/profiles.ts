// Villagers' profiles: the village a chat user named once, shared by feedback and opinion consultations.
import type { Sql } from "./sql.ts";

export class ProfileStore {
  constructor(private readonly sql: Sql) {}

  async villageOf(channel: string, userId: string): Promise<string | undefined> {
    const row = await this.sql.db.selectFrom("user_profiles").select("village").where("channel", "=", channel).where("user_id", "=", userId).executeTakeFirst();
    return row?.village ?? undefined;
  }

  async setVillage(channel: string, userId: string, village: string, at: string): Promise<void> {
    await this.sql.db
      .insertInto("user_profiles")
      .values({ channel, user_id: userId, village, updated_at: at })
      .onConflict((oc) =>
        oc.columns(["channel", "user_id"]).doUpdateSet((eb) => ({ village: eb.ref("excluded.village"), updated_at: eb.ref("excluded.updated_at") })),
      )
      .execute();
  }

  /** Whether we already asked (a villager who skipped the question is not asked again). */
  async villageAsked(channel: string, userId: string): Promise<boolean> {
    const row = await this.sql.db.selectFrom("user_profiles").select("channel").where("channel", "=", channel).where("user_id", "=", userId).executeTakeFirst();
    return row !== undefined;
  }

  /** Remembers that the villager would rather not say, so the question is not asked again. */
  async markVillageSkipped(channel: string, userId: string, at: string): Promise<void> {
    await this.sql.db
      .insertInto("user_profiles")
      .values({ channel, user_id: userId, village: null, updated_at: at })
      .onConflict((oc) => oc.columns(["channel", "user_id"]).doNothing())
      .execute();
  }
}
