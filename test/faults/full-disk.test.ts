// The database on a small tmpfs that fills up under the real server process: questions are still answered,
// a report is acknowledged only when it is in the file, and filing works again once there is room.
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ask, get, startServer } from "./support/server-process.ts";

/** Mounts a tmpfs of `size` on a new folder; undefined where mounting is not allowed (not root, no CAP_SYS_ADMIN). */
function mountTmpfs(size: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Writes zeros until the file system says it is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(16 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
}

const mountable = mountTmpfs("1m");
if (mountable) {
  execFileSync("umount", [mountable]);
  rmSync(mountable, { recursive: true, force: true });
}

describe("a full disk", () => {
  it.skipIf(!mountable)("answers questions, never acknowledges a report it could not write, and files again once there is room", async () => {
    const dir = mountTmpfs("3m")!;
    const dbPath = join(dir, "x.db");
    const server = await startServer({ DB_PATH: dbPath });
    const receipts: string[] = [];
    let refused = 0;
    let unlogged = 0;
    try {
      const first = await ask(server.url, "路灯坏了，村口那个，晚上看不见");
      expect(first.text).toMatch(/回执号：FK000001/);
      receipts.push("FK000001");

      fillDisk(join(dir, "filler"));
      const padding = "晚上走路看不见，老人孩子都不方便，已经好几天了，".repeat(40);
      for (let i = 0; i < 120 && (refused < 3 || unlogged < 3); i++) {
        const report = await ask(server.url, `第${i}组的水管冻裂了，一直在冒水。${padding}${i}`);
        expect(report.status).toBe(200);
        const receipt = /回执号：(FK\d{6})/.exec(report.text)?.[1];
        if (receipt) receipts.push(receipt);
        else {
          expect(report.text).toMatch(/没有登记上|没有办成/);
          refused++;
        }
        const question = await ask(server.url, "三级贫困残疾人每年救助多少？");
        expect(question.status).toBe(200);
        expect(question.text.length).toBeGreaterThan(20);
        if (/没能存档/.test(question.text)) unlogged++;
        expect((await get(server.url, "/healthz")).status).toBe(200);
      }
      process.stdout.write(
        `full disk: ${receipts.length} receipts given, ${refused} reports honestly refused, ${unlogged} questions answered without being logged\n`,
      );
      expect(refused).toBeGreaterThan(0);
      expect(unlogged).toBeGreaterThan(0);

      rmSync(join(dir, "filler"));
      const again = await ask(server.url, "路灯又坏了，村西头那个");
      const receipt = /回执号：(FK\d{6})/.exec(again.text)?.[1];
      expect(receipt).toBeDefined();
      receipts.push(receipt!);
    } finally {
      await server.stop();
      // Every receipt given is in the file.
      const db = new Database(dbPath, { readonly: true });
      const ids = new Set((db.prepare("SELECT id FROM feedback").pluck().all() as number[]).map((id) => `FK${String(id).padStart(6, "0")}`));
      db.close();
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
      expect(receipts.filter((r) => !ids.has(r))).toEqual([]);
    }
  });
});
