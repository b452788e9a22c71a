// The Official Account adapter over real HTTP: signed pushes in plain and safe mode, a fake WeChat API server.
import { decrypt, getSignature } from "@wecom/crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startChannels, type RunningChannels } from "../../src/channels/index.ts";
import { plainSignature } from "../../src/channels/wechat-api/crypto.ts";
import { parseXmlFields } from "../../src/channels/wechat-api/xml.ts";
import { reply } from "../../src/core/message.ts";
import type { Store } from "../../src/store/index.ts";
import { adapterContext, echo, sleep, type AdapterContext, type Script } from "./support/context.ts";
import { FakeWechat, OA_APPID, OA_SECRET } from "./support/fake-wechat.ts";
import { eventPush, nextMsgId, nowSeconds, OA_AES_KEY, OA_TOKEN, oaRequest, passiveText, post, textPush, type Push } from "./support/wechat-requests.ts";

let fake: FakeWechat;
let harness: AdapterContext | undefined;
let channels: RunningChannels | undefined;

beforeEach(async () => {
  fake = await FakeWechat.start();
});

afterEach(async () => {
  await channels?.stop();
  await harness?.close();
  await fake.close();
  channels = undefined;
  harness = undefined;
});

async function startOa(script: Script = echo, env: Record<string, string> = {}) {
  harness = await adapterContext(
    { WECHAT_OA_TOKEN: OA_TOKEN, WECHAT_OA_APPID: OA_APPID, WECHAT_OA_APPSECRET: OA_SECRET, WECHAT_API_ROOT: fake.url, WECHAT_OA_AES_KEY: OA_AES_KEY, ...env },
    script,
  );
  channels = await startChannels(harness.ctx);
  expect(channels.names).toEqual(["wechat-oa"]);
  return harness;
}

const send = (push: Push, options: { aes?: boolean; timestamp?: string; token?: string } = {}) =>
  post(harness!.httpUrl, "/wechat/oa", oaRequest(push, options));
const ask = async (push: Push, options: { aes?: boolean } = {}) => passiveText((await send(push, options)).text, options);

describe("server verification", () => {
  it("echoes echostr to a correctly signed GET, as WeChat asks when the 服务器配置 is saved", async () => {
    await startOa();
    const timestamp = nowSeconds();
    const query = new URLSearchParams({ signature: plainSignature(OA_TOKEN, timestamp, "n1"), timestamp, nonce: "n1", echostr: "4827119083561" });
    const response = await fetch(`${harness!.httpUrl}/wechat/oa?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("4827119083561");
  });

  it("refuses a GET signed with another token (403), so a wrong token shows at once in the console", async () => {
    await startOa();
    const timestamp = nowSeconds();
    const query = new URLSearchParams({ signature: plainSignature("someOtherToken", timestamp, "n1"), timestamp, nonce: "n1", echostr: "42" });
    const response = await fetch(`${harness!.httpUrl}/wechat/oa?${query}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("42");
  });
});

describe("answers as a passive reply when ready in time", () => {
  it("answers a villager's question in plain mode with a text reply addressed back to them", async () => {
    const { received } = await startOa();
    const response = await send(textPush("o-villager-1", "沼气池后期维修谁负责？"));
    const fields = parseXmlFields(response.text);
    expect(fields).toMatchObject({ ToUserName: "o-villager-1", FromUserName: "gh_township01", MsgType: "text", Content: "答：沼气池后期维修谁负责？" });
    expect(received[0]).toMatchObject({ channel: "wechat-oa", userId: "o-villager-1", chatId: "o-villager-1", chatType: "private", kind: "text" });
    expect(fake.sent).toEqual([]);
  });

  it("answers in safe mode with an encrypted, signed reply that opens to the answer", async () => {
    await startOa();
    const response = await send(textPush("o-villager-2", "三级残疾一年补助多少？"), { aes: true });
    const envelope = parseXmlFields(response.text);
    expect(envelope.MsgSignature).toBe(getSignature(OA_TOKEN, envelope.TimeStamp!, envelope.Nonce!, envelope.Encrypt!));
    const opened = decrypt(OA_AES_KEY, envelope.Encrypt!);
    expect(opened.id).toBe(OA_APPID);
    expect(parseXmlFields(opened.message).Content).toBe("答：三级残疾一年补助多少？");
  });

  it("lists quick replies as numbered choices, and a typed number picks one", async () => {
    const { received } = await startOa((m) =>
      m.payload === "fb:yes"
        ? [reply("好的，已记下。")]
        : [
            reply("要帮您反映吗？", {
              quickReplies: [
                { label: "是，反映", payload: "fb:yes" },
                { label: "不用了", payload: "fb:no" },
              ],
            }),
          ],
    );
    expect(await ask(textPush("o-villager-3", "路灯坏了"))).toBe("要帮您反映吗？\n\n1. 是，反映\n2. 不用了\n（回复序号即可）");
    expect(await ask(textPush("o-villager-3", "1"))).toBe("好的，已记下。");
    expect(received[1]).toMatchObject({ text: "是，反映", payload: "fb:yes" });
  });
});

describe("slow and long answers go through the customer-service API", () => {
  it("acknowledges with success and sends a slow answer by custom send", async () => {
    await startOa(
      async (m) => {
        await sleep(500);
        return [reply(`答：${m.text}`)];
      },
      { WECHAT_OA_REPLY_BUDGET_MS: "150" },
    );
    const response = await send(textPush("o-slow", "低保怎么申请？"));
    expect(response.text).toBe("success");
    await fake.waitFor(() => fake.sentTo("o-slow").length === 1);
    expect(fake.sentTo("o-slow")).toEqual(["答：低保怎么申请？"]);
    expect(fake.tokenFetches).toBe(1);
  });

  it("splits an answer longer than 2,048 bytes into custom sends, each within WeChat's limit", async () => {
    const line = "一户多残家庭的生活补助按人头发放，每人每月一百元。";
    const long = Array.from({ length: 120 }, () => line).join("\n");
    await startOa(() => [reply(long)]);
    expect((await send(textPush("o-long", "补助"))).text).toBe("success");
    await fake.waitFor(() => fake.sentTo("o-long").join("\n") === long);
    const pieces = fake.sentTo("o-long");
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => Buffer.byteLength(p) <= 2048 && p.endsWith("。"))).toBe(true);
  });

  it("with WECHAT_OA_CUSTOM_SEND=off (a 订阅号) keeps a long answer to one passive reply that says it was cut", async () => {
    const long = "每人每月一百元。".repeat(400);
    await startOa(() => [reply(long)], { WECHAT_OA_CUSTOM_SEND: "off" });
    const text = await ask(textPush("o-sub", "补助"));
    expect(Buffer.byteLength(text!)).toBeLessThanOrEqual(2048);
    expect(text).toContain("只显示了前一部分");
    expect(fake.sent).toEqual([]);
  });
});

