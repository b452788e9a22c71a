// Settings for the chat channels (Telegram, WeChat); a channel is on when its main variable is set (see .env.example).
import { z } from "zod";
import { emptyAsUndefined, flag, optionalString } from "./env.ts";

const optionalUrl = z.preprocess(emptyAsUndefined, z.url({ error: "需要完整的网址，例如 https://example.org/telegram/webhook" }).optional());
const milliseconds = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(600_000).default(fallback));

export const ChannelsConfigShape = {
  /** Telegram bot token from @BotFather; without it Telegram is off. */
  TELEGRAM_BOT_TOKEN: optionalString,
  /** Public HTTPS address Telegram posts updates to; without it the bot uses long polling. */
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  /** Checked against Telegram's X-Telegram-Bot-Api-Secret-Token header (1–256 of A–Z a–z 0–9 _ -). */
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "只能包含字母、数字、下划线和短横线，1–256 个字符").optional(),
  ),
  /** A self-hosted Bot API server (telegram-bot-api), also how tests reach their fake server. */
  TELEGRAM_API_ROOT: optionalUrl,
  /** Module name of the wechaty puppet, e.g. wechaty-puppet-service; without it WeChat is off. */
  WECHATY_PUPPET: optionalString,
  /** Token of a paid puppet service (pad protocol), used by wechaty-puppet-service. */
  WECHATY_PUPPET_SERVICE_TOKEN: optionalString,
  /** host:port of a puppet-service gateway (e.g. a self-run PadLocal gateway); skips the token discovery service. */
  WECHATY_PUPPET_SERVICE_ENDPOINT: optionalString,
  /** "on" for gateways that speak gRPC without TLS (most self-run pad-protocol gateways). */
  WECHATY_PUPPET_SERVICE_NO_TLS: flag(false),
  /** Friend requests whose greeting contains this word are accepted; empty: accept none automatically. */
  WECHAT_FRIEND_KEYWORD: optionalString,
  /** Minimum gap between two WeChat sends; bursts get accounts restricted. */
  WECHAT_SEND_MIN_INTERVAL_MS: milliseconds(1500),
  /** Random extra delay (0…this) added to every WeChat send so the rhythm doesn't look automated. */
  WECHAT_SEND_JITTER_MS: milliseconds(1000),
};
