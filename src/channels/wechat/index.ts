// WeChat adapter (wechaty): any puppet named by WECHATY_PUPPET; replies go out through a rate-limited queue.
import QRCode from "qrcode";
import { ScanStatus, WechatyBuilder, type Contact, type Friendship, type Message, type Room, type Wechaty } from "wechaty";
import type { AppContext } from "../../app-context.ts";
import { InboundMessageSchema, type InboundMessageInput, type QuickReply, type Reply } from "../../core/message.ts";
import { isAddressed } from "../common/addressing.ts";
import { pickChoice, withNumberedChoices } from "../common/choices.ts";
import { ChannelStartError } from "../common/errors.ts";
import { RecentIds } from "../common/recent-ids.ts";
import { SendQueue } from "../common/send-queue.ts";
import { splitMessage } from "../common/split.ts";
import { flushSoon } from "../common/flush-soon.ts";
import { findTranscriber, transcriptNotice, type Transcribe } from "../common/voice.ts";
import type { RunningChannel } from "../types.ts";
import { kindOfWechatMessage, puppetOptionsFrom, shouldAcceptFriend, WECHAT_TEXT_LIMIT } from "./convert.ts";
import { getWechatLoginState, setWechatLoginState } from "./login-state.ts";

/** Puppets deliver a few seconds of history on login; anything older than start-up minus this is old news. */
const CLOCK_SKEW_MS = 2000;
const START_TIMEOUT_MS = 60_000;
const MAX_PENDING_CHOICES = 10_000;

let current: Wechaty | undefined;

/** The running wechaty instance (diagnostics and tests reach the puppet through it). */
export function runningWechaty(): Wechaty | undefined {
  return current;
}

