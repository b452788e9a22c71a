// `npm run chat`: the terminal conversation lists quick replies as numbers, and a number picks one.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("npm run chat", { timeout: 60_000 }, () => {
  it("shows the choices it asks for as numbers and takes a number as the choice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-chat-"));
    try {
      const output = await new Promise<string>((resolve, reject) => {
        const child = execFile(
          "npx",
          ["tsx", "src/cli/chat.ts"],
          { env: { PATH: process.env.PATH, HOME: process.env.HOME, DB_PATH: join(dir, "chat.db"), LOG_LEVEL: "error" }, timeout: 50_000 },
          (error, stdout) => (error && !stdout ? reject(error) : resolve(stdout)),
        );
        // Lines are handled one after another, each after the previous answer: "3" comes after the choices.
        child.stdin!.end("我能领什么补助？\n3\nexit\n");
      });
      expect(output).toMatch(/可以直接回复序号：1\. 一级 {2}2\. 二级 {2}3\. 三级/);
      // "3" was read as 三级: the next question is about poverty, not a failure to understand "3".
      expect(output).toMatch(/您家是不是贫困户/);
      expect(output).not.toMatch(/没听明白/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