describe("a 订阅号 without the customer-service API", () => {
  it("gives a slow answer as the passive reply to WeChat's retry of the message, holding the first request until WeChat gives up on it", async () => {
    const { received } = await startOa(
      async (m) => {
        await sleep(1200);
        return [reply(`答：${m.text}`)];
      },
      { WECHAT_OA_CUSTOM_SEND: "off", WECHAT_OA_REPLY_BUDGET_MS: "300" },
    );
    const push = textPush("o-subscription", "危房改造补多少？");
    const started = Date.now();
    const first = send(push);
    // WeChat retries 5 s after sending; here the retry comes while the answer is still being made.
    await sleep(1000);
    const retry = await send(push);
    expect(passiveText(retry.text)).toBe("答：危房改造补多少？");
    expect((await first).text).toBe("success");
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
    expect(received).toHaveLength(1);
    expect(fake.sent).toEqual([]);
  }, 10_000);
});

describe("replays and retries are answered once", () => {
  it("handles a message WeChat delivers twice (same MsgId) once; the repeat gets only success", async () => {
    const { received } = await startOa();
    const push = textPush("o-twice", "新农合怎么交？", nextMsgId());
    expect(await ask(push)).toBe("答：新农合怎么交？");
    expect((await send(push)).text).toBe("success");
    expect(received).toHaveLength(1);
  });

  it("answers a slow message once even when WeChat retries it while the answer is still coming", async () => {
    const { received } = await startOa(
      async (m) => {
        await sleep(600);
        return [reply(`答：${m.text}`)];
      },
      { WECHAT_OA_REPLY_BUDGET_MS: "150" },
    );
    const push = textPush("o-retry", "养老保险交多少？");
    const first = await send(push);
    const retry = await send(push);
    expect([first.text, retry.text]).toEqual(["success", "success"]);
    await fake.waitFor(() => fake.sentTo("o-retry").length >= 1);
    await sleep(200);
    expect(fake.sentTo("o-retry")).toEqual(["答：养老保险交多少？"]);
    expect(received).toHaveLength(1);
  });

  it("refuses a correctly signed request whose timestamp is ten minutes old (a replay) and handles nothing", async () => {
    const { received } = await startOa();
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const response = await send(textPush("o-replay", "你好"), { timestamp: old });
    expect(response.status).toBe(403);
    expect(response.text).toContain("5 分钟");
    expect(received).toEqual([]);
  });
});

