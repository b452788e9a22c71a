// Starts every chat channel whose environment variables are set (Telegram, WeChat, Official Account, WeCom); the web chat is always on.
import type { AppContext } from "../app-context.ts";
import { instanceName } from "../config/index.ts";
import { Leader } from "../core/leader.ts";
import { LeaseStore } from "../store/leases.ts";
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
    {
      name: "telegram",
      enabled: Boolean(config.TELEGRAM_BOT_TOKEN),
      // Long polling: one poller per bot (a second gets 409). A webhook is served by every instance.
      start: () => (config.TELEGRAM_WEBHOOK_URL ? startTelegram(ctx) : startOnOneInstance(ctx, "telegram", () => startTelegram(ctx))),
    },
    // One logged-in WeChat account, one puppet.
    { name: "wechat", enabled: Boolean(config.WECHATY_PUPPET), start: () => startOnOneInstance(ctx, "wechat", () => startWechat(ctx)) },
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

/**
 * A channel that must run once however many instances share the database (a poller, a puppet): on PostgreSQL
 * it runs on the instance holding its lease, and another instance starts it when that one dies. SQLite means one
 * process, which simply runs it. A channel that fails to start on the first try fails as any other would.
 */
async function startOnOneInstance(ctx: AppContext, name: RunningChannel["name"], start: () => Promise<RunningChannel>): Promise<RunningChannel> {
  const { services, config } = ctx;
  if (services.store.sql.engine !== "postgres") return start();
  let channel: RunningChannel | undefined;
  let firstTry = true;
  let firstError: unknown;
  const leader = new Leader({
    leases: new LeaseStore(services.store.sql),
    name: `channel:${name}`,
    holder: instanceName(config),
    logger: services.logger,
    ttlMs: config.LEADER_LEASE_SECONDS * 1000,
    lead: async () => {
      try {
        channel = await start();
      } catch (error) {
        if (firstTry) firstError = error;
        throw error;
      }
    },
    follow: async () => {
      const running = channel;
      channel = undefined;
      await running?.stop();
    },
  });
  await leader.start();
  firstTry = false;
  if (firstError) {
    await leader.stop();
    throw firstError;
  }
  if (!leader.isLeader) services.logger.info("channel runs on another instance; this one takes over if that one stops", { channel: name });
  return { name, stop: () => leader.stop() };
}
