// The adapter-independent rules: message splitting, numbered choices, group addressing, send spacing.
import { describe, expect, it } from "vitest";
import { isAddressed } from "../../src/channels/common/addressing.ts";
import { pickChoice, withNumberedChoices } from "../../src/channels/common/choices.ts";
import { RecentIds } from "../../src/channels/common/recent-ids.ts";
import { SendQueue } from "../../src/channels/common/send-queue.ts";
import { splitMessage } from "../../src/channels/common/split.ts";
import { ButtonPayloads } from "../../src/channels/telegram/buttons.ts";
import { convertUpdate } from "../../src/channels/telegram/convert.ts";
import { puppetOptionsFrom, shouldAcceptFriend } from "../../src/channels/wechat/convert.ts";
import { loadConfig } from "../../src/config/index.ts";

describe("splitting long answers", () => {
  it("leaves a short answer whole", () => {
    expect(splitMessage("三级残疾每年补助 400 元。")).toEqual(["三级残疾每年补助 400 元。"]);
  });

  it("cuts at paragraph ends first, then line ends, within the limit", () => {
    const text = `${"甲".repeat(60)}\n\n${"乙".repeat(30)}\n${"丙".repeat(30)}`;
    expect(splitMessage(text, 100)).toEqual(["甲".repeat(60), `${"乙".repeat(30)}\n${"丙".repeat(30)}`]);
    expect(splitMessage(`${"乙".repeat(70)}\n${"丙".repeat(70)}`, 100)).toEqual(["乙".repeat(70), "丙".repeat(70)]);
  });

  it("cuts a long paragraph after a sentence end rather than mid-sentence", () => {
    const sentence = "补助按月发放到户。";
    const pieces = splitMessage(sentence.repeat(30), 100);
    expect(pieces.every((p) => p.length <= 100 && p.endsWith("。"))).toBe(true);
    expect(pieces.join("")).toBe(sentence.repeat(30));
  });

  it("hard-cuts text with no break but never splits an emoji's surrogate pair", () => {
    const text = "好".repeat(99) + "😀" + "好".repeat(50);
    const pieces = splitMessage(text, 100);
    expect(pieces[0]).toBe("好".repeat(99));
    expect(pieces.join("")).toBe(text);
  });
});

describe("numbered choices for WeChat", () => {
  const choices = [
    { label: "1. 低保", payload: "低保申请条件" },
    { label: "残疾人两项补贴", payload: "两项补贴" },
  ];

  it("lists quick replies under the text, numbered once", () => {
    expect(withNumberedChoices({ text: "您想问哪一项？", quickReplies: choices })).toBe("您想问哪一项？\n\n1. 低保\n2. 残疾人两项补贴\n（回复序号即可）");
  });

  it("leaves text that already lists its choices unchanged, so all channels read the same", () => {
    const text = "您想问的是下面哪一项？\n1. 低保\n2. 残疾人两项补贴";
    expect(withNumberedChoices({ text, quickReplies: choices })).toBe(text);
    expect(withNumberedChoices({ text: "好的", quickReplies: [] })).toBe("好的");
  });

  it("reads a typed number (half- or full-width) as the matching choice", () => {
    expect(pickChoice("2", choices)).toEqual(choices[1]);
    expect(pickChoice(" ２。", choices)).toEqual(choices[1]);
    expect(pickChoice("3", choices)).toBeUndefined();
    expect(pickChoice("2个人", choices)).toBeUndefined();
  });
});

describe("group addressing", () => {
  it("answers everyone in private and only those who address the bot in groups", () => {
    const base = { mentioned: false, repliedToBot: false, commanded: false };
    expect(isAddressed({ ...base, chatType: "private" })).toBe(true);
    expect(isAddressed({ ...base, chatType: "group" })).toBe(false);
    expect(isAddressed({ ...base, chatType: "group", mentioned: true })).toBe(true);
    expect(isAddressed({ ...base, chatType: "group", repliedToBot: true })).toBe(true);
    expect(isAddressed({ ...base, chatType: "group", commanded: true })).toBe(true);
  });

  it("turns a Telegram text_mention of the bot into an addressed message with the mention kept out of the question", () => {
    const bot = { id: 42, username: "village_bot" };
    const conversion = convertUpdate(
      {
        update_id: 1,
        message: {
          message_id: 3,
          date: 0,
          chat: { id: -5, type: "group", title: "g" },
          from: { id: 7, is_bot: false, first_name: "李" },
          text: "@Village_Bot  低保怎么办？",
          entities: [{ type: "mention", offset: 0, length: 12 }],
        },
      },
      bot,
      () => undefined,
    );
    expect(conversion).toMatchObject({ type: "message", inbound: { text: "低保怎么办？", chatType: "group", mentioned: true, messageId: "-5:3" } });
  });
});

