// The commands a cadre runs: `npm start` with no configuration, and `npx xiangqin ask`.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** True while some process of the group led by `pid` is running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Only what a fresh shell has: no project variables leak in from the test runner.
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

describe("npm start", { timeout: 90_000 }, () => {
  it("serves the chat with no configuration, creates the database folder, and stops on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-start-"));
    dirs.push(dir);
    const dbPath = join(dir, "nested", "folder", "x.db");
    // A process group of its own: npx starts tsx, which starts the server, and SIGTERM must reach them all.
    const child = spawn("npx", ["tsx", "src/main.ts"], {
      env: cleanEnv({ PORT: "0", DB_PATH: dbPath, KB_WATCH: "off" }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no start-up line: ${out}`)), 80_000);
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${match[1]}`);
          }
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, database: "ok", engine: "sqlite" });
      const res = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ userId: "u", text: "一户多残家庭生活补助怎么发？" }),
      });
      expect(JSON.stringify(await res.json())).toContain("1680");
      expect(existsSync(dbPath)).toBe(true);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
      // Every process of the group is gone, the server included, not just the npx in front of it.
      const deadline = Date.now() + 15_000;
      while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const survived = groupAlive(child.pid!);
      if (survived) process.kill(-child.pid!, "SIGKILL"); // never leave a server behind, even when failing
      expect(survived).toBe(false);
    }
  });

  it("refuses a bad setting and names it", async () => {
    const result = await run("npx", ["tsx", "src/main.ts"], { env: cleanEnv({ PORT: "abc" }) }).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/PORT/);
  });
});

describe("npx xiangqin ask", { timeout: 60_000 }, () => {
  it("answers one question as JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-ask-"));
    dirs.push(dir);
    const { stdout } = await run("npx", ["xiangqin", "ask", "沼气池后期维修谁负责？", "--json"], { env: cleanEnv({ DB_PATH: join(dir, "x.db") }) });
    const body = JSON.parse(stdout);
    expect(body.replies[0].text).toContain("沼气服务站");
    expect(body.replies[0].citations[0].id).toBe("biogas-service-station");
  });

  it("explains its usage when the question is missing", async () => {
    const result = await run("npx", ["xiangqin", "ask"], { env: cleanEnv({}) }).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toContain("用法");
  });
});
