// `npm run chat`: a terminal conversation with the assistant (same pipeline as the web chat). Quick replies
// are listed as numbered choices; typing the number sends that choice, as tapping a button would.
import { createInterface } from "node:readline/promises";
import { createLocalApp } from "./local-app.ts";
import type { QuickReply } from "../core/message.ts";

const app = createLocalApp();
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
process.stdout.write("乡亲助手（终端）。输入问题后回车，输入 exit 退出。\n");
rl.setPrompt("您> ");
rl.prompt();
let choices: QuickReply[] = [];
for await (const line of rl) {
  const text = line.trim();
  if (text === "exit" || text === "quit" || text === "退出") break;
  if (text) {
    // "2" right after a list of choices picks the second one.
    const picked = /^\d{1,2}$/.test(text) ? choices[Number(text) - 1] : undefined;
    const result = await app.assistant.handle({
      channel: "cli",
      userId: "terminal",
      chatId: "terminal",
      chatType: "private",
      mentioned: true,
      kind: "text",
      text: picked ? picked.label : text,
      ...(picked ? { payload: picked.payload } : {}),
    });
    choices = [];
    for (const r of result.replies) {
      process.stdout.write(`助手> ${r.text}\n`);
      for (const c of r.citations) process.stdout.write(`      〔来源：${c.title}｜${c.source}〕\n`);
      choices.push(...r.quickReplies);
    }
    if (choices.length > 0) process.stdout.write(`      可以直接回复序号：${choices.map((q, i) => `${i + 1}. ${q.label}`).join("  ")}\n`);
    process.stdout.write(`      (intent: ${result.intent}, ${result.latencyMs.toFixed(1)} ms)\n`);
  }
  rl.prompt();
}
rl.close();
await app.close();
