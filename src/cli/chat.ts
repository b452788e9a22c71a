// `npm run chat`: a terminal conversation with the assistant (same pipeline as the web chat).
import { createInterface } from "node:readline/promises";
import { createLocalApp } from "./local-app.ts";

const app = createLocalApp();
const rl = createInterface({ input: process.stdin, output: process.stdout });
process.stdout.write("乡亲助手（终端）。输入问题后回车，输入 exit 退出。\n");
rl.setPrompt("您> ");
rl.prompt();
for await (const line of rl) {
  const text = line.trim();
  if (text === "exit" || text === "quit" || text === "退出") break;
  if (text) {
    const result = await app.assistant.handle({ channel: "cli", userId: "terminal", chatId: "terminal", chatType: "private", mentioned: true, kind: "text", text });
    for (const r of result.replies) {
      process.stdout.write(`助手> ${r.text}\n`);
      for (const c of r.citations) process.stdout.write(`      〔来源：${c.title}｜${c.source}〕\n`);
    }
    process.stdout.write(`      (intent: ${result.intent}, ${result.latencyMs.toFixed(1)} ms)\n`);
  }
  rl.prompt();
}
rl.close();
await app.close();
