// The pure parts of the Official Account and WeCom adapters: byte-limited splitting, XML, pushes, settings.
import { encrypt } from "@wecom/crypto";
import { describe, expect, it } from "vitest";
import { splitMessageBytes } from "../../src/channels/common/split.ts";
import { openCiphertext, SignatureError } from "../../src/channels/wechat-api/crypto.ts";
import { convertPush, PushSchema } from "../../src/channels/wechat-api/inbound.ts";
import { buildXml, parseXmlFields, XmlBodyError } from "../../src/channels/wechat-api/xml.ts";
import { loadConfig } from "../../src/config/index.ts";
import { OA_AES_KEY } from "./support/wechat-requests.ts";

describe("splitting under WeChat's 2,048-byte limit", () => {
  it("counts UTF-8 bytes, so a piece of 汉字 holds about 680 of them", () => {
    const text = "补助按月发放到户。".repeat(200);
    const pieces = splitMessageBytes(text, 2048);
    expect(pieces.every((p) => Buffer.byteLength(p) <= 2048 && p.endsWith("。"))).toBe(true);
    expect(pieces[0]!.length).toBeGreaterThan(600);
    expect(pieces.join("")).toBe(text);
  });

  it("keeps plain ASCII pieces close to 2,048 characters and never halves an emoji", () => {
    expect(splitMessageBytes("a".repeat(3000), 2048)[0]).toHaveLength(2048);
    const pieces = splitMessageBytes("好".repeat(682) + "😀" + "好".repeat(10), 2048);
    expect(pieces.join("")).toBe("好".repeat(682) + "😀" + "好".repeat(10));
    expect(pieces.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});

describe("WeChat's XML", () => {
  it("keeps a 64-bit MsgId exact (as a number its last digits would be lost)", () => {
    expect(parseXmlFields("<xml><MsgId>7000000000000000123</MsgId></xml>").MsgId).toBe("7000000000000000123");
  });

  it("does not expand entities a hostile DOCTYPE declares", () => {
    const fields = parseXmlFields('<!DOCTYPE xml [<!ENTITY boom "炸">]><xml><Content>&boom;&boom;</Content></xml>');
    expect(fields.Content).not.toContain("炸");
  });

  it("says what is wrong with broken XML, in Chinese", () => {
    expect(() => parseXmlFields("<xml><Content>你好</xml>")).toThrow(XmlBodyError);
    expect(() => parseXmlFields("")).toThrow(/请求体是空的/);
    expect(() => parseXmlFields("<root><a>1</a></root>")).toThrow(/根元素应为 <xml>/);
  });

  it("writes text that contains ]]> so it reads back the same", () => {
    const xml = buildXml({ Content: "a]]>b <c>", CreateTime: 1 });
    expect(parseXmlFields(xml)).toEqual({ Content: "a]]>b <c>", CreateTime: "1" });
  });
});

describe("safe-mode ciphertext", () => {
  it("opens only what was sealed for this AppID", () => {
    const sealed = encrypt(OA_AES_KEY, "<xml/>", "wx0123456789abcdef");
    expect(openCiphertext(OA_AES_KEY, sealed, "wx0123456789abcdef")).toBe("<xml/>");
    expect(() => openCiphertext(OA_AES_KEY, sealed, "wxffffffffffffffff")).toThrow(SignatureError);
    expect(() => openCiphertext(OA_AES_KEY, "bm90IGEgY2lwaGVydGV4dA==", "wx0123456789abcdef")).toThrow(SignatureError);
  });
});

describe("pushes as the core's messages", () => {
  const base = { ToUserName: "gh_1", FromUserName: "o-1", CreateTime: "1700000000" };
  it("reads text, recognised voice, menu clicks and follows; skips what it cannot answer", () => {
    expect(convertPush("wechat-oa", PushSchema.parse({ ...base, MsgType: "text", Content: "你好", MsgId: "1" }))).toMatchObject({
      type: "message",
      key: "1",
      inbound: { kind: "text", text: "你好", messageId: "1" },
    });
    expect(convertPush("wechat-oa", PushSchema.parse({ ...base, MsgType: "voice", MediaId: "m", Recognition: "低保" }))).toMatchObject({
      inbound: { kind: "text", text: "低保" },
      preface: ["🎤 我听到的是：“低保”"],
    });
    expect(convertPush("wechat-oa", PushSchema.parse({ ...base, MsgType: "event", Event: "CLICK", EventKey: "ask:低保怎么申请？" }))).toMatchObject({
      inbound: { text: "低保怎么申请？" },
    });
    expect(convertPush("wechat-oa", PushSchema.parse({ ...base, MsgType: "event", Event: "subscribe" }))).toMatchObject({
      inbound: { text: "帮助" },
      preface: ["欢迎关注乡亲助手！"],
    });
    expect(convertPush("wechat-oa", PushSchema.parse({ ...base, MsgType: "event", Event: "CLICK", EventKey: "V1001_TODAY" })).type).toBe("skip");
    expect(convertPush("wecom", PushSchema.parse({ ...base, MsgType: "event", Event: "enter_agent" })).type).toBe("skip");
  });

  it("tells events of the same user apart by time, as WeChat's docs advise for retries without MsgId", () => {
    const a = convertPush("wechat-oa", PushSchema.parse({ ...base, MsgType: "event", Event: "subscribe" }));
    const b = convertPush("wechat-oa", PushSchema.parse({ ...base, CreateTime: "1700000001", MsgType: "event", Event: "subscribe" }));
    expect(a.type === "message" && b.type === "message" && a.key !== b.key).toBe(true);
  });
});

describe("settings", () => {
  it("explains what is missing when the Official Account or WeCom is half configured, without showing secrets", () => {
    expect(() => loadConfig({ WECHAT_OA_TOKEN: "abc123" })).toThrow(/WECHAT_OA_APPID: 缺少/);
    expect(() => loadConfig({ WECHAT_OA_TOKEN: "abc123", WECHAT_OA_APPID: "wx0123456789abcdef" })).toThrow(
      /WECHAT_OA_APPSECRET: 缺少.*WECHAT_OA_CUSTOM_SEND=off/,
    );
    expect(loadConfig({ WECHAT_OA_TOKEN: "abc123", WECHAT_OA_APPID: "wx0123456789abcdef", WECHAT_OA_CUSTOM_SEND: "off" }).WECHAT_OA_CUSTOM_SEND).toBe(false);
    expect(() => loadConfig({ WECHAT_OA_AES_KEY: "tooShortAndSecret" })).toThrow(/WECHAT_OA_AES_KEY: EncodingAESKey 应为 43 位英文字母或数字（已隐藏）/);
    expect(() => loadConfig({ WECHAT_OA_AES_KEY: "tooShortAndSecret" })).not.toThrow(/tooShortAndSecret/);
    expect(() => loadConfig({ WECOM_TOKEN: "abc123" })).toThrow(
      /WECOM_CORP_ID: 缺少[\s\S]*WECOM_AGENT_ID: 缺少[\s\S]*WECOM_SECRET: 缺少[\s\S]*WECOM_AES_KEY: 缺少/,
    );
    expect(loadConfig({}).WECHAT_API_ROOT).toBe("https://api.weixin.qq.com");
    expect(loadConfig({}).WECOM_API_ROOT).toBe("https://qyapi.weixin.qq.com");
  });
});
