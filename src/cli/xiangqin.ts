// `npx xiangqin ask "问题" [--json]`: asks the assistant one question from the terminal.
import { createLocalApp } from "./local-app.ts";

// `npx xiangqin ask … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const USAGE = '用法：npx xiangqin ask "问题" [--json]';

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  const question = rest
    .filter((a) => a !== "--json")
    .join(" ")
    .trim();
  if (command !== "ask" || !question) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const app = createLocalApp();
  try {
    const result = await app.assistant.handle({
      channel: "cli",
      userId: "cli-user",
      chatId: "cli-user",
      chatType: "private",
      mentioned: true,
      kind: "text",
      text: question,
    });
    if (json) {
      process.stdout.write(JSON.stringify({ intent: result.intent, confidence: result.confidence, replies: result.replies }, null, 2) + "\n");
    } else {
      for (const r of result.replies) {
        process.stdout.write(r.text + "\n");
        for (const c of r.citations) process.stdout.write(`  〔${c.title}｜${c.source}〕\n`);
      }
    }
    return 0;
  } finally {
    await app.close();
  }
}

process.exitCode = await run(process.argv.slice(2));
