// Staff functions in chat: role checks on every call, statistics, state changes, invite codes.
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "./data-fixture.ts";

let t: TestApp;
afterEach(async () => t?.close());

const count = (t: TestApp, sql: string) => t.app.store.db.prepare(sql).pluck().get() as number;

async function seedReports(t: TestApp) {
  const reports: Array<[string, string]> = [
    ["a1", "东风村三组的沼气池不产气了"],
    ["a2", "东风村幸福路上有个大坑"],
    ["a3", "李庄村5号沼气池漏气"],
    ["a4", "东风村学校门口垃圾没人清运"],
  ];
  for (const [user, text] of reports) await conversation(t.url, user).ask(text);
}

describe("staff in chat", () => {
  it("refuses a villager's staff commands politely, logs them, and changes nothing", async () => {
    t = await startStaffApp();
    await seedReports(t);
    const v = conversation(t.url, "nosy");
    for (const text of ["本月收到多少反映？", "把FK000001改成已解决 备注 我说好了", "生成邀请码 admin", "有哪些问题答不上来"]) {
      const r = await v.ask(text);
      expect(r.text).toMatch(/抱歉.*只对村镇工作人员开放/s);
      expect(r.text).not.toMatch(/\d+ 条|FK0000|邀请码：/);
    }
    expect(t.app.store.db.prepare("SELECT DISTINCT status FROM feedback").pluck().all()).toEqual(["confirmed"]);
    expect(count(t, "SELECT count(*) FROM invite_codes")).toBe(0);
    const audit = t.app.store.db.prepare("SELECT actor, action, outcome FROM audit_log ORDER BY id").all();
    expect(audit).toEqual([
      { actor: "web:nosy", action: "查看反映统计", outcome: "refused" },
      { actor: "web:nosy", action: "修改反映状态", outcome: "refused" },
      { actor: "web:nosy", action: "生成邀请码", outcome: "refused" },
      { actor: "web:nosy", action: "查看答不上来的问题", outcome: "refused" },
    ]);
  });

  it("answers a cadre's counting questions from the reports on disk", async () => {
    t = await startStaffApp({ CADRE_IDS: "web:cadre1" });
    await seedReports(t);
    const cadre = conversation(t.url, "cadre1");
    const month = await cadre.ask("本月收到多少反映？");
    expect(month.intent).toBe("staff");
    expect(month.text).toMatch(/本月共收到 4 条反映，其中还没处理完的 4 条/);
    expect(month.text).toMatch(/沼气：2 条/);
    const biogas = await cadre.ask("沼气的问题有几条？");
    expect(biogas.text).toMatch(/，沼气方面共收到 2 条/);
    const villages = await cadre.ask("哪个村反映最多");
    expect(villages.text).toMatch(/1\. 东风村：3 条\n2\. 李庄村：1 条/);
    await cadre.ask("把FK000002改成已解决 备注 路面已补好");
    const open = await cadre.ask("还有多少没处理");
    expect(open.text).toMatch(/其中还没处理完的 3 条/);
    expect(open.text).toMatch(/一周内 3 条/);
  });

  it("lists the questions the assistant could not answer", async () => {
    t = await startStaffApp({ ADMIN_IDS: "telegram:9,web:boss" });
    await conversation(t.url, "q1").ask("火星上能种小麦吗");
    const boss = conversation(t.url, "boss");
    const r = await boss.ask("有哪些问题答不上来");
    expect(r.text).toMatch(/火星上能种小麦吗/);
  });

  it("requires a known state and a note for a state change, and says why nothing changed", async () => {
    t = await startStaffApp({ CADRE_IDS: "web:cadre1" });
    await seedReports(t);
    const cadre = conversation(t.url, "cadre1");
    expect((await cadre.ask("把FK000001改成处理中")).text).toMatch(/请加上备注/);
    expect((await cadre.ask("把FK000001改成飞走了 备注 哈")).text).toMatch(/没看懂“飞走了”/);
    expect((await cadre.ask("把FK000099改成处理中 备注 测试")).text).toMatch(/没有修改：没有回执号为 FK000099/);
    expect(count(t, "SELECT count(*) FROM feedback_history")).toBe(4);
    const ok = await cadre.ask("把FK000001改成处理中，备注：沼气服务站下周上门");
    expect(ok.text).toMatch(/已把 FK000001 从“已受理”改为“处理中”/);
    expect(t.app.store.db.prepare("SELECT note, actor FROM feedback_history ORDER BY id DESC LIMIT 1").get()).toEqual({
      note: "沼气服务站下周上门",
      actor: "web:cadre1",
    });
  });

  it("lets an admin issue a one-time invite code, which makes nobody staff in the web chat", async () => {
    t = await startStaffApp({ ADMIN_IDS: "web:boss", CADRE_IDS: "web:cadre1" });
    const boss = conversation(t.url, "boss");
    const issued = await boss.ask("生成邀请码 cadre");
    const code = /邀请码：([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(issued.text)?.[1];
    expect(code).toBeDefined();

    // A web chat identity is a cookie in some browser: staff rights come only with a staff login.
    const newbie = conversation(t.url, "newbie");
    expect((await newbie.ask(`邀请码 ${code}`)).text).toMatch(/网页聊天不能登记工作人员身份.*管理后台/s);
    expect((await newbie.ask("本月收到多少反映？")).text).toMatch(/抱歉/);
    // A cadre cannot issue codes.
    expect((await conversation(t.url, "cadre1").ask("生成邀请码 admin")).text).toMatch(/需要管理员权限/);
  });
});
