// The web chat in real headless Chromium: a villager types a question and sees the answer and its source.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
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

describe("web chat page", () => {
  it("shows the answer with its figure and source on a phone-sized screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(t.url + "/");
    await page.fill("#text", "三级贫困残疾人每年救助多少？");
    await page.click("#send");
    const answer = page.locator(".msg.bot").filter({ hasText: "400" });
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.innerText()).toMatch(/400\s*元/);
    expect(await answer.locator(".sources").innerText()).toMatch(/来源：.*残疾/);
    // Large text for elderly readers.
    const fontSize = await page.$eval("body", (b) => parseFloat(getComputedStyle(b).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: process.env.SCREENSHOT_DIR ? `${process.env.SCREENSHOT_DIR}/chat.png` : `${t.dir}/chat.png` });
    await page.close();
  });

  it("renders message text as text, never as HTML", async () => {
    const page = await browser.newPage();
    await page.goto(t.url + "/");
    await page.fill("#text", '<img src=x onerror="window.__xss=1">路灯坏了');
    await page.click("#send");
    await page.locator(".msg.me").filter({ hasText: "<img" }).waitFor();
    await page.locator(".msg.bot").nth(1).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator(".msg img").count()).toBe(0);
    await page.close();
  });

  it("sends a quick reply when its button is tapped", async () => {
    const page = await browser.newPage();
    await page.goto(t.url + "/");
    await page.fill("#text", "养老");
    await page.click("#send");
    await page.locator(".msg.bot").nth(1).waitFor();
    // "养老" fits two programmes equally (the pension, the contribution for the severely disabled): buttons.
    const buttons = page.locator(".quick button");
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    const before = await page.locator(".msg.bot").count();
    await buttons.first().click();
    await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, before);
    const last = page.locator(".msg.bot").last();
    expect(await last.innerText()).toMatch(/【.+】/);
    expect(await last.locator(".sources").count()).toBe(1);
    await page.close();
  });

  it("keeps the villager's identity in a cookie the page's script cannot read, across a reload, under a CSP without inline scripts", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(t.url + "/");
    await page.fill("#text", "二组的水管爆了三天了，没人来修");
    await page.click("#send");
    const receipt = page.locator(".msg.bot").filter({ hasText: /回执号：FK\d{6}/ });
    await receipt.waitFor({ timeout: 10_000 });
    const number = /FK\d{6}/.exec(await receipt.innerText())![0];
    expect(await page.evaluate(() => document.cookie)).toBe("");
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: "xq_chat", httpOnly: true, sameSite: "Lax", path: "/" });

    await page.reload();
    await page.fill("#text", "我反映的事怎么样了");
    await page.click("#send");
    await page.locator(".msg.bot").filter({ hasText: number }).waitFor({ timeout: 10_000 });
    expect(violations).toEqual([]);

    // Another browser is another villager: it does not see that report.
    const stranger = await browser.newPage();
    await stranger.goto(t.url + "/");
    await stranger.fill("#text", "我反映的事怎么样了");
    await stranger.click("#send");
    await stranger.locator(".msg.bot").nth(1).waitFor();
    expect(await stranger.locator(".msg.bot").nth(1).innerText()).not.toContain(number);
    await stranger.close();
    await context.close();
  });
});
