// The real app with its channels: start-up, a real answer through Telegram, and a graceful stop.
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { FakeTelegram, textUpdate } from "./support/fake-telegram.ts";

let fake: FakeTelegram | undefined;
let running: TestApp | undefined;

afterEach(async () => {
  await running?.close();
  await fake?.close();
  running = undefined;
  fake = undefined;
});

describe("start-up with channels", () => {
  it("starts every configured channel, says which are on, and keeps the others when one fails", async () => {
    fake = await FakeTelegram.start();
    running = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: "1:bad-token", TELEGRAM_API_ROOT: fake.url, WECHATY_PUPPET: "wechaty-puppet-mock" } });
    expect(running.app.channels()).toEqual(["web", "wechat"]);
    const failure = running.logs.find((l) => l.includes("channel telegram failed to start"));
    expect(failure).toContain("401");
    expect(running.logs.some((l) => l.includes('"on":["web","wechat"]'))).toBe(true);
    expect(running.logs.join("\n")).not.toContain("bad-token");
  });

  it("runs the web chat alone when no channel is configured", async () => {
    running = await startTestApp();
    expect(running.app.channels()).toEqual(["web"]);
  });
});

describe("Telegram through the real assistant", () => {
  it("answers a policy question in Telegram with the knowledge base's answer", async () => {
    fake = await FakeTelegram.start();
    running = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url } });
    fake.push(textUpdate({ chatId: 3001, text: "沼气池后期维修谁负责？" }));
    await fake.waitFor((calls) => calls.some((c) => c.method === "sendMessage"));
    const [answer] = fake.sentTo(3001);
    expect(answer).toMatch(/沼气/);
    // The conversation is on disk, under the Telegram channel.
    const row = running.app.store.db.prepare("SELECT channel, user_id AS userId FROM messages ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ channel: "telegram", userId: "3001" });
  });

  it("finishes an update in flight before it stops and closes the database", async () => {
    fake = await FakeTelegram.start();
    running = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url } });
    const release = fake.hold("sendMessage");
    fake.push(textUpdate({ chatId: 3002, text: "一户多残家庭生活补助怎么发？" }));
    await fake.waitFor((calls) => calls.some((c) => c.method === "sendMessage"));
    const app = running;
    running = undefined;
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Telegram has not accepted the answer yet, so the app is still waiting for it.
    expect(closed).toBe(false);
    expect(app.app.store.db.open).toBe(true);
    release();
    await closing;
    expect(app.app.store.db.open).toBe(false);
  });
});
