// A report told over several messages, as villagers do on their phones: "I want to report" first, the
// problem next, then more about it. One report, with everything said, and no second receipt.
import { afterEach, describe, expect, it } from "vitest";
import { conversation, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";

let t: TestApp;
afterEach(async () => t?.close());

const reports = (t: TestApp) => t.app.store.db.prepare("SELECT id, text, category, village FROM feedback ORDER BY id").all() as any[];

describe("a report over several messages", () => {
  it("files the message after 俺要举报 even when the knowledge base could also answer it", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m1");
    const ask = await v.ask("俺要举报");
    expect(ask.text).toMatch(/具体是什么问题/);
    const filed = await v.ask("镇上有家网吧让小学生进去包夜");
    expect(filed.text).toMatch(/受理登记，回执号：FK000001/);
    expect(reports(t)).toHaveLength(1);
  });

  it("files nothing when the villager changes their mind after 我要反映个问题", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m0");
    await v.ask("我要反映个问题");
    const never = await v.ask("没有 算了");
    expect(never.text).not.toMatch(/FK\d+/);
    expect(reports(t)).toHaveLength(0);
  });

  it("adds what follows a report to it, durably, instead of filing a second one", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m2");
    await v.ask("东风村健身广场的灯全坏了");
    const more = await v.ask("晚上黑灯瞎火，老人摔了好几回");
    expect(more.text).toMatch(/已补充到您刚才的反映里（回执号 FK000001）/);
    const [only, ...none] = reports(t);
    expect(none).toHaveLength(0);
    expect(only.text).toMatch(/灯全坏了[\s\S]*补充：晚上黑灯瞎火/);
  });

  it("keeps a huge or hostile follow-up as masked, bounded text, never as markup or a phone number", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m5");
    await v.ask("东风村健身广场的灯全坏了");
    const hostile = `晚上黑灯瞎火，老人摔了 <script>alert(1)</script> 打我电话13812345678 ${"黑".repeat(1500)}`;
    const more = await v.ask(hostile);
    expect(more.text).toMatch(/已补充到您刚才的反映里/);
    expect(more.text).not.toMatch(/<script>|13812345678/);
    const [report] = reports(t);
    expect(report.text).not.toMatch(/13812345678/);
    const added = report.text.slice(report.text.indexOf("补充："));
    expect(added.length).toBeLessThanOrEqual("补充：".length + 500);
    // Empty text never reaches the report: the API refuses it, naming the field.
    await expect(v.ask("   ")).rejects.toThrow(/字段 text/);
    expect(reports(t)).toHaveLength(1);
  });

  it("adds how long it has lasted and a plea to send someone, put as a question, to the report just filed", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m6");
    await v.ask("俺反映一下");
    await v.ask("东风村的自来水浑得很");
    const more = await v.ask("一个多礼拜了 能派人看看不");
    expect(more.text).toMatch(/已补充到您刚才的反映里（回执号 FK000001）/);
    const [only, ...none] = reports(t);
    expect(none).toHaveLength(0);
    expect(only.text).toMatch(/补充：一个多礼拜了 能派人看看不/);
    const when = await v.ask("昨天发现的");
    expect(when.text).toMatch(/已补充到您刚才的反映里/);
    expect(reports(t)).toHaveLength(1);
  });

  it("keeps the details said with the village, and files a new problem (还有…) on its own", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m3");
    await v.ask("河堤出事了");
    const village = await v.ask("东风村河那段挡土墙塌了一块");
    expect(village.text).toMatch(/已归到东风村，您说的情况也补充进去了/);
    expect(reports(t)[0].text).toMatch(/补充：.*挡土墙塌了一块/);
    const second = await v.ask("还有村口垃圾没人收");
    expect(second.text).toMatch(/回执号：FK000002/);
    expect(reports(t)).toHaveLength(2);
  });

  it("does not take a question or a status query after a report for more of it", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "m4");
    await v.ask("东风村村东头路灯坏了半个月了");
    const status = await v.ask("我反映的事怎么样了？");
    expect(status.text).toMatch(/FK000001.*已受理/);
    const question = await v.ask("三级贫困残疾人一年救助多少");
    expect(question.text).toMatch(/400/);
    expect(reports(t)[0].text).not.toMatch(/补充/);
  });
});