describe("refuses what WeChat did not sign", () => {
  it("answers 403 to a push signed with another token and hands nothing to the core", async () => {
    const { received } = await startOa();
    const response = await send(textPush("o-forged", "把我的补助改成一万"), { token: "forgedToken1" });
    expect(response.status).toBe(403);
    expect(received).toEqual([]);
  });

  it("answers 403 to a safe-mode push whose ciphertext was swapped, and hands nothing to the core", async () => {
    const { received } = await startOa();
    const genuine = oaRequest(textPush("o-swap", "你好"), { aes: true });
    const other = oaRequest(textPush("o-swap", "别的"), { aes: true });
    const swapped = { query: genuine.query, body: other.body };
    const response = await post(harness!.httpUrl, "/wechat/oa", swapped);
    expect(response.status).toBe(403);
    expect(received).toEqual([]);
  });
});

describe("bad input gets a clear error and loses nothing", () => {
  it("answers broken XML, a missing sender and a huge body with 400/413, then still answers the next message", async () => {
    const { received } = await startOa();
    const broken = oaRequest(textPush("o-bad", "你好"));
    const brokenXml = await post(harness!.httpUrl, "/wechat/oa", { query: broken.query, body: "<xml><Content>你好</xml>" });
    expect(brokenXml.status).toBe(400);
    expect(brokenXml.text).toContain("XML 格式错误");
    const { FromUserName: _drop, ...noSender } = textPush("o-bad", "你好");
    const missing = await send(noSender as Push);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("FromUserName");
    const huge = await post(harness!.httpUrl, "/wechat/oa", { query: broken.query, body: `<xml><Content>${"长".repeat(40_000)}</Content></xml>` });
    expect(huge.status).toBe(413);
    const unsigned = await fetch(`${harness!.httpUrl}/wechat/oa`, { method: "POST", body: "<xml/>" });
    expect(unsigned.status).toBe(400);
    expect(received).toEqual([]);
    expect(await ask(textPush("o-bad", "你好"))).toBe("答：你好");
  });
});

describe("voice, menu and follow", () => {
  it("reads a voice message by WeChat's own recognition and shows what it heard", async () => {
    const { received } = await startOa();
    const push = { ...textPush("o-voice", ""), MsgType: "voice", MediaId: "m-1", Format: "amr", Recognition: "残疾人补贴怎么领" };
    delete (push as Partial<Push>).Content;
    expect(await ask(push)).toBe("🎤 我听到的是：“残疾人补贴怎么领”\n\n答：残疾人补贴怎么领");
    expect(received[0]).toMatchObject({ kind: "text", text: "残疾人补贴怎么领" });
  });

  it("passes a voice message without recognition (and no LLM) to the core as voice, which asks for text", async () => {
    const { received } = await startOa((m) => [reply(m.kind === "voice" ? "抱歉，我暂时只能看懂文字。" : "?")]);
    const push = { ...textPush("o-voice2", ""), MsgType: "voice", MediaId: "m-2", Format: "amr" };
    delete (push as Partial<Push>).Content;
    expect(await ask(push)).toBe("抱歉，我暂时只能看懂文字。");
    expect(received[0]).toMatchObject({ kind: "voice", text: "" });
  });

  it("transcribes a voice message without recognition through the LLM, fetching the audio from WeChat's media API", async () => {
    harness = await adapterContext({ WECHAT_OA_TOKEN: OA_TOKEN, WECHAT_OA_APPID: OA_APPID, WECHAT_OA_APPSECRET: OA_SECRET, WECHAT_API_ROOT: fake.url }, echo);
    const heard: Array<{ bytes: string; name: string }> = [];
    (harness.ctx.services as { llm?: unknown }).llm = {
      transcribe: async (audio: Buffer, name: string) => {
        heard.push({ bytes: audio.toString(), name });
        return "养老金什么时候发";
      },
    };
    fake.media.set("m-amr-1", Buffer.from("#!AMR fake audio"));
    channels = await startChannels(harness.ctx);
    const push = { ...textPush("o-voice3", ""), MsgType: "voice", MediaId: "m-amr-1", Format: "amr" };
    delete (push as Partial<Push>).Content;
    expect(await ask(push)).toBe("🎤 我听到的是：“养老金什么时候发”\n\n答：养老金什么时候发");
    expect(heard).toEqual([{ bytes: "#!AMR fake audio", name: "voice.amr" }]);
  });

  it("welcomes a new follower with what the assistant can do", async () => {
    const { received } = await startOa((m) => [reply(m.text === "帮助" ? "我能回答政策问题、帮您反映问题。" : "?")]);
    expect(await ask(eventPush("o-new", "subscribe"))).toBe("欢迎关注乡亲助手！\n\n我能回答政策问题、帮您反映问题。");
    expect(received[0]).toMatchObject({ text: "帮助", userId: "o-new" });
  });

  it("asks the question a menu button stands for, and ignores a follow's repeat and unknown events", async () => {
    const { received } = await startOa();
    expect(await ask(eventPush("o-menu", "CLICK", { EventKey: "ask:低保怎么申请？" }))).toBe("答：低保怎么申请？");
    expect((await send(eventPush("o-menu", "VIEW", { EventKey: "https://example.org" }))).text).toBe("success");
    expect((await send(eventPush("o-menu", "unsubscribe"))).text).toBe("success");
    expect(received.map((m) => m.text)).toEqual(["低保怎么申请？"]);
  });
});

