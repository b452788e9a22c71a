// The Telegram adapter against a fake Bot API server over real HTTP: what a villager in Telegram sees.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startChannels, type RunningChannels } from "../../src/channels/index.ts";
import { reply } from "../../src/core/message.ts";
import { adapterContext, echo, sleep, type AdapterContext, type Script } from "./support/context.ts";
import { BOT, FakeTelegram, mentionUpdate, textUpdate } from "./support/fake-telegram.ts";

let fake: FakeTelegram;
let harness: AdapterContext | undefined;
let channels: RunningChannels | undefined;

beforeEach(async () => {
  fake = await FakeTelegram.start();
});

afterEach(async () => {
  await channels?.stop();
  await harness?.close();
  await fake.close();
  channels = undefined;
  harness = undefined;
});

async function startBot(script: Script = echo, env: Record<string, string> = {}) {
  harness = await adapterContext({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...env }, script);
  channels = await startChannels(harness.ctx);
  return harness;
}

const sends = (chatId: number) => (calls: typeof fake.calls) => calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId).length;

describe("Telegram private chat", () => {
  it("answers a villager's message through getUpdates and sendMessage", async () => {
    const { received } = await startBot();
    expect(channels!.names).toEqual(["telegram"]);
    fake.push(textUpdate({ chatId: 501, text: "沼气池后期维修谁负责？", firstName: "王大妈" }));
    await fake.waitFor((calls) => sends(501)(calls) >= 1);
    expect(fake.sentTo(501)).toEqual(["答：沼气池后期维修谁负责？"]);
    expect(received[0]).toMatchObject({
      channel: "telegram",
      userId: "501",
      chatId: "501",
      chatType: "private",
      mentioned: true,
      kind: "text",
      displayName: "王大妈",
    });
    expect(fake.callsOf("deleteWebhook")).toHaveLength(1);
  });

  it("registers /start, /help and the staff commands with setMyCommands", async () => {
    await startBot();
    const commands = fake.callsOf("setMyCommands")[0]?.params.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["start", "help", "feedback", "stats", "code"]));
  });

  it("treats /start and /help as a request for help", async () => {
    const { received } = await startBot();
    fake.push(textUpdate({ chatId: 502, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] }));
    await fake.waitFor((calls) => sends(502)(calls) >= 1);
    expect(received[0]?.text).toBe("帮助");
  });

  it("splits an answer longer than 4,096 characters at line ends", async () => {
    const line = "一户多残家庭的生活补助按人头发放，每人每月一百元。";
    const long = Array.from({ length: 200 }, () => line).join("\n");
    await startBot(() => [reply(long)]);
    fake.push(textUpdate({ chatId: 503, text: "补助" }));
    await fake.waitFor((calls) => sends(503)(calls) >= 2);
    const pieces = fake.sentTo(503);
    expect(pieces.every((p) => p.length <= 4096 && p.endsWith("。"))).toBe(true);
    expect(pieces.join("\n")).toBe(long);
  });

  it("delivers a queued notification (a cadre's status change) to the villager's chat", async () => {
    const { ctx } = await startBot();
    await ctx.services.notifier.notify({ channel: "telegram", userId: "504", chatId: "504", text: "您反映的路灯问题已处理完毕。", dedupeKey: "fb-1-done" });
    expect(await ctx.services.notifier.flush()).toBe(1);
    expect(fake.sentTo(504)).toEqual(["您反映的路灯问题已处理完毕。"]);
  });

  it("delivers a notification a handler queued (a cadre's reply to a villager) without waiting for the next poll", async () => {
    let notify: ((text: string) => void) | undefined;
    const h = await startBot((m) => {
      notify?.(`干部已回复：${m.text}`);
      return [reply("已通知村民。")];
    });
    notify = (text) => void h.ctx.services.notifier.notify({ channel: "telegram", userId: "506", chatId: "506", text, dedupeKey: `n-${text}` });
    fake.push(textUpdate({ chatId: 505, text: "路灯修好了" }));
    await fake.waitFor((calls) => sends(506)(calls) >= 1, 3000);
    expect(fake.sentTo(506)).toEqual(["干部已回复：路灯修好了"]);
  });
});