describe("the WeChat send queue", () => {
  it("spaces sends by the minimum interval plus jitter and keeps their order", async () => {
    let now = 0;
    const slept: number[] = [];
    const queue = new SendQueue({
      minIntervalMs: 1000,
      jitterMs: 500,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
      random: () => 0.5,
    });
    const sentAt: Array<[string, number]> = [];
    await Promise.all(["a", "b", "c"].map((name) => queue.push(async () => void sentAt.push([name, now]))));
    expect(sentAt).toEqual([
      ["a", 0],
      ["b", 1250],
      ["c", 2500],
    ]);
    expect(slept).toEqual([1250, 1250]);
  });

  it("does not wait when the last send was long enough ago, and goes on after a failed send", async () => {
    let now = 0;
    const queue = new SendQueue({ minIntervalMs: 1000, jitterMs: 0, now: () => now, sleep: async (ms) => void (now += ms) });
    await expect(
      queue.push(async () => {
        throw new Error("风控");
      }),
    ).rejects.toThrow("风控");
    now += 5000;
    const started = now;
    await queue.push(async () => undefined);
    expect(now).toBe(started);
  });
});

describe("small helpers", () => {
  it("accepts friend requests only with the keyword", () => {
    expect(shouldAcceptFriend("我是张家村的，想问低保", "张家村")).toBe(true);
    expect(shouldAcceptFriend("你好", "张家村")).toBe(false);
    expect(shouldAcceptFriend("张家村", undefined)).toBe(false);
  });

  it("passes the puppet-service token, gateway and TLS setting to the puppet, and nothing when unset", () => {
    expect(puppetOptionsFrom(loadConfig({}))).toEqual({});
    const config = loadConfig({
      WECHATY_PUPPET_SERVICE_TOKEN: "puppet_padlocal_x",
      WECHATY_PUPPET_SERVICE_ENDPOINT: "127.0.0.1:8788",
      WECHATY_PUPPET_SERVICE_NO_TLS: "on",
    });
    expect(puppetOptionsFrom(config)).toEqual({ token: "puppet_padlocal_x", endpoint: "127.0.0.1:8788", tls: { disable: true } });
  });

  it("rejects a malformed webhook address or secret with a message naming the variable", () => {
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "bot.example.org/hook" })).toThrow(/TELEGRAM_WEBHOOK_URL: 需要完整的网址/);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_SECRET: "有空格 的密钥" })).toThrow(/TELEGRAM_WEBHOOK_SECRET: 只能包含字母/);
    expect(loadConfig({ WECHAT_SEND_MIN_INTERVAL_MS: "" }).WECHAT_SEND_MIN_INTERVAL_MS).toBe(1500);
  });

  it("drops a repeated id and forgets the oldest beyond capacity", () => {
    const ids = new RecentIds(2);
    expect([ids.add("1"), ids.add("1"), ids.add("2"), ids.add("3"), ids.add("1")]).toEqual([true, false, true, true, true]);
  });

  it("keeps short button payloads inside the button and long ones in memory", () => {
    const buttons = new ButtonPayloads();
    const short = buttons.encode("低保申请条件");
    const long = buttons.encode("一户多残家庭生活补助的发放标准、发放时间和申请需要的材料清单");
    expect(short).toBe("p:低保申请条件");
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(64);
    expect(buttons.decode(long)).toBe("一户多残家庭生活补助的发放标准、发放时间和申请需要的材料清单");
    expect(buttons.decode("k:unknown")).toBeUndefined();
  });
});
