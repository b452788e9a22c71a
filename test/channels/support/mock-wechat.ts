// Drives the running WeChat adapter through wechaty-puppet-mock: contacts and rooms that talk to the bot.
import type { PuppetMock, mock } from "wechaty-puppet-mock";
import { runningWechaty } from "../../../src/channels/wechat/index.ts";

export interface SentByBot {
  text: string;
  /** The contact (private chat) or room the bot wrote to. */
  to: string;
  mentionIdList?: string[];
}

export interface MockWechat {
  mocker: mock.Mocker;
  me: mock.ContactMock;
  /** Everything the bot has said, in order. */
  sent: SentByBot[];
  waitForSent(count: number, timeoutMs?: number): Promise<SentByBot[]>;
}

/** Logs the bot in as "乡亲助手" and records what it says; call after the app (and its channels) started. */
export async function loginMockWechat(): Promise<MockWechat> {
  const bot = runningWechaty();
  if (!bot) throw new Error("the WeChat channel is not running");
  const puppet = bot.puppet as unknown as PuppetMock;
  const mocker = puppet.mocker;
  const me = mocker.createContact({ name: "乡亲助手" });
  const sent: SentByBot[] = [];
  puppet.on("message", ({ messageId }) => {
    const payload = mocker.messagePayload(messageId);
    if (payload.talkerId !== me.id) return;
    const to = "roomId" in payload && payload.roomId ? payload.roomId : ((payload as { listenerId?: string }).listenerId ?? "");
    sent.push({ text: payload.text ?? "", to, ...("mentionIdList" in payload && payload.mentionIdList ? { mentionIdList: payload.mentionIdList } : {}) });
  });
  mocker.login(me);
  // The mock logs in asynchronously; messages sent before it settles are lost.
  await new Promise((resolve) => setTimeout(resolve, 80));
  return {
    mocker,
    me,
    sent,
    async waitForSent(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > deadline) throw new Error(`mock WeChat: expected ${count} messages from the bot, got ${sent.length}: ${JSON.stringify(sent)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return sent;
    },
  };
}
