// What every running channel adapter gives back to startChannels.
export interface RunningChannel {
  name: "telegram" | "wechat" | "wechat-oa" | "wecom";
  /** Stops taking new updates, finishes the ones in flight and the queued sends. */
  stop(): Promise<void>;
}
