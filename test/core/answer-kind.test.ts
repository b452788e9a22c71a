// Answer kinds are a union that every feature adds to: the log keeps the same strings, a typo does not compile.
import { describe, expect, it } from "vitest";
import type { AnswerKind } from "../../src/core/answer-kind.ts";
import { startTestApp } from "../helpers/app.ts";

describe("answer kinds", () => {
  it("knows every feature's kinds and refuses a misspelt one (checked by tsc)", () => {
    const kinds: AnswerKind[] = ["answer", "clarify", "dialogue", "feedback", "smalltalk", "staff_refused", "consultation_recorded", "dialogue_reset"];
    // @ts-expect-error "anwser" is no kind any feature registered
    const typo: AnswerKind = "anwser";
    expect(kinds).not.toContain(typo);
  });

  it("logs the same strings as before: a policy answer is 'answer', a report is 'feedback'", async () => {
    const t = await startTestApp({ listen: false });
    const send = (text: string) =>
      t.app.assistant.handle({ channel: "web", userId: "kinds", chatId: "kinds", chatType: "private", mentioned: true, kind: "text", text });
    try {
      expect((await send("沼气池后期维修谁负责")).answerKind).toBe("answer");
      expect((await send("三组的路灯坏了一个星期了，晚上黑灯瞎火的")).answerKind).toBe("feedback");
    } finally {
      await t.close();
    }
  });
});
