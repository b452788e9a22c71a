// Issue 5: the whole Telegram path (long polling → core → sendMessage) against the fake Bot API server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app.ts";
import { silentLogger } from "../src/core/logger.ts";
import { loadConfig } from "../src/config/index.ts";
import { FakeTelegram, mentionUpdate } from "../test/channels/support/fake-telegram.ts";
import { row, summarize, verdict } from "./stats.ts";

const QUESTIONS = [
  "一户多残家庭生活补助怎么发？",
  "沼气池后期维修谁负责？",
  "三级贫困残疾人每年救助多少？",
  "土地流转可以入股吗？",
  "农机补贴一台拖拉机补多少？",
  "二代残疾人证在哪办",
  "月嫂培训免费吗",
  "秸秆压缩点在哪几个村",
];

const CHATS = 100;
const UPDATES = 1000;

export const order = 50;

/**
 * Group chats, so every answer quotes its question (reply_parameters.message_id): that ties each
 * sendMessage to its update and shows whether a chat's answers came back in order.
 */
async function run(label: string, paceMs: number): Promise<string> {
  const fake = await FakeTelegram.start();
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-tg-"));
  const config = loadConfig({ PORT: "0", DB_PATH: join(dir, "bench.db"), KB_WATCH: "off", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
  const app = createApp(config, { logger: silentLogger });
  try {
    await app.listen();
    const pushedAt = new Map<number, number>();
    const chatOf = new Map<number, number>();
    // Warm-up outside the measurement: the first answers pay for JIT and SQLite page cache.
    for (let i = 0; i < 50; i++) fake.push(mentionUpdate(-(1 + (i % CHATS)), 10_000 + i, QUESTIONS[i % QUESTIONS.length]!));
    await fake.waitFor((calls) => calls.filter((c) => c.method === "sendMessage" && c.params.reply_parameters).length >= 50, 60_000);
    const warmCalls = fake.calls.length;

    const started = performance.now();
    for (let i = 0; i < UPDATES; i++) {
      const chatId = -(1 + (i % CHATS));
      const update = mentionUpdate(chatId, 20_000 + (i % CHATS), QUESTIONS[i % QUESTIONS.length]!);
      pushedAt.set(update.message.message_id, performance.now());
      chatOf.set(update.message.message_id, chatId);
      fake.push(update);
      if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
    const answered = () => fake.calls.slice(warmCalls).filter((c) => c.method === "sendMessage" && c.params.reply_parameters);
    await fake.waitFor(() => answered().length >= UPDATES, 120_000);
    const totalMs = performance.now() - started;

    const latencies: number[] = [];
    const lastPerChat = new Map<number, number>();
    let inOrder = true;
    for (const call of answered()) {
      const questionId = Number(call.params.reply_parameters.message_id);
      latencies.push(call.at - pushedAt.get(questionId)!);
      const chat = chatOf.get(questionId)!;
      if ((lastPerChat.get(chat) ?? -1) > questionId) inOrder = false;
      lastPerChat.set(chat, questionId);
    }
    const stats = summarize(latencies, totalMs);
    return row(label, {
      "msg/s": stats.perSecond,
      "p50 ms": stats.p50,
      "p99 ms": stats.p99,
      "per-chat order": verdict(inOrder && latencies.length === UPDATES),
    });
  } finally {
    await app.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function benchTelegram(): Promise<string[]> {
  const lines = [`## Telegram (long polling via fake Bot API server, ${UPDATES} updates from ${CHATS} group chats)`];
  try {
    lines.push(await run("burst (all queued at once)", 0));
    lines.push(await run("paced (one update every 2 ms)", 2));
  } catch (error) {
    lines.push(`failed: ${(error as Error).message}`);
  }
  lines.push("latency: from the update entering the fake server's queue to the first sendMessage answering it");
  return lines;
}