export async function startWechat(ctx: AppContext): Promise<RunningChannel> {
  const { config, services, assistant } = ctx;
  const { logger, notifier } = services;
  const puppetName = config.WECHATY_PUPPET;
  if (!puppetName) throw new ChannelStartError("wechat", "没有设置 WECHATY_PUPPET");
  setWechatLoginState({ status: "starting" });

  let bot: Wechaty;
  try {
    bot = WechatyBuilder.build({
      name: "xiangqin",
      // The puppet is chosen at run time; wechaty imports it by module name.
      puppet: puppetName as never,
      puppetOptions: puppetOptionsFrom(config),
    });
  } catch (cause) {
    setWechatLoginState({ status: "failed", error: `无法创建微信机器人（puppet：${puppetName}）` });
    throw new ChannelStartError("wechat", `无法创建微信机器人（WECHATY_PUPPET=${puppetName}）：${(cause as Error)?.message ?? cause}`, { cause });
  }

  const queue = new SendQueue({ minIntervalMs: config.WECHAT_SEND_MIN_INTERVAL_MS, jitterMs: config.WECHAT_SEND_JITTER_MS });
  const recent = new RecentIds();
  const pendingChoices = new Map<string, QuickReply[]>();
  const inFlight = new Set<Promise<unknown>>();
  const startedAt = Date.now();
  let stopped = false;
  const transcribe = findTranscriber(services.llm);

  // A handler may have queued notifications (a cadre's status change) for this or another chat.
  const flush = flushSoon(notifier, logger);
  const track = (task: Promise<unknown>) => {
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  /** Sends replies in order through the queue; in a room the first piece @-mentions the asker. */
  const sendReplies = async (to: Contact | Room, replies: readonly Pick<Reply, "text" | "quickReplies">[], mention?: Contact) => {
    let first = true;
    for (const reply of replies) {
      for (const piece of splitMessage(withNumberedChoices(reply), WECHAT_TEXT_LIMIT)) {
        if (!piece.trim()) continue;
        const withMention = first && mention && isRoom(to);
        await queue.push(() => (withMention ? (to as Room).say(piece, mention) : to.say(piece)));
        first = false;
      }
    }
  };

  const handleMessage = async (message: Message) => {
    if (message.self()) return;
    if (!recent.add(message.id)) {
      logger.debug("wechat duplicate message ignored", { messageId: message.id });
      return;
    }
    if (message.date().getTime() < startedAt - CLOCK_SKEW_MS) {
      logger.debug("wechat message from before start-up skipped", { messageId: message.id });
      return;
    }
    const kind = kindOfWechatMessage(message.type());
    if (!kind) {
      logger.debug("wechat message skipped", { messageId: message.id, type: message.type() });
      return;
    }
    const room = message.room();
    const talker = message.talker();
    // wechaty's mention list, not a text match: group nicknames and WeChat's U+2005 space break "@name" matching.
    const mentioned = room ? await message.mentionSelf() : true;
    if (!isAddressed({ chatType: room ? "group" : "private", mentioned, repliedToBot: false, commanded: false })) {
      logger.debug("wechat room message not addressed to the bot", { messageId: message.id });
      return;
    }
    const chatId = room?.id ?? talker.id;
    const choiceKey = `${chatId}:${talker.id}`;
    let text = kind === "text" ? (room ? await message.mentionText() : message.text()).trim() : "";
    let payload: string | undefined;
    const preface: string[] = [];
    const choice = kind === "text" ? pickChoice(text, pendingChoices.get(choiceKey) ?? []) : undefined;
    if (choice) {
      // A typed number answers the numbered choices we showed, exactly as a tapped button does elsewhere.
      text = choice.label;
      payload = choice.payload;
    }
    if (kind === "voice" && transcribe) {
      const transcript = await transcribeVoice(message, transcribe).catch((error) => {
        logger.warn("wechat voice transcription failed", { messageId: message.id, error });
        return "";
      });
      if (transcript) {
        text = transcript;
        preface.push(transcriptNotice(transcript));
      }
    }
    const input: InboundMessageInput = {
      channel: "wechat",
      userId: talker.id,
      chatId,
      chatType: room ? "group" : "private",
      mentioned,
      messageId: message.id,
      kind: kind === "voice" && text ? "text" : kind,
      text,
      ...(payload ? { payload } : {}),
      displayName: talker.name().slice(0, 200),
    };
    const parsed = InboundMessageSchema.safeParse(input);
    if (!parsed.success) {
      logger.warn("wechat message not understood", { messageId: message.id, problem: parsed.error.issues[0]?.message });
      return;
    }
    const result = await assistant.handle(parsed.data);
    if (result.duplicate) return;
    const offered = result.replies.at(-1)?.quickReplies ?? [];
    pendingChoices.delete(choiceKey);
    if (offered.length > 0) pendingChoices.set(choiceKey, offered);
    // Only the latest offers matter; forget the oldest so the map stays small on a busy account.
    if (pendingChoices.size > MAX_PENDING_CHOICES) pendingChoices.delete(pendingChoices.keys().next().value!);
    await sendReplies(room ?? talker, [...preface.map((t) => ({ text: t, quickReplies: [] })), ...result.replies], room ? talker : undefined);
    if (!stopped) flush.schedule();
  };

  const handleFriendship = async (friendship: Friendship) => {
    if (friendship.type() !== bot.Friendship.Type.Receive) return;
    const hello = friendship.hello();
    if (!shouldAcceptFriend(hello, config.WECHAT_FRIEND_KEYWORD)) {
      logger.info("wechat friend request left for a person to decide", { contact: friendship.contact().id });
      return;
    }
    await queue.push(() => friendship.accept());
    logger.info("wechat friend request accepted", { contact: friendship.contact().id });
  };

  bot.on("scan", (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    setWechatLoginState({ status: "scan", qrcode });
    void showLoginQr(qrcode, (line) => process.stdout.write(line)).then((qrDataUrl) => {
      // Drawing takes a moment; by then someone may have scanned, or a newer code may have come.
      const latest = getWechatLoginState();
      if (qrDataUrl && latest.status === "scan" && latest.qrcode === qrcode) setWechatLoginState({ status: "scan", qrcode, qrDataUrl });
    });
    logger.info("wechat waiting for QR scan");
  });
  bot.on("login", (user) => {
    setWechatLoginState({ status: "logged-in", user: user.name() });
    logger.info("wechat logged in", { user: user.name() });
  });
  bot.on("logout", (user) => {
    setWechatLoginState({ status: "logged-out", user: user.name() });
    logger.warn("wechat logged out", { user: user.name() });
  });
  bot.on("error", (error) => logger.warn("wechat puppet error", { error }));
  bot.on("message", (message) => {
    if (stopped) return;
    track(handleMessage(message).catch((error) => logger.error("wechat message failed", { messageId: message.id, error })));
  });
  bot.on("friendship", (friendship) => {
    if (stopped) return;
    track(handleFriendship(friendship).catch((error) => logger.warn("wechat friend request failed", { error })));
  });

  try {
    await withTimeout(bot.start(), START_TIMEOUT_MS);
  } catch (cause) {
    setWechatLoginState({ status: "failed", error: `微信 puppet 启动失败（${puppetName}）` });
    await bot.stop().catch(() => undefined);
    throw new ChannelStartError("wechat", `微信 puppet 启动失败（WECHATY_PUPPET=${puppetName}）：${(cause as Error)?.message ?? cause}`, { cause });
  }
  current = bot;

  notifier.register("wechat", async (message) => {
    // A chat id different from the user id is a room (group); otherwise a private chat.
    const target = message.chatId !== message.userId ? await bot.Room.find({ id: message.chatId }) : await bot.Contact.find({ id: message.userId });
    if (!target) throw new Error(`wechat chat not found: ${message.chatId}`);
    await sendReplies(target, [{ text: message.text, quickReplies: message.quickReplies as QuickReply[] }]);
    if (message.quickReplies.length > 0) pendingChoices.set(`${message.chatId}:${message.userId}`, message.quickReplies as QuickReply[]);
  });
  logger.info("wechat on", { puppet: puppetName });

  return {
    name: "wechat",
    async stop() {
      stopped = true;
      await flush.stop();
      notifier.unregister("wechat");
      await Promise.allSettled([...inFlight]);
      await queue.drain();
      await bot.stop().catch((error) => logger.warn("wechat did not stop cleanly", { error }));
      if (current === bot) current = undefined;
      setWechatLoginState({ status: "off" });
    },
  };
}

function isRoom(target: Contact | Room): target is Room {
  return "topic" in target && typeof (target as Room).topic === "function";
}

async function transcribeVoice(message: Message, transcribe: Transcribe): Promise<string> {
  const file = await message.toFileBox();
  const audio = await file.toBuffer();
  return (await transcribe(audio, file.name)).trim();
}

/** Prints the QR in the terminal and returns it as a data: URL for the dashboard. */
async function showLoginQr(qrcode: string, write: (text: string) => void): Promise<string | undefined> {
  try {
    const art = await QRCode.toString(qrcode, { type: "terminal", small: true });
    write(`请用微信扫码登录乡亲助手：\n${art}\n`);
    return await QRCode.toDataURL(qrcode);
  } catch {
    write(`请用微信扫码登录乡亲助手：${qrcode}\n`);
    return undefined;
  }
}

function withTimeout<T>(task: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${ms / 1000} 秒内没有启动`)), ms);
  });
  return Promise.race([task, timeout]).finally(() => clearTimeout(timer));
}
