// The app owns every timer and watcher: listen starts them, close stops them, so a stopped app lets the process exit.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startTestApp } from "../helpers/app.ts";

const watchers = () => process.getActiveResourcesInfo().filter((r) => r.startsWith("FSEvent")).length;

afterEach(() => {
  vi.useRealTimers();
});

describe("app start and stop", () => {
  it("leaves no timer and no data/ watcher running after close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-lifecycle-"));
    cpSync("data", dir, { recursive: true });
    const watchingBefore = watchers();
    // Fake timers that still follow the clock: every timer the app sets is counted, and waits still end.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    try {
      const t = await startTestApp({ env: { KB_WATCH: "on", DATA_DIR: dir } });
      // Outbox delivery and consultation reminders run on intervals; data/ is watched for edits.
      expect(vi.getTimerCount()).toBeGreaterThanOrEqual(2);
      expect(watchers()).toBeGreaterThan(watchingBefore);
      // A turn through the assistant itself (an HTTP client here would add its own keep-alive timer).
      const turn = await t.app.assistant.handle({
        channel: "web",
        userId: "u1",
        chatId: "u1",
        chatType: "private",
        mentioned: true,
        kind: "text",
        text: "沼气池后期维修谁负责",
      });
      expect(turn.replies.map((r) => r.text).join("\n")).toContain("专职技术人员");

      await t.close();
      expect(vi.getTimerCount()).toBe(0);
      expect(watchers()).toBe(watchingBefore);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sets no timer before listen: building the app (as the benches and the CLI do) starts nothing", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const t = await startTestApp({ listen: false });
    try {
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
