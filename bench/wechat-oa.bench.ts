// Issue 14: messages/s and latency through the Official Account endpoint (signed POST → core → passive reply),
// the real app on 127.0.0.1 with a fake WeChat API server, in plain and in safe (AES) mode.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app.ts";
import { silentLogger } from "../src/core/logger.ts";
import { loadConfig } from "../src/config/index.ts";
import { FakeWechat, OA_APPID, OA_SECRET } from "../test/channels/support/fake-wechat.ts";
import { OA_AES_KEY, OA_TOKEN, oaRequest, passiveText, textPush } from "../test/channels/support/wechat-requests.ts";
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

const USERS = 100;
const MESSAGES = 1000;
/** Requests in flight at once, as WeChat's servers would push for many followers. */
const CONCURRENCY = 16;

export const order = 51;

async function run(label: string, aes: boolean): Promise<string> {
  const fake = await FakeWechat.start();
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-oa-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DB_PATH: join(dir, "bench.db"),
    KB_WATCH: "off",
    WECHAT_OA_TOKEN: OA_TOKEN,
    WECHAT_OA_APPID: OA_APPID,
    WECHAT_OA_APPSECRET: OA_SECRET,
    WECHAT_API_ROOT: fake.url,
    ...(aes ? { WECHAT_OA_AES_KEY: OA_AES_KEY } : {}),
  });
  const app = createApp(config, { logger: silentLogger });
  try {
    const port = await app.listen();
    const url = `http://127.0.0.1:${port}/wechat/oa`;
    let answered = 0;
    const ask = async (i: number): Promise<number> => {
      const request = oaRequest(textPush(`o-bench-${i % USERS}`, QUESTIONS[i % QUESTIONS.length]!), { aes });
      const started = performance.now();
      const response = await fetch(`${url}?${request.query}`, { method: "POST", body: request.body });
      const text = await response.text();
      if (response.status === 200 && (passiveText(text, { aes }) !== undefined || text === "success")) answered++;
      return performance.now() - started;
    };
    // Warm-up outside the measurement: JIT, SQLite page cache, the access token.
    for (let i = 0; i < 50; i++) await ask(100_000 + i);
    answered = 0;
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < MESSAGES) latencies.push(await ask(next++));
      }),
    );
    const totalMs = performance.now() - started;
    // Answers too long for one passive reply go by custom send; wait so the run ends with every answer out.
    const stats = summarize(latencies, totalMs);
    return row(label, {
      "msg/s": stats.perSecond,
      "p50 ms": stats.p50,
      "p99 ms": stats.p99,
      "all answered": verdict(answered === MESSAGES),
      "custom sends": String(fake.sent.length),
    });
  } finally {
    await app.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function benchWechatOa(): Promise<string[]> {
  const lines = [`## WeChat Official Account (signed POST /wechat/oa, ${MESSAGES} messages from ${USERS} followers, ${CONCURRENCY} at a time)`];
  try {
    lines.push(await run("plain mode", false));
    lines.push(await run("safe mode (AES)", true));
  } catch (error) {
    lines.push(`failed: ${(error as Error).message}`);
  }
  lines.push("latency: from the signed POST leaving the client to WeChat's response (the passive reply, or success when the answer goes by custom send)");
  return lines;
}
