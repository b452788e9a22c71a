// The WeChat adapter with wechaty-puppet-mock: what a villager writing to the bot in WeChat sees.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PuppetMock } from "wechaty-puppet-mock";
import { FileBox } from "file-box";
import { types } from "wechaty";
import { startChannels, type RunningChannels } from "../../src/channels/index.ts";
import { runningWechaty } from "../../src/channels/wechat/index.ts";
import { getWechatLoginState } from "../../src/channels/wechat/login-state.ts";
import { reply } from "../../src/core/message.ts";
import { adapterContext, echo, sleep, type AdapterContext, type Script } from "./support/context.ts";
import { loginMockWechat } from "./support/mock-wechat.ts";

let harness: AdapterContext | undefined;
let channels: RunningChannels | undefined;

afterEach(async () => {
  await channels?.stop();
  await harness?.close();
  channels = undefined;
  harness = undefined;
});

async function startWechatBot(script: Script = echo, env: Record<string, string> = {}, llm?: unknown) {
  harness = await adapterContext({ WECHATY_PUPPET: "wechaty-puppet-mock", WECHAT_SEND_MIN_INTERVAL_MS: "0", WECHAT_SEND_JITTER_MS: "0", ...env }, script);
  if (llm) harness.ctx.services.llm = llm as never;
  channels = await startChannels(harness.ctx);
  expect(channels.names).toEqual(["wechat"]);
  const wechat = await loginMockWechat();
  return { ...harness, wechat };
}

describe("WeChat private chat", () => {
  it("answers a contact who messages the bot, and ignores its own messages", async () => {
    const { wechat, received } = await startWechatBot();
    const villager = wechat.mocker.createContact({ name: "王大妈" });
    villager.say("沼气池后期维修谁负责？").to(wechat.me);
    const [answer] = await wechat.waitForSent(1);
    expect(answer).toMatchObject({ text: "答：沼气池后期维修谁负责？", to: villager.id });
    await sleep(100);
    // The bot's own reply comes back as a message event too; it must not be answered.
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ channel: "wechat", userId: villager.id, chatId: villager.id, chatType: "private", displayName: "王大妈" });
    expect(getWechatLoginState()).toMatchObject({ status: "logged-in", user: "乡亲助手" });
  });

  it("lists quick replies as numbered choices and takes a typed number as the choice", async () => {
    const offerChoices: Script = (m) =>
      m.payload
        ? [reply(`答：${m.text}（${m.payload}）`)]
        : [
            reply("您想问哪一项？", {
              quickReplies: [
                { label: "1. 低保", payload: "低保申请条件" },
                { label: "2. 残疾人两项补贴", payload: "两项补贴标准" },
              ],
            }),
          ];
    const { wechat } = await startWechatBot(offerChoices);
    const villager = wechat.mocker.createContact({ name: "李叔" });
    villager.say("补助").to(wechat.me);
    await wechat.waitForSent(1);
    expect(wechat.sent[0]?.text).toBe("您想问哪一项？\n\n1. 低保\n2. 残疾人两项补贴\n（回复序号即可）");
    villager.say("2").to(wechat.me);
    await wechat.waitForSent(2);
    expect(wechat.sent[1]?.text).toBe("答：2. 残疾人两项补贴（两项补贴标准）");
  });

  it("delivers a queued notification to the villager's WeChat", async () => {
    const { wechat, ctx } = await startWechatBot();
    const villager = wechat.mocker.createContact({ name: "赵哥" });
    await ctx.services.notifier.notify({
      channel: "wechat",
      userId: villager.id,
      chatId: villager.id,
      text: "您反映的问题已受理，回执号 FK-0001。",
      dedupeKey: "fb-1",
    });
    expect(await ctx.services.notifier.flush()).toBe(1);
    await wechat.waitForSent(1);
    expect(wechat.sent[0]).toMatchObject({ text: "您反映的问题已受理，回执号 FK-0001。", to: villager.id });
  });
});

describe("WeChat start-up", () => {
  it("reports a puppet that cannot be loaded and starts nothing", async () => {
    harness = await adapterContext({ WECHATY_PUPPET: "wechaty-puppet-does-not-exist" });
    channels = await startChannels(harness.ctx);
    expect(channels.names).toEqual([]);
    expect(harness.logs.find((l) => l.includes("channel wechat failed to start"))).toContain("wechaty-puppet-does-not-exist");
    expect(getWechatLoginState().status).toBe("failed");
  });
});

describe("WeChat login", () => {
  it("prints the login QR in the terminal and keeps it for the dashboard until someone logs in", async () => {
    harness = await adapterContext({ WECHATY_PUPPET: "wechaty-puppet-mock" });
    channels = await startChannels(harness.ctx);
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (printed.push(String(chunk)), true));
    try {
      const puppet = runningWechaty()!.puppet as unknown as PuppetMock;
      puppet.mocker.scan("https://login.weixin.qq.com/l/test-qr");
      const deadline = Date.now() + 3000;
      while (!getWechatLoginState().qrDataUrl && Date.now() < deadline) await sleep(20);
    } finally {
      spy.mockRestore();
    }
    expect(getWechatLoginState()).toMatchObject({ status: "scan", qrcode: "https://login.weixin.qq.com/l/test-qr" });
    expect(getWechatLoginState().qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(printed.join("")).toContain("请用微信扫码登录");
    // Terminal QR codes are drawn with block characters.
    expect(printed.join("")).toMatch(/[█▀▄]/);
  });
});

