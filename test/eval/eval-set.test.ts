// The shared evaluation set, scored in process: every question must pass (npm run eval prints details).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAnswer, parseEvalSet } from "../../src/eval/score.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";

const items = parseEvalSet(readFileSync("test/eval/dev.jsonl", "utf8"));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false });
});
afterAll(async () => {
  await t.close();
});

describe("evaluation set", () => {
  it.each(items.map((item) => [item.id, item.text, item] as const))("%s %s", async (_id, text, item) => {
    const result = await t.app.assistant.handle({ channel: "web", userId: `eval-${item.id}`, chatId: `eval-${item.id}`, chatType: "private", mentioned: true, kind: "text", text });
    expect(checkAnswer(item, result)).toEqual([]);
  });
});
