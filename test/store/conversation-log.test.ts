import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import type { LoggedMessage } from "../../src/store/messages.ts";
import type { LoggedTurn } from "../../src/store/turn-log.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(): { store: Store; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-log-"));
  dirs.push(dir);
  const path = join(dir, "log.db");
  return { store: Store.open(path, { backgroundCheckpoint: false }), path };
}

let n = 0;
function message(userId: string, text: string, extra: Partial<LoggedMessage> = {}): LoggedMessage {
  n++;
  return {
    channel: "web",
    userId,
    chatId: userId,
    text,
    intent: "policy",
    confidence: 0.9,
    answerIds: [],
    replyText: `答：${text}`,
    latencyMs: 1,
    createdAt: new Date(Date.UTC(2026, 10, 29, 8, 0, n)).toISOString(),
    ...extra,
  };
}

describe("a conversation's latest exchanges", () => {
  it("are the logged questions and replies, oldest first, and follow new messages as they are logged", async () => {
    const { store } = openStore();
    await store.messages.record(message("a", "三级残疾补多少"));
    await store.messages.record(message("b", "别人的问题"));
    expect((await store.messages.recentExchanges("web", "a", 3)).map((e) => e.text)).toEqual(["三级残疾补多少"]);
    await store.messages.record(message("a", "那二级呢"));
    await store.messages.record(message("a", "去哪里办"));
    const recent = await store.messages.recentExchanges("web", "a", 2);
    expect(recent.map((e) => e.text)).toEqual(["那二级呢", "去哪里办"]);
    expect(recent[1]!.replyText).toBe("答：去哪里办");
    expect(await store.messages.recentExchanges("telegram", "a", 3)).toEqual([]);
    store.close();
  });

  it("match what the database holds, also after a restart", async () => {
    const { store, path } = openStore();
    for (let i = 0; i < 15; i++) {
      await store.messages.record(message(`u${i % 3}`, `问题${i}`));
      await store.messages.recentExchanges("web", `u${i % 3}`, 10); // read as the LLM would, between messages
    }
    const before = await Promise.all([0, 1, 2].map((u) => store.messages.recentExchanges("web", `u${u}`, 10)));
    store.close();
    const reopened = Store.open(path, { backgroundCheckpoint: false });
    expect(await Promise.all([0, 1, 2].map((u) => reopened.messages.recentExchanges("web", `u${u}`, 10)))).toEqual(before);
    expect(before[0]!.map((e) => e.text)).toEqual(["问题0", "问题3", "问题6", "问题9", "问题12"]);
    reopened.close();
  });

  it("do not repeat a platform message that was logged twice", async () => {
    const { store } = openStore();
    await store.messages.recentExchanges("web", "a", 3);
    expect(await store.messages.record(message("a", "你好", { platformMessageId: "m1" }))).toBeTypeOf("number");
    expect(await store.messages.record(message("a", "你好", { platformMessageId: "m1" }))).toBeUndefined();
    expect((await store.messages.recentExchanges("web", "a", 3)).map((e) => e.text)).toEqual(["你好"]);
    store.close();
  });

  it("never include a turn whose write rolled back, whichever way it was written", async () => {
    const { store } = openStore();
    const turn = (text: string, extra: Partial<LoggedTurn> = {}) => store.turns.write({ message: message("a", text), ...extra }, { withinMs: 1000 });
    // channel is NOT NULL: the unanswered row fails after the log row was inserted, and both roll back.
    const failing = {
      unanswered: {
        channel: null as unknown as string,
        userId: "a",
        text: "x",
        reason: "no_answer" as const,
        bestEntryId: null,
        confidence: 0,
        createdAt: "t",
      },
    };
    await store.messages.record(message("a", "第一个问题"));
    await store.messages.recentExchanges("web", "a", 5);
    await expect(turn("写了一半", failing)).rejects.toThrow(/NOT NULL/);
    await turn("第二个问题");
    // Any other transaction: the copy is dropped and read again from the database.
    await store.sql.transaction(() => store.messages.record(message("a", "第三个问题")));
    expect((await store.messages.recentExchanges("web", "a", 5)).map((e) => e.text)).toEqual(["第一个问题", "第二个问题", "第三个问题"]);
    // Inside another transaction (written the asynchronous way): the outer transaction's outcome counts.
    await expect(
      store.sql.transaction(async () => {
        await turn("外层回滚");
        throw new Error("outer failed");
      }),
    ).rejects.toThrow("outer failed");
    // While another transaction holds the connection, a turn waits for it (never joins it: that one rolls back).
    let release: (() => void) | undefined;
    const holding = store.sql.transaction(async () => {
      await store.messages.record(message("a", "别人的事务"));
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error("the other transaction failed");
    });
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    const waiting = turn("第四个问题");
    const failingLater = turn("也回滚", failing);
    release();
    await expect(holding).rejects.toThrow("the other transaction failed");
    await waiting;
    await expect(failingLater).rejects.toThrow(/NOT NULL/);
    expect((await store.messages.recentExchanges("web", "a", 5)).map((e) => e.text)).toEqual(["第一个问题", "第二个问题", "第三个问题", "第四个问题"]);
    expect(await store.messages.count()).toBe(4);
    expect(await store.unanswered.list()).toEqual([]);
    store.close();
  });

  it("write a turn's dialogue state with its log row, and neither for a repeated platform message", async () => {
    const { store, path } = openStore();
    const dialogue = (value: unknown) => ({ key: "dialogue:web:a", value, at: "2026-11-30T08:00:00.000Z" });
    const first = await store.turns.write({ message: message("a", "你好", { platformMessageId: "m1" }), dialogue: dialogue({ step: 1 }) }, { withinMs: 1000 });
    expect(first).toBeTypeOf("number");
    expect((await store.sessions.get("dialogue:web:a"))?.data).toEqual({ step: 1 });
    const repeated = await store.turns.write(
      { message: message("a", "你好", { platformMessageId: "m1" }), dialogue: dialogue({ step: 2 }) },
      { withinMs: 1000 },
    );
    expect(repeated).toBeUndefined();
    expect((await store.sessions.get("dialogue:web:a"))?.data).toEqual({ step: 1 });
    await store.turns.write({ message: message("a", "算了"), dialogue: dialogue(null) }, { withinMs: 1000 });
    expect(await store.sessions.get("dialogue:web:a")).toBeUndefined();
    store.close();
    // Written to the file, not only to the cache.
    const reopened = Store.open(path, { backgroundCheckpoint: false });
    expect(await reopened.sessions.get("dialogue:web:a")).toBeUndefined();
    expect(await reopened.messages.count()).toBe(2);
    reopened.close();
  });

  it("keep only the latest ten per conversation in memory, reading more from the database when asked", async () => {
    const { store } = openStore();
    await store.messages.recentExchanges("web", "a", 1);
    for (let i = 0; i < 14; i++) await store.messages.record(message("a", `问题${i}`));
    expect((await store.messages.recentExchanges("web", "a", 10)).map((e) => e.text)).toEqual(Array.from({ length: 10 }, (_, i) => `问题${i + 4}`));
    expect(await store.messages.recentExchanges("web", "a", 12)).toHaveLength(12);
    store.close();
  });
});