describe("WeChat housekeeping", () => {
  it("ignores messages sent before the bot started (history replayed on login)", async () => {
    const { wechat, received } = await startWechatBot();
    const villager = wechat.mocker.createContact({ name: "钱叔" });
    const old = wechat.mocker.MessageMock.create({
      id: "old-1",
      talkerId: villager.id,
      listenerId: wechat.me.id,
      text: "昨天的问题",
      type: types.Message.Text,
      timestamp: Date.now() - 3_600_000,
    });
    wechat.mocker.puppet.emit("message", { messageId: old.id });
    villager.say("今天的问题").to(wechat.me);
    await wechat.waitForSent(1);
    await sleep(100);
    expect(received.map((m) => m.text)).toEqual(["今天的问题"]);
  });

  it("accepts a friend request that carries the keyword and leaves others to a person", async () => {
    const { wechat } = await startWechatBot(echo, { WECHAT_FRIEND_KEYWORD: "张家村" });
    const puppet = wechat.mocker.puppet;
    const asker = wechat.mocker.createContact({ name: "新村民" });
    const accepted: string[] = [];
    const hellos: Record<string, string> = { "fr-1": "我是张家村的李四", "fr-2": "加个好友" };
    puppet.friendshipRawPayload = async (id: string) =>
      ({ id, contactId: asker.id, hello: hellos[id] ?? "", type: types.Friendship.Receive, timestamp: Date.now() }) as never;
    puppet.friendshipAccept = async (id: string) => void accepted.push(id);
    puppet.emit("friendship", { friendshipId: "fr-1" });
    puppet.emit("friendship", { friendshipId: "fr-2" });
    await sleep(300);
    expect(accepted).toEqual(["fr-1"]);
  });
});

describe("WeChat rooms", () => {
  it("answers in a room only when the bot itself is in the mention list", async () => {
    const { wechat, received } = await startWechatBot();
    const villager = wechat.mocker.createContact({ name: "张三" });
    const other = wechat.mocker.createContact({ name: "乡亲助手2号" });
    const room = wechat.mocker.createRoom({ topic: "张家村村民群", memberIdList: [wechat.me.id, villager.id, other.id] });
    // Mentions someone whose nickname contains the bot's name: a text match would answer, the mention list does not.
    villager.say("@乡亲助手2号 今天开会吗", [other]).to(room);
    villager.say("大家吃了吗").to(room);
    villager.say("@乡亲助手 低保怎么申请？", [wechat.me]).to(room);
    const [answer] = await wechat.waitForSent(1);
    await sleep(150);
    expect(wechat.sent).toHaveLength(1);
    expect(answer?.to).toBe(room.id);
    expect(answer?.text).toContain("低保怎么申请？");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ chatType: "group", chatId: room.id, userId: villager.id, mentioned: true, text: "低保怎么申请？" });
  });
});

describe("WeChat voice, images and files", () => {
  // The mock puppet serialises files as JSON (only base64 boxes support it) and types them by media type;
  // file-box guesses "application/unknown" for .silk, so say what WeChat voice notes are.
  const voice = () =>
    Object.defineProperty(FileBox.fromBase64(Buffer.from("fake silk audio").toString("base64"), "question.silk"), "mediaType", { value: "audio/silk" });

  it("asks the villager to type when no transcription is available", async () => {
    const { wechat, received } = await startWechatBot();
    const villager = wechat.mocker.createContact({ name: "孙婶" });
    villager.say(voice()).to(wechat.me);
    villager.say(FileBox.fromBase64(Buffer.from("png").toString("base64"), "photo.png")).to(wechat.me);
    await wechat.waitForSent(2);
    expect(received.map((m) => [m.kind, m.text])).toEqual([
      ["voice", ""],
      ["image", ""],
    ]);
  });

  it("answers a voice message from its transcript and shows what it heard", async () => {
    const heard: Array<[number, string]> = [];
    const llm = { transcribe: async (audio: Buffer, fileName: string) => (heard.push([audio.length, fileName]), "沼气池坏了找谁修") };
    const { wechat, received } = await startWechatBot(echo, {}, llm);
    const villager = wechat.mocker.createContact({ name: "周伯" });
    villager.say(voice()).to(wechat.me);
    await wechat.waitForSent(2);
    expect(heard).toEqual([[15, "question.silk"]]);
    expect(wechat.sent.map((s) => s.text)).toEqual(["🎤 我听到的是：“沼气池坏了找谁修”", "答：沼气池坏了找谁修"]);
    expect(received[0]).toMatchObject({ kind: "text", text: "沼气池坏了找谁修" });
  });
});

describe("WeChat sending", () => {
  it("spaces the bot's messages by the configured minimum interval", async () => {
    const { wechat } = await startWechatBot(echo, { WECHAT_SEND_MIN_INTERVAL_MS: "150", WECHAT_SEND_JITTER_MS: "0" });
    const villagers = ["甲", "乙", "丙"].map((name) => wechat.mocker.createContact({ name }));
    const at: number[] = [];
    wechat.mocker.puppet.on("message", ({ messageId }) => {
      if (wechat.mocker.messagePayload(messageId).talkerId === wechat.me.id) at.push(performance.now());
    });
    for (const v of villagers) v.say("你好").to(wechat.me);
    await wechat.waitForSent(3);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps.every((g) => g >= 140)).toBe(true);
  });
});
