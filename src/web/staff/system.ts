// The dashboard's "system" section and API: WeChat login (QR to scan) and LLM usage per day.
import type { AppContext } from "../../app-context.ts";
import { getWechatLoginState, type WechatLoginState } from "../../channels/wechat/login-state.ts";
import type { UsageDay } from "../../store/llm-usage.ts";
import { html } from "hono/html";
import type { Html } from "./html.ts";

export interface SystemStatus {
  channels: string[];
  wechat: WechatLoginState;
  llm: { on: false } | { on: true; model: string; breaker: string; today: { day: string; tokens: number; budget: number }; usage: UsageDay[] };
}

export async function systemStatus(ctx: AppContext, channels: () => string[]): Promise<SystemStatus> {
  const llm = ctx.services.llm;
  if (!llm) return { channels: channels(), wechat: getWechatLoginState(), llm: { on: false } };
  const status = await llm.status();
  return {
    channels: channels(),
    wechat: getWechatLoginState(),
    llm: { on: true, model: status.model, breaker: String(status.breaker), today: status.today, usage: await llm.usageByDay(7) },
  };
}

const WECHAT_LABEL: Record<WechatLoginState["status"], string> = {
  off: "未开启",
  starting: "正在启动",
  scan: "等待扫码登录",
  "logged-in": "已登录",
  "logged-out": "已退出登录",
  failed: "启动失败",
};

/** Rendered on the server; every value is escaped by html``. */
export function renderSystemSection(status: SystemStatus): Html {
  const wechat = status.wechat;
  // Only a PNG data URL: escaping keeps a value inside its attribute, it does not stop a javascript: URL.
  const qr =
    wechat.status === "scan" && wechat.qrDataUrl?.startsWith("data:image/png;base64,")
      ? html`<p>请用作为机器人的微信号扫码登录：</p><img id="wechat-qr" alt="微信登录二维码" width="220" height="220" src="${wechat.qrDataUrl}">`
      : "";
  const wechatLine = html`<p id="wechat-status">微信：${WECHAT_LABEL[wechat.status]}${wechat.user ? `（${wechat.user}）` : ""}${wechat.error ? `：${wechat.error}` : ""}</p>${qr}`;
  const llm = status.llm;
  const llmBlock = !llm.on
    ? html`<p id="llm-status">大模型：未开启（完全离线回答）</p>`
    : html`<p id="llm-status">大模型：${llm.model}，熔断器 ${llm.breaker}；今天已用 ${llm.today.tokens} / ${llm.today.budget || "不限"} token</p>
<div class="table"><table><thead><tr><th>日期</th><th>调用</th><th>失败</th><th>token</th><th>改用离线答案</th><th>语音转写</th></tr></thead><tbody>${llm.usage.map(
        (d) =>
          html`<tr><td>${d.day}</td><td>${d.calls}</td><td>${d.failures}</td><td>${d.totalTokens}</td><td>${d.offlineFallbacks}</td><td>${d.transcriptions}</td></tr>`,
      )}</tbody></table></div>`;
  return html`<section id="system"><h2>系统状态</h2><p>开启的渠道：${status.channels.join("、")}</p>${wechatLine}${llmBlock}</section>`;
}