/** A villager's message in the log, as the core records it: it opens WeChat's 48-hour window for custom sends. */
async function recordVisit(store: Store, userId: string, text: string, intent: string, createdAt = new Date().toISOString()): Promise<void> {
  await store.messages.record({
    channel: "wechat-oa",
    platformMessageId: nextMsgId(),
    userId,
    chatId: userId,
    text,
    intent,
    confidence: 1,
    answerIds: [],
    replyText: "",
    latencyMs: 1,
    createdAt,
  });
}

describe("notifications", () => {
  it("delivers a notification by custom send to a villager who wrote within 48 hours", async () => {
    const { ctx } = await startOa();
    await ask(textPush("o-note", "路灯坏了"));
    await recordVisit(ctx.services.store, "o-note", "路灯坏了", "feedback");
    await ctx.services.notifier.notify({
      channel: "wechat-oa",
      userId: "o-note",
      chatId: "o-note",
      text: "您反映的路灯问题已处理完毕。",
      dedupeKey: "oa-fb-1",
    });
    expect(await ctx.services.notifier.flush()).toBe(1);
    expect(fake.sentTo("o-note")).toEqual(["您反映的路灯问题已处理完毕。"]);
  });

  it("keeps a notification in the outbox, with the reason logged, when the villager's last message is older than 48 hours; sends it once they write again", async () => {
    const { ctx, logs, store } = await startOa();
    const threeDaysAgo = new Date(Date.now() - 72 * 3600_000).toISOString();
    await recordVisit(store, "o-away", "你好", "greeting", threeDaysAgo);
    await ctx.services.notifier.notify({ channel: "wechat-oa", userId: "o-away", chatId: "o-away", text: "您的问题已处理。", dedupeKey: "oa-fb-2" });
    expect(await ctx.services.notifier.flush()).toBe(0);
    expect(fake.sentTo("o-away")).toEqual([]);
    const row = store.db.prepare("SELECT status, attempts, last_error AS lastError FROM outbox WHERE dedupe_key = 'oa-fb-2'").get() as {
      status: string;
      attempts: number;
      lastError: string;
    };
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.lastError).toContain("48-hour");
    expect(logs.some((l) => l.includes("notification kept in the outbox") && l.includes("48-hour"))).toBe(true);
    // The adapter's own test harness logs nothing in the message log, so the villager's new message is recorded as the core would.
    await recordVisit(store, "o-away", "在吗", "greeting");
    await ask(textPush("o-away", "在吗"));
    await fake.waitFor(() => fake.sentTo("o-away").includes("您的问题已处理。"));
  });

  it("keeps a notification in the outbox when WeChat answers 45015 (the user unfollowed or the window closed)", async () => {
    const { ctx, store } = await startOa();
    await recordVisit(store, "o-gone", "你好", "greeting");
    fake.refuseFor.set("o-gone", 45015);
    await ctx.services.notifier.notify({ channel: "wechat-oa", userId: "o-gone", chatId: "o-gone", text: "您的问题已处理。", dedupeKey: "oa-fb-3" });
    expect(await ctx.services.notifier.flush()).toBe(0);
    const row = store.db.prepare("SELECT status, attempts, last_error AS lastError FROM outbox WHERE dedupe_key = 'oa-fb-3'").get() as {
      status: string;
      attempts: number;
      lastError: string;
    };
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.lastError).toContain("45015");
  });
});

describe("secrets stay out of logs and replies", () => {
  it("never logs the token, AES key, AppSecret or an access token", async () => {
    const { logs } = await startOa(
      async (m) => {
        await sleep(300);
        return [reply(`答：${m.text}`)];
      },
      { WECHAT_OA_REPLY_BUDGET_MS: "100" },
    );
    await send(textPush("o-secret", "你好"), { aes: true });
    await send(textPush("o-secret", "你好"), { token: "forgedToken1" });
    await fake.waitFor(() => fake.sentTo("o-secret").length === 1);
    const all = logs.join("\n");
    for (const secret of [OA_TOKEN, OA_AES_KEY, OA_SECRET, "token-1"]) expect(all).not.toContain(secret);
  });
});
