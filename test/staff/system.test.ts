// Staff see which channels run, the WeChat login QR while it waits for a scan, and LLM usage per day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSystemSection, type SystemStatus } from "../../src/web/staff/system.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";

const TOKEN = "test-token-0123456789abcdef";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { STAFF_API_TOKEN: TOKEN } });
});
afterAll(async () => {
  await t.close();
});

describe("system status for staff", () => {
  it("reports channels, WeChat and the LLM over the staff API, only to staff", async () => {
    const denied = await fetch(`${t.url}/api/staff/system`);
    expect(denied.status).toBe(401);
    const res = await fetch(`${t.url}/api/staff/system`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ channels: ["web"], wechat: { status: "off" }, llm: { on: false } });
    expect(JSON.stringify(body)).not.toContain(TOKEN);
  });

  it("shows the login QR while waiting for a scan and escapes every value", () => {
    const status: SystemStatus = {
      channels: ["web", "wechat"],
      wechat: { status: "scan", qrDataUrl: "data:image/png;base64,iVBORw0KGgo=", user: "<b>村委会</b>", updatedAt: "2026-11-29T00:00:00Z" },
      llm: {
        on: true,
        model: "qwen-plus",
        breaker: "closed",
        today: { day: "2026-11-29", tokens: 1200, budget: 200000 },
        usage: [
          {
            day: "2026-11-29",
            calls: 3,
            failures: 1,
            inputTokens: 900,
            outputTokens: 300,
            totalTokens: 1200,
            transcriptions: 1,
            rejected: 0,
            offlineFallbacks: 1,
          },
        ],
      },
    };
    const html = String(renderSystemSection(status));
    expect(html).toContain('id="wechat-qr"');
    expect(html).toContain("等待扫码登录");
    expect(html).toContain("&lt;b&gt;村委会&lt;/b&gt;");
    expect(html).toContain("1200 / 200000 token");
    expect(html).toMatch(/<td>2026-11-29<\/td><td>3<\/td><td>1<\/td><td>1200<\/td>/);
  });

  it("never shows a QR that is not a PNG data URL", () => {
    const html = String(
      renderSystemSection({ channels: ["web"], wechat: { status: "scan", qrDataUrl: "javascript:alert(1)", updatedAt: "" }, llm: { on: false } }),
    );
    expect(html).not.toContain("javascript:");
    expect(html).toContain("完全离线");
  });
});
