// `npm run eval [file.jsonl] [--verbose]`: scores the in-process engine on an evaluation set.
import { readFileSync } from "node:fs";
import { checkAnswer, parseEvalSet } from "../eval/score.ts";
import { createLocalApp } from "./local-app.ts";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const file = args.find((a) => !a.startsWith("--")) ?? "test/eval/dev.jsonl";
const items = parseEvalSet(readFileSync(file, "utf8"));
const app = createLocalApp({ temporary: true, logLevel: "silent" });
let passed = 0;
let intentsRight = 0;
try {
  for (const item of items) {
    const result = await app.assistant.handle({ channel: "web", userId: `eval-${item.id}`, chatId: `eval-${item.id}`, chatType: "private", mentioned: true, kind: "text", text: item.text });
    const problems = checkAnswer(item, result);
    if (!problems.some((p) => p.startsWith("intent"))) intentsRight++;
    if (problems.length === 0) passed++;
    else process.stdout.write(`FAIL ${item.id} ${item.text} → ${problems.join("; ")}\n`);
    if (verbose || problems.length > 0) process.stdout.write(`    [${result.intent} ${result.confidence.toFixed(2)}] ${result.replies.map((r) => r.text).join(" / ").replace(/\n/g, " ⏎ ").slice(0, 400)}\n`);
  }
} finally {
  await app.close();
}
process.stdout.write(`intents right: ${intentsRight}/${items.length}\nscore: ${passed}/${items.length}\n`);
process.exitCode = passed === items.length ? 0 : 1;
