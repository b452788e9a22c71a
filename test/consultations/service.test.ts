// The consultation lifecycle on a real SQLite file: push, answers, reminders, decision notices.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { Notifier } from "../../src/core/notifier.ts";
import { Store } from "../../src/store/index.ts";
import { ConsultationService } from "../../src/consultations/service.ts";
import { DEFAULT_OPTIONS, type VillageInfo } from "../../src/consultations/model.ts";

const VILLAGES: VillageInfo[] = [
  { name: "三家庄", aliases: [], households: 20, households_is_example: true },
  { name: "白鹿屯", aliases: [], households: 10, households_is_example: true },
];

let dir: string;
let store: Store;
let now: Date;
let service: ConsultationService;

function pending(chatId?: string) {
  return store.db
    .prepare("SELECT user_id AS userId, chat_id AS chatId, text, dedupe_key AS dedupeKey FROM outbox WHERE (? IS NULL OR chat_id = ?) ORDER BY id")
    .all(chatId ?? null, chatId ?? null) as Array<{ userId: string; chatId: string; text: string; dedupeKey: string }>;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "xiangqin-consult-"));
  store = Store.open(join(dir, "t.db"), { backgroundCheckpoint: false });
  now = new Date("2026-11-29T04:00:00Z");
  const clock = () => now;
  const config = loadConfig({ DB_PATH: join(dir, "t.db") });
  const services = {
    config,
    store,
    logger: silentLogger,
    clock,
    notifier: new Notifier(store.outbox, silentLogger, clock),
  };
  service = new ConsultationService({ services, villages: () => VILLAGES });
  for (let i = 0; i < 3; i++) await store.profiles.setVillage("web", `s${i}`, "三家庄", now.toISOString());
  await store.profiles.setVillage("web", "b0", "白鹿屯", now.toISOString());
  await service.store.registerGroup("telegram", "-100", "三家庄", "web:cadre", now.toISOString());
  await service.store.registerGroup("telegram", "-200", "白鹿屯", "web:cadre", now.toISOString());
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function publish(audience = ["三家庄"], deadline = new Date("2026-12-02T15:59:59Z")) {
  return service.publish({ title: "村东建养猪场", background: "", options: [...DEFAULT_OPTIONS], audience, deadline }, "web:cadre");
}

describe("publishing a consultation", () => {
  it("pushes it with option buttons to the audience's villagers, and without buttons to their groups", async () => {
    const { consultation, villagers, groups } = await publish();
    expect({ villagers, groups }).toEqual({ villagers: 3, groups: 1 });
    const sent = pending();
    expect(sent.map((m) => m.chatId).sort()).toEqual(["-100", "s0", "s1", "s2"]);
    const toVillager = (await store.outbox.get(1))!;
    expect(toVillager.quickReplies.map((q) => q.payload)).toEqual([
      `consultation:${consultation.id}:1`,
      `consultation:${consultation.id}:2`,
      `consultation:${consultation.id}:3`,
    ]);
    expect(pending("-100")[0]!.text).toMatch(/私聊/);
    expect((await store.outbox.get(4))!.quickReplies).toEqual([]);
  });

  it("does not push twice when announced again", async () => {
    const { consultation } = await publish();
    await service.announce(consultation);
    expect(pending()).toHaveLength(4);
  });

  it("goes to every village's villagers and groups when it is for the whole township", async () => {
    const { villagers, groups } = await publish([]);
    expect({ villagers, groups }).toEqual({ villagers: 4, groups: 2 });
  });
});

describe("reminders and the decision", () => {
  it("reminds only villagers who have not answered, once, within a day of the deadline", async () => {
    const { consultation } = await publish();
    await service.store.upsertVote({
      consultationId: consultation.id,
      channel: "web",
      userId: "s0",
      chatId: "s0",
      optionIndex: 0,
      comment: null,
      village: "三家庄",
      at: now.toISOString(),
    });
    expect(await service.sendDueReminders(now)).toBe(0);
    now = new Date("2026-12-01T17:00:00Z");
    expect(await service.sendDueReminders(now)).toBe(2);
    expect(await service.sendDueReminders(now)).toBe(0);
    const reminders = pending().filter((m) => m.dedupeKey.includes(":reminder:"));
    expect(reminders.map((m) => m.chatId).sort()).toEqual(["s1", "s2"]);
    now = new Date("2026-12-03T00:00:00Z");
    expect(await service.sendDueReminders(now)).toBe(0);
  });

  it("tells participants and the groups the totals and the decision, and nobody else", async () => {
    const { consultation } = await publish();
    for (const [user, option] of [
      ["s0", 0],
      ["s1", 1],
    ] as const) {
      await service.store.upsertVote({
        consultationId: consultation.id,
        channel: "web",
        userId: user,
        chatId: user,
        optionIndex: option,
        comment: null,
        village: "三家庄",
        at: now.toISOString(),
      });
    }
    const outcome = (await service.decide(consultation.id, "postponed", "支持的户数不到一半", "噪音和补偿问题要先解决", "web:cadre"))!;
    expect(outcome.notified).toBe(3);
    const notices = pending().filter((m) => m.dedupeKey.includes(":decision:"));
    expect(notices.map((m) => m.chatId).sort()).toEqual(["-100", "s0", "s1"]);
    expect(notices[0]!.text).toMatch(/支持 1 人，反对 1 人/);
    expect(notices[0]!.text).toMatch(/推迟/);
    expect((await service.get(consultation.id))!.closedAt).not.toBeNull();
  });

  it("never puts a voter's id in the results", async () => {
    const { consultation } = await publish();
    await service.store.upsertVote({
      consultationId: consultation.id,
      channel: "web",
      userId: "secret-villager",
      chatId: "secret-villager",
      optionIndex: 1,
      comment: "我家就在旁边",
      village: "三家庄",
      at: now.toISOString(),
    });
    await service.recordVotes(consultation.id, [{ optionIndex: 0, village: "三家庄", method: "meeting", comment: null }], "web:cadre");
    const json = JSON.stringify(await service.results(consultation.id));
    expect(json).not.toMatch(/secret-villager/);
    expect(json).not.toMatch(/web:cadre/);
    expect((await service.results(consultation.id))!.byMethod).toEqual({ chat: 1, meeting: 1, proxy: 0 });
  });
});
