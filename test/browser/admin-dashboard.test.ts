// The /admin dashboard in real headless Chromium: log in by name, see the charts, change a state, export XLSX.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { chatAuth, conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";

const PASSWORD = "村里的密码-2026";
const TOKEN = "browser-test-token-0123456789";
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  t = await startStaffApp({ ADMIN_PASSWORD: PASSWORD, STAFF_API_TOKEN: TOKEN });
  await conversation(t.url, "v1").ask(`东风村路灯坏了 <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`);
  await conversation(t.url, "v2").ask("李庄村三组的沼气池不产气了");
  await conversation(t.url, "v3").ask("张庄村幸福路上有个大坑");
  await conversation(t.url, "v4").ask("东风村学校门口垃圾没人清运");
  // A consultation through the API, so its results chart shows on the dashboard (empty results are fine).
  const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const created = await fetch(`${t.url}/api/staff/consultations`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "村口建垃圾站", background: "选址在村口空地", deadline }),
  });
  if (created.status !== 201) throw new Error(`consultation not created: ${await created.text()}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe("admin dashboard", () => {
  it("asks for the password, then shows totals and charts on a phone-sized screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${t.url}/admin`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", "wrong");
    await page.click("button[type=submit]");
    expect(await page.locator("[role=alert]").innerText()).toMatch(/用户名或密码不正确/);
    expect(await page.inputValue("input[name=username]")).toBe("admin");
    await page.fill("input[name=password]", PASSWORD);
    await page.click("button[type=submit]");
    await page.locator("#total").waitFor();
    expect(await page.locator("#total").innerText()).toBe("4");
    expect(await page.locator("#chart-category svg rect").count()).toBe(4);
    expect(await page.locator("#chart-village svg rect").count()).toBe(3);
    expect(await page.locator("#chart-week svg rect").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("#chart-category").innerText()).toMatch(/沼气/);
    expect(await page.locator("#consultations").innerText()).toMatch(/村口建垃圾站/);
    // Nothing wider than the screen except the scrollable tables.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${t.dir}/admin.png`, fullPage: true });
    await page.close();
  });

  it("shows HTML in a report as text and never runs it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page);
    const cell = page.locator("#FK000001 td.text");
    expect(await cell.innerText()).toContain(`<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("#reports img").count()).toBe(0);
    await context.close();
  });

  it("changes a report's state with a note and shows it in the history", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page);
    await page.click("a[href='/admin/feedback/2']");
    await page.selectOption(".state-form select[name=state]", "fixed");
    await page.fill(".state-form input[name=note]", "服务站已上门修好 <b>不是粗体</b>");
    await page.click(".state-form button[type=submit]");
    await page.locator("[role=status]").waitFor();
    expect(await page.locator("#report-state").innerText()).toBe("已解决");
    expect(await page.locator("#history").innerText()).toContain("服务站已上门修好 <b>不是粗体</b>");
    const notes = await (await fetch(`${t.url}/api/notifications?userId=v2`, { headers: chatAuth })).json();
    expect(notes.notifications[0].text).toMatch(/FK000002.*已解决/);
    await context.close();
  });

  it("exports an XLSX file that reads back with the reports", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await login(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
    expect(download.suggestedFilename()).toMatch(/^feedback-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as any);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    const texts = Array.from({ length: 4 }, (_, i) => String(sheet.getRow(i + 2).getCell(7).value));
    expect(texts.some((x) => x.includes("<script>window.__xss=2</script>"))).toBe(true);
    await context.close();
  });
});

async function login(page: import("playwright-core").Page) {
  await page.goto(`${t.url}/admin`);
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", PASSWORD);
  await page.click("button[type=submit]");
  await page.locator("#total").waitFor();
}
