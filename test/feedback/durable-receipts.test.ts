// A receipt means durable: what is acknowledged (reports, state changes, votes) is on disk before the reply. On a
// SQLite file in WAL mode every commit is written without waiting for the disk (synchronous=NORMAL), and a durable
// transaction then waits for an fsync of the WAL that began after its commit (one fsync shared by the writes of the
// moment). The message log, which promises nobody anything, waits for none.
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

describe("acknowledged writes are fsynced before the reply", () => {
  it("files a report, changes its state and records votes each behind a WAL fsync; a plain question waits for none", async () => {
    t = await startStaffApp();
    const walSync = t.app.store.walSync!;
    expect(t.app.store.db.pragma("synchronous", { simple: true })).toBe(1);
    // The fsync counter moves only once the fsync has completed: each check below proves the caller waited for one.
    const fsyncedDuring = async (write: () => Promise<unknown>) => {
      const before = walSync.completed;
      await write();
      return walSync.completed - before;
    };

    expect(await fsyncedDuring(() => conversation(t!.url, "durable-0").ask("三级贫困残疾人一年补助多少？"))).toBe(0);
    let filed = "";
    expect(
      await fsyncedDuring(async () => {
        filed = (await conversation(t!.url, "durable-1").ask("东风村村东头路灯坏了半个月了")).text;
      }),
    ).toBeGreaterThan(0);
    expect(filed).toMatch(/回执号：FK000001/);
    const changeState = () => t!.app.features.feedback.changeState({ id: 1, to: "in_progress", note: "已派电工", actor: "staff-1", actorRole: "cadre" });
    expect(await fsyncedDuring(changeState)).toBeGreaterThan(0);

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
    const vote = (optionIndex: number) => () =>
      consultations.upsertVote({
        consultationId: consultation.id,
        channel: "web",
        userId: "durable-1",
        chatId: "durable-1",
        optionIndex,
        comment: null,
        village: "东风村",
        at: now.toISOString(),
      });
    expect(await fsyncedDuring(vote(0))).toBeGreaterThan(0);
    expect(await fsyncedDuring(vote(1))).toBeGreaterThan(0);
  });
});
