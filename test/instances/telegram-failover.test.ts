// Telegram long polling on two instances of one database: one of them (the lease holder) polls; when it is killed,
// the other takes over within a few seconds, and no update is answered twice, not even one the dead leader had
// fetched but not confirmed (Telegram hands it out again; the message log knows it). Progress notices queued on
// either instance go out once, from whichever instance polls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, textUpdate } from "../channels/support/fake-telegram.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { eventually, kill9, sleep, staffApi, startInstances, stopAll, type Instance } from "./support.ts";

const LEASE = "channel:telegram";

describe.runIf(ENGINES.includes("postgres"))("Telegram polling fails over between instances", () => {
  let database: TestDatabase;
  let telegram: FakeTelegram;
  let instances: Instance[];

  const holder = async () => (await database.sql.db.selectFrom("leases").select(["holder", "expires_at"]).where("name", "=", LEASE).executeTakeFirst())?.holder;
  const logged = (instance: Instance, message: string) => instance.stderr.join("").includes(message);

  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    telegram = await FakeTelegram.start();
    // Debug logs: each instance says whether it runs the poller, and which updates it dropped as repeats.
    instances = await startInstances(database, ["a", "b"], { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, LOG_LEVEL: "debug" });
  }, 90_000);

  afterAll(async () => {
    if (instances) await stopAll(instances);
    await telegram?.close();
    await database?.close();
  }, 30_000);

  it("polls on the lease holder only, and moves to the other instance when the holder is killed", async () => {
    const leaderName = await eventually(holder, 5000, "a lease holder");
    const leader = instances.find((i) => i.name === leaderName)!;
    const follower = instances.find((i) => i !== leader)!;
    await telegram.waitFor((calls) => calls.some((c) => c.method === "getUpdates"), 5000);
    expect(logged(leader, "this instance now runs the job")).toBe(true);
    expect(logged(follower, "this instance now runs the job")).toBe(false);
    expect(logged(follower, "channel runs on another instance")).toBe(true);
    // Only a running bot asks who it is.
    expect(telegram.callsOf("getMe")).toHaveLength(1);

    telegram.push(textUpdate({ chatId: 101, text: "三级贫困残疾人每年救助多少？" }));
    await telegram.waitFor(() => telegram.sentTo(101).length > 0, 5000);

    // A report from Telegram; its progress notice, queued by a state change made on the instance that does not
    // poll, goes out from the one that does (within its 5 s outbox round).
    telegram.push(textUpdate({ chatId: 201, text: "东风村3组路灯坏了半个月了" }));
    await telegram.waitFor(() => telegram.sentTo(201).length > 0, 5000);
    const receipt = /回执号：(FK\d{6})/.exec(telegram.sentTo(201)[0]!)?.[1];
    expect(receipt, telegram.sentTo(201)[0]).toBeDefined();
    const firstChange = await staffApi(follower.url, "POST", `/feedback/${receipt}/state`, { state: "in_progress", note: "已安排电工周二来修" });
    expect(firstChange.status).toBe(200);
    await telegram.waitFor(() => telegram.sentTo(201).some((t) => t.includes("已安排电工周二来修")), 8000);

    // The update the leader will have fetched (and answered) when it dies; kept to hand out again.
    const unconfirmed = textUpdate({ chatId: 102, text: "低保怎么申请？" });
    const unconfirmedId = telegram.push(unconfirmed);
    await telegram.waitFor(() => telegram.sentTo(102).length > 0, 5000);

    const killedAt = Date.now();
    await kill9(leader);
    // Telegram hands out again what was not confirmed when the poller died: here, the last update answered.
    telegram.push({ ...unconfirmed, update_id: unconfirmedId });
    telegram.push(textUpdate({ chatId: 103, text: "残疾证怎么办？" }));
    await telegram.waitFor(() => telegram.sentTo(103).length > 0, 15_000);
    const takeoverMs = Date.now() - killedAt;
    expect(await holder()).toBe(follower.name);
    expect(logged(follower, "this instance now runs the job")).toBe(true);
    // Lease of 2 s, tried every ~0.7 s, then the bot's start: well within 6 s.
    expect(takeoverMs).toBeLessThan(6000);

    // The new poller also delivers the notices now.
    const secondChange = await staffApi(follower.url, "POST", `/feedback/${receipt}/state`, { state: "fixed", note: "路灯已换新" });
    expect(secondChange.status).toBe(200);
    await telegram.waitFor(() => telegram.sentTo(201).some((t) => t.includes("路灯已换新")), 8000);

    // Time for a second answer to show up, had there been one.
    await sleep(1500);
    for (const chat of [101, 102, 103]) expect(telegram.sentTo(chat), `chat ${chat}`).toHaveLength(1);
    // The receipt and each notice, once.
    expect(telegram.sentTo(201)).toHaveLength(3);
    const outbox = await database.sql.db.selectFrom("outbox").select(["status", "attempts"]).where("channel", "=", "telegram").execute();
    expect(outbox).toEqual([
      { status: "sent", attempts: 1 },
      { status: "sent", attempts: 1 },
    ]);
    // The new leader did get the update handed out again, and recognised it from the shared message log (its own
    // memory of recent update ids is empty: it never saw the update before).
    expect(logged(follower, "telegram duplicate message dropped")).toBe(true);
    const rows = await database.sql.db.selectFrom("messages").select(["chat_id", "platform_message_id"]).where("channel", "=", "telegram").execute();
    expect(rows.map((r) => r.chat_id).sort()).toEqual(["101", "102", "103", "201"]);
    console.info(`Telegram failover: the survivor answered ${takeoverMs} ms after the leader was killed (lease 2 s)`);
  }, 40_000);
});
