// SIGTERM while 50 requests are in flight: every request already sent is answered, then the process exits 0.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { get, post, startServer, type Reply } from "./support/server-process.ts";

const QUESTIONS = ["三级贫困残疾人每年救助多少？", "一户多残家庭生活补助怎么发？", "沼气池后期维修谁负责？", "土地流转可以入股吗？", "村东头路灯坏了半个月了"];

describe("SIGTERM with requests in flight", () => {
  it("answers all 50 concurrent requests sent before the signal, refuses new connections, exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-sigterm-"));
    try {
      const server = await startServer({ DB_PATH: join(dir, "x.db") });
      // No warm-up question: the first answers are the slowest, so requests queue up as they would at a busy moment.
      expect((await get(server.url, "/healthz")).status).toBe(200);

      let sent = 0;
      let signalled!: () => void;
      const allSent = new Promise<void>((done) => (signalled = done));
      const replies: Array<Promise<Reply>> = [];
      for (let i = 0; i < 50; i++) {
        replies.push(
          post(server.url, "/api/messages", { channel: "web", text: QUESTIONS[i % QUESTIONS.length] }, () => {
            if (++sent === 50) signalled();
          }),
        );
      }
      await allSent;
      server.child.kill("SIGTERM");
      const results = await Promise.all(replies);
      const answered = results.filter((r) => r.status === 200).length;
      const errors = results.filter((r) => r.status !== 200).map((r) => r.error ?? r.status);
      process.stdout.write(`SIGTERM with 50 concurrent requests: ${answered} answered, ${errors.length} failed (${[...new Set(errors)].join(", ")})\n`);
      const code = await server.exited;
      const after = await post(server.url, "/api/messages", { channel: "web", text: "还在吗" });
      expect(errors).toEqual([]);
      expect(answered).toBe(50);
      expect(code).toBe(0);
      expect(after.error).toBe("ECONNREFUSED");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
