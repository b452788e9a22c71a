// The web chat in real headless Chromium with the LLM on (fake provider): a villager asks, follows up, sees answer and source.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { loadSnapshot } from "../../src/snapshot/index.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { chatText, isStructured, lastUserContent, startFakeOpenAI, toolCall, type FakeOpenAI } from "./fake-openai.ts";

let fake: FakeOpenAI;
let t: TestApp;
let browser: Browser;

beforeEach(async () => {
  fake = await startFakeOpenAI();
  t = await startTestApp({
    snapshot: loadSnapshot("test/llm/fixtures/data"),
    env: { OPENAI_API_KEY: "sk-web-test-123456", OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: "5000" },
  });
  browser = await launchBrowser();
});
afterEach(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

describe("web chat with the LLM on", () => {
  it("answers a follow-up in plain words with the figure and its source", async () => {
    fake.onChat((request) => {
      const prompt = lastUserContent(request);
      if (isStructured(request)) return toolCall("classify_message", { intent: "policy", query: "残疾人生活救助三级标准" });
      if (prompt.includes('"那三级呢？"') && prompt.includes("一级残疾补助多少"))
        return chatText("三级的话，**每人每年 1680 元** [disability-relief]，钱打到社保卡上。");
      return chatText("一级每人每年 2400 元 [disability-relief]。");
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(t.url + "/");
    await page.fill("#text", "一级残疾补助多少");
    await page.click("#send");
    await page.locator(".msg.bot").filter({ hasText: "2400" }).waitFor({ timeout: 10_000 });
    await page.fill("#text", "那三级呢？");
    await page.click("#send");
    const answer = page.locator(".msg.bot").filter({ hasText: "1680" });
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.innerText()).toContain("三级的话，每人每年 1680 元，钱打到社保卡上。");
    expect(await answer.innerText()).not.toContain("**");
    expect(await answer.locator(".sources").innerText()).toMatch(/来源：.*贫困残疾人生活救助/);
    await page.close();
  });
});
