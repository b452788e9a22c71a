// One pushed message, answered once: a passive reply when the answer is ready in time, else the send API.
import type { Assistant } from "../../core/assistant.ts";
import type { Logger } from "../../core/logger.ts";
import { InboundMessageSchema, type ChannelName, type Reply } from "../../core/message.ts";
import type { Notifier } from "../../core/notifier.ts";
import { withNumberedChoices } from "../common/choices.ts";
import { flushSoon } from "../common/flush-soon.ts";
import { PendingChoices } from "../common/pending-choices.ts";
import { splitMessageBytes } from "../common/split.ts";
import { transcriptNotice, type Transcribe } from "../common/voice.ts";
import type { WechatApi } from "./api-client.ts";
import type { Conversion } from "./inbound.ts";

/**
 * WeChat's limit for one text, passive or sent: 2,048 bytes of UTF-8 (about 680 汉字). Longer ones are
 * refused with 45002 "content size out of limit" (custom send) or cut (WeCom message/send).
 * Sources: developers.weixin.qq.com community answer on custom/send ("再精确点，2048") and the 45002 reports;
 * WeCom: developer.work.weixin.qq.com/document/path/90236 ("消息内容，最长不超过2048个字节，超过将截断").
 */
export const WECHAT_TEXT_BYTES = 2048;

/** A retry from WeChat comes within ~15 s (three tries, 5 s apart); the durable log catches anything later. */
const REMEMBER_IN_FLIGHT_MS = 60_000;
/**
 * WeChat drops a request it has no response to after 5 s and delivers the message again, up to three times
 * (developers.weixin.qq.com/doc/service/en/guide/product/message/Passive_user_reply_message.html). Without a
 * send API, a slow answer can only ride on such a retry, so the first response is held past this point.
 */
const WECHAT_GIVES_UP_MS = 5_500;
const FAILED = "抱歉，系统出了点问题，请稍后再试。";
const CUT_NOTE = "（回答较长，只显示了前一部分。请把问题问得具体一些。）";

export interface ReplyFlowOptions {
  channel: ChannelName;
  assistant: Assistant;
  logger: Logger;
  notifier: Notifier;
  /** How long to wait for the answer before acknowledging and sending it later (WeChat waits 5 s). */
  budgetMs: number;
  /** Sends one text to a user through the platform's API; undefined: passive replies only (a 订阅号). */
  send: ((userId: string, text: string) => Promise<void>) | undefined;
  /** Whether an answer may ride on the HTTP response (the Official Account); WeCom always uses the API. */
  passive: boolean;
  /** Voice notes without WeChat's recognition are fetched here and transcribed, when the LLM can. */
  api: WechatApi | undefined;
  transcribe: Transcribe | undefined;
}

/** What to answer WeChat's HTTP request with: a passive reply's text, or only the acknowledgement. */
export interface Outcome {
  passive?: string;
}

interface InFlight {
  pieces: Promise<string[]>;
  answered: boolean;
}

export class ReplyFlow {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly sending = new Set<Promise<unknown>>();
  private readonly choices = new PendingChoices();
  private readonly flush;

  constructor(private readonly options: ReplyFlowOptions) {
    this.flush = flushSoon(options.notifier, options.logger);
  }

  async receive(conversion: Conversion): Promise<Outcome> {
    if (conversion.type === "skip") {
      this.options.logger.debug(`${this.options.channel} push skipped`, { reason: conversion.reason });
      return {};
    }
    const { key } = conversion;
    const earlier = this.inFlight.get(key);
    if (earlier) return this.retried(key, earlier);
    const started = performance.now();
    const entry: InFlight = { pieces: this.answer(conversion), answered: false };
    this.inFlight.set(key, entry);
    void entry.pieces.finally(() => setTimeout(() => this.inFlight.delete(key), REMEMBER_IN_FLIGHT_MS).unref());
    const pieces = await within(entry.pieces, this.options.budgetMs);
    if (pieces === undefined) {
      // Too slow for a passive reply: acknowledge now and send the answer when it is ready.
      if (this.options.send) {
        entry.answered = true;
        this.track(entry.pieces.then((late) => this.sendAll(conversion.userId, late)));
        return {};
      }
      // Without a send API the answer rides on WeChat's retry of this message (see `retried`).
      await holdUntilWechatRetries(started);
      return {};
    }
    entry.answered = true;
    return this.deliver(conversion.userId, pieces);
  }

