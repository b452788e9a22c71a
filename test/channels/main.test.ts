// `npm start` with a channel configured: the start-up line names the channels, and SIGTERM stops cleanly.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram, textUpdate } from "./support/fake-telegram.ts";

let fake: FakeTelegram | undefined;
let dir: string | undefined;

afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm start with Telegram", () => {
  it("says which channels are on and, on SIGTERM, answers the message in flight before exiting", async () => {
    fake = await FakeTelegram.start();
    dir = mkdtempSync(join(tmpdir(), "xiangqin-main-"));
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        PORT: "0",
        HOST: "127.0.0.1",
        DB_PATH: join(dir, "main.db"),
        KB_WATCH: "off",
        LOG_LEVEL: "info",
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      // Start-up imports the whole app through tsx: seconds on a busy machine.
      const deadline = Date.now() + 45_000;
      while (!stdout.includes("乡亲助手已启动") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stdout, stderr).toContain("已开启的渠道：web、telegram");

      // Telegram holds the answer; the stop must wait for it.
      const release = fake.hold("sendMessage");
      fake.push(textUpdate({ chatId: 7001, text: "沼气池后期维修谁负责？" }));
      await fake.waitFor((calls) => calls.some((c) => c.method === "sendMessage"), 20_000);
      let exitedEarly = false;
      void exited.then(() => (exitedEarly = true));
      child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(exitedEarly).toBe(false);
      release();
      expect(await exited).toBe(0);
      expect(stderr).toContain('"message":"stopped"');
      expect(stderr).not.toContain(fake.token);
    } finally {
      child.kill("SIGKILL");
    }
  }, 70_000);
});
