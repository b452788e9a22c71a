// Start-up on a database path that cannot be used: one clear line naming DB_PATH, the path and what to do; exit 1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(dbPath: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, DB_PATH: dbPath, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", KB_WATCH: "off" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr };
}

describe.concurrent("start-up on a database path that cannot be used", () => {
  it("names DB_PATH, the path and what to do, in Chinese and English, without a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-dbpath-"));
    dirs.push(dir);
    writeFileSync(join(dir, "a-file"), "");
    const path = join(dir, "a-file", "xiangqin.db");
    const { code, stderr } = start(path);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`DB_PATH=${path}`);
    expect(lines[0]).toMatch(/数据库打不开.*文件夹.*权限.*DB_PATH/);
    expect(lines[0]).toMatch(/Cannot open the database.*create the folder.*permissions.*set DB_PATH/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("says so when DB_PATH is a file that is not a database", () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-dbpath-"));
    dirs.push(dir);
    const path = join(dir, "notes.db");
    writeFileSync(path, "这不是数据库，是一份笔记。".repeat(200));
    const { code, stderr } = start(path);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`DB_PATH=${path}`);
    expect(stderr).toMatch(/不是数据库/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
