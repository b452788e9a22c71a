// The village a text names, from data/villages.yaml: how a report (or a villager's answer) is placed in a village. Pure.
import { foldText } from "../text/fold.ts";
import type { VillagesFile } from "../knowledge/schema.ts";

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
