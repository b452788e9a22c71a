// A villager's report from receipt to "fixed" and back, over the real HTTP chat API.
import { afterEach, describe, expect, it } from "vitest";
import { chatAuth, conversation, postMessage, type TestApp } from "../helpers/app.ts";
import { startStaffApp } from "../staff/data-fixture.ts";
import { InboundMessageSchema } from "../../src/core/message.ts";

let t: TestApp;
afterEach(async () => t?.close());

const rows = (t: TestApp, sql: string, ...params: unknown[]) => t.app.store.db.prepare(sql).all(...params) as any[];
const notifications = async (url: string, userId: string) =>
  ((await (await fetch(`${url}/api/notifications?userId=${userId}`, { headers: chatAuth })).json()) as { notifications: Array<{ text: string }> })
    .notifications;

describe("villager reports", () => {
  it("files a report with a receipt, category and village, asks the village once and remembers it", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "v1");
    const first = await v.ask("村东头路灯坏了半个月了");
    expect(first.intent).toBe("feedback");
    expect(first.text).toMatch(/回执号：FK000001/);
    expect(first.text).toMatch(/哪个村/);
    // Two characters that name no village are asked again; a full place name the list lacks is kept as said.
    const wrong = await v.ask("东凤");
    expect(wrong.text).toMatch(/没有找到“东凤”这个村/);
    const answer = await v.ask("东风村");
    expect(answer.text).toMatch(/东风村/);
    const [report] = rows(t, "SELECT category, village, places, status FROM feedback");
    expect(report).toEqual({ category: "路灯", village: "东风村", places: '["东头","路灯"]', status: "confirmed" });

    const second = await v.ask("三组的沼气池不产气了");
    expect(second.text).toMatch(/FK000002（东风村，沼气）/);
    expect(second.text).not.toMatch(/哪个村/);
  });

  it("masks phone and ID numbers before storage and keeps the original only with consent", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "v2");
    await v.ask("东风村", {}); // not a report: answered by whatever intent, village not yet set
    const r = await v.ask("李庄村二组水管冻裂了一直在冒水，联系我13812345678");
    expect(r.text).toMatch(/回执号/);
    expect(r.text).toMatch(/电话或身份证号.*同意/s);
    const [stored] = rows(t, "SELECT text, unmasked_text FROM feedback");
    expect(stored.text).toContain("138****5678");
    expect(stored.unmasked_text).toBeNull();
    await v.ask("同意");
    expect(rows(t, "SELECT unmasked_text FROM feedback")[0].unmasked_text).toContain("13812345678");

    const w = conversation(t.url, "v3");
    await w.ask("张庄村垃圾桶满了都溢出来了，我电话13912345678");
    await w.ask("不同意");
    const dump =
      JSON.stringify(rows(t, "SELECT * FROM feedback")) + JSON.stringify(rows(t, "SELECT * FROM messages")) + JSON.stringify(rows(t, "SELECT * FROM sessions"));
    expect(dump).not.toContain("13912345678");
  });

  it("answers '我反映的事怎么样了' with the villager's own reports only", async () => {
    t = await startStaffApp();
    const a = conversation(t.url, "va");
    const b = conversation(t.url, "vb");
    await a.ask("东风村幸福路上有个大坑");
    await b.ask("李庄村的低保两个月没发了");
    const mine = await a.ask("我反映的事怎么样了？");
    expect(mine.text).toMatch(/FK000001.*道路.*已受理/);
    expect(mine.text).not.toMatch(/FK000002|低保|补贴/);
    const other = await a.ask("FK000002 怎么样了");
    expect(other.text).toMatch(/没有找到您名下/);
    expect(other.text).not.toMatch(/补贴|低保|李庄/);
  });

  it("offers 'the same problem?' for a matching open report and counts a me-too instead of a duplicate", async () => {
    t = await startStaffApp({ CADRE_IDS: "web:cadre1" });
    const a = conversation(t.url, "va");
    const b = conversation(t.url, "vb");
    await a.ask("东风村村东头路灯坏了半个月了");
    const offer = await b.ask("东风村东头的路灯一到晚上就不亮");
    expect(offer.text).toMatch(/是同一个问题吗/);
    expect(offer.text).not.toMatch(/半个月/); // another villager's words are never shown
    expect(rows(t, "SELECT count(*) AS n FROM feedback")[0].n).toBe(1);
    const yes = await b.ask("是");
    expect(yes.text).toMatch(/共有 2 人反映.*FK000001/);
    expect(rows(t, "SELECT count(*) AS n FROM feedback")[0].n).toBe(1);
    expect(rows(t, "SELECT me_too FROM feedback")[0].me_too).toBe(1);

    const c = conversation(t.url, "vc");
    await c.ask("东风村东头路灯又坏了一个");
    const separate = await c.ask("不是");
    expect(separate.text).toMatch(/FK000002/);

    // Both the reporter and the me-too villager hear about progress.
    const cadre = conversation(t.url, "cadre1");
    const changed = await cadre.ask("把FK000001改成处理中 备注 已安排电工周二来修");
    expect(changed.text).toMatch(/已把 FK000001 从“已受理”改为“处理中”.*2 人/);
    expect((await notifications(t.url, "va"))[0]?.text).toMatch(/FK000001.*处理中[\s\S]*已安排电工/);
    expect((await notifications(t.url, "vb"))[0]?.text).toMatch(/FK000001.*处理中/);
    expect(await notifications(t.url, "vc")).toEqual([]);
  });

  it("lets a villager reopen a report marked fixed, keeping every change in the history", async () => {
    t = await startStaffApp({ CADRE_IDS: "web:cadre1" });
    const v = conversation(t.url, "v1");
    await v.ask("东风村学校门口垃圾没人清运");
    const cadre = conversation(t.url, "cadre1");
    await cadre.ask("把FK000001改成已解决 备注 已清运");
    const notice = await notifications(t.url, "v1");
    expect(notice[0]?.text).toMatch(/已解决[\s\S]*还没修好/);
    const reopened = await v.ask("FK000001 还没修好，垃圾还在");
    expect(reopened.text).toMatch(/FK000001.*已重新打开/);
    const history = rows(t, "SELECT from_status, to_status, note, actor FROM feedback_history ORDER BY id");
    expect(history.map((h) => h.to_status)).toEqual(["confirmed", "fixed", "confirmed"]);
    expect(history[2].note).toMatch(/还没解决/);
    expect(history[1].actor).toBe("web:cadre1");
  });

  it("stores SQL and HTML in a report verbatim, and refuses a 10,000-character report without storing it", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "v1");
    const nasty = `东风村路灯坏了'); DROP TABLE feedback; -- <script>alert(1)</script>`;
    const r = await v.ask(nasty);
    expect(r.text).toMatch(/回执号/);
    expect(rows(t, "SELECT text FROM feedback")[0].text).toBe(nasty);

    // 10,000 characters of Chinese is ~30 KB: the HTTP layer answers first, clearly, and nothing is stored.
    const huge = await postMessage(t.url, { userId: "v1", text: "路灯坏了".repeat(2500) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: "BODY_TOO_LARGE", message: expect.stringMatching(/16 KB/) });
    // Within the body limit but over the chat limit: the assistant says how long is too long.
    const long = await postMessage(t.url, { userId: "v1", text: "路灯坏了".repeat(1000) });
    expect(long.status).toBe(200);
    expect(long.body.replies[0].text).toMatch(/4000 个字，太长了/);
    expect(rows(t, "SELECT count(*) AS n FROM feedback")[0].n).toBe(1);
  });

  it("files anonymous reports without a name and asks for details when a villager only says they want to report", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "v1");
    const vague = await v.ask("我要反映问题");
    expect(vague.text).toMatch(/具体是什么问题/);
    expect(rows(t, "SELECT count(*) AS n FROM feedback")[0].n).toBe(0);
    const anon = await postMessage(t.url, { userId: "v1", text: "匿名反映一下，东风村有人在河边乱倒建筑垃圾" });
    expect(anon.body.replies[0].text).toMatch(/匿名/);
    expect(rows(t, "SELECT anonymous, display_name FROM feedback")[0]).toEqual({ anonymous: 1, display_name: null });
  });

  it("asks a villager who reports in a group to write privately, and stores nothing", async () => {
    t = await startStaffApp();
    const result = await t.app.assistant.handle(
      InboundMessageSchema.parse({
        channel: "telegram",
        userId: "42",
        chatId: "-100777",
        chatType: "group",
        mentioned: true,
        text: "东风村村东头路灯坏了半个月了",
      }),
    );
    expect(result.replies[0]?.text).toMatch(/请私聊我/);
    expect(rows(t, "SELECT count(*) AS n FROM feedback")[0].n).toBe(0);
  });

  it("lets a question through instead of reading it as the village asked for", async () => {
    t = await startStaffApp();
    const v = conversation(t.url, "v1");
    expect((await v.ask("村东头路灯坏了半个月了")).text).toMatch(/哪个村/);
    const question = await v.ask("残疾人救助");
    expect(question.text).not.toMatch(/没有找到/);
    expect(question.text).toMatch(/400/);
    expect((await v.ask("三组的沼气池不产气了")).text).not.toMatch(/哪个村/);
  });
});