describe("Telegram voice notes", () => {
  const voiceUpdate = (chatId: number, fileId: string) => ({
    message: {
      message_id: 40_000 + chatId,
      date: 0,
      chat: { id: chatId, type: "private" },
      from: { id: chatId, is_bot: false, first_name: "村民" },
      voice: { file_id: fileId, file_unique_id: fileId, duration: 3 },
    },
  });

  it("answers a voice note from its transcript and shows what it heard", async () => {
    fake.files.set("voice/file_7.oga", Buffer.from("fake opus"));
    harness = await adapterContext({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
    const heard: Array<[string, string]> = [];
    harness.ctx.services.llm = { transcribe: async (audio: Buffer, name: string) => (heard.push([audio.toString(), name]), "低保怎么申请") } as never;
    channels = await startChannels(harness.ctx);
    fake.push(voiceUpdate(510, "voice/file_7.oga"));
    await fake.waitFor((calls) => sends(510)(calls) >= 2);
    expect(heard).toEqual([["fake opus", "file_7.oga"]]);
    expect(fake.sentTo(510)).toEqual(["🎤 我听到的是：“低保怎么申请”", "答：低保怎么申请"]);
  });

  it("hands a voice note to the core as voice when nothing can transcribe it", async () => {
    const { received } = await startBot();
    fake.push(voiceUpdate(511, "voice/none.oga"));
    await fake.waitFor((calls) => sends(511)(calls) >= 1);
    expect(received[0]).toMatchObject({ kind: "voice", text: "" });
    expect(fake.callsOf("getFile")).toHaveLength(0);
  });
});

describe("Telegram group chat", () => {
  it("answers only when @mentioned, replied to, or commanded", async () => {
    const { received } = await startBot();
    const group = -1001;
    fake.push(textUpdate({ chatId: group, userId: 11, text: "今天谁去镇上？" }));
    fake.push(mentionUpdate(group, 12, "沼气池后期维修谁负责？"));
    fake.push(
      textUpdate({
        chatId: group,
        userId: 13,
        text: "那三级的呢？",
        replyTo: { message_id: 77, date: 0, chat: { id: group, type: "supergroup" }, from: BOT, text: "……" },
      }),
    );
    fake.push(
      textUpdate({ chatId: group, userId: 14, text: "/help@" + BOT.username, entities: [{ type: "bot_command", offset: 0, length: 6 + BOT.username.length }] }),
    );
    fake.push(textUpdate({ chatId: group, userId: 15, text: "/help@other_bot", entities: [{ type: "bot_command", offset: 0, length: 15 }] }));
    fake.push(textUpdate({ chatId: group, userId: 16, text: "@someone_else 你好", entities: [{ type: "mention", offset: 0, length: 13 }] }));
    fake.push(textUpdate({ chatId: 601, text: "标记" }));
    await fake.waitFor((calls) => sends(group)(calls) >= 3 && sends(601)(calls) >= 1);
    await sleep(50);
    expect(received.filter((m) => m.chatId === String(group)).map((m) => [m.userId, m.text])).toEqual([
      ["12", "沼气池后期维修谁负责？"],
      ["13", "那三级的呢？"],
      ["14", "帮助"],
    ]);
    expect(received.every((m) => (m.chatType === "group" ? m.mentioned : true))).toBe(true);
    // Answers in a group quote the question they answer.
    expect(fake.callsOf("sendMessage").find((c) => Number(c.params.chat_id) === group)?.params.reply_parameters?.message_id).toBeTypeOf("number");
  });

  it("skips a group that removed the bot (403) and keeps answering other chats", async () => {
    const { logs } = await startBot();
    fake.blockedChats.add(-1002);
    fake.push(mentionUpdate(-1002, 21, "低保怎么申请？"));
    fake.push(textUpdate({ chatId: 602, text: "低保怎么申请？" }));
    await fake.waitFor((calls) => sends(602)(calls) >= 1);
    await fake.waitFor((calls) => sends(-1002)(calls) >= 1);
    await sleep(50);
    expect(fake.sentTo(602)).toEqual(["答：低保怎么申请？"]);
    expect(logs.some((l) => l.includes("bot blocked or removed"))).toBe(true);
  });
});

describe("Telegram buttons", () => {
  const offerChoices: Script = (m) =>
    m.payload
      ? [reply(`答：${m.text}（${m.payload}）`)]
      : [
          reply("您想问哪一项？", {
            quickReplies: [
              { label: "1. 低保", payload: "低保申请条件" },
              { label: "2. 残疾人两项补贴", payload: "残疾人两项补贴标准" },
            ],
          }),
        ];

  it("shows quick replies as an inline keyboard and answers a tapped button", async () => {
    const { received } = await startBot(offerChoices);
    fake.push(textUpdate({ chatId: 701, text: "补助" }));
    await fake.waitFor((calls) => sends(701)(calls) >= 1);
    const sent = fake.callsOf("sendMessage")[0]!;
    const keyboard = sent.params.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>;
    expect(keyboard.map((row) => row[0]!.text)).toEqual(["1. 低保", "2. 残疾人两项补贴"]);
    fake.push({
      callback_query: {
        id: "cbq-1",
        from: { id: 701, is_bot: false, first_name: "村民" },
        chat_instance: "x",
        data: keyboard[1]![0]!.callback_data,
        message: { message_id: 1000, date: 0, chat: { id: 701, type: "private" }, from: BOT, text: sent.params.text, reply_markup: sent.params.reply_markup },
      },
    });
    await fake.waitFor((calls) => sends(701)(calls) >= 2 && calls.some((c) => c.method === "answerCallbackQuery"));
    expect(fake.callsOf("answerCallbackQuery")[0]?.params.callback_query_id).toBe("cbq-1");
    expect(received[1]).toMatchObject({ text: "2. 残疾人两项补贴", payload: "残疾人两项补贴标准" });
    expect(fake.sentTo(701)[1]).toBe("答：2. 残疾人两项补贴（残疾人两项补贴标准）");
  });

  it("tells the villager when a button has expired", async () => {
    await startBot();
    fake.push({
      callback_query: {
        id: "cbq-old",
        from: { id: 702, is_bot: false, first_name: "村民" },
        chat_instance: "x",
        data: "k:zz",
        message: { message_id: 5, date: 0, chat: { id: 702, type: "private" } },
      },
    });
    await fake.waitFor((calls) => calls.some((c) => c.method === "answerCallbackQuery"));
    expect(fake.callsOf("answerCallbackQuery")[0]?.params.text).toMatch(/过期/);
  });
});

describe("Telegram reliability", () => {
  it("waits for retry_after when Telegram answers 429, then sends", async () => {
    await startBot();
    fake.failNext("sendMessage", 429, { description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    fake.push(textUpdate({ chatId: 801, text: "你好" }));
    await fake.waitFor((calls) => sends(801)(calls) >= 2, 8000);
    const [refused, sent] = fake.callsOf("sendMessage");
    expect(sent!.at - refused!.at).toBeGreaterThanOrEqual(950);
    expect(sent!.params.text).toBe("答：你好");
  });

  it("retries a 5xx from Telegram", async () => {
    await startBot();
    fake.failNext("sendMessage", 502, { description: "Bad Gateway" });
    fake.push(textUpdate({ chatId: 802, text: "你好" }));
    await fake.waitFor((calls) => sends(802)(calls) >= 2, 8000);
    // The first attempt was refused with 502, the second went through.
    expect(fake.sentTo(802)).toEqual(["答：你好", "答：你好"]);
  });

  it("keeps polling after a network error and reports clearly when another instance takes over (409)", async () => {
    const { logs } = await startBot();
    fake.failNext("getUpdates", 502, { description: "Bad Gateway" });
    await sleep(50);
    fake.push(textUpdate({ chatId: 806, text: "还在吗" }));
    await fake.waitFor((calls) => sends(806)(calls) >= 1, 8000);
    fake.failNext("getUpdates", 409, { description: "Conflict: terminated by other getUpdates request" });
    fake.push(textUpdate({ chatId: 807, text: "还在吗" }));
    const deadline = Date.now() + 5000;
    while (!logs.some((l) => l.includes("telegram polling stopped")) && Date.now() < deadline) await sleep(20);
    expect(logs.find((l) => l.includes("telegram polling stopped"))).toContain("409 Conflict");
  });

  it("ignores an update delivered twice", async () => {
    const { received } = await startBot();
    const update = textUpdate({ chatId: 803, text: "一户多残家庭生活补助怎么发？" });
    fake.push({ ...update, update_id: 500 });
    fake.push({ ...update, update_id: 500 });
    fake.push(textUpdate({ chatId: 804, text: "标记" }));
    await fake.waitFor((calls) => sends(804)(calls) >= 1 && sends(803)(calls) >= 1);
    await sleep(50);
    expect(fake.sentTo(803)).toHaveLength(1);
    expect(received.filter((m) => m.chatId === "803")).toHaveLength(1);
  });

  it("logs and skips stickers, edited messages, service messages and unknown update types", async () => {
    const { received, logs } = await startBot();
    const base = textUpdate({ chatId: 805, text: "x" }).message;
    fake.push({
      message: {
        ...base,
        text: undefined,
        sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false },
      },
    });
    fake.push({ edited_message: { ...base, edit_date: 1 } });
    fake.push({ message: { ...base, text: undefined, new_chat_members: [{ id: 9, is_bot: false, first_name: "新人" }] } });
    fake.push({
      poll: {
        id: "p",
        question: "?",
        options: [],
        total_voter_count: 0,
        is_closed: false,
        is_anonymous: true,
        type: "regular",
        allows_multiple_answers: false,
      },
    });
    fake.push({ message: { ...base, message_id: 99_999, text: "门".repeat(4096) } });
    fake.push(textUpdate({ chatId: 805, text: "还在吗" }));
    // The long message is answered in two pieces ("答：" makes it 4,098 characters), then "还在吗".
    await fake.waitFor((calls) => sends(805)(calls) >= 3);
    expect(received.map((m) => m.text.length)).toEqual([4096, 3]);
    expect(logs.filter((l) => l.includes("telegram update skipped")).length).toBe(4);
  });

  it("keeps each chat's messages in order while chats run in parallel", async () => {
    // Unequal handling times would reorder a chat's answers without per-chat sequencing.
    await startBot(async (m) => {
      await sleep((Number(m.text.split("-")[1]) * 7) % 13);
      return [reply(`答：${m.text}`)];
    });
    const chats = Array.from({ length: 10 }, (_, i) => 900 + i);
    for (let n = 0; n < 8; n++) for (const chat of chats) fake.push(textUpdate({ chatId: chat, text: `问-${n}` }));
    await fake.waitFor((calls) => chats.every((c) => sends(c)(calls) >= 8), 10_000);
    for (const chat of chats) expect(fake.sentTo(chat)).toEqual(Array.from({ length: 8 }, (_, n) => `答：问-${n}`));
  });
});

describe("Telegram webhook", () => {
  const env = { TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/hook", TELEGRAM_WEBHOOK_SECRET: "village-secret_1" };
  const post = (url: string, secret: string | undefined, body: unknown) =>
    fetch(`${url}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(body),
    });

  it("registers the webhook with its secret and rejects posts without the right secret", async () => {
    const { httpUrl, received } = await startBot(echo, env);
    expect(fake.callsOf("setWebhook")[0]?.params).toMatchObject({ url: env.TELEGRAM_WEBHOOK_URL, secret_token: env.TELEGRAM_WEBHOOK_SECRET });
    expect(fake.callsOf("getUpdates")).toHaveLength(0);
    const wrong = await post(httpUrl, "guess", { update_id: 1, ...textUpdate({ chatId: 1001, text: "假消息" }) });
    const missing = await post(httpUrl, undefined, { update_id: 2, ...textUpdate({ chatId: 1001, text: "假消息" }) });
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    const right = await post(httpUrl, env.TELEGRAM_WEBHOOK_SECRET, { update_id: 3, ...textUpdate({ chatId: 1001, text: "真消息" }) });
    expect(right.status).toBe(200);
    expect(received.map((m) => m.text)).toEqual(["真消息"]);
    expect(fake.sentTo(1001)).toEqual(["答：真消息"]);
  });
});

describe("Telegram start-up", () => {
  it("reports a bad token clearly and starts nothing", async () => {
    harness = await adapterContext({ TELEGRAM_BOT_TOKEN: "123:wrong", TELEGRAM_API_ROOT: fake.url });
    channels = await startChannels(harness.ctx);
    expect(channels.names).toEqual([]);
    const failure = harness.logs.find((l) => l.includes("failed to start"));
    expect(failure).toContain("TELEGRAM_BOT_TOKEN");
    expect(failure).not.toContain("123:wrong");
  });

  it("reports a webhook address Telegram refuses, and stops delivering its notifications", async () => {
    fake.failNext("setWebhook", 400, { description: "Bad Request: bad webhook: HTTPS url must be provided for webhook" });
    harness = await adapterContext({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/hook",
    });
    channels = await startChannels(harness.ctx);
    expect(channels.names).toEqual([]);
    expect(harness.logs.find((l) => l.includes("failed to start"))).toContain("bad webhook");
    await harness.ctx.services.notifier.notify({ channel: "telegram", userId: "1", chatId: "1", text: "通知", dedupeKey: "n1" });
    expect(await harness.ctx.services.notifier.flush()).toBe(0);
  });

  it("reports an unreachable Bot API server as a network problem", async () => {
    harness = await adapterContext({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: "http://127.0.0.1:9" });
    channels = await startChannels(harness.ctx);
    expect(channels.names).toEqual([]);
    expect(harness.logs.find((l) => l.includes("failed to start"))).toContain("连不上 Telegram 服务器");
  });
});
