// The core keeps one active dialogue per conversation: owner, state, expiry; a later dialogue suspends it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import { DialogueSlot, offerDialogue } from "../../src/core/dialogue.ts";
import { startTestApp } from "../helpers/app.ts";
import { saveSlot } from "../helpers/dialogue.ts";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xiangqin-dialogue-"));
  store = Store.open(join(dir, "test.db"));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 29, 8, minutes));
const slot = (minutes: number) => DialogueSlot.open(store.sessions, "web:v1", at(minutes), () => 10 * 60_000);
/** Opens the slot at `minutes`, changes it, and writes the change (as a turn's log transaction would). */
async function change(open: Promise<DialogueSlot>, edit: (slot: DialogueSlot) => void): Promise<void> {
  const opened = await open;
  edit(opened);
  await saveSlot(store.sessions, opened);
}

describe("the conversation's active dialogue", () => {
  it("belongs to one owner at a time; another owner reads nothing", async () => {
    await change(slot(0), (s) => s.start("feedback", { step: "village" }));
    expect((await slot(1)).active()?.owner).toBe("feedback");
    expect((await slot(1)).stateOf("eligibility")).toBeUndefined();
    expect((await slot(1)).stateOf("feedback")).toEqual({ step: "village" });
  });

  it("suspends the dialogue a new one interrupts and resumes it when the new one ends", async () => {
    await change(slot(0), (s) => s.start("consultation-prompt", { consultationId: 1 }));
    await change(slot(1), (s) => s.start("policy-clarify", { options: ["a"] }));
    expect((await slot(2)).active()?.owner).toBe("policy-clarify");
    await change(slot(3), (s) => s.end("policy-clarify"));
    expect((await slot(4)).stateOf("consultation-prompt")).toEqual({ consultationId: 1 });
  });

  it("forgets a dialogue when it expires, and resumes the interrupted one if that is still fresh", async () => {
    const ttl = (owner: string) => (owner === "consultation-prompt" ? 60 : 10) * 60_000;
    const long = (minutes: number) => DialogueSlot.open(store.sessions, "web:v1", at(minutes), ttl);
    await change(long(0), (s) => s.start("consultation-prompt", { consultationId: 1 }));
    await change(long(5), (s) => s.start("policy-clarify", { options: ["a"] }));
    expect((await long(14)).active()?.owner).toBe("policy-clarify");
    expect((await long(16)).active()?.owner).toBe("consultation-prompt");
    expect((await long(61)).active()).toBeUndefined();
  });

  it("does not let an outside offer cut into a dialogue in progress", async () => {
    await change(slot(0), (s) => s.start("eligibility", { pending: "poor" }));
    expect(await offerDialogue(store.sessions, "web:v1", "consultation-prompt", { consultationId: 2 }, at(1), 60_000)).toBe(false);
    expect((await slot(2)).active()?.owner).toBe("eligibility");
    await change(slot(3), (s) => s.end("eligibility"));
    expect(await offerDialogue(store.sessions, "web:v1", "consultation-prompt", { consultationId: 2 }, at(4), 60_000)).toBe(true);
  });

  it("does not let an outside offer overwrite a dialogue started after it looked", async () => {
    const offered = await slot(0);
    // A turn starts a dialogue between the offer's look and its write: the offer must not overwrite it.
    await change(slot(0), (s) => s.start("eligibility", { pending: "poor" }));
    offered.start("consultation-prompt", { consultationId: 2 });
    expect(await offered.flushIfUnchanged()).toBe(false);
    expect((await slot(1)).active()?.owner).toBe("eligibility");
    expect(await offerDialogue(store.sessions, "web:v1", "consultation-prompt", { consultationId: 2 }, at(1), 60_000)).toBe(false);
  });

  it("survives a restart: the state is on disk, not in memory", async () => {
    await change(slot(0), (s) => s.start("feedback", { step: "consent", feedbackId: 3 }));
    await store.close();
    store = Store.open(join(dir, "test.db"));
    expect((await slot(1)).stateOf("feedback")).toEqual({ step: "consent", feedbackId: 3 });
  });
});

describe("the core decides before the owner continues", () => {
  /** Runs a conversation against a real app on its own SQLite file and returns each reply's text. */
  async function converse(userId: string, ...texts: string[]): Promise<string[]> {
    const t = await startTestApp({ listen: false });
    try {
      const replies: string[] = [];
      for (const text of texts) {
        const result = await t.app.assistant.handle({ channel: "web", userId, chatId: userId, chatType: "private", mentioned: true, kind: "text", text });
        replies.push(result.replies[0]?.text ?? "");
      }
      return replies;
    } finally {
      await t.close();
    }
  }

  it("answers 你好 normally during the village question, which stays asked", async () => {
    const [, hello, village] = await converse("v9", "村东头路灯坏了半个月了", "你好", "三家庄");
    expect(hello).not.toMatch(/没有找到/);
    expect(village).toMatch(/记下了：您是三家庄的/);
  });

  it("ends a dialogue on 重新开始 whatever its owner", async () => {
    const [, reset, next] = await converse("v8", "我能领什么补助？", "重新开始", "二级");
    expect(reset).toMatch(/取消/);
    expect(next).not.toMatch(/贫困户（比如/);
  });
});
