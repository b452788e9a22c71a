// Button payloads: one codec for every feature and channel; whatever comes back, nothing breaks.
import { describe, expect, it } from "vitest";
import { ButtonPayloads } from "../../src/channels/telegram/buttons.ts";
import {
  CALLBACK_DATA_MAX_BYTES,
  decodePayload,
  encodePayload,
  fitsCallbackData,
  payloadText,
  quickReply,
  type ButtonPayload,
} from "../../src/core/payload.ts";

describe("button payload codec", () => {
  it("reads back what it wrote: words and votes", () => {
    const payloads: ButtonPayload[] = [
      { kind: "text", text: "重新开始" },
      { kind: "text", text: "FK000012 还没修好" },
      { kind: "text", text: "consultation" },
      { kind: "vote", consultationId: 12, option: 2 },
      { kind: "vote", consultationId: 999_999_999, option: 999 },
    ];
    for (const payload of payloads) expect(decodePayload(encodePayload(payload))).toEqual(payload);
  });

  it("keeps the wire forms buttons already sent carry: plain words, and consultation:<id>:<option>", () => {
    expect(encodePayload({ kind: "text", text: "东风村" })).toBe("东风村");
    expect(encodePayload({ kind: "vote", consultationId: 3, option: 1 })).toBe("consultation:3:1");
    expect(quickReply("2. 反对", { kind: "vote", consultationId: 3, option: 2 })).toEqual({ label: "2. 反对", payload: "consultation:3:2" });
    expect(quickReply("还能领什么", "我还能领什么补助")).toEqual({ label: "还能领什么", payload: "我还能领什么补助" });
    expect(quickReply("重新开始")).toEqual({ label: "重新开始", payload: "重新开始" });
  });

  it("fits every vote into a Telegram button, and keeps long words under a short key", () => {
    expect(fitsCallbackData(`p:${encodePayload({ kind: "vote", consultationId: 999_999_999, option: 999 })}`)).toBe(true);
    const buttons = new ButtonPayloads();
    const words = "一户多残家庭生活补助的发放标准、发放时间和申请需要的材料清单";
    const data = buttons.encode(encodePayload({ kind: "text", text: words }));
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(decodePayload(buttons.decode(data))).toEqual({ kind: "text", text: words });
  });

  it("reads unknown, garbled or out-of-range payloads as plain words, as if typed", () => {
    for (const garbage of [
      "consultation:abc:1",
      "consultation:0:1",
      "consultation:1:0",
      "consultation:1234567890:1",
      "consultation:1:2:3",
      "fb:cat:路灯",
      "\u0000\u0001",
    ]) {
      expect(decodePayload(garbage)).toEqual({ kind: "text", text: garbage });
    }
    expect(decodePayload(undefined)).toBeUndefined();
    expect(decodePayload("")).toBeUndefined();
    const overlong = decodePayload("路".repeat(2000));
    expect(overlong?.kind === "text" && [...overlong.text].length).toBe(500);
  });

  it("gives the words of a text button, and none for a vote", () => {
    expect(payloadText("三家庄")).toBe("三家庄");
    expect(payloadText("consultation:3:1")).toBeUndefined();
    expect(payloadText(undefined)).toBeUndefined();
  });

  it("refuses to write a payload that could not be read back", () => {
    expect(() => encodePayload({ kind: "text", text: "" })).toThrow();
    expect(() => encodePayload({ kind: "vote", consultationId: 1, option: 1000 })).toThrow();
  });
});
