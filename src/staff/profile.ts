// A villager's village: asked once, remembered per chat user, shared by feedback and opinion consultations.
import type { Db } from "../store/database.ts";
import { profileVillage, saveProfileVillage } from "../store/staff.ts";
import { foldText } from "../text/fold.ts";
import type { VillagesFile } from "../knowledge/schema.ts";

export function villageOf(db: Db, channel: string, userId: string): string | undefined {
  return profileVillage(db, channel, userId);
}

export function setVillage(db: Db, channel: string, userId: string, village: string, at: Date | string = new Date()): void {
  saveProfileVillage(db, channel, userId, village, typeof at === "string" ? at : at.toISOString());
}

/** Whether we already asked (a villager who skipped the question is not asked again). */
export function villageAsked(db: Db, channel: string, userId: string): boolean {
  return db.prepare("SELECT 1 FROM user_profiles WHERE channel = ? AND user_id = ?").get(channel, userId) !== undefined;
}

export function markVillageSkipped(db: Db, channel: string, userId: string, at: string): void {
  db.prepare("INSERT INTO user_profiles (channel, user_id, village, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT (channel, user_id) DO NOTHING").run(
    channel,
    userId,
    at,
  );
}

/** The village a text names (by name or alias), longest match first so 东风村 beats 东村. Pure. */
export function findVillage(text: string, villages: VillagesFile["villages"]): string | undefined {
  const folded = foldText(text);
  let best: { name: string; length: number } | undefined;
  for (const village of villages) {
    for (const term of [village.name, ...village.aliases]) {
      const t = foldText(term);
      if (t.length >= 2 && folded.includes(t) && (!best || t.length > best.length)) best = { name: village.name, length: t.length };
    }
  }
  return best?.name;
}
