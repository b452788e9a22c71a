// Quick replies as inline-keyboard buttons, and a tapped button's callback_data back to the quick reply.
import type { InlineKeyboardMarkup } from "grammy/types";
import type { QuickReply } from "../../core/message.ts";
import { fitsCallbackData } from "../../core/payload.ts";

/**
 * Short payloads travel inside the button itself ("p:…"), so they survive a restart; longer ones are
 * kept in memory under a short key ("k:…"). The label comes back from the tapped button's own text.
 * The payload is the core's encoded form (core/payload.ts), handed back as it is; the core decodes it.
 */
export class ButtonPayloads {
  private readonly long = new Map<string, string>();
  private counter = 0;

  constructor(private readonly capacity = 5000) {}

  encode(payload: string): string {
    const inline = `p:${payload}`;
    if (fitsCallbackData(inline)) return inline;
    const key = `k:${(this.counter++).toString(36)}`;
    this.long.set(key, payload);
    if (this.long.size > this.capacity) this.long.delete(this.long.keys().next().value!);
    return key;
  }

  /** The payload behind a button, or undefined when it is unknown or has expired. */
  decode(data: string): string | undefined {
    if (data.startsWith("p:")) return data.slice(2);
    if (data.startsWith("k:")) return this.long.get(data);
    return undefined;
  }

  keyboard(quickReplies: readonly QuickReply[]): InlineKeyboardMarkup {
    // One button per row: Chinese labels are long and village phones are narrow.
    return { inline_keyboard: quickReplies.map((q) => [{ text: q.label, callback_data: this.encode(q.payload) }]) };
  }
}
