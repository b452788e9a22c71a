// A whole consultation over the real HTTP API and chat: publish, 50 villagers answer, results, decision, notices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAuth, conversation, postMessage, startTestApp, type TestApp } from "../helpers/app.ts";
import { fixtureSnapshot, FIXTURE_VILLAGES } from "./fixtures.ts";

const TOKEN = "consultation-test-token-0123456789";
const CADRE = "cadre-li";
const START = new Date("2026-11-29T04:00:00Z");
let now = START;
let t: TestApp;
let villageA: string;
let villageB: string;
let consultationId: number;

async function api(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/api/staff/consultations${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

async function notifications(userId: string): Promise<Array<{ text: string; quickReplies: Array<{ label: string; payload: string }> }>> {
  const res = await fetch(`${t.url}/api/notifications?userId=${encodeURIComponent(userId)}`, { headers: chatAuth });
  return ((await res.json()) as any).notifications;
}

function votesInDb(): number {
  return t.app.store.db.prepare("SELECT COUNT(*) FROM consultation_votes").pluck().get() as number;
}

beforeAll(async () => {
  villageA = FIXTURE_VILLAGES.villages[0]!.name;
  villageB = FIXTURE_VILLAGES.villages[1]!.name;
  t = await startTestApp({ env: { STAFF_API_TOKEN: TOKEN, CADRE_IDS: `web:${CADRE},telegram:${CADRE}` }, clock: () => now, snapshot: fixtureSnapshot() });
});

afterAll(async () => {
  await t?.close();
});

describe("a consultation from publishing to decision", () => {
  // 30 villagers told us their village before; 20 have never said which village they are from.
  const known = Array.from({ length: 30 }, (_, i) => `known-${i}`);
  const newcomers = Array.from({ length: 20 }, (_, i) => `new-${i}`);
  /** Final answers per villager (option index), to check the totals against. */
  const finalAnswers = new Map<string, number>();

  it("refuses the staff API without the token", async () => {
    const res = await api("POST", "", { title: "x", deadline: "12月10日" }, null);
    expect(res.status).toBe(401);
    const wrong = await api("GET", "", undefined, "wrong-token-wrong-token");
    expect(wrong.status).toBe(401);
  });

  it("explains what is wrong with a bad request and creates nothing", async () => {
    const noTitle = await api("POST", "", { deadline: "12月10日" });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.field).toBe("title");
    const badVillage = await api("POST", "", { title: "修路", audience: ["火星村"], deadline: "12月10日" });
    expect(badVillage.body.error).toMatchObject({ field: "audience" });
    expect(badVillage.body.error.message).toMatch(/火星村/);
    const past = await api("POST", "", { title: "修路", deadline: "2026-01-01" });
    expect(past.body.error.message).toMatch(/已经过了/);
    const list = await api("GET", "");
    expect(list.body.consultations).toEqual([]);
  });

  it("publishes and pushes the consultation to the villagers of the chosen villages", async () => {
    for (const [i, user] of known.entries()) await t.app.store.profiles.setVillage("web", user, i % 2 === 0 ? villageA : villageB, now.toISOString());
    await t.app.store.profiles.setVillage("web", "elsewhere", "不在受众里的村", now.toISOString());
    const res = await api("POST", "", { title: "村东建养猪场", background: "企业投资200万元，占地30亩", audience: [villageA, villageB], deadline: "12月10日" });
    expect(res.status).toBe(201);
    consultationId = res.body.consultation.id;
    expect(res.body.consultation.deadline).toBe("2026-12-10T15:59:59.000Z");
    expect(res.body.pushed.villagers).toBe(30);
    const inbox = await notifications(known[0]!);
    expect(inbox[0]!.text).toMatch(/村东建养猪场/);
    expect(inbox[0]!.quickReplies.map((q) => q.label)).toEqual(["1. 支持", "2. 反对", "3. 有条件支持"]);
    expect(await notifications("elsewhere")).toEqual([]);
  });

  it("records answers by button, by number and in words, each on disk before the reply", async () => {
    for (const [i, user] of known.slice(0, 25).entries()) {
      const chat = conversation(t.url, user);
      let reply: Awaited<ReturnType<ReturnType<typeof conversation>["ask"]>>;
      if (i % 5 === 0) reply = await chat.ask("1. 支持", { payload: `consultation:${consultationId}:1` });
      else if (i % 5 === 1) reply = await chat.ask("2");
      else if (i % 5 === 2) reply = await chat.ask("反对，太吵了，晚上睡不着");
      else if (i % 5 === 3) reply = await chat.ask("有条件支持，要先修路");
      else reply = await chat.ask("支持");
      expect(reply.text).toMatch(/已记下/);
      finalAnswers.set(user, [0, 1, 1, 2, 0][i % 5]!);
    }
    expect(votesInDb()).toBe(25);
  });

  it("asks a villager's village once, then records the answer", async () => {
    for (const [i, user] of newcomers.entries()) {
      const chat = conversation(t.url, user);
      const listed = await chat.ask("现在有什么要征求意见的");
      expect(listed.text).toMatch(/村东建养猪场/);
      const asked = await chat.ask(i % 2 === 0 ? "反对，补偿太少" : "同意");
      expect(asked.text).toMatch(/哪个村/);
      const recorded = await chat.ask(i % 4 < 2 ? villageA : villageB);
      expect(recorded.text).toMatch(/已记下/);
      finalAnswers.set(user, i % 2 === 0 ? 1 : 0);
    }
    expect(votesInDb()).toBe(45);
  });

  it("treats a second answer as a change and says so; the same answer again changes nothing", async () => {
    const changers = known
      .slice(0, 10)
      .filter((user) => finalAnswers.get(user) !== 1)
      .slice(0, 5);
    expect(changers).toHaveLength(5);
    for (const user of changers) {
      const changed = await conversation(t.url, user).ask(`${consultationId}号 反对`);
      expect(changed.text).toMatch(/之前选的是“.+”，现在改为“反对”/);
      finalAnswers.set(user, 1);
    }
    const same = await conversation(t.url, known[10]!).ask("支持");
    expect(same.text).toMatch(/这次选项没有变化/);
    expect(votesInDb()).toBe(45);
  });

  it("answers bad input clearly and changes nothing", async () => {
    const user = known[6]!;
    const before = finalAnswers.get(user);
    const outOfRange = await conversation(t.url, user).ask("7");
    expect(outOfRange.text).toMatch(/只有 3 个选项/);
    const unknown = await conversation(t.url, user).ask("999号 支持");
    expect(unknown.text).toMatch(/没有第999号征求意见/);
    const longComment = await conversation(t.url, user).ask(`反对，${"太吵".repeat(400)}`);
    expect(longComment.text).toMatch(/太长了/);
    // 10,000 characters: refused by the API's size limit over HTTP, and by the core in any channel.
    const huge = await postMessage(t.url, { userId: user, text: `反对，${"吵".repeat(10_000)}` });
    expect(huge.status).toBe(413);
    const viaChannel = await t.app.assistant.handle({
      channel: "web",
      userId: user,
      chatId: user,
      chatType: "private",
      mentioned: true,
      kind: "text",
      text: `反对，${"吵".repeat(10_000)}`,
    });
    expect(viaChannel.replies[0]!.text).toMatch(/太长/);
    const results = (await api("GET", `/${consultationId}/results`)).body.results;
    expect(results.respondents).toBe(45);
    expect(finalAnswers.get(user)).toBe(before);
    expect(results.options.map((o: any) => o.count)).toEqual([0, 1, 2].map((k) => [...finalAnswers.values()].filter((v) => v === k).length));
  });

  it("does not record a vote cast in a group, and asks for it in private", async () => {
    const group = await t.app.assistant.handle({
      channel: "telegram",
      userId: "tg-7",
      chatId: "-1001",
      chatType: "group",
      mentioned: true,
      kind: "text",
      text: `${consultationId}号 支持`,
      payload: undefined,
    });
    expect(group.replies[0]!.text).toMatch(/私聊/);
    const tapped = await t.app.assistant.handle({
      channel: "telegram",
      userId: "tg-8",
      chatId: "-1001",
      chatType: "group",
      mentioned: true,
      kind: "text",
      text: "1. 支持",
      payload: `consultation:${consultationId}:1`,
    });
    expect(tapped.replies[0]!.text).toMatch(/私聊/);
    expect(votesInDb()).toBe(45);
  });

  it("reminds the villagers who have not answered, once, the day before the deadline", async () => {
    now = new Date("2026-12-10T02:00:00Z");
    const queued = await api("POST", "/reminders");
    expect(queued.body.queued).toBe(5);
    expect((await api("POST", "/reminders")).body.queued).toBe(0);
    const silent = await notifications(known[29]!);
    expect(silent.some((n) => /提醒/.test(n.text))).toBe(true);
    const answered = await notifications(known[0]!);
    expect(answered.some((n) => /提醒/.test(n.text))).toBe(false);
  });

  it("records votes cast at a meeting, tagged as such", async () => {
    const bad = await api("POST", `/${consultationId}/votes`, { votes: [{ option: 9, village: villageA, method: "meeting" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("votes.0.option");
    const res = await api("POST", `/${consultationId}/votes`, {
      votes: [
        { option: 1, village: villageA, method: "meeting", count: 6 },
        { option: 2, village: villageB, method: "proxy", comment: "代老人表达：怕臭" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.recorded).toBe(7);
  });

  it("takes no answers after the deadline and says so", async () => {
    now = new Date("2026-12-11T01:00:00Z");
    for (const user of known.slice(25)) {
      const late = await conversation(t.url, user).ask("支持");
      expect(late.text).toMatch(/已经在 2026年12月10日 23:59 截止/);
    }
    expect(votesInDb()).toBe(52);
  });

  it("shows counts, turnout against households, the support flag and themes, but never who voted", async () => {
    const res = await api("GET", `/${consultationId}/results`);
    const r = res.body.results;
    expect(r.respondents).toBe(52);
    expect(r.byMethod).toEqual({ chat: 45, meeting: 6, proxy: 1 });
    const counted = [0, 1, 2].map((k) => [...finalAnswers.values()].filter((v) => v === k).length);
    expect(r.options.map((o: any) => o.count)).toEqual([counted[0]! + 6, counted[1]! + 1, counted[2]!]);
    // 三家庄 120 + 白鹿屯 80 households, marked as example numbers in the fixture.
    expect(r.households).toEqual({ total: 200, isExample: true, villagesWithoutData: [] });
    expect(r.turnout).toBeCloseTo(52 / 200);
    const households = 200;
    const supporters = counted[0]! + 6 + counted[2]!;
    expect(r.support.supporters).toBe(supporters);
    expect(r.support.share).toBeCloseTo(supporters / households);
    expect(r.support.belowThreshold).toBe(true);
    expect(r.advice).toMatch(/绝大多数群众不支持的项目不立项/);
    expect(r.comments.themes.map((th: any) => th.theme)).toContain("噪音与环境");
    const everything = [res.body, (await api("GET", "")).body, (await api("GET", `/${consultationId}`)).body];
    const json = JSON.stringify(everything);
    for (const user of [...known, ...newcomers]) expect(json).not.toContain(user);
    // No endpoint lists voters: only the documented ones exist.
    for (const path of [`/${consultationId}/votes`, `/${consultationId}/voters`, `/${consultationId}/answers`]) {
      const probe = await api("GET", path);
      expect(probe.status).toBe(404);
    }
  });

  it("lets a cadre read the results in chat, and refuses a villager", async () => {
    const cadre = await conversation(t.url, CADRE).ask(`第${consultationId}号征求意见结果`);
    expect(cadre.text).toMatch(/回复 52 人/);
    expect(cadre.text).not.toMatch(/known-|new-/);
    const villager = await conversation(t.url, known[0]!).ask(`第${consultationId}号征求意见结果`);
    expect(villager.text).not.toMatch(/回复 52 人/);
  });

  it("records the decision and tells every participant, and only them", async () => {
    const bad = await api("POST", `/${consultationId}/decision`, { decision: "maybe", reason: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("decision");
    const res = await api("POST", `/${consultationId}/decision`, {
      decision: "postponed",
      reason: "支持的户数不到一半，先解决噪音和补偿",
      riskNote: "有群体上访风险",
    });
    expect(res.status).toBe(200);
    expect(res.body.notified).toBe(45);
    expect(res.body.results.decision.decision).toBe("postponed");
    const again = await api("POST", `/${consultationId}/decision`, { decision: "approved", reason: "改主意" });
    expect(again.status).toBe(409);
    for (const user of [known[0]!, newcomers[3]!]) {
      const inbox = await notifications(user);
      expect(inbox.some((n) => /镇里的决定：推迟/.test(n.text))).toBe(true);
    }
    const lateOne = await notifications(known[29]!);
    expect(lateOne.some((n) => /镇里的决定/.test(n.text))).toBe(false);
  });
});
