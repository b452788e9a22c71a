// The benchmark's fake provider in its own process (a real provider never shares our event loop or heap).
// Prints its base URL on stdout; GET /stats returns per-request server times, POST /stats resets them.
import { chatText, lastUserContent, startFakeOpenAI } from "../test/llm/fake-openai.ts";

const fake = await startFakeOpenAI();
// A grounded answer built from the first fact in the prompt, so the guards do their full work.
fake.onChat((request) => {
  const prompt = lastUserContent(request);
  const id = /\[([a-z0-9-]+)\]/.exec(prompt)?.[1] ?? "none";
  const fact = /\n- ([^\n]+)/.exec(prompt)?.[1] ?? "资料里没有写，请问村委会。";
  return chatText(`**您好**，${fact} [${id}]`);
});
fake.onOther((request) => {
  if (request.headers["x-reset"]) fake.serverMs.length = 0;
  return { json: { serverMs: fake.serverMs } };
});
process.stdout.write(`${fake.url}\n`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
