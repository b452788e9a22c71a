// Cadres and villagers in chat: publishing by command and by dialogue, group registration, private-only votes.
import { DialogueSlot } from "../../src/core/dialogue.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conversation, startTestApp, type TestApp } from "../helpers/app.ts";
import { saveSlot } from "../helpers/dialogue.ts";
import { fixtureSnapshot } from "./fixtures.ts";

const START = new Date("2026-11-29T04:00:00Z");
let now = START;
let t: TestApp;

function consultationCount(): number {
  return t.app.store.db.prepare("SELECT COUNT(*) FROM consultations").pluck().get() as number;
}

async function inGroup(userId: string, text: string, payload?: string) {
  const result = await t.app.assistant.handle({
    channel: "telegram",
    userId,
    chatId: "-100",
    chatType: "group",
    mentioned: true,
    kind: "text",
    text,
    ...(payload ? { payload } : {}),
  });
  return result.replies.map((r) => r.text).join("\n");
}

beforeEach(async () => {
  now = START;
  t = await startTestApp({ env: { CADRE_IDS: "web:cadre,telegram:cadre" }, clock: () => now, snapshot: fixtureSnapshot() });
});

afterEach(async () => {
  await t.close();
});

describe("a cadre publishing in chat", () => {
  it("publishes with one command and pushes it to the village's villagers", async () => {
    await t.app.store.profiles.setVillage("web", "v1", "三家庄", now.toISOString());
    await t.app.store.profiles.setVillage("web", "v2", "岭西", now.toISOString());
    const cadre = conversation(t.url, "cadre");
    const published = await cadre.ask("发布征求意见：村东建养猪场｜企业投资200万｜默认｜三家庄｜12月10日");
    expect(published.text).toMatch(/已发布第1号征求意见“村东建养猪场”，面向三家庄，2026年12月10日 23:59 截止/);
    expect(published.text).toMatch(/已推送给 1 位/);
    const answer = await conversation(t.url, "v1").ask("反对，太臭了");
    expect(answer.text).toMatch(/已记下您对第1号征求意见“村东建养猪场”的回答：反对。您的想法也记下了：“太臭了”/);
    const outsider = await conversation(t.url, "v2").ask("1号 支持");
    expect(outsider.text).toMatch(/只面向三家庄，您登记的是岭西/);
  });

  it("explains the format and publishes nothing when the command is incomplete or wrong", async () => {
    const cadre = conversation(t.url, "cadre");
    expect((await cadre.ask("发布征求意见：修路｜背景｜默认")).text).toMatch(/需要 5 项/);
    expect((await cadre.ask("发布征求意见：修路｜｜默认｜火星村｜12月10日")).text).toMatch(/不认识这些村：火星村/);
    expect((await cadre.ask("发布征求意见：修路｜｜默认｜全镇｜明年某天")).text).toMatch(/看不懂截止日期/);
    expect(consultationCount()).toBe(0);
  });

  it("publishes step by step in a dialogue", async () => {
    const cadre = conversation(t.url, "cadre");
    expect((await cadre.ask("发布征求意见")).text).toMatch(/标题/);
    expect((await cadre.ask("村口设减速带")).text).toMatch(/背景/);
    expect((await cadre.ask("无")).text).toMatch(/选项/);
    expect((await cadre.ask("同意/不同意")).text).toMatch(/哪些村/);
    expect((await cadre.ask("火星村")).text).toMatch(/不认识这些村/);
    expect((await cadre.ask("全镇")).text).toMatch(/截止/);
    const confirm = await cadre.ask("下周五");
    expect(confirm.text).toMatch(/选项：同意 \/ 不同意/);
    expect(confirm.text).toMatch(/2026年12月4日 23:59/);
    expect(consultationCount()).toBe(0);
    expect((await cadre.ask("确认")).text).toMatch(/已发布第1号征求意见“村口设减速带”，面向全镇/);
    expect(consultationCount()).toBe(1);
  });

  it("politely refuses a villager who tries to publish, decide or read results, and changes nothing", async () => {
    const villager = conversation(t.url, "v9");
    const publish = await villager.ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    expect(publish.text).not.toMatch(/已发布/);
    expect(consultationCount()).toBe(0);
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    expect((await villager.ask("第1号征求意见决定：通过｜大家都同意")).text).not.toMatch(/已记录/);
    expect((await villager.ask("结束第1号征求意见")).text).not.toMatch(/已结束/);
    const row = t.app.store.db.prepare("SELECT decision, closed_at AS closedAt FROM consultations WHERE id = 1").get();
    expect(row).toEqual({ decision: null, closedAt: null });
    const audit = t.app.store.db.prepare("SELECT COUNT(*) FROM audit_log WHERE actor = 'web:v9' AND outcome = 'refused'").pluck().get();
    expect(audit).toBe(3);
  });
});

