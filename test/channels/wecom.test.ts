// The WeCom (企业微信) adapter over real HTTP: encrypted callbacks made in the test, answers by message/send.
import { encrypt, getSignature } from "@wecom/crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startChannels, type RunningChannels } from "../../src/channels/index.ts";
import { reply } from "../../src/core/message.ts";
import { adapterContext, echo, type AdapterContext, type Script } from "./support/context.ts";
import { FakeWechat, WECOM_CORP, WECOM_SECRET } from "./support/fake-wechat.ts";
import { nowSeconds, post, WECOM_AES_KEY, WECOM_TOKEN, wecomRequest, wecomTextPush } from "./support/wechat-requests.ts";

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

async function startWecom(script: Script = echo) {
  harness = await adapterContext(
    { WECOM_TOKEN, WECOM_CORP_ID: WECOM_CORP, WECOM_AGENT_ID: "1000002", WECOM_SECRET, WECOM_AES_KEY, WECOM_API_ROOT: fake.url },
    script,
  );
  channels = await startChannels(harness.ctx);
  expect(channels.names).toEqual(["wecom"]);
  return harness;
}

describe("WeCom self-built application", () => {
  it("answers the URL check with the decrypted echostr", async () => {
    await startWecom();
    const timestamp = nowSeconds();
    const echostr = encrypt(WECOM_AES_KEY, "echo-1588237049", WECOM_CORP);
    const query = new URLSearchParams({ msg_signature: getSignature(WECOM_TOKEN, timestamp, "n2", echostr), timestamp, nonce: "n2", echostr });
    const response = await fetch(`${harness!.httpUrl}/wechat/wecom?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("echo-1588237049");
  });

  it("answers a member's question through message/send with the application's agentid", async () => {
    const { received } = await startWecom();
    const response = await post(harness!.httpUrl, "/wechat/wecom", wecomRequest(wecomTextPush("ZhangSan", "农机补贴怎么申请？")));
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    await fake.waitFor(() => fake.sentTo("ZhangSan").length === 1);
    expect(fake.sent[0]).toMatchObject({ api: "wecom", touser: "ZhangSan", agentid: 1000002, content: "答：农机补贴怎么申请？" });
    expect(received[0]).toMatchObject({ channel: "wecom", userId: "ZhangSan", kind: "text" });
  });

  it("answers a repeated delivery of the same message once", async () => {
    const { received } = await startWecom();
    const push = wecomTextPush("LiSi", "你好");
    await post(harness!.httpUrl, "/wechat/wecom", wecomRequest(push));
    await post(harness!.httpUrl, "/wechat/wecom", wecomRequest(push));
    await fake.waitFor(() => fake.sentTo("LiSi").length >= 1);
    expect(fake.sentTo("LiSi")).toEqual(["答：你好"]);
    expect(received).toHaveLength(1);
  });

  it("refuses a callback signed with another token (403) and handles nothing", async () => {
    const { received } = await startWecom();
    const response = await post(harness!.httpUrl, "/wechat/wecom", wecomRequest(wecomTextPush("WangWu", "你好"), { token: "notTheToken" }));
    expect(response.status).toBe(403);
    expect(received).toEqual([]);
  });

  it("numbers quick replies and reads a typed number as the choice", async () => {
    const { received } = await startWecom((m) =>
      m.payload ? [reply("已记下。")] : [reply("要反映吗？", { quickReplies: [{ label: "是", payload: "yes" }] })],
    );
    await post(harness!.httpUrl, "/wechat/wecom", wecomRequest(wecomTextPush("ZhaoLiu", "路灯坏了")));
    await fake.waitFor(() => fake.sentTo("ZhaoLiu").length === 1);
    expect(fake.sentTo("ZhaoLiu")[0]).toBe("要反映吗？\n\n1. 是\n（回复序号即可）");
    await post(harness!.httpUrl, "/wechat/wecom", wecomRequest(wecomTextPush("ZhaoLiu", "1")));
    await fake.waitFor(() => fake.sentTo("ZhaoLiu").length === 2);
    expect(received[1]).toMatchObject({ text: "是", payload: "yes" });
  });

  it("delivers a notification at any time (WeCom has no 48-hour window)", async () => {
    const { ctx } = await startWecom();
    await ctx.services.notifier.notify({ channel: "wecom", userId: "SunQi", chatId: "SunQi", text: "征求意见：村口修路，您同意吗？", dedupeKey: "wecom-c-1" });
    expect(await ctx.services.notifier.flush()).toBe(1);
    expect(fake.sentTo("SunQi")).toEqual(["征求意见：村口修路，您同意吗？"]);
  });
});
