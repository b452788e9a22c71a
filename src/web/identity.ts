// The web chat's identity: a random user id in a signed, HttpOnly cookie issued by the server, and the label staff see.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SecretStore } from "../store/secrets.ts";

export const CHAT_COOKIE = "xq_chat";
/** Chromium caps cookie lifetimes at 400 days; the cookie is renewed on every message, so active villagers keep it. */
export const CHAT_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const SECRET_NAME = "chat_cookie_key";
const ID_PATTERN = /^w[A-Za-z0-9_-]{22}$/;

/**
 * The cookie-signing key: CHAT_COOKIE_SECRET when configured, otherwise a random key made once and kept in
 * the database, so identities survive restarts with no configuration. Insert-or-ignore then read: two
 * processes starting together end up with the same key.
 */
export async function chatCookieKey(configured: string | undefined, secrets: SecretStore, now: () => Date): Promise<Buffer> {
  if (configured) return createHash("sha256").update(`xiangqin chat cookie\0${configured}`).digest();
  const stored = await secrets.getOrCreate(SECRET_NAME, () => randomBytes(32).toString("base64"), now().toISOString());
  return Buffer.from(stored, "base64");
}

export class ChatIdentity {
  constructor(private readonly key: Buffer) {}

  /** A new web chat user: 128 random bits, so ids can't be guessed or enumerated. */
  issue(): { userId: string; cookie: string } {
    const userId = `w${randomBytes(16).toString("base64url")}`;
    return { userId, cookie: this.cookieFor(userId) };
  }

  cookieFor(userId: string): string {
    return `${userId}.${this.sign(userId)}`;
  }

  /** The user id in a cookie whose signature verifies; anything else (missing, forged, garbled) is no identity. */
  read(cookie: string | undefined): string | undefined {
    if (!cookie) return undefined;
    const dot = cookie.indexOf(".");
    if (dot < 0) return undefined;
    const userId = cookie.slice(0, dot);
    if (!ID_PATTERN.test(userId)) return undefined;
    const given = Buffer.from(cookie.slice(dot + 1));
    const expected = Buffer.from(this.sign(userId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
  }

  private sign(userId: string): string {
    return createHmac("sha256", this.key).update(`chat-id\0${userId}`).digest("base64url");
  }
}

/**
 * What staff see instead of a web chat user id: short, stable, and not reversible (web ids are 128 random
 * bits, so their hash can't be searched back). Enough to tell "the same villager wrote twice" apart.
 */
export function userLabel(id: string): string {
  const digest = createHash("sha256").update(`xiangqin user label\0${id}`).digest("hex").slice(0, 8).toUpperCase();
  return `网页用户#${digest}`;
}
