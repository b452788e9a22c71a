// Three real app processes on one PostgreSQL database, as a deployment behind a load balancer runs them: one
// conversation's turns go to different instances and stay in order, reports and votes sent to all three at once
// are each filed once, a notice is collected once however many instances are polled, a staff login made on one
// instance works on the others, and when one instance is killed mid-flood no acknowledged report is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { browser, call, eventually, kill9, replyText, sleep, staffApi, startInstances, stopAll, vouched, type Instance, type JsonReply } from "./support.ts";

/** Requests in flight at once per instance in the kill -9 flood. */
const FLOOD_WORKERS = 8;
const VILLAGES = ["汪疃村", "三家庄", "白鹿屯", "郝家庄", "陈家山"];
/**
 * Twenty different problems: five villages times four categories. Reports of one category in one village that
 * share a place word would be asked "是同一个问题吗？" instead of filed (the "me too" check), which is not what
 * these tests are about.
 */
const PROBLEMS = ["路灯坏了好几天了", "自来水停了三天了", "垃圾好久没人清运了", "变压器老是跳闸停电"];
const reportOf = (i: number) => `${VILLAGES[i % VILLAGES.length]}${i + 1}组${PROBLEMS[Math.floor(i / VILLAGES.length)]}`;

describe.runIf(ENGINES.includes("postgres"))("three instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let instances: Instance[];
  /** The instance for the i-th request: round robin, as a load balancer spreads them. */
  const at = (i: number) => instances[i % instances.length]!.url;

  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    instances = await startInstances(database, ["a", "b", "c"], { ADMIN_PASSWORD: "管理员的初始密码123" });
  }, 90_000);

  afterAll(async () => {
    if (instances) await stopAll(instances);
    await database?.close();
  }, 30_000);

  it("accepts a web chat identity issued by another instance, and keeps a dialogue's state across instances", async () => {
    const villager = browser();
    const asked = await villager.say(at(0), "村东头路灯坏了半个月了");
    expect(asked.status).toBe(200);
    expect(replyText(asked)).toMatch(/哪个村/);
    const issued = villager.cookie!;
    expect(issued).toMatch(/^xq_chat=w/);

    const filed = await villager.say(at(1), "东风村");
    expect(filed.status).toBe(200);
    const receipt = /FK\d{6}/.exec(replyText(filed))?.[0];
    expect(receipt, replyText(filed)).toBeDefined();
    // B renewed the same identity rather than issuing a new one.
    expect(villager.cookie).toBe(issued);

    const progress = await villager.say(at(2), `${receipt} 怎么样了`);
    expect(replyText(progress)).toContain(receipt!);
    expect(replyText(progress)).not.toMatch(/没有找到/);

    const userId = issued.slice("xq_chat=".length).split(".")[0]!;
    const report = await database.sql.db.selectFrom("feedback").selectAll().where("user_id", "=", userId).execute();
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ channel: "web", village: "东风村", text: "村东头路灯坏了半个月了" });
    const turns = await database.sql.db.selectFrom("messages").select(["text"]).where("user_id", "=", userId).orderBy("id").execute();
    expect(turns.map((t) => t.text)).toEqual(["村东头路灯坏了半个月了", "东风村", `${receipt} 怎么样了`]);
  });

  it("handles a burst of one conversation's messages sent to all instances at once one turn at a time", async () => {
    const villager = vouched("burst-villager");
    const questions = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? `三级贫困残疾人每年救助多少？（第${i + 1}问）` : `低保怎么申请？（第${i + 1}问）`));
    const replies = await Promise.all(questions.map((q, i) => villager.say(at(i), q)));
    for (const reply of replies) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(replyText(reply).length).toBeGreaterThan(0);
    }
    const turns = await database.sql.db
      .selectFrom("messages")
      .select(["text", "created_at", "latency_ms"])
      .where("user_id", "=", "burst-villager")
      .orderBy("created_at")
      .execute();
    expect(turns.map((t) => t.text).sort()).toEqual([...questions].sort());
    // Each turn runs from its start (created_at) for latency_ms; the next one, on whichever instance, starts after
    // it ended. Slack: latency_ms counts from just before the turn's first query (the repeat check) and created_at
    // is read just after it, so the end computed here overshoots by that query's time (a few ms on a busy machine).
    // Without the lock across instances, turns overlapped here by ~280 ms.
    const spans = turns.map((t) => ({ text: t.text, start: Date.parse(t.created_at), end: Date.parse(t.created_at) + t.latency_ms }));
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]!.start, `${spans[i]!.text} began before ${spans[i - 1]!.text} ended`).toBeGreaterThanOrEqual(spans[i - 1]!.end - 10);
    }
  }, 30_000);

  describe("20 villagers at once", () => {
    const villagers = Array.from({ length: 20 }, (_, i) => vouched(`villager-${i}`));
    const receipts = new Map<string, string>();
    let consultationId: number;

    it("files each report once with its own receipt number", async () => {
      const replies = await Promise.all(villagers.map((v, i) => v.say(at(i), reportOf(i))));
      for (const [i, reply] of replies.entries()) {
        expect(reply.status).toBe(200);
        const receipt = /回执号：(FK\d{6})/.exec(replyText(reply))?.[1];
        expect(receipt, replyText(reply)).toBeDefined();
        receipts.set(villagers[i]!.userId, receipt!);
      }
      expect(new Set(receipts.values()).size).toBe(20);
      const rows = await database.sql.db.selectFrom("feedback").select(["id", "user_id", "text"]).where("user_id", "like", "villager-%").execute();
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        expect(receipts.get(row.user_id)).toBe(`FK${String(row.id).padStart(6, "0")}`);
        expect(row.text).toBe(reportOf(Number(row.user_id.split("-")[1])));
      }
    }, 30_000);

    it("counts one vote per villager, whichever instance each vote reached", async () => {
      const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const published = await staffApi(at(0), "POST", "/consultations", { title: "村里修建文化广场", background: "占地5亩", deadline });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      consultationId = published.body.consultation.id;

      // Villager i supports when i is even, opposes when odd.
      const vote = async (i: number): Promise<JsonReply> => {
        const v = villagers[i]!;
        let reply = await v.say(at(i + 1), `${consultationId}号 ${i % 2 === 0 ? "支持" : "反对"}`);
        if (/哪个村/.test(replyText(reply))) reply = await v.say(at(i + 2), VILLAGES[i % VILLAGES.length]!);
        return reply;
      };
      const replies = await Promise.all(villagers.map((_, i) => vote(i)));
      for (const reply of replies) expect(replyText(reply)).toMatch(/已记下/);

      const votes = await database.sql.db
        .selectFrom("consultation_votes")
        .select(["user_id", "option_index"])
        .where("consultation_id", "=", consultationId)
        .execute();
      expect(votes).toHaveLength(20);
      for (const row of votes) expect(row.option_index).toBe(Number(row.user_id!.split("-")[1]) % 2 === 0 ? 0 : 1);
      const results = await staffApi(at(2), "GET", `/consultations/${consultationId}/results`);
      expect(results.body.results.respondents).toBe(20);
      expect(results.body.results.options.map((o: { count: number }) => o.count)).toEqual([10, 10, 0]);
    }, 40_000);

    it("keeps one vote, the last, when a villager votes again on another instance", async () => {
      const changer = villagers[0]!; // voted 支持
      const changed = await changer.say(at(1), `${consultationId}号 有条件支持`);
      expect(replyText(changed)).toMatch(/现在改为“有条件支持”/);
      const again = await changer.say(at(2), `${consultationId}号 反对`);
      expect(replyText(again)).toMatch(/之前选的是“有条件支持”，现在改为“反对”/);

      // Two changes at the same moment on two instances: one after the other, and the later one stands.
      const racer = villagers[2]!; // voted 支持
      const [first, second] = await Promise.all([racer.say(at(0), `${consultationId}号 反对`), racer.say(at(1), `${consultationId}号 有条件支持`)]);
      const texts = [replyText(first), replyText(second)];
      // Whichever went second saw the other's vote as the previous one.
      const last = texts.findIndex((t) => /之前选的是“(反对|有条件支持)”/.test(t));
      expect(last, texts.join(" | ")).toBeGreaterThanOrEqual(0);
      const lastOption = last === 0 ? 1 : 2;

      const rows = await database.sql.db
        .selectFrom("consultation_votes")
        .select(["user_id", "option_index", "changes"])
        .where("consultation_id", "=", consultationId)
        .where("user_id", "in", [changer.userId, racer.userId])
        .execute();
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.user_id === changer.userId)).toMatchObject({ option_index: 1, changes: 2 });
      expect(rows.find((r) => r.user_id === racer.userId)).toMatchObject({ option_index: lastOption, changes: 2 });
      const results = await staffApi(at(1), "GET", `/consultations/${consultationId}/results`);
      expect(results.body.results.respondents).toBe(20);
      // 10 支持 − 2 changers; 反对 +1 (changer), racer on 反对 or 有条件支持.
      expect(results.body.results.options.map((o: { count: number }) => o.count)).toEqual(lastOption === 1 ? [8, 12, 0] : [8, 11, 1]);
    }, 20_000);

    it("delivers each notice once when a villager polls every instance at the same moment", async () => {
      // A state change on every report, made through the instances in turn, notifies each reporter.
      const changes = await Promise.all(
        villagers.map((v, i) => staffApi(at(i), "POST", `/feedback/${receipts.get(v.userId)}/state`, { state: "in_progress", note: "已安排电工来修" })),
      );
      for (const change of changes) expect(change.status, JSON.stringify(change.body)).toBe(200);

      const collected = new Map<string, number[]>();
      for (let round = 0; round < 3; round++) {
        const polls = await Promise.all(villagers.flatMap((v) => instances.map(async (instance) => ({ v, reply: await v.notifications(instance.url) }))));
        for (const { v, reply } of polls) {
          expect(reply.status).toBe(200);
          for (const notice of reply.body.notifications as Array<{ id: number }>) collected.set(v.userId, [...(collected.get(v.userId) ?? []), notice.id]);
        }
      }
      const outbox = await database.sql.db
        .selectFrom("outbox")
        .select(["id", "user_id", "status", "text"])
        .where("channel", "=", "web")
        .where("user_id", "like", "villager-%")
        .execute();
      for (const v of villagers) {
        const queued = outbox.filter((o) => o.user_id === v.userId);
        // The consultation's announcement and the progress notice at least.
        expect(queued.some((o) => o.text.includes(receipts.get(v.userId)!))).toBe(true);
        const got = collected.get(v.userId) ?? [];
        expect(got.sort((x, y) => x - y)).toEqual(queued.map((o) => o.id).sort((x, y) => x - y));
      }
      expect(outbox.every((o) => o.status === "sent")).toBe(true);
    }, 30_000);
  });

  it("accepts a staff login made on one instance on the others, and ends it everywhere at logout", async () => {
    const created = await staffApi(at(0), "POST", "/accounts", { username: "zhang", displayName: "张三", password: "张三的密码12345", role: "cadre" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const login = await call(at(1), "/api/staff/login", { body: { username: "zhang", password: "张三的密码12345" } });
    expect(login.status).toBe(200);
    const set = login.headers["set-cookie"];
    const cookie = (Array.isArray(set) ? set[0]! : set!).split(";")[0]!;
    const csrf = login.body.csrfToken as string;

    const me = await call(at(2), "/api/staff/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe("staff:zhang");
    const dashboard = await call(at(0), "/admin", { headers: { cookie } });
    expect(dashboard.status).toBe(200);
    expect(String(dashboard.body)).toContain("张三");
    // A change with the session's CSRF token, on a third instance.
    const report = await database.sql.db.selectFrom("feedback").select("id").orderBy("id").executeTakeFirstOrThrow();
    const receipt = `FK${String(report.id).padStart(6, "0")}`;
    const changed = await call(at(2), `/api/staff/feedback/${receipt}/state`, {
      body: { state: "planned", note: "列入下月计划" },
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const history = await database.sql.db
      .selectFrom("feedback_history")
      .select(["actor", "to_status"])
      .where("feedback_id", "=", report.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(history).toMatchObject({ actor: "staff:zhang", to_status: "planned" });

    const logout = await call(at(0), "/api/staff/logout", { method: "POST", body: {}, headers: { cookie, "x-csrf-token": csrf } });
    expect(logout.status).toBe(200);
    for (const instance of instances) expect((await call(instance.url, "/api/staff/me", { headers: { cookie } })).status).toBe(401);
  });

  // Last: it kills the third instance. SIGKILL runs no shutdown code at all, as a crash or the OOM killer.
  it("keeps every acknowledged report when an instance is killed mid-flood, and the others answer on", async () => {
    const victim = instances[2]!;
    const survivors = instances.slice(0, 2);
    interface Sent {
      userId: string;
      text: string;
      to: Instance;
      reply: JsonReply;
    }
    const sent: Sent[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let stopAt = Number.POSITIVE_INFINITY;
    let serial = 0;
    // Each worker sends one report after another to its instance until told to stop; every report is a new
    // villager's (a different 组 each, so none is taken for another's "same problem").
    const worker = async (to: Instance) => {
      while (Date.now() < stopAt) {
        const n = ++serial;
        const userId = `flood-${to.name}-${n}`;
        const text = `东风村${n}组停电了，一天了还没来电`;
        const reply = await vouched(userId).say(to.url, text);
        sent.push({ userId, text, to, reply });
        // A refused connection (the victim is gone) comes back at once: don't spin.
        if (reply.status === 0) await sleep(50);
      }
    };
    const receipted = (s: Sent) => /回执号：FK\d{6}/.test(replyText(s.reply));
    const receiptsFrom = (to: Instance[], after = 0) => sent.filter((s) => to.includes(s.to) && s.reply.startedAt > after && receipted(s)).length;
    const flood = Promise.all(instances.flatMap((to) => Array.from({ length: FLOOD_WORKERS }, () => worker(to))));
    // Kill once every instance has acknowledged a fair number (however fast this machine is), then flood on.
    await eventually(async () => instances.every((i) => receiptsFrom([i]) >= 20) || undefined, 20_000, "20 receipts from each instance");
    killedAt = Date.now();
    await kill9(victim);
    await eventually(async () => receiptsFrom(survivors, killedAt) >= 40 || undefined, 20_000, "40 receipts after the kill");
    stopAt = Date.now();
    await flood;

    const acknowledged = sent.filter(receipted);
    // Every 200 was a receipt, and every receipt's report is stored as the villager sent it.
    expect(sent.filter((s) => s.reply.status === 200)).toHaveLength(acknowledged.length);
    const rows = await database.sql.db.selectFrom("feedback").select(["id", "user_id", "text"]).where("user_id", "like", "flood-%").execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const s of acknowledged) {
      const id = Number(/回执号：FK(\d{6})/.exec(replyText(s.reply))![1]);
      expect(byId.get(id), `${s.userId} got FK${id}`).toMatchObject({ user_id: s.userId, text: s.text });
    }
    // No report was stored twice.
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(rows.length);

    // The survivors answered everything sent to them, before the kill and after.
    const toSurvivors = sent.filter((s) => survivors.includes(s.to));
    expect(toSurvivors.filter((s) => s.reply.status !== 200).map((s) => s.reply.error ?? s.reply.status)).toEqual([]);
    // Requests to the victim after the kill found nobody.
    const lateToVictim = sent.filter((s) => s.to === victim && s.reply.startedAt > killedAt);
    expect(lateToVictim.length).toBeGreaterThan(0);
    expect(lateToVictim.every((s) => s.reply.status === 0)).toBe(true);

    // Villagers whose turn was cut off by the kill carry on at a survivor: the killed process's connections,
    // and the conversation locks they held, are gone with it.
    const cutOff = sent.filter((s) => s.to === victim && s.reply.status === 0 && s.reply.startedAt <= killedAt);
    expect(cutOff.length).toBeGreaterThan(0);
    const followUps = await Promise.all(cutOff.map((s, i) => vouched(s.userId).say(survivors[i % survivors.length]!.url, "我反映的事怎么样了")));
    for (const reply of followUps) {
      expect(reply.status).toBe(200);
      expect(reply.endedAt - reply.startedAt).toBeLessThan(5000);
    }
    const fromVictim = acknowledged.filter((s) => s.to === victim).length;
    console.info(
      `kill -9 mid-flood: ${acknowledged.length} receipts (${fromVictim} from the killed instance), ${cutOff.length} requests cut off ` +
        `by the kill (${rows.length - acknowledged.length} of them filed without a reply), ${lateToVictim.length} refused after it`,
    );
  }, 60_000);
});
