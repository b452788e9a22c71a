// The access token shared by every WeChat / WeCom call: fetched once, cached, refreshed before expiry, one refresh at a time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WechatApi, WechatApiError } from "../../src/channels/wechat-api/api-client.ts";
import { FakeWechat, OA_APPID, OA_SECRET, WECOM_CORP, WECOM_SECRET } from "./support/fake-wechat.ts";

let fake: FakeWechat;
let clock = 1_000_000;

beforeEach(async () => {
  fake = await FakeWechat.start();
  clock = 1_000_000;
});

afterEach(async () => {
  await fake.close();
});

const oaApi = () =>
  new WechatApi({ root: fake.url, tokenPath: `/cgi-bin/token?grant_type=client_credential&appid=${OA_APPID}&secret=${OA_SECRET}`, now: () => clock });
const customSend = (api: WechatApi, i: number) =>
  api.post("/cgi-bin/message/custom/send", { touser: `o-${i}`, msgtype: "text", text: { content: `第${i}条` } });

describe("access token", () => {
  it("fetches one token for twenty sends that start together", async () => {
    fake.tokenDelayMs = 100;
    const api = oaApi();
    await Promise.all(Array.from({ length: 20 }, (_, i) => customSend(api, i)));
    expect(fake.tokenFetches).toBe(1);
    expect(fake.sent).toHaveLength(20);
  });

  it("renews the token five minutes before it expires, once however many sends wait", async () => {
    const api = oaApi();
    await customSend(api, 1);
    clock += (7200 - 299) * 1000;
    fake.tokenDelayMs = 100;
    await Promise.all(Array.from({ length: 10 }, (_, i) => customSend(api, i)));
    expect(fake.tokenFetches).toBe(2);
    expect(fake.sent).toHaveLength(11);
  });

  it("refreshes once and retries when WeChat says the token expired early (42001), for all concurrent sends", async () => {
    const api = oaApi();
    await customSend(api, 1);
    fake.expireTokens();
    fake.tokenDelayMs = 50;
    await Promise.all(Array.from({ length: 10 }, (_, i) => customSend(api, i)));
    expect(fake.tokenFetches).toBe(2);
    expect(fake.sent).toHaveLength(11);
  });

  it("gives up with the platform's code after one refresh, without putting the secret in the error", async () => {
    const api = new WechatApi({
      root: fake.url,
      tokenPath: `/cgi-bin/token?grant_type=client_credential&appid=${OA_APPID}&secret=wrong-secret-value`,
      now: () => clock,
    });
    const error = await customSend(api, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).errcode).toBe(40001);
    expect(String((error as Error).message)).not.toContain("wrong-secret-value");
  });

  it("uses WeCom's gettoken the same way", async () => {
    const api = new WechatApi({ root: fake.url, tokenPath: `/cgi-bin/gettoken?corpid=${WECOM_CORP}&corpsecret=${WECOM_SECRET}` });
    await Promise.all([1, 2, 3].map((i) => api.post("/cgi-bin/message/send", { touser: `u${i}`, msgtype: "text", agentid: 1000002, text: { content: "好" } })));
    expect(fake.tokenFetches).toBe(1);
    expect(fake.sent.map((s) => s.api)).toEqual(["wecom", "wecom", "wecom"]);
  });

  it("names the path, not the URL with its secret, when the server cannot be reached", async () => {
    const api = new WechatApi({ root: "http://127.0.0.1:9", tokenPath: `/cgi-bin/token?appid=${OA_APPID}&secret=${OA_SECRET}`, timeoutMs: 2000 });
    const error = (await api.token().catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("/cgi-bin/token: network error");
  });
});
