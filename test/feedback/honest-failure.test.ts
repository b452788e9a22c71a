// When a report cannot be written, the villager is told so; a locked database slows only what waits for it.
import Database from "better-sqlite3";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";
import { startTestApp } from "../helpers/app.ts";
import { fixtureSnapshot } from "../consultations/fixtures.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const count = (t: TestApp, table: string) => t.app.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
/** Any claim that something was kept: what must never be said when it was not. */
const CLAIMS_RECORDED = /回执号[：:]\s*FK|已经记下|已经登记|已登记|已记下/;

describe("a report that could not be written is never acknowledged", () => {
  it("says it was not filed and to send it again when the insert fails, and files it when sent again", async () => {
    t = await startStaffApp();
    // An injected failing statement stands in for a full disk or a lock held past the wait.
    t.app.store.db.exec("CREATE TRIGGER fail_report BEFORE INSERT ON feedback BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const v = conversation(t.url, "honest-1");
    const failed = await v.ask("东风村村东头路灯坏了半个月了");
    expect(failed.text).not.toMatch(CLAIMS_RECORDED);
    expect(failed.text).toMatch(/没有登记上/);
    expect(failed.text).toMatch(/再发一次/);
    expect(count(t, "feedback")).toBe(0);

    t.app.store.db.exec("DROP TRIGGER fail_report");
    const again = await v.ask("东风村村东头路灯坏了半个月了");
    expect(again.text).toMatch(/回执号：FK000001/);
    expect(count(t, "feedback")).toBe(1);
  });

  it("an unexpected failure in a handler says nothing was done rather than '已经记下'", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "honest-r");
    await v.ask("东风村村东头路灯坏了半个月了");
    t.app.store.db.exec("UPDATE feedback SET status = 'referred'");
    // Reopening writes the state change; make it fail as a full disk would.
    t.app.store.db.exec("CREATE TRIGGER fail_reopen BEFORE UPDATE ON feedback BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const answer = await v.ask("FK000001 还没修好");
    expect(answer.text).not.toMatch(CLAIMS_RECORDED);
    expect(answer.text).not.toMatch(/已重新打开/);
    expect(answer.text).toMatch(/没有办成/);
  });

  it("adding oneself to a report already filed is not confirmed when it was not written", async () => {
    t = await startStaffApp();
    // "是同一个" after a duplicate question adds a me-too; make that write fail.
    t.app.store.db.exec("CREATE TRIGGER fail_me_too BEFORE INSERT ON feedback_me_too BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    await conversation(t.url, "honest-a").ask("东风村村东头路灯坏了");
    const b = conversation(t.url, "honest-b");
    const asked = await b.ask("东风村村东头路灯坏了，晚上看不见");
    expect(asked.text).toMatch(/是同一个问题吗/);
    const answer = await b.ask("是");
    expect(answer.text).not.toMatch(CLAIMS_RECORDED);
    expect(answer.text).not.toMatch(/已算您一份/);
    expect(answer.text).toMatch(/没有登记上/);
  });
});

describe("a vote that could not be written is never acknowledged", () => {
  it("does not say 已记下 when the vote's insert fails, and records it when sent again", async () => {
    t = await startTestApp({ env: { CADRE_IDS: "web:cadre" }, snapshot: fixtureSnapshot() });
    await t.app.store.profiles.setVillage("web", "voter", "三家庄", new Date().toISOString());
    const published = await conversation(t.url, "cadre").ask("发布征求意见：村东建养猪场｜企业投资200万｜默认｜三家庄｜12月31日");
    expect(published.text).toMatch(/已发布第1号征求意见/);
    t.app.store.db.exec("CREATE TRIGGER fail_vote BEFORE INSERT ON consultation_votes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const voter = conversation(t.url, "voter");
    const failed = await voter.ask("反对，太臭了");
    expect(failed.text).not.toMatch(CLAIMS_RECORDED);
    expect(failed.text).toMatch(/没有办成/);
    expect(count(t, "consultation_votes")).toBe(0);
    t.app.store.db.exec("DROP TRIGGER fail_vote");
    expect((await voter.ask("反对，太臭了")).text).toMatch(/已记下您对第1号征求意见/);
    expect(count(t, "consultation_votes")).toBe(1);
  });
});

describe("questions are answered when the message log cannot be written", () => {
  it("answers a policy question with a note instead of an HTTP 500", async () => {
    t = await startStaffApp();
    t.app.store.db.exec("CREATE TRIGGER fail_log BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const answer = await conversation(t.url, "honest-q").ask("三级贫困残疾人救助多少钱");
    expect(answer.text).toMatch(/400/);
    expect(answer.text).toMatch(/没能存档/);
  });
});

describe("a database locked by another connection", () => {
  it("keeps /healthz fast while a report waits for the lock, then files the report", async () => {
    t = await startStaffApp();
    // Another connection (as another process would) holds the write lock for 1.5 s.
    const other = new Database(join(t.dir, "test.db"));
    other.exec("BEGIN IMMEDIATE");
    other.exec("CREATE TABLE IF NOT EXISTS other_writer (x)");
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("COMMIT");
        other.close();
        resolve();
      }, 1500),
    );
    const report = conversation(t.url, "honest-lock").ask("东风村村东头路灯坏了半个月了");
    const health: number[] = [];
    const probe = async () => {
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      const res = await fetch(`${t!.url}/healthz`);
      expect(res.status).toBe(200);
      health.push(performance.now() - t0);
    };
    for (let i = 0; i < 8; i++) await probe();
    const filed = await report;
    await released;
    expect(filed.text).toMatch(/回执号：FK000001/);
    expect(count(t, "feedback")).toBe(1);
    // Before: the write's busy wait held the event loop for the whole lock (~1.5 s per probe).
    expect(Math.max(...health)).toBeLessThan(400);
  });
});
