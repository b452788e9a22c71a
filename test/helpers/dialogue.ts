// Writes a dialogue slot's change as the turn's log write would (the core writes it with the log row).
import type { DialogueSlot } from "../../src/core/dialogue.ts";
import type { SessionStore } from "../../src/store/sessions.ts";

export async function saveSlot(sessions: SessionStore, slot: DialogueSlot): Promise<void> {
  const change = slot.change();
  if (change) await sessions.write(change.key, change.value, change.at);
}
