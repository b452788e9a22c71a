// Numbered choices offered to each user on channels without buttons, so a typed "2" picks the second.
import type { QuickReply, Reply } from "../../core/message.ts";
import { pickChoice } from "./choices.ts";

export class PendingChoices {
  private readonly offers = new Map<string, QuickReply[]>();

  constructor(private readonly capacity = 10_000) {}

  /** Remembers the choices of the last reply (or forgets older ones when it offers none). */
  offer(key: string, replies: readonly Pick<Reply, "quickReplies">[]): void {
    const offered = replies.at(-1)?.quickReplies ?? [];
    this.offers.delete(key);
    if (offered.length === 0) return;
    this.offers.set(key, [...offered]);
    // Only the latest offers matter; forget the oldest so the map stays small on a busy account.
    if (this.offers.size > this.capacity) this.offers.delete(this.offers.keys().next().value!);
  }

  /** The choice a typed number picks, if the user has choices in front of them. */
  pick(key: string, text: string): QuickReply | undefined {
    return pickChoice(text, this.offers.get(key) ?? []);
  }
}