  /** A repeat delivery of a message still being answered (WeChat retries after 5 s without a response). */
  private async retried(key: string, earlier: InFlight): Promise<Outcome> {
    this.options.logger.info(`${this.options.channel} repeated delivery answered once`, { key });
    if (earlier.answered) return {};
    const started = performance.now();
    const pieces = await within(earlier.pieces, this.options.budgetMs);
    if (pieces === undefined) {
      await holdUntilWechatRetries(started);
      return {};
    }
    if (earlier.answered) return {};
    earlier.answered = true;
    return this.deliver(undefined, pieces);
  }

  private deliver(userId: string | undefined, pieces: string[]): Outcome {
    if (pieces.length === 0) return {};
    if (this.options.passive && pieces.length === 1) return { passive: pieces[0]! };
    if (this.options.send && userId) {
      this.track(this.sendAll(userId, pieces));
      return {};
    }
    // A passive reply is one message: the first piece, saying that more was cut.
    return { passive: `${splitMessageBytes(pieces[0]!, WECHAT_TEXT_BYTES - Buffer.byteLength(CUT_NOTE) - 2)[0]}\n\n${CUT_NOTE}` };
  }

  /** The core's answer as the texts to send, each under WeChat's limit; [] for a message handled before. */
  private async answer(conversion: Extract<Conversion, { type: "message" }>): Promise<string[]> {
    const { channel, logger, assistant } = this.options;
    const preface = [...conversion.preface];
    let inbound = conversion.inbound;
    if (conversion.voice && !inbound.text) {
      const transcript = await this.transcribe(conversion.voice);
      if (transcript) {
        inbound = { ...inbound, kind: "text", text: transcript };
        preface.push(transcriptNotice(transcript));
      }
    }
    const choice = inbound.kind === "text" ? this.choices.pick(conversion.userId, inbound.text) : undefined;
    // A typed number answers the numbered choices shown, exactly as a tapped button does elsewhere.
    if (choice) inbound = { ...inbound, text: choice.label, payload: choice.payload };
    const parsed = InboundMessageSchema.safeParse(inbound);
    if (!parsed.success) {
      logger.warn(`${channel} message not understood`, { key: conversion.key, problem: parsed.error.issues[0]?.message });
      return [];
    }
    let replies: Reply[];
    try {
      const result = await assistant.handle(parsed.data);
      if (result.duplicate) {
        logger.info(`${channel} message handled before; not answered again`, { key: conversion.key });
        return [];
      }
      replies = result.replies;
    } catch (error) {
      logger.error(`${channel} message failed`, { key: conversion.key, error });
      return [FAILED];
    }
    this.choices.offer(conversion.userId, replies);
    // The user just wrote: notifications held back for the 48-hour window may go out now.
    if ((await this.options.notifier.resume(channel, conversion.userId)) > 0 || replies.length > 0) this.flush.schedule();
    const texts = replies.map(withNumberedChoices);
    if (preface.length > 0) texts[0] = texts[0] === undefined ? preface.join("\n") : `${preface.join("\n")}\n\n${texts[0]}`;
    return texts.flatMap((text) => splitMessageBytes(text, WECHAT_TEXT_BYTES)).filter((piece) => piece.trim());
  }

  private async transcribe(voice: { mediaId: string; format: string }): Promise<string> {
    const { api, transcribe, logger, channel } = this.options;
    if (!api || !transcribe) return "";
    try {
      const audio = await api.download("/cgi-bin/media/get", { media_id: voice.mediaId });
      return (await transcribe(audio, `voice.${voice.format.replace(/[^a-z0-9]/gi, "") || "amr"}`)).trim();
    } catch (error) {
      logger.warn(`${channel} voice transcription failed`, { error });
      return "";
    }
  }

  /** Sends pieces in order; a failure is logged (the user already has an acknowledgement, nothing to retry into). */
  async sendAll(userId: string, pieces: readonly string[]): Promise<void> {
    const send = this.options.send;
    if (!send) return;
    try {
      for (const piece of pieces) await send(userId, piece);
    } catch (error) {
      this.options.logger.error(`${this.options.channel} answer could not be sent`, { userId, error });
    }
  }

  /** Remembers the choices a notification offered, so the user's typed number picks one. */
  offered(userId: string, replies: readonly Pick<Reply, "quickReplies">[]): void {
    this.choices.offer(userId, replies);
  }

  private track(task: Promise<unknown>): void {
    this.sending.add(task);
    void task.finally(() => this.sending.delete(task));
  }

  /** Waits for answers still being sent (shutdown). */
  async stop(): Promise<void> {
    await this.flush.stop();
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
    await Promise.allSettled([...this.inFlight.values()].map((entry) => entry.pieces));
  }
}

function holdUntilWechatRetries(started: number): Promise<void> {
  const wait = started + WECHAT_GIVES_UP_MS - performance.now();
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
}

/** The task's value if it settles within `ms`, else undefined (the task goes on). */
async function within<T>(task: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([task, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
