// Contract: a villager's question gets the same answer text on the web, in Telegram, in WeChat (personal account),
// in the Official Account and in WeCom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withNumberedChoices } from "../../src/channels/common/choices.ts";
import { splitMessageBytes } from "../../src/channels/common/split.ts";
import { FakeWechat, OA_APPID, OA_SECRET, WECOM_CORP, WECOM_SECRET } from "./support/fake-wechat.ts";
import {
  OA_AES_KEY,
  OA_TOKEN,
  oaRequest,
  passiveText,
  post,
  textPush,
  WECOM_AES_KEY,
  WECOM_TOKEN,
  wecomRequest,
  wecomTextPush,
} from "./support/wechat-requests.ts";
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

/** Each report gets its own receipt number (FK000001, FK000002 …); everything else must match. */
const sameAnswer = (texts: string[]) => texts.map((t) => t.replace(/FK\d+/g, "FK＃"));

let fake: FakeTelegram;
let running: TestApp;
let wechat: MockWechat;
let wechatApi: FakeWechat;

/** WeChat's own channels (passive reply and/or send API): what the villager sees, in order. */
async function askOfficialAccount(openId: string, question: string, pieces: number, aes: boolean): Promise<string[]> {
  const response = await post(running.url, "/wechat/oa", oaRequest(textPush(openId, question), { aes }));
  expect(response.status).toBe(200);
  const passive = passiveText(response.text, { aes });
  if (passive !== undefined) return [passive];
  await wechatApi.waitFor(() => wechatApi.sentTo(openId).length >= pieces);
  return wechatApi.sentTo(openId);
}

async function askWecom(userId: string, question: string, pieces: number): Promise<string[]> {
  const before = wechatApi.sentTo(userId).length;
  const response = await post(running.url, "/wechat/wecom", wecomRequest(wecomTextPush(userId, question)));
  expect(response.status).toBe(200);
  await wechatApi.waitFor(() => wechatApi.sentTo(userId).length >= before + pieces);
  return wechatApi.sentTo(userId).slice(before);
}

/** Numbered choices as on WeChat, cut where WeChat's 2,048-byte limit cuts. */
const asWechatPieces = (replies: Array<{ text: string; quickReplies: Array<{ label: string; payload: string }> }>) =>
  replies.flatMap((r) => splitMessageBytes(withNumberedChoices(r), 2048));

beforeAll(async () => {
  fake = await FakeTelegram.start();
  wechatApi = await FakeWechat.start();
  running = await startTestApp({
    env: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      WECHATY_PUPPET: "wechaty-puppet-mock",
      WECHAT_SEND_MIN_INTERVAL_MS: "0",
      WECHAT_SEND_JITTER_MS: "0",
      WECHAT_OA_TOKEN: OA_TOKEN,
      WECHAT_OA_APPID: OA_APPID,
      WECHAT_OA_APPSECRET: OA_SECRET,
      WECHAT_OA_AES_KEY: OA_AES_KEY,
      WECHAT_API_ROOT: wechatApi.url,
      WECOM_TOKEN,
      WECOM_CORP_ID: WECOM_CORP,
      WECOM_AGENT_ID: "1000002",
      WECOM_SECRET,
      WECOM_AES_KEY,
      WECOM_API_ROOT: wechatApi.url,
    },
  });
  wechat = await loginMockWechat();
});

afterAll(async () => {
  await running?.close();
  await fake?.close();
  await wechatApi?.close();
});