describe("village groups", () => {
  it("registers a group for a village, announces there without vote buttons, and refuses votes in the group", async () => {
    expect(await inGroup("v1", "本群是三家庄")).not.toMatch(/登记为/);
    expect(await inGroup("cadre", "本群是三家庄")).toMatch(/本群登记为三家庄的群/);
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜三家庄｜12月10日");
    const announced = t.app.store.db.prepare("SELECT text, quick_replies AS q FROM outbox WHERE channel = 'telegram' AND chat_id = '-100'").get() as {
      text: string;
      q: string;
    };
    expect(announced.text).toMatch(/请大家私聊我回复/);
    expect(JSON.parse(announced.q)).toEqual([]);
    expect(await inGroup("tg-5", "1号 支持")).toMatch(/请私聊我回答/);
    expect(t.app.store.db.prepare("SELECT COUNT(*) FROM consultation_votes").pluck().get()).toBe(0);
    // In the group a cadre's results query gives totals only.
    expect(await inGroup("cadre", "第1号征求意见结果")).toMatch(/共 0 人回复.*详细结果请私聊查看/);
  });
});

describe("a villager answering", () => {
  it("changes an answer until the deadline, and is told plainly after it", async () => {
    await t.app.store.profiles.setVillage("web", "v1", "白鹿屯", now.toISOString());
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜全镇｜明天");
    const villager = conversation(t.url, "v1");
    expect((await villager.ask("1")).text).toMatch(/已记下.*支持/);
    expect((await villager.ask("有条件支持，要先修排水沟")).text).toMatch(/之前选的是“支持”，现在改为“有条件支持”/);
    expect((await villager.ask("现在有什么要征求意见的")).text).toMatch(/您已回答：有条件支持（已计入/);
    expect((await conversation(t.url, "v2").ask("现在有什么要征求意见的")).text).not.toMatch(/您已回答/);
    now = new Date("2026-12-01T00:00:00Z");
    expect((await villager.ask("反对")).text).toMatch(/已经在 2026年11月30日 23:59 截止，这次的回答没有计入。您之前的回答“有条件支持”仍然有效/);
  });

  it("leaves a plain question alone even right after being asked about a consultation", async () => {
    await t.app.store.profiles.setVillage("web", "v1", "白鹿屯", now.toISOString());
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    const reply = await conversation(t.url, "v1").ask("支持政策有哪些？");
    expect(reply.text).not.toMatch(/已记下/);
    expect(t.app.store.db.prepare("SELECT COUNT(*) FROM consultation_votes").pluck().get()).toBe(0);
    // With a separator it is an answer whose comment happens to ask something.
    expect((await conversation(t.url, "v1").ask("反对，这钱谁出呢？")).text).toMatch(/已记下.*反对.*这钱谁出呢/);
  });

  it("says so when nothing is being consulted", async () => {
    expect((await conversation(t.url, "v1").ask("现在有什么要征求意见的")).text).toMatch(/目前没有正在进行的征求意见/);
  });
});

