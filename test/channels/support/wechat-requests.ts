// Signed callback requests as WeChat and WeCom build them, in plain and in safe (AES) mode, made in the test.
import { randomBytes } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { plainSignature } from "../../../src/channels/wechat-api/crypto.ts";
import { buildXml, parseXmlFields } from "../../../src/channels/wechat-api/xml.ts";
import { OA_APPID, WECOM_CORP } from "./fake-wechat.ts";

export const OA_TOKEN = "xiangqinOaToken2026";
export const WECOM_TOKEN = "xiangqinWecomToken";
/** 43 characters: the Base64 of a 32-byte key without its "=". */
export const OA_AES_KEY = Buffer.alloc(32, 7).toString("base64").slice(0, 43);
export const WECOM_AES_KEY = Buffer.alloc(32, 9).toString("base64").slice(0, 43);

export const nowSeconds = () => String(Math.floor(Date.now() / 1000));
let serial = 0;
export const nextMsgId = () => `${7_000_000_000_000_000_000n + BigInt(++serial)}`;

export interface Push {
  [field: string]: string | number;
}

export function textPush(openId: string, content: string, msgId = nextMsgId()): Push {
  return { ToUserName: "gh_township01", FromUserName: openId, CreateTime: Number(nowSeconds()), MsgType: "text", Content: content, MsgId: msgId };
}

export function eventPush(openId: string, event: string, extra: Push = {}): Push {
  return { ToUserName: "gh_township01", FromUserName: openId, CreateTime: Number(nowSeconds()), MsgType: "event", Event: event, ...extra };
}

export interface SignedRequest {
  query: string;
  body: string;
}

/** A push to the Official Account: plain, or in safe mode (encrypted body, msg_signature). */
export function oaRequest(push: Push, options: { aes?: boolean; timestamp?: string; token?: string } = {}): SignedRequest {
  const timestamp = options.timestamp ?? nowSeconds();
  const nonce = randomBytes(6).toString("hex");
  const token = options.token ?? OA_TOKEN;
  const params = new URLSearchParams({ signature: plainSignature(token, timestamp, nonce), timestamp, nonce, openid: String(push.FromUserName) });
  const plain = buildXml(push);
  if (!options.aes) return { query: params.toString(), body: plain };
  const ciphertext = encrypt(OA_AES_KEY, plain, OA_APPID);
  params.set("encrypt_type", "aes");
  params.set("msg_signature", getSignature(token, timestamp, nonce, ciphertext));
  return { query: params.toString(), body: buildXml({ ToUserName: "gh_township01", Encrypt: ciphertext }) };
}

/** A WeCom callback: always encrypted, signed with msg_signature. */
export function wecomRequest(push: Push, options: { token?: string } = {}): SignedRequest {
  const timestamp = nowSeconds();
  const nonce = randomBytes(6).toString("hex");
  const ciphertext = encrypt(WECOM_AES_KEY, buildXml(push), WECOM_CORP);
  const params = new URLSearchParams({ msg_signature: getSignature(options.token ?? WECOM_TOKEN, timestamp, nonce, ciphertext), timestamp, nonce });
  return { query: params.toString(), body: buildXml({ ToUserName: WECOM_CORP, AgentID: "1000002", Encrypt: ciphertext }) };
}

export function wecomTextPush(userId: string, content: string, msgId = nextMsgId()): Push {
  return {
    ToUserName: WECOM_CORP,
    FromUserName: userId,
    CreateTime: Number(nowSeconds()),
    MsgType: "text",
    Content: content,
    MsgId: msgId,
    AgentID: "1000002",
  };
}

export async function post(baseUrl: string, path: string, request: SignedRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${path}?${request.query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: request.body });
  return { status: response.status, text: await response.text() };
}

/** The text of a passive reply, opening it first in safe mode; undefined for "success". */
export function passiveText(responseText: string, options: { aes?: boolean } = {}): string | undefined {
  if (responseText === "success" || responseText === "") return undefined;
  let fields = parseXmlFields(responseText);
  if (options.aes) fields = parseXmlFields(decrypt(OA_AES_KEY, fields.Encrypt!).message);
  return fields.Content;
}
