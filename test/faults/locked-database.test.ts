// Another process holds the database's write lock for 8 s, then 12 s, against the real server process:
// /healthz stays fast, questions are answered, a report is filed once the lock goes or is honestly refused.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ask, get, holdWriteLock, sleep, startServer, type Reply } from "./support/server-process.ts";

/** Probes /healthz every 250 ms until `until` settles; their latencies. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const ms: number[] = [];
  while (!done) {
    const r = await get(url, "/healthz");
    // A failed probe counts as the slowest possible answer.
    ms.push(r.status === 200 ? r.ms : Number.POSITIVE_INFINITY);
    await sleep(250);
  }
  return ms;
}

const QUESTIONS = ["三级贫困残疾人每年救助多少？", "一户多残家庭生活补助怎么发？", "沼气池后期维修谁负责？", "土地流转可以入股吗？"];
const max = (values: number[]) => Math.round(Math.max(...values));

describe("a write lock held by another process", () => {
  it("keeps the server responsive and every reply honest during an 8 s and a 12 s lock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-lock-"));
    const dbPath = join(dir, "x.db");
    const server = await startServer({ DB_PATH: dbPath });
    try {
      // Each question once before the locks: the first answer to a question costs CPU time of its own, which is
      // not what the probes measure (load average here is often 9 on 2 cores).
      for (const q of QUESTIONS) expect((await ask(server.url, q)).status).toBe(200);

      // 8 s: shorter than a report's wait, so the report is filed when the lock goes.
      const lock8 = await holdWriteLock(dbPath, 8000);
      const questions8 = Promise.all(["一户多残家庭生活补助怎么发？", "沼气池后期维修谁负责？", "土地流转可以入股吗？"].map((q) => ask(server.url, q)));
      const report8 = ask(server.url, "东风村村东头路灯坏了半个月了，晚上看不见路");
      const health8 = await probeHealth(server.url, Promise.all([questions8, report8, lock8.released]));
      const q8 = await questions8;
      const r8 = await report8;

      // 12 s: longer than a report's wait (10 s): the villager is told it was not filed.
      const lock12 = await holdWriteLock(dbPath, 12_000);
      const question12 = ask(server.url, "三级贫困残疾人每年救助多少？");
      const report12 = ask(server.url, "李庄村二组的水管冻裂了，一直在冒水");
      const health12 = await probeHealth(server.url, Promise.all([question12, report12, lock12.released]));
      const q12 = await question12;
      const r12 = await report12;

      const summary = (label: string, health: number[], questions: Reply[], report: Reply & { text: string }) =>
        `${label}: /healthz max ${max(health)} ms over ${health.length} probes (first five: ${health.slice(0, 5).map(Math.round).join(", ")}); questions ${questions.map((q) => `${q.status} in ${Math.round(q.ms)} ms`).join(", ")}; report ${report.status} in ${Math.round(report.ms)} ms: ${report.text.split("\n")[0]}`;
      process.stdout.write(`${summary("8 s lock", health8, q8, r8)}\n${summary("12 s lock", health12, [q12], r12)}\n`);

      expect(max(health8)).toBeLessThan(500);
      expect(max(health12)).toBeLessThan(500);
      for (const q of [...q8, q12]) {
        expect(q.status).toBe(200);
        expect(q.ms).toBeLessThan(4000);
      }
      expect(r8.status).toBe(200);
      expect(r8.text).toMatch(/回执号：FK000001/);
      expect(r12.status).toBe(200);
      expect(r12.text).toMatch(/没有登记上/);
      expect(r12.text).not.toMatch(/回执号：FK/);
    } finally {
      await server.stop();
      // What the replies said is what the file holds.
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare("SELECT count(*) FROM feedback").pluck().get()).toBe(1);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