describe("sharing the chat with other dialogues", () => {
  it("lets a policy clarification asked later own a bare number", async () => {
    await t.app.store.profiles.setVillage("web", "v1", "白鹿屯", now.toISOString());
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    now = new Date(START.getTime() + 60_000);
    const clarifying = await DialogueSlot.open(t.app.store.sessions, "web:v1", now, () => 600_000);
    clarifying.start("policy-clarify", {
      kind: "clarify",
      question: "补助",
      options: ["placeholder"],
    });
    await saveSlot(t.app.store.sessions, clarifying);
    now = new Date(START.getTime() + 120_000);
    const reply = await conversation(t.url, "v1").ask("1");
    expect(reply.text).not.toMatch(/已记下/);
    expect(t.app.store.db.prepare("SELECT COUNT(*) FROM consultation_votes").pluck().get()).toBe(0);
    // Once that dialogue is over, "1" answers the consultation again.
    now = new Date(START.getTime() + 3_600_000);
    const over = await DialogueSlot.open(t.app.store.sessions, "web:v1", now, () => 600_000);
    over.end("policy-clarify");
    await saveSlot(t.app.store.sessions, over);
    expect((await conversation(t.url, "v1").ask("1")).text).toMatch(/已记下/);
  });

  it("reads a cadre's query written in Traditional characters", async () => {
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    const reply = await conversation(t.url, "cadre").ask("第1號徵求意見結果");
    expect(reply.text).toMatch(/回覆 0 人|回復 0 人|回复 0 人/);
  });
});

describe("a cadre's overview", () => {
  it("lists the latest consultations with status and support when no number is given", async () => {
    const cadre = conversation(t.url, "cadre");
    expect((await cadre.ask("征求意见结果统计")).text).toMatch(/还没有发布过征求意见/);
    await cadre.ask("发布征求意见：修路｜｜默认｜三家庄｜12月10日");
    const overview = await cadre.ask("征求意见结果统计");
    expect(overview.text).toMatch(/第1号“修路”：进行中，2026年12月10日 23:59 截止，回复 0 人，支持 0%（按户数） ⚠/);
    expect((await conversation(t.url, "v1").ask("征求意见结果统计")).text).not.toMatch(/第1号/);
  });
});

describe("recording meeting votes in chat", () => {
  it("adds a meeting's tally, tagged, and refuses a villager", async () => {
    const cadre = conversation(t.url, "cadre");
    await cadre.ask("发布征求意见：修路｜｜默认｜三家庄,白鹿屯｜12月10日");
    expect((await conversation(t.url, "v1").ask("第1号征求意见补录：三家庄 会议 支持60")).text).not.toMatch(/已补录/);
    expect((await cadre.ask("第1号征求意见补录：岭西 会议 支持6")).text).toMatch(/请写明是哪个村/);
    expect((await cadre.ask("第1号征求意见补录：三家庄 会议 支持6 反对2 有条件支持1")).text).toMatch(
      /已补录第1号征求意见三家庄的会议表决 9 票（支持6，反对2，有条件支持1）/,
    );
    const results = await cadre.ask("第1号征求意见结果");
    expect(results.text).toMatch(/回复 9 人（聊天 0，会议表决 9，代为表达 0）/);
  });
});

describe("a villager who would rather not say their village", () => {
  it("still counts in a township-wide consultation, but not in one for named villages", async () => {
    const cadre = conversation(t.url, "cadre");
    await cadre.ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    await cadre.ask("发布征求意见：建猪场｜｜默认｜三家庄｜12月10日");
    const villager = conversation(t.url, "shy");
    expect((await villager.ask("1号 支持")).text).toMatch(/哪个村/);
    expect((await villager.ask("不想说")).text).toMatch(/已记下.*支持/);
    expect((await villager.ask("2号 反对")).text).toMatch(/哪个村/);
    expect((await villager.ask("不想说")).text).toMatch(/只面向三家庄.*没有记下/);
    expect(t.app.store.db.prepare("SELECT consultation_id AS id, village FROM consultation_votes").all()).toEqual([{ id: 1, village: null }]);
  });
});

describe("an answer said in passing", () => {
  it("records the one stance in a sentence the classifier calls an opinion", async () => {
    await t.app.store.profiles.setVillage("web", "v1", "白鹿屯", now.toISOString());
    await conversation(t.url, "cadre").ask("发布征求意见：修路｜｜默认｜全镇｜12月10日");
    const prompt = await DialogueSlot.open(t.app.store.sessions, "web:v1", now, () => 600_000);
    prompt.end("consultation-prompt");
    await saveSlot(t.app.store.sessions, prompt);
    const reply = await conversation(t.url, "v1").ask("修路那个事我不同意");
    expect(reply.intent).toBe("opinion");
    expect(reply.text).toMatch(/已记下.*反对/);
    const ambiguous = await conversation(t.url, "v1").ask("我之前投的赞成现在想改反对");
    expect(ambiguous.text).not.toMatch(/现在改为/);
  });
});
