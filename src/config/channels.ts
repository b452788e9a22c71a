// Settings for the chat channels (Telegram, WeChat personal account, WeChat Official Account, WeCom); a channel is on when its main variable is set (see .env.example).
import { z } from "zod";
import { emptyAsUndefined, flag, optionalString } from "./env.ts";

const optionalUrl = z.preprocess(emptyAsUndefined, z.url({ error: "需要完整的网址，例如 https://example.org/telegram/webhook" }).optional());
/** EncodingAESKey: 43 characters of a–z A–Z 0–9, the Base64 of a 32-byte AES key without its "=". */
const aesKey = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, "EncodingAESKey 应为 43 位英文字母或数字")
    .optional(),
);
const milliseconds = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(600_000).default(fallback));

export const ChannelsConfigShape = {
  /** Telegram bot token from @BotFather; without it Telegram is off. */
  TELEGRAM_BOT_TOKEN: optionalString,
  /** Public HTTPS address Telegram posts updates to; without it the bot uses long polling. */
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  /** Checked against Telegram's X-Telegram-Bot-Api-Secret-Token header (1–256 of A–Z a–z 0–9 _ -). */
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "只能包含字母、数字、下划线和短横线，1–256 个字符")
      .optional(),
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
  /**
   * Token typed into the Official Account's 服务器配置 (3–32 letters or digits); without it the Official
   * Account channel is off.
   */
  WECHAT_OA_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, "只能是 3–32 位英文字母或数字（和公众号后台“服务器配置”里的 Token 一致）")
      .optional(),
  ),
  /** The Official Account's AppID (开发者ID), e.g. wx1234567890abcdef. */
  WECHAT_OA_APPID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^wx[0-9a-f]{16}$/i, "格式应为 wx 加 16 位字母数字，在公众号后台“设置与开发 → 基本配置”里")
      .optional(),
  ),
  /** The Official Account's AppSecret (开发者密码); the customer-service API needs it. */
  WECHAT_OA_APPSECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9A-Za-z]{16,64}$/, "AppSecret 应为字母和数字（通常 32 位），在公众号后台“基本配置”里重置后复制")
      .optional(),
  ),
  /** EncodingAESKey (43 characters); set: messages arrive in safe mode (安全模式) and replies are encrypted. */
  WECHAT_OA_AES_KEY: aesKey,
  /** WeChat's API host; tests point it at a local fake server. */
  WECHAT_API_ROOT: z.preprocess(emptyAsUndefined, z.url({ error: "需要完整的网址，例如 https://api.weixin.qq.com" }).default("https://api.weixin.qq.com")),
  /**
   * "off" for a 订阅号 (or an unverified account) that has no customer-service API: answers go only as
   * passive replies, within WeChat's 5-second limit (see README).
   */
  WECHAT_OA_CUSTOM_SEND: flag(true),
  /** How long a message may take before the answer goes through the customer-service API instead (WeChat waits 5 s). */
  WECHAT_OA_REPLY_BUDGET_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(4_500).default(4_000)),
  /** WeCom (企业微信) corp id (企业ID, ww…); the WeCom channel is on when WECOM_TOKEN is set. */
  WECOM_CORP_ID: optionalString,
  /** AgentId of the self-built application (自建应用) that talks to villagers and staff. */
  WECOM_AGENT_ID: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive({ error: "AgentId 是应用详情页里的数字" }).optional()),
  /** The application's Secret. */
  WECOM_SECRET: optionalString,
  /** Token from the application's “接收消息 → 设置API接收”; without it WeCom is off. */
  WECOM_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, "只能是 3–32 位英文字母或数字（和应用“接收消息”设置里的 Token 一致）")
      .optional(),
  ),
  /** EncodingAESKey from the same page (WeCom always encrypts its callbacks). */
  WECOM_AES_KEY: aesKey,
  /** WeCom's API host; tests point it at a local fake server. */
  WECOM_API_ROOT: z.preprocess(emptyAsUndefined, z.url({ error: "需要完整的网址，例如 https://qyapi.weixin.qq.com" }).default("https://qyapi.weixin.qq.com")),
};

type ChannelsSettings = z.infer<z.ZodObject<typeof ChannelsConfigShape>>;

/**
 * Settings that only make sense together: the Official Account needs its AppID (the receive id in safe
 * mode) and AppSecret (customer-service API); WeCom needs all five of its values.
 */
export function checkChannelSettings(config: ChannelsSettings, ctx: z.RefinementCtx): void {
  const missing = (key: keyof ChannelsSettings, because: string) => ctx.addIssue({ code: "custom", path: [key], message: `缺少：${because}` });
  if (config.WECHAT_OA_TOKEN) {
    if (!config.WECHAT_OA_APPID) missing("WECHAT_OA_APPID", "设置了 WECHAT_OA_TOKEN 就要填公众号的 AppID");
    if (!config.WECHAT_OA_APPSECRET && config.WECHAT_OA_CUSTOM_SEND)
      missing("WECHAT_OA_APPSECRET", "客服消息接口要用 AppSecret；订阅号没有客服接口时请设 WECHAT_OA_CUSTOM_SEND=off");
  }
  if (config.WECOM_TOKEN) {
    if (!config.WECOM_CORP_ID) missing("WECOM_CORP_ID", "设置了 WECOM_TOKEN 就要填企业ID");
    if (!config.WECOM_AGENT_ID) missing("WECOM_AGENT_ID", "设置了 WECOM_TOKEN 就要填应用的 AgentId");
    if (!config.WECOM_SECRET) missing("WECOM_SECRET", "设置了 WECOM_TOKEN 就要填应用的 Secret");
    if (!config.WECOM_AES_KEY) missing("WECOM_AES_KEY", "企业微信的回调总是加密的，要填 EncodingAESKey");
  }
}
