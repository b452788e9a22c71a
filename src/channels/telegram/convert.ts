// Turns a Telegram update into the core's message, or says why it is skipped. Pure: no I/O.
import type { Message, MessageEntity, Update } from "grammy/types";
import type { InboundMessageInput } from "../../core/message.ts";
import { isAddressed } from "../common/addressing.ts";
import { commandText } from "./commands.ts";

export interface BotIdentity {
  id: number;
  username: string;
}

export type Conversion =
  | { type: "message"; inbound: InboundMessageInput; chatId: number; messageId: number; voiceFileId?: string }
  | { type: "callback"; inbound: InboundMessageInput; chatId: number; callbackId: string }
  | { type: "expired-button"; chatId: number; callbackId: string }
  | { type: "skip"; reason: string; chatId?: number };

type Kind = InboundMessageInput["kind"];

export function convertUpdate(update: Update, bot: BotIdentity, decodePayload: (data: string) => string | undefined): Conversion {
  if (update.message) return convertMessage(update.message, bot, update.update_id);
  if (update.callback_query) {
    const query = update.callback_query;
    const message = query.message;
    if (!message || !("chat" in message) || !query.data) return { type: "skip", reason: "callback without a message or data" };
    const payload = decodePayload(query.data);
    if (payload === undefined) return { type: "expired-button", chatId: message.chat.id, callbackId: query.id };
    const label = "reply_markup" in message ? findButtonLabel(message as Message, query.data) : undefined;
    return {
      type: "callback",
      chatId: message.chat.id,
      callbackId: query.id,
      inbound: {
        channel: "telegram",
        userId: String(query.from.id),
        chatId: String(message.chat.id),
        chatType: message.chat.type === "private" ? "private" : "group",
        mentioned: true,
        messageId: `cb:${query.id}`,
        kind: "text",
        text: label ?? payload,
        payload,
        displayName: fullName(query.from),
      },
    };
  }
  if (update.edited_message) return { type: "skip", reason: "edited message", chatId: update.edited_message.chat.id };
  return {
    type: "skip",
    reason: `unhandled update type: ${
      Object.keys(update)
        .filter((k) => k !== "update_id")
        .join(",") || "empty"
    }`,
  };
}

function convertMessage(message: Message, bot: BotIdentity, updateId: number): Conversion {
  const chatId = message.chat.id;
  if (message.chat.type === "channel") return { type: "skip", reason: "channel post", chatId };
  if (message.from?.id === bot.id) return { type: "skip", reason: "own message", chatId };
  if (message.from?.is_bot) return { type: "skip", reason: "message from another bot", chatId };
  if (message.sticker) return { type: "skip", reason: "sticker", chatId };
  const kind = kindOf(message);
  if (!kind) return { type: "skip", reason: "no text (service or unsupported message)", chatId };

  const raw = message.text ?? message.caption ?? "";
  const entities = message.entities ?? message.caption_entities ?? [];
  const chatType = message.chat.type === "private" ? "private" : "group";
  const mentioned = entities.some((e) => mentionsBot(raw, e, bot));
  const command = leadingCommand(raw, entities, bot);
  const repliedToBot = message.reply_to_message?.from?.id === bot.id;
  const addressed = isAddressed({ chatType, mentioned, repliedToBot, commanded: command?.forUs === true });
  if (!addressed) return { type: "skip", reason: "group message not addressed to the bot", chatId };

  let text = stripBotMentions(raw, entities, bot).trim();
  if (command?.forUs) text = commandText(command.name, text.slice(command.length).trim());
  const sender = message.from ?? message.sender_chat;
  const voiceFileId = message.voice?.file_id ?? message.audio?.file_id ?? message.video_note?.file_id;
  return {
    type: "message",
    chatId,
    messageId: message.message_id,
    ...(voiceFileId ? { voiceFileId } : {}),
    inbound: {
      channel: "telegram",
      // Anonymous group admins write as the group itself (sender_chat).
      userId: String(sender?.id ?? chatId),
      chatId: String(chatId),
      chatType,
      mentioned: chatType === "private" ? true : mentioned || repliedToBot || command?.forUs === true,
      ...(message.reply_to_message ? { replyTo: String(message.reply_to_message.message_id) } : {}),
      // chat + message id is what Telegram repeats when it redelivers; update_id is the fallback.
      messageId: message.message_id ? `${chatId}:${message.message_id}` : `u:${updateId}`,
      kind,
      text,
      ...(message.from ? { displayName: fullName(message.from) } : {}),
    },
  };
}

function kindOf(message: Message): Kind | undefined {
  if (message.text !== undefined) return "text";
  if (message.voice || message.audio || message.video_note) return "voice";
  if (message.photo) return "image";
  if (message.document || message.video) return "file";
  if (message.caption !== undefined) return "text";
  return undefined;
}

function mentionsBot(text: string, entity: MessageEntity, bot: BotIdentity): boolean {
  if (entity.type === "text_mention") return entity.user.id === bot.id;
  if (entity.type !== "mention") return false;
  return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${bot.username.toLowerCase()}`;
}

/** A /command at the very start; "/help@otherbot" is for another bot. */
function leadingCommand(text: string, entities: readonly MessageEntity[], bot: BotIdentity) {
  const entity = entities.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity) return undefined;
  const [name = "", target] = text.slice(1, entity.length).split("@");
  return { name, length: entity.length, forUs: target === undefined || target.toLowerCase() === bot.username.toLowerCase() };
}

/** Removes "@bot" so the core sees the same question as on the web. Offsets are UTF-16, like JS strings. */
function stripBotMentions(text: string, entities: readonly MessageEntity[], bot: BotIdentity): string {
  const cuts = entities.filter((e) => e.type === "mention" && mentionsBot(text, e, bot)).sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of cuts) out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
  return out.replace(/[ \u00a0]{2,}/g, " ");
}

function findButtonLabel(message: Message, data: string): string | undefined {
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) if ("callback_data" in button && button.callback_data === data) return button.text;
  }
  return undefined;
}

function fullName(user: { first_name: string; last_name?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ").slice(0, 200);
}
