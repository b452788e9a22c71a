// Starts every chat channel whose environment variables are set (Telegram, WeChat, Official Account, WeCom); the web chat is always on.
import type { AppContext } from "../app-context.ts";
import { ChannelStartError } from "./common/errors.ts";
import { startTelegram } from "./telegram/index.ts";
import { startWechat } from "./wechat/index.ts";
import { startWechatOa } from "./wechat-oa/index.ts";
import { startWecom } from "./wecom/index.ts";
import type { RunningChannel } from "./types.ts";

export { getWechatLoginState, type WechatLoginState } from "./wechat/login-state.ts";
export type { RunningChannel } from "./types.ts";

export interface RunningChannels {
  /** Names of the channels that started, for the start-up log. */
  names: string[];
  stop(): Promise<void>;
}

interface ChannelStarter {
  name: RunningChannel["name"];
  enabled: boolean;
  start: () => Promise<RunningChannel>;
}

/** Starts the configured channels side by side; one that fails is reported and the others keep running. */
export async function startChannels(ctx: AppContext): Promise<RunningChannels> {
  const { config, services } = ctx;
  const { logger } = services;
  const starters: ChannelStarter[] = [
    { name: "telegram", enabled: Boolean(config.TELEGRAM_BOT_TOKEN), start: () => startTelegram(ctx) },
    { name: "wechat", enabled: Boolean(config.WECHATY_PUPPET), start: () => startWechat(ctx) },
    { name: "wechat-oa", enabled: Boolean(config.WECHAT_OA_TOKEN), start: () => startWechatOa(ctx) },
    { name: "wecom", enabled: Boolean(config.WECOM_TOKEN), start: () => startWecom(ctx) },
  ];
  const enabled = starters.filter((s) => s.enabled);
  const outcomes = await Promise.allSettled(enabled.map((s) => s.start()));
  const running: RunningChannel[] = [];
  outcomes.forEach((outcome, i) => {
    const name = enabled[i]!.name;
    if (outcome.status === "fulfilled") {
      running.push(outcome.value);
      return;
    }
    const error = outcome.reason;
    const message = error instanceof ChannelStartError ? error.message : `${(error as Error)?.message ?? String(error)}`;
    logger.error(`channel ${name} failed to start; the other channels keep running`, { channel: name, reason: message, cause: (error as Error)?.cause });
  });
  const off = starters.filter((s) => !s.enabled).map((s) => s.name);
  logger.info("channels", {
    on: ["web", ...running.map((r) => r.name)],
    off,
    failed: enabled.filter((_, i) => outcomes[i]!.status === "rejected").map((s) => s.name),
  });
  return {
    names: running.map((r) => r.name),
    async stop() {
      const results = await Promise.allSettled(running.map((r) => r.stop()));
      results.forEach((r, i) => {
        if (r.status === "rejected") logger.warn("channel did not stop cleanly", { channel: running[i]!.name, error: r.reason });
      });
    },
  };
}
