// The one codec for quick-reply button payloads: what a feature puts behind a button and what comes back when it is tapped.
import { z } from "zod";
import type { QuickReply } from "./message.ts";

/** Telegram carries at most 64 bytes of callback_data per button; every coded payload fits with room to spare. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** The longest payload a channel passes on (InboundMessageSchema.payload). */
export const PAYLOAD_MAX_CHARS = 500;

/**
 * A tapped button means either words the villager would otherwise type ("重新开始", a village's name) or a
 * vote on a consultation's option, which no typed words could say unambiguously.
 */
export const ButtonPayloadSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1).max(PAYLOAD_MAX_CHARS) }),
  z.object({ kind: z.literal("vote"), consultationId: z.number().int().min(1).max(999_999_999), option: z.number().int().min(1).max(999) }),
]);
export type ButtonPayload = z.infer<typeof ButtonPayloadSchema>;

// The vote form is the one buttons already sent carry (Telegram messages, outbox rows): it stays readable.
const VOTE = /^consultation:(\d{1,9}):(\d{1,3})$/;

/** The wire form: text as it is (the web client and numbered choices show it), a vote coded in under 64 bytes. */
export function encodePayload(payload: ButtonPayload): string {
  const valid = ButtonPayloadSchema.parse(payload);
  return valid.kind === "vote" ? `consultation:${valid.consultationId}:${valid.option}` : valid.text;
}

/** Reads a payload back; anything unknown, garbled or out of range is plain text, as if typed. Never throws. */
export function decodePayload(raw: string | undefined): ButtonPayload | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const vote = VOTE.exec(raw);
  if (vote) {
    const parsed = ButtonPayloadSchema.safeParse({ kind: "vote", consultationId: Number(vote[1]), option: Number(vote[2]) });
    if (parsed.success) return parsed.data;
  }
  return { kind: "text", text: [...raw].slice(0, PAYLOAD_MAX_CHARS).join("") };
}

/** The words a tapped button stands for, or undefined when it carries none (no button, or a coded one). */
export function payloadText(raw: string | undefined): string | undefined {
  const payload = decodePayload(raw);
  return payload?.kind === "text" ? payload.text : undefined;
}

/** A button that says its label, or the words given ("还能领什么" → "我还能领什么补助"), or casts a coded payload. */
export function quickReply(label: string, says: string | ButtonPayload = label): QuickReply {
  return { label, payload: encodePayload(typeof says === "string" ? { kind: "text", text: says } : says) };
}

/** Whether an encoded payload fits in a Telegram button as it is (else the channel keeps it under a short key). */
export function fitsCallbackData(data: string): boolean {
  return Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_MAX_BYTES;
}
