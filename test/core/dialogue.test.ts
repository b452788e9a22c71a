// The core keeps one active dialogue per conversation: owner, state, expiry; a later dialogue suspends it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import { DialogueSlot, offerDialogue } from "../../src/core/dialogue.ts";
import { startTestApp } from "../helpers/app.ts";

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
const slot = (minutes: number) => new DialogueSlot(store.sessions, "web:v1", at(minutes), () => 10 * 60_000);

describe("the conversation's active dialogue", () => {
  it("belongs to one owner at a time; another owner reads nothing", () => {
    slot(0).start("feedback", { step: "village" });
    expect(slot(1).active()?.owner).toBe("feedback");
    expect(slot(1).stateOf("eligibility")).toBeUndefined();
    expect(slot(1).stateOf("feedback")).toEqual({ step: "village" });
  });

  it("suspends the dialogue a new one interrupts and resumes it when the new one ends", () => {
    slot(0).start("consultation-prompt", { consultationId: 1 });
    slot(1).start("policy-clarify", { options: ["a"] });
    expect(slot(2).active()?.owner).toBe("policy-clarify");
    slot(3).end("policy-clarify");
    expect(slot(4).stateOf("consultation-prompt")).toEqual({ consultationId: 1 });
  });

  it("forgets a dialogue when it expires, and resumes the interrupted one if that is still fresh", () => {
    const ttl = (owner: string) => (owner === "consultation-prompt" ? 60 : 10) * 60_000;
    const long = (minutes: number) => new DialogueSlot(store.sessions, "web:v1", at(minutes), ttl);
    long(0).start("consultation-prompt", { consultationId: 1 });
    long(5).start("policy-clarify", { options: ["a"] });
    expect(long(14).active()?.owner).toBe("policy-clarify");
    expect(long(16).active()?.owner).toBe("consultation-prompt");
    expect(long(61).active()).toBeUndefined();
  });

  it("does not let an outside offer cut into a dialogue in progress", () => {
    slot(0).start("eligibility", { pending: "poor" });
    expect(offerDialogue(store.sessions, "web:v1", "consultation-prompt", { consultationId: 2 }, at(1), 60_000)).toBe(false);
    expect(slot(2).active()?.owner).toBe("eligibility");
    slot(3).end("eligibility");
    expect(offerDialogue(store.sessions, "web:v1", "consultation-prompt", { consultationId: 2 }, at(4), 60_000)).toBe(true);
  });

  it("survives a restart: the state is on disk, not in memory", async () => {
    slot(0).start("feedback", { step: "consent", feedbackId: 3 });
    await store.close();
    store = Store.open(join(dir, "test.db"));
    expect(slot(1).stateOf("feedback")).toEqual({ step: "consent", feedbackId: 3 });
  });
});

describe("the core decides before the owner continues", () => {
  it("answers 你好 normally during the village question, which stays asked", async () => {
    const t = await startTestApp({ listen: false });
    try {
      const say = (text: string) => t.app.assistant.handle({ channel: "web", userId: "v9", chatId: "v9", chatType: "private", mentioned: true, kind: "text", text });
      await say("村东头路灯坏了半个月了");
      const hello = await say("你好");
      expect(hello.replies[0]!.text).not.toMatch(/没有找到/);
      const village = await say("三家庄");
      expect(village.replies[0]!.text).toMatch(/记下了：您是三家庄的/);
    } finally {
      await t.close();
    }
  });

  it("ends a dialogue on 重新开始 whatever its owner", async () => {
    const t = await startTestApp({ listen: false });
    try {
      const say = (text: string) => t.app.assistant.handle({ channel: "web", userId: "v8", chatId: "v8", chatType: "private", mentioned: true, kind: "text", text });
      await say("我能领什么补助？");
      const reset = await say("重新开始");
      expect(reset.replies[0]!.text).toMatch(/取消/);
      const next = await say("二级");
      expect(next.replies[0]!.text).not.toMatch(/贫困户（比如/);
    } finally {
      await t.close();
    }
  });
});
