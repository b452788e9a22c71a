// Pure WeChat rules: which message types the assistant reads, and which friend requests it accepts.
import { types } from "wechaty";
import type { Config } from "../../config/index.ts";
import type { InboundMessageInput } from "../../core/message.ts";

type Kind = InboundMessageInput["kind"];

/** The core's message kind for a wechaty message type; undefined: not a message to answer (stickers, red packets …). */
export function kindOfWechatMessage(type: types.Message): Kind | undefined {
  switch (type) {
    case types.Message.Text:
      return "text";
    case types.Message.Audio:
      return "voice";
    case types.Message.Image:
      return "image";
    case types.Message.Attachment:
    case types.Message.Video:
      return "file";
    default:
      return undefined;
  }
}

/** Accept a friend request only when its greeting carries the keyword; without a keyword, accept none automatically. */
export function shouldAcceptFriend(hello: string, keyword: string | undefined): boolean {
  if (!keyword) return false;
  return hello.normalize("NFKC").toLowerCase().includes(keyword.normalize("NFKC").toLowerCase());
}

/** WeChat shows long texts fine but some puppets cut them; 2,000 characters per message is safe on all. */
export const WECHAT_TEXT_LIMIT = 2000;

/** Options handed to the puppet; only wechaty-puppet-service reads them, other puppets ignore unknown keys. */
export function puppetOptionsFrom(
  config: Pick<Config, "WECHATY_PUPPET_SERVICE_TOKEN" | "WECHATY_PUPPET_SERVICE_ENDPOINT" | "WECHATY_PUPPET_SERVICE_NO_TLS">,
): Record<string, unknown> {
  return {
    ...(config.WECHATY_PUPPET_SERVICE_TOKEN ? { token: config.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
    ...(config.WECHATY_PUPPET_SERVICE_ENDPOINT ? { endpoint: config.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}),
    ...(config.WECHATY_PUPPET_SERVICE_NO_TLS ? { tls: { disable: true } } : {}),
  };
}
