// Signatures and AES "safe mode" shared by the Official Account and WeCom (the same scheme, via @wecom/crypto).
import { createHash, timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { buildXml } from "./xml.ts";
import { AppError } from "../../core/errors.ts";

/** The request was not signed by WeChat with our token, or its ciphertext does not open with our key. */
export class SignatureError extends AppError {
  constructor(message: string) {
    super("BAD_SIGNATURE", message, { status: 403 });
  }
}

/** Plain mode: sha1 of token, timestamp and nonce sorted and joined. */
export function plainSignature(token: string, timestamp: string, nonce: string): string {
  return createHash("sha1").update([token, timestamp, nonce].sort().join("")).digest("hex");
}

/** Safe mode and WeCom: the ciphertext is signed with them (msg_signature). */
export function messageSignature(token: string, timestamp: string, nonce: string, ciphertext: string): string {
  return getSignature(token, timestamp, nonce, ciphertext);
}

/** Constant-time comparison, so the response time tells nothing about how much of a forged signature was right. */
export function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Opens a ciphertext and checks it was meant for us: the plaintext ends with the receive id (the Official
 * Account's AppID, WeCom's corp id). @wecom/crypto does not check that id, so it is checked here.
 */
export function openCiphertext(aesKey: string, ciphertext: string, receiveId: string): string {
  let opened: { message: string; id: string };
  try {
    opened = decrypt(aesKey, ciphertext);
  } catch {
    throw new SignatureError("密文无法解开（EncodingAESKey 不对，或内容被改过）");
  }
  if (opened.id !== receiveId) throw new SignatureError("密文不是发给本账号的（AppID / 企业ID 不符）");
  return opened.message;
}

export function sealText(aesKey: string, plaintext: string, receiveId: string): string {
  return encrypt(aesKey, plaintext, receiveId);
}

/** A passive reply in safe mode: the reply XML encrypted and signed, inside the envelope WeChat expects. */
export function sealedReplyXml(options: { aesKey: string; token: string; receiveId: string; replyXml: string; timestamp: string; nonce: string }): string {
  const ciphertext = sealText(options.aesKey, options.replyXml, options.receiveId);
  return buildXml({
    Encrypt: ciphertext,
    MsgSignature: messageSignature(options.token, options.timestamp, options.nonce, ciphertext),
    TimeStamp: Number(options.timestamp),
    Nonce: options.nonce,
  });
}
