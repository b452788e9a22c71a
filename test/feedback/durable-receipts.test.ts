// A receipt means durable: what is acknowledged (reports, state changes, votes) is fsynced before the reply. A report
// filed in chat is a durable transaction of the query layer (Sql): on SQLite it commits with the connection's
// synchronous=FULL and then waits for a shared fsync of the WAL (group commit); staff state changes and votes commit
// with synchronous=FULL; the message log commits with NORMAL and waits for nothing.
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";
import { ConsultationStore } from "../../src/consultations/store.ts";
import { DEFAULT_OPTIONS } from "../../src/consultations/model.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Records, for each write to `table`, the connection's synchronous level at that moment (2 FULL, 1 NORMAL). */
function watchSyncLevel(t: TestApp, table: string, event: "INSERT" | "UPDATE" = "INSERT"): void {
  const db = t.app.store.db;
  db.exec("CREATE TABLE IF NOT EXISTS sync_seen (tbl TEXT, level INTEGER)");
  db.exec(
    `CREATE TRIGGER sync_seen_${table}_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN INSERT INTO sync_seen SELECT '${table}', synchronous FROM pragma_synchronous; END`,
  );
}

const levels = (t: TestApp, table: string) => t.app.store.db.prepare("SELECT level FROM sync_seen WHERE tbl = ?").pluck().all(table) as number[];

describe("acknowledged writes are fsynced before the reply", () => {
  it("files a report behind a WAL fsync, changes its state and records a vote with synchronous=FULL, and logs messages with NORMAL", async () => {
    t = await startStaffApp();
    for (const table of ["feedback", "feedback_history", "messages"]) watchSyncLevel(t, table);
    watchSyncLevel(t, "consultation_votes");
    watchSyncLevel(t, "consultation_votes", "UPDATE");

    const walSync = t.app.store.walSync!;
    const syncsBefore = walSync.completed;
    const filed = await conversation(t.url, "durable-1").ask("东风村村东头路灯坏了半个月了");
    expect(filed.text).toMatch(/回执号：FK000001/);
    // The reply came after an fsync of the WAL that began after the report's commit.
    expect(walSync.completed).toBeGreaterThan(syncsBefore);
    const changed = await t.app.features.feedback.changeState({ id: 1, to: "in_progress", note: "已派电工", actor: "staff-1", actorRole: "cadre" });
    expect(changed.ok).toBe(true);

    const consultations = new ConsultationStore(t.app.store.sql);
    const now = new Date();
    const consultation = await consultations.create({
      title: "修路",
      background: "",
      options: [...DEFAULT_OPTIONS],
      audience: [],
      deadline: new Date(now.getTime() + 86_400_000),
      createdBy: "staff-1",
      createdAt: now.toISOString(),
    });
    await consultations.upsertVote({
      consultationId: consultation.id,
      channel: "web",
      userId: "durable-1",
      chatId: "durable-1",
      optionIndex: 0,
      comment: null,
      village: "东风村",
      at: now.toISOString(),
    });
    await consultations.upsertVote({
      consultationId: consultation.id,
      channel: "web",
      userId: "durable-1",
      chatId: "durable-1",
      optionIndex: 1,
      comment: null,
      village: "东风村",
      at: now.toISOString(),
    });

    // Sql's transactions on SQLite commit at the connection's level (FULL), durable or not: the report no longer
    // commits with NORMAL before the shared fsync (see the WAL fsync checked above). Never below FULL.
    expect(levels(t, "feedback")).toEqual([2]);
    expect(levels(t, "feedback_history")).toEqual([2, 2]);
    expect(levels(t, "consultation_votes")).toEqual([2, 2]);
    // The log row of every message: NORMAL, and the connection is back to FULL afterwards.
    expect(levels(t, "messages").length).toBeGreaterThan(0);
    expect(new Set(levels(t, "messages"))).toEqual(new Set([1]));
    expect(t.app.store.db.pragma("synchronous", { simple: true })).toBe(2);
  });
});
