// Report places: a database written before migration 013 ("东头|路灯") reads the same to staff afterwards.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ReportStore } from "../../src/feedback/store.ts";
import { sqliteSql } from "../../src/store/sql.ts";
import { listMigrations, migrate } from "../../src/store/index.ts";
import { presentReport } from "../../src/web/staff/present.ts";

const INSERT = `INSERT INTO feedback (channel, user_id, chat_id, text, category, village, place, anonymous, status, created_at, updated_at)
  VALUES ('web', ?, 'c', ?, '路灯', '东风村', ?, 0, 'confirmed', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`;

describe("report places", () => {
  it("converts places stored joined by | into lists, and staff see the same places", async () => {
    const db = new Database(":memory:");
    const migrations = listMigrations();
    migrate(
      db,
      migrations.filter((m) => m.version < 13),
    );
    const insert = db.prepare(INSERT);
    insert.run("u1", "村东头路灯坏了", "东头|路灯");
    insert.run("u2", "路灯不亮", null);
    insert.run("u3", "三组||路灯", "三组||路灯");
    insert.run("u4", '带"引号"的位置', '门口"|路灯');
    expect(migrate(db, migrations)).toEqual([13, ...migrations.filter((m) => m.version > 13).map((m) => m.version)]);

    const reports = (await new ReportStore(sqliteSql(db)).list({})).reports.sort((a, b) => a.id - b.id);
    expect(reports.map((r) => r.places)).toEqual([["东头", "路灯"], [], ["三组", "路灯"], ['门口"', "路灯"]]);
    const now = new Date("2026-03-02T00:00:00.000Z");
    expect(presentReport(reports[0]!, now).place).toEqual(["东头", "路灯"]);
    expect(presentReport(reports[1]!, now).place).toEqual([]);
    db.close();
  });

  it("stores new reports' places as a JSON list and reads them back", async () => {
    const db = new Database(":memory:");
    migrate(db);
    const reports = new ReportStore(sqliteSql(db));
    const base = { channel: "web", userId: "u", chatId: "c", text: "东头路灯坏了", category: "路灯", village: "东风村", anonymous: false, displayName: null };
    const id = await reports.create({ ...base, places: ["东头", "路灯"], createdAt: "2026-03-01T00:00:00.000Z" });
    const none = await reports.create({ ...base, places: [], createdAt: "2026-03-01T00:00:00.000Z" });
    expect(db.prepare("SELECT places FROM feedback WHERE id = ?").pluck().get(id)).toBe('["东头","路灯"]');
    expect(db.prepare("SELECT places FROM feedback WHERE id = ?").pluck().get(none)).toBeNull();
    expect((await reports.get(id))?.places).toEqual(["东头", "路灯"]);
    expect((await reports.get(none))?.places).toEqual([]);
    db.close();
  });
});
