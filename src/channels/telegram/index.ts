// Telegram adapter (grammy): long polling through @grammyjs/runner, or a webhook on the app's HTTP server.
import { randomBytes } from "node:crypto";
import { Bot, GrammyError, HttpError, webhookCallback, type Context } from "grammy";
import type { Update } from "grammy/types";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { autoRetry } from "@grammyjs/auto-retry";
import { bodyLimit } from "hono/body-limit";
import type { Context as HonoContext } from "hono";
import type { AppContext } from "../../app-context.ts";
import { InboundMessageSchema, type QuickReply, type Reply } from "../../core/message.ts";
import type { Logger } from "../../core/logger.ts";
import { ChannelStartError } from "../common/errors.ts";
import { RecentIds } from "../common/recent-ids.ts";
import { splitMessage } from "../common/split.ts";
import { flushSoon } from "../common/flush-soon.ts";
import { findTranscriber, transcriptNotice } from "../common/voice.ts";
import type { RunningChannel } from "../types.ts";
import { ButtonPayloads } from "./buttons.ts";
import { BOT_COMMANDS } from "./commands.ts";
import { convertUpdate, type BotIdentity } from "./convert.ts";

const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;
/** Per getMe attempt at start-up. */
const START_TIMEOUT_MS = 10_000;
const EXPIRED_BUTTON = "这个按钮已过期，请直接打字提问。";

export interface TelegramOptions {
  /** Long-poll timeout in seconds for getUpdates (default 30, as Telegram suggests). */
  pollTimeoutSeconds?: number;
}

