// Staff take a misfiled question out of the reports: it leaves every count, is kept apart, never reused.
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";

const TOKEN = "test-token-0123456789abcdef";
let t: TestApp;
afterEach(async () => t?.close());

const count = (sql: string) => t.app.store.db.prepare(sql).pluck().get() as number;

describe("marking a report as not a report", () => {
  it("takes it out of the cadre's counts, keeps the words and the decision, and never reuses the receipt", async () => {
    t = await startStaffApp({ CADRE_IDS: "web:cadre1" });
    await conversation(t.url, "a1").ask("东风村三组的沼气池不产气了");
    await conversation(t.url, "a2").ask("东风村幸福路上有个大坑");
    const cadre = conversation(t.url, "cadre1");
    expect((await cadre.ask("本月收到多少反映？")).text).toMatch(/本月共收到 2 条反映/);

    const villager = await conversation(t.url, "nosy").ask("FK000002 不是反映 备注 我说的");
    expect(villager.text).toMatch(/只对村镇工作人员开放/);
    expect(count("SELECT count(*) FROM feedback")).toBe(2);

    const noNote = await cadre.ask("FK000002 不是反映");
    expect(noNote.text).toMatch(/没有修改：请写明为什么不算反映/);
    const marked = await cadre.ask("把FK000002标为不是反映 备注 是问政策 不是反映问题");
    expect(marked.text).toMatch(/已把 FK000002 标为“不是反映”/);
    expect((await cadre.ask("本月收到多少反映？")).text).toMatch(/本月共收到 1 条反映/);
    expect(t.app.store.db.prepare("SELECT id, text, marked_by AS by, note FROM feedback_not_reports").all()).toEqual([
      { id: 2, text: "东风村幸福路上有个大坑", by: "web:cadre1", note: "是问政策 不是反映问题" },
    ]);
    expect(t.app.store.db.prepare("SELECT actor, action FROM audit_log WHERE action = '标为不是反映'").all()).toEqual([
      { actor: "web:cadre1", action: "标为不是反映" },
    ]);

    const next = await conversation(t.url, "a3").ask("李庄村的路灯坏了好几天了");
    expect(next.text).toMatch(/FK000003/);
  });

  it("is offered on the staff API with the note required, by field", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await conversation(t.url, "a1").ask("东风村三组的沼气池不产气了");
    const post = (body: unknown) =>
      fetch(`${t.url}/api/staff/feedback/FK000001/not-report`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const bad = await post({});
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("note");
    const ok = await post({ note: "是问沼气站在哪" });
    expect(ok.status).toBe(200);
    expect(count("SELECT count(*) FROM feedback")).toBe(0);
    expect((await post({ note: "again" })).status).toBe(404);
  });

  it("refuses empty, broken, huge and hostile bodies by field, and keeps a hostile note as plain data", async () => {
    t = await startStaffApp({ STAFF_API_TOKEN: TOKEN });
    await conversation(t.url, "a1").ask("东风村三组的沼气池不产气了");
    const raw = (receipt: string, body: string) =>
      fetch(`${t.url}/api/staff/feedback/${receipt}/not-report`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body,
      });
    expect((await (await raw("FK000001", "")).json()).error.code).toBe("EMPTY_BODY");
    expect((await (await raw("FK000001", "{note:")).json()).error.code).toBe("INVALID_JSON");
    const numeric = await raw("FK000001", JSON.stringify({ note: 42 }));
    expect(numeric.status).toBe(400);
    expect((await numeric.json()).error.field).toBe("note");
    const huge = await raw("FK000001", JSON.stringify({ note: "长".repeat(501) }));
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.field).toBe("note");
    expect((await raw("FK%27%3B--", JSON.stringify({ note: "x" }))).status).toBe(400);
    expect(count("SELECT count(*) FROM feedback")).toBe(1);

    const hostile = "<script>alert(1)</script>'; DROP TABLE feedback;--";
    expect((await raw("FK000001", JSON.stringify({ note: hostile }))).status).toBe(200);
    expect(t.app.store.db.prepare("SELECT note FROM feedback_not_reports").pluck().get()).toBe(hostile);
    expect(count("SELECT count(*) FROM sqlite_master WHERE name = 'feedback'")).toBe(1);
  });

  it("answers a cadre's command for a receipt that does not exist without changing anything", async () => {
    t = await startStaffApp({ CADRE_IDS: "web:cadre1" });
    await conversation(t.url, "a1").ask("东风村三组的沼气池不产气了");
    const r = await conversation(t.url, "cadre1").ask("FK999999 不是反映 备注 测试");
    expect(r.text).toMatch(/没有修改：没有回执号为 FK999999 的反映/);
    expect(count("SELECT count(*) FROM feedback")).toBe(1);
  });
});
