// Contract: a villager's question gets the same answer text on the web, in Telegram and in WeChat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversation, startTestApp, type TestApp } from "../helpers/app.ts";
import { FakeTelegram, textUpdate } from "./support/fake-telegram.ts";
import { loginMockWechat, type MockWechat } from "./support/mock-wechat.ts";

const QUESTIONS = [
  "一户多残家庭生活补助怎么发？",
  "沼气池后期维修谁负责？",
  "沼氣池後期維修誰負責？",
  "三级残疾一年补助多少？",
  "你好",
  "村东头路灯坏了半个月了",
  "火星上能种土豆吗",
];

let fake: FakeTelegram;
let running: TestApp;
let wechat: MockWechat;

beforeAll(async () => {
  fake = await FakeTelegram.start();
  running = await startTestApp({
    env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, WECHATY_PUPPET: "wechaty-puppet-mock", WECHAT_SEND_MIN_INTERVAL_MS: "0", WECHAT_SEND_JITTER_MS: "0" },
  });
  wechat = await loginMockWechat();
});

afterAll(async () => {
  await running?.close();
  await fake?.close();
});

describe("the same answer on every channel", () => {
  it.each(QUESTIONS.map((q, i) => [q, i]))("%s", async (question, i) => {
    const web = await conversation(running.url, `web-${i}`).ask(question as string);
    const expected = (web.body.replies as Array<{ text: string }>).map((r) => r.text);
    expect(expected.length).toBeGreaterThan(0);

    const chatId = 4000 + (i as number);
    fake.push(textUpdate({ chatId, text: question as string }));
    await fake.waitFor((calls) => calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId).length >= expected.length);

    const villager = wechat.mocker.createContact({ name: `村民${i}` });
    const before = wechat.sent.length;
    villager.say(question as string).to(wechat.me);
    await wechat.waitForSent(before + expected.length);

    expect(fake.sentTo(chatId)).toEqual(expected);
    expect(wechat.sent.filter((s) => s.to === villager.id).map((s) => s.text)).toEqual(expected);
  });
});