export async function startTelegram(ctx: AppContext, options: TelegramOptions = {}): Promise<RunningChannel> {
  const { config, services, assistant } = ctx;
  const { logger, notifier } = services;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new ChannelStartError("telegram", "没有设置 TELEGRAM_BOT_TOKEN");
  const bot = new Bot(token, config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, "") } } : {});
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  let webhookHandler: ((c: HonoContext) => Promise<Response>) | undefined;
  let stopped = false;
  if (webhookUrl) {
    // Mounted before the first await: hono can't add routes once it has matched a request, and the
    // server is already listening. Until the bot is ready (and after it stops) Telegram gets 503 and retries.
    const path = new URL(webhookUrl).pathname;
    ctx.http.post(path, bodyLimit({ maxSize: 1024 * 1024 }), async (c) => (webhookHandler && !stopped ? webhookHandler(c) : c.body(null, 503)));
  }

  try {
    bot.botInfo = await fetchIdentity(bot);
  } catch (cause) {
    throw new ChannelStartError("telegram", describeStartFailure(cause), { cause });
  }
  // Installed after getMe so a bad token fails at once instead of being retried.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  // The runner retries a failing getUpdates on its own (409 while another instance polls, network loss);
  // without this the log would never say why no messages arrive.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !stopped) logger.warn("telegram getUpdates failed; retrying", { error });
      throw error;
    }
  });
  const me: BotIdentity = { id: bot.botInfo.id, username: bot.botInfo.username };
  const buttons = new ButtonPayloads();
  const recent = new RecentIds();
  const inFlight = new Set<Promise<unknown>>();

  const send = async (chatId: number | string, replies: readonly Pick<Reply, "text" | "quickReplies">[], replyToMessageId?: number) => {
    let first = true;
    for (const reply of replies) {
      const pieces = splitMessage(reply.text).filter((p) => p.trim());
      for (const [i, piece] of pieces.entries()) {
        const last = i === pieces.length - 1;
        await bot.api.sendMessage(chatId, piece, {
          ...(last && reply.quickReplies.length > 0 ? { reply_markup: buttons.keyboard(reply.quickReplies) } : {}),
          ...(first && replyToMessageId ? { reply_parameters: { message_id: replyToMessageId, allow_sending_without_reply: true } } : {}),
        });
        first = false;
      }
    }
  };

  // A handler may have queued notifications (a cadre's status change) for this or another chat.
  const flush = flushSoon(notifier, logger);
  const transcribe = findTranscriber(services.llm);
  const apiRoot = (config.TELEGRAM_API_ROOT ?? "https://api.telegram.org").replace(/\/+$/, "");
  /** Downloads a voice note (getFile, then the file URL) and hands it to the LLM's transcription. */
  const transcribeVoice = async (fileId: string): Promise<string> => {
    const file = await bot.api.getFile(fileId);
    if (!file.file_path) return "";
    const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`voice download failed: HTTP ${response.status}`);
    const audio = Buffer.from(await response.arrayBuffer());
    return (await transcribe!(audio, file.file_path.split("/").pop() ?? "voice.oga")).trim();
  };

  const handleUpdate = async (update: Update) => {
    const conversion = convertUpdate(update, me, (data) => buttons.decode(data));
    if (conversion.type === "skip") {
      logger.debug("telegram update skipped", { updateId: update.update_id, reason: conversion.reason, chatId: conversion.chatId });
      return;
    }
    if (conversion.type === "expired-button") {
      await bot.api.answerCallbackQuery(conversion.callbackId, { text: EXPIRED_BUTTON });
      return;
    }
    // Answer the tap at once so the button stops spinning, whatever the core then takes.
    if (conversion.type === "callback") await bot.api.answerCallbackQuery(conversion.callbackId);
    const preface: string[] = [];
    let inbound = conversion.inbound;
    if (conversion.type === "message" && conversion.voiceFileId && transcribe) {
      const transcript = await transcribeVoice(conversion.voiceFileId).catch((error) => {
        logger.warn("telegram voice transcription failed", { updateId: update.update_id, error });
        return "";
      });
      if (transcript) {
        inbound = { ...inbound, kind: "text", text: transcript };
        preface.push(transcriptNotice(transcript));
      }
    }
    const parsed = InboundMessageSchema.safeParse(inbound);
    if (!parsed.success) {
      logger.warn("telegram update not understood", { updateId: update.update_id, problem: parsed.error.issues[0]?.message });
      return;
    }
    const result = await assistant.handle(parsed.data);
    if (result.duplicate) {
      logger.debug("telegram duplicate message dropped", { updateId: update.update_id });
      return;
    }
    const threaded = parsed.data.chatType === "group" && conversion.type === "message" ? conversion.messageId : undefined;
    await send(conversion.chatId, [...preface.map((text) => ({ text, quickReplies: [] })), ...result.replies], threaded);
  };

  // Order matters: count the update as in flight first, drop repeats, then queue it behind its chat.
  bot.use(async (_gctx, next) => {
    const task = next();
    inFlight.add(task);
    try {
      await task;
    } finally {
      inFlight.delete(task);
    }
  });
  bot.use(async (gctx, next) => {
    if (!recent.add(String(gctx.update.update_id))) {
      logger.debug("telegram duplicate update ignored", { updateId: gctx.update.update_id });
      return;
    }
    await next();
  });
  bot.use(sequentialize((gctx: Context) => (gctx.chat ? String(gctx.chat.id) : undefined)));
  bot.use(async (gctx) => {
    try {
      await handleUpdate(gctx.update);
    } catch (error) {
      logUpdateError(logger, gctx.update, error);
    }
    if (!stopped) flush.schedule();
  });
  bot.catch((error) => logUpdateError(logger, error.ctx.update, error.error));

  notifier.register("telegram", async (message) => send(message.chatId, [{ text: message.text, quickReplies: message.quickReplies as QuickReply[] }]));

  try {
    await bot.api.setMyCommands(BOT_COMMANDS.map(({ command, description }) => ({ command, description })));
  } catch (error) {
    logger.warn("telegram setMyCommands failed; commands still work", { error });
  }

  let runner: RunnerHandle | undefined;
  try {
    runner = await receiveUpdates();
  } catch (cause) {
    notifier.unregister("telegram");
    throw new ChannelStartError("telegram", describeStartFailure(cause), { cause });
  }

  async function receiveUpdates(): Promise<RunnerHandle | undefined> {
    if (webhookUrl) {
      // Without a configured secret, a random one still keeps strangers from posting fake updates.
      const secret = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(24).toString("hex");
      webhookHandler = webhookCallback(bot, "hono", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9000 }) as (
        c: HonoContext,
      ) => Promise<Response>;
      await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
      logger.info("telegram on (webhook)", { bot: me.username, path: new URL(webhookUrl).pathname });
      return undefined;
    }
    await bot.api.deleteWebhook();
    const handle = run(bot, {
      runner: { fetch: { timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
    });
    // The runner gives up on 401 (token revoked) and 409 (another instance polls, or a webhook is set).
    // Unhandled, that rejection would take the whole process down; the web chat and WeChat must stay up.
    void handle.task()?.catch((error: unknown) => {
      const description = error instanceof GrammyError ? `${error.error_code} ${error.description}` : (error as Error)?.message;
      logger.error("telegram polling stopped; the other channels keep running", {
        description,
        hint: error instanceof GrammyError && error.error_code === 409 ? "另一个程序正在用同一个令牌接收消息，或设置了 webhook" : undefined,
      });
    });
    logger.info("telegram on (long polling)", { bot: me.username });
    return handle;
  }

  return {
    name: "telegram",
    async stop() {
      stopped = true;
      await flush.stop();
      notifier.unregister("telegram");
      if (runner?.isRunning()) await runner.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * getMe, retried briefly on network errors only. (bot.init() retries until its signal fires, which
 * would hold up start-up for long when the server is unreachable.)
 */
async function fetchIdentity(bot: Bot): Promise<Bot["botInfo"]> {
  const pauses = [500, 1500];
  for (let attempt = 0; ; attempt++) {
    try {
      return await bot.api.getMe(AbortSignal.timeout(START_TIMEOUT_MS) as Parameters<typeof bot.api.getMe>[0]);
    } catch (error) {
      if (!(error instanceof HttpError) || attempt >= pauses.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauses[attempt]));
    }
  }
}

function describeStartFailure(cause: unknown): string {
  if (cause instanceof GrammyError && cause.error_code === 401) return "Telegram 拒绝了 TELEGRAM_BOT_TOKEN（401 Unauthorized），请检查令牌是否正确";
  if (cause instanceof GrammyError) return `Telegram 拒绝启动：${cause.error_code} ${cause.description}`;
  if (cause instanceof HttpError || (cause as Error)?.name === "TimeoutError" || (cause as Error)?.name === "AbortError") {
    return "连不上 Telegram 服务器（检查网络或 TELEGRAM_API_ROOT）";
  }
  return `Telegram 启动失败：${(cause as Error)?.message ?? String(cause)}`;
}

/** One bad update (a chat that removed the bot, a refused send) is logged and the others go on. */
function logUpdateError(logger: Logger, update: Update, error: unknown): void {
  const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
  if (error instanceof GrammyError && error.error_code === 403) {
    logger.warn("telegram chat unreachable (bot blocked or removed); skipped", { updateId: update.update_id, chatId, description: error.description });
    return;
  }
  if (error instanceof GrammyError) {
    logger.warn("telegram refused a request", {
      updateId: update.update_id,
      chatId,
      method: error.method,
      code: error.error_code,
      description: error.description,
    });
    return;
  }
  logger.error("telegram update failed", { updateId: update.update_id, chatId, error });
}
