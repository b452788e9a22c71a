// Moving a township's SQLite database into PostgreSQL with `npm run db:copy`.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import { ENGINES, openTestDatabase } from "../helpers/databases.ts";

const run = promisify(execFile);
const T = "2026-11-30T08:00:00.000Z";

async function dbCopy(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/db-copy.ts", ...args], { env: { ...process.env, DATABASE_URL: "" } });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** A SQLite file with rows in several tables, including a report that points at a later one. */
async function townshipFile(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "xq-copy-")), "township.db");
  const store = Store.open(path, { backgroundCheckpoint: false });
  const db = store.sql.db;
  const report = (id: number, duplicateOf: number | null) => ({
    id,
    channel: "web",
    user_id: `u${id}`,
    chat_id: `u${id}`,
    text: `路灯坏了 ${id}`,
    category: "基础设施",
    village: "东村",
    created_at: T,
    updated_at: T,
    places: '["东头"]',
    duplicate_of: duplicateOf,
  });
  await db
    .insertInto("feedback")
    .values([report(1, null), report(2, 3), report(3, null)])
    .execute();
  await db.insertInto("feedback_rollup").values({ dim: "state", day: "2026-11-30", key: "confirmed", n: 3 }).execute();
  await db
    .insertInto("messages")
    .values({
      channel: "web",
      platform_message_id: null,
      user_id: "u1",
      chat_id: "u1",
      text: "一户多残补助多少",
      intent: "policy",
      confidence: 0.9,
      answer_kind: null,
      created_at: T,
      understood: null,
    })
    .execute();
  await db.insertInto("consultations").values({ title: "修路", options: '["修","不修"]', deadline: T, created_by: "admin", created_at: T }).execute();
  await db
    .insertInto("consultation_votes")
    .values({ consultation_id: 1, channel: "web", user_id: "u1", chat_id: "u1", option_index: 0, created_at: T, updated_at: T })
    .execute();
  await store.close();
  return path;
}

describe("npm run db:copy", () => {
  it("refuses without a PostgreSQL target, saying how to name one", async () => {
    const result = await dbCopy("--from", "var/does-not-matter.db");
    expect(result.code).toBe(1);
    expect(result.err).toContain("--to postgres://");
  });

  it("refuses a SQLite file that does not exist", async () => {
    const result = await dbCopy("--from", "/nonexistent/x.db", "--to", "postgres://localhost/x");
    expect(result.code).toBe(1);
    expect(result.err).toContain("找不到要搬的 SQLite 数据库文件");
  });

  it.runIf(ENGINES.includes("postgres"))(
    "copies every row with its id, checks the counts, and new receipts continue after the copied ones",
    async () => {
      const target = await openTestDatabase("postgres");
      try {
        const file = await townshipFile();
        const result = await dbCopy("--from", file, "--to", target.url!);
        expect(result.err).toBe("");
        expect(result.code).toBe(0);
        expect(result.out).toContain("两边逐表核对行数一致");
        const reports = await target.sql.db.selectFrom("feedback").select(["id", "duplicate_of", "places"]).orderBy("id").execute();
        expect(reports).toEqual([
          { id: 1, duplicate_of: null, places: '["东头"]' },
          { id: 2, duplicate_of: 3, places: '["东头"]' },
          { id: 3, duplicate_of: null, places: '["东头"]' },
        ]);
        const next = await target.sql.db
          .insertInto("feedback")
          .values({
            channel: "web",
            user_id: "u9",
            chat_id: "u9",
            text: "新的",
            category: null,
            village: null,
            created_at: T,
            updated_at: T,
            places: null,
            unmasked_text: null,
            display_name: null,
            duplicate_of: null,
            closed_at: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        expect(next.id).toBe(4);
        expect(await target.sql.db.selectFrom("consultation_votes").select("option_index").execute()).toEqual([{ option_index: 0 }]);

        // A second copy into the same (no longer empty) database writes nothing.
        const again = await dbCopy("--from", file, "--to", target.url!);
        expect(again.code).toBe(1);
        expect(again.err).toContain("目标库里已经有数据");
        expect((await target.sql.db.selectFrom("feedback").select("id").execute()).length).toBe(4);
      } finally {
        await target.close();
      }
    },
    30_000,
  );
});