describe("the same answer on every channel", () => {
  it.each(QUESTIONS.map((q, i) => [q, i]))("%s", async (question, i) => {
    const web = await conversation(running.url, `web-${i}`).ask(question as string);
    const webReplies = web.body.replies as Array<{ text: string; quickReplies: Array<{ label: string; payload: string }> }>;
    const expected = webReplies.map((r) => r.text);
    expect(expected.length).toBeGreaterThan(0);

    const chatId = 4000 + (i as number);
    fake.push(textUpdate({ chatId, text: question as string }));
    await fake.waitFor((calls) => calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId).length >= expected.length);

    const villager = wechat.mocker.createContact({ name: `村民${i}` });
    const before = wechat.sent.length;
    villager.say(question as string).to(wechat.me);
    await wechat.waitForSent(before + expected.length);

    // Telegram: the same text, and the same quick replies as buttons.
    expect(sameAnswer(fake.sentTo(chatId))).toEqual(sameAnswer(expected));
    const buttons = fake
      .callsOf("sendMessage")
      .filter((c) => Number(c.params.chat_id) === chatId)
      .map((c) => (c.params.reply_markup?.inline_keyboard ?? []).map((row: Array<{ text: string }>) => row[0]!.text));
    expect(buttons).toEqual(webReplies.map((r) => r.quickReplies.map((q) => q.label)));
    // WeChat has no buttons: the same text, with the quick replies listed as numbered choices.
    expect(sameAnswer(wechat.sent.filter((s) => s.to === villager.id).map((s) => s.text))).toEqual(sameAnswer(webReplies.map(withNumberedChoices)));
    // Official Account (plain and safe mode) and WeCom: the same numbered choices, within WeChat's byte limit.
    const wechatPieces = sameAnswer(asWechatPieces(webReplies));
    const plain = await askOfficialAccount(`o-contract-${i}`, question as string, wechatPieces.length, false);
    const safe = await askOfficialAccount(`o-contract-aes-${i}`, question as string, wechatPieces.length, true);
    const wecom = await askWecom(`wecom-contract-${i}`, question as string, wechatPieces.length);
    const joined = (pieces: string[]) => pieces.join("\n");
    // A single piece rides on the passive reply; several go by custom send: either way the same words.
    expect(joined(sameAnswer(plain))).toEqual(joined(wechatPieces));
    expect(joined(sameAnswer(safe))).toEqual(joined(wechatPieces));
    expect(sameAnswer(wecom)).toEqual(wechatPieces);
  });
});

describe("the same quick-reply choice on every channel", () => {
  it("a tapped button (web, Telegram) and a typed number (WeChat) get the same follow-up", async () => {
    const question = "村口的路灯坏了好几天了";
    const web = conversation(running.url, "web-choice");
    const first = await web.ask(question);
    const choice = (first.body.replies as Array<{ quickReplies: Array<{ label: string; payload: string }> }>).at(-1)!.quickReplies[0];
    expect(choice, "the feedback dialogue offers choices").toBeDefined();
    const followUp = await web.ask(choice!.label, { payload: choice!.payload });

    const chatId = 4900;
    fake.push(textUpdate({ chatId, text: question }));
    await fake.waitFor((calls) => calls.some((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId && c.params.reply_markup));
    const offered = fake
      .callsOf("sendMessage")
      .filter((c) => Number(c.params.chat_id) === chatId)
      .at(-1)!;
    const button = offered.params.reply_markup.inline_keyboard[0][0];
    const before = fake.sentTo(chatId).length;
    fake.push({
      callback_query: {
        id: "contract-1",
        from: { id: chatId, is_bot: false, first_name: "村民" },
        chat_instance: "c",
        data: button.callback_data,
        message: { message_id: 1, date: 0, chat: { id: chatId, type: "private" }, text: offered.params.text, reply_markup: offered.params.reply_markup },
      },
    });
    await fake.waitFor(
      (calls) => calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId).length >= before + followUp.body.replies.length,
    );

    const villager = wechat.mocker.createContact({ name: "选择村民" });
    const mine = () => wechat.sent.filter((s) => s.to === villager.id);
    villager.say(question).to(wechat.me);
    await wechat.waitForSent(wechat.sent.length + first.body.replies.length);
    const sentBefore = wechat.sent.length;
    villager.say("1").to(wechat.me);
    await wechat.waitForSent(sentBefore + followUp.body.replies.length);

    // Official Account: the same typed number picks the same choice.
    const openId = "o-contract-choice";
    await askOfficialAccount(openId, question, asWechatPieces(first.body.replies).length, false);
    const oaFollowUp = await askOfficialAccount(
      `${openId}`,
      "1",
      asWechatPieces(first.body.replies).length + asWechatPieces(followUp.body.replies).length,
      false,
    );

    const expected = (followUp.body.replies as Array<{ text: string }>).map((r) => r.text);
    expect(sameAnswer(fake.sentTo(chatId).slice(before))).toEqual(sameAnswer(expected));
    expect(
      sameAnswer(
        mine()
          .slice(-followUp.body.replies.length)
          .map((s) => s.text),
      ),
    ).toEqual(sameAnswer((followUp.body.replies as Array<{ text: string; quickReplies: Array<{ label: string; payload: string }> }>).map(withNumberedChoices)));
    expect(sameAnswer(oaFollowUp).join("\n")).toContain(sameAnswer(asWechatPieces(followUp.body.replies)).join("\n"));
  });
});
