// The eligibility dialogue in the web chat page (real headless Chromium): questions come with quick-reply buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  t = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function lastBotAfter(page: Page, count: number) {
  await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, count);
  return page.locator(".msg.bot").last();
}

async function tap(page: Page, label: string) {
  const before = await page.locator(".msg.bot").count();
  await page
    .locator(".msg.bot")
    .last()
    .locator(".quick button", { hasText: new RegExp(`^${label}$`) })
    .click();
  return lastBotAfter(page, before);
}

describe("eligibility dialogue in the web chat", () => {
  it("asks only what changes the figure, with buttons, and shows the programmes after the tap", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(t.url + "/");
    const before = await page.locator(".msg.bot").count();
    await page.fill("#text", "我三级残疾，能领多少？");
    await page.click("#send");
    let bot = await lastBotAfter(page, before);
    expect(await bot.innerText()).toMatch(/贫困户/);
    expect(await bot.locator(".quick button").allInnerTexts()).toEqual(expect.arrayContaining(["是", "不是"]));

    bot = await tap(page, "是");
    const text = await bot.innerText();
    expect(text).toMatch(/很可能能领/);
    expect(text).toMatch(/400 元/);
    expect(text).not.toMatch(/多大岁数/);
    expect(await bot.locator(".sources").innerText()).toMatch(/来源：.*贫困残疾人生活特别救助/);
    await page.screenshot({ path: `${t.dir}/eligibility.png` });
    await page.close();
  });
});
