// Slow fault checks of the web chat under load: one user flooding over 10 connections, and slow-body clients at the
// default timeouts. Prints other users' latency with and without the flood (figures for the README, not assertions).
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_CHAT_TOKEN, startTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const QUESTIONS = ["三级贫困残疾人每年救助多少？", "一户多残家庭生活补助怎么发？", "优质煤市场价多少", "沼气池后期维修谁负责？", "土地流转可以入股吗？"];

function post(url: string, agent: Agent, body: unknown): Promise<{ status: number; ms: number }> {
  const { hostname, port } = new URL(url);
  const data = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path: "/api/messages",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), authorization: `Bearer ${TEST_CHAT_TOKEN}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** 20 villagers, each asking 10 questions one after another; their latencies and statuses. */
async function villagers(url: string): Promise<{ ms: number[]; statuses: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  const ms: number[] = [];
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, async (_, v) => {
      for (let i = 0; i < 10; i++) {
        const r = await post(url, agent, { userId: `villager-${v}`, text: QUESTIONS[(v + i) % QUESTIONS.length] });
        ms.push(r.ms);
        statuses.push(r.status);
        // A person reads the answer before asking again.
        await new Promise((done) => setTimeout(done, 100));
      }
    }),
  );
  agent.destroy();
  return { ms, statuses };
}

/** One user sending `total` messages over 10 connections as fast as they are answered. */
async function flooder(url: string, total: number, stop: () => boolean): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 10 });
  const statuses: number[] = [];
  let sent = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (sent < total && !stop()) {
        sent++;
        statuses.push((await post(url, agent, { userId: "flooder", text: "三级残疾一年补助多少？" })).status);
      }
    }),
  );
  agent.destroy();
  return statuses;
}

async function measure(env: Record<string, string>, flood: boolean) {
  t = await startTestApp({ env });
  let done = false;
  const floodRun = flood ? flooder(t.url, 2000, () => done) : Promise.resolve([] as number[]);
  const others = await villagers(t.url);
  done = true;
  const flooded = await floodRun;
  await t.close();
  t = undefined;
  return { others, flooded };
}

describe("one flooding user", () => {
  it("gets 429s while 20 other villagers are answered; prints their p50/p99 with and without the flood", async () => {
    const limits = { CHAT_RATE_PER_MINUTE: "20", CHAT_RATE_BURST: "10" };
    const quiet = await measure(limits, false);
    const limited = await measure(limits, true);
    const unlimited = await measure({ CHAT_RATE_PER_MINUTE: "0" }, true);
    const line = (name: string, r: Awaited<ReturnType<typeof measure>>) =>
      `${name}: others p50 ${percentile(r.others.ms, 50).toFixed(1)} ms, p99 ${percentile(r.others.ms, 99).toFixed(1)} ms; flooder sent ${r.flooded.length}, 429: ${r.flooded.filter((s) => s === 429).length}`;
    console.log(
      [
        "flood figures (20 villagers × 10 questions; flooder: up to 2000 messages over 10 connections)",
        line("no flood", quiet),
        line("flood, limits on", limited),
        line("flood, limits off", unlimited),
      ].join("\n"),
    );

    expect(quiet.others.statuses.every((s) => s === 200)).toBe(true);
    expect(limited.others.statuses.every((s) => s === 200)).toBe(true);
    const refused = limited.flooded.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(limited.flooded.length * 0.9);
    expect(limited.flooded.filter((s) => s !== 200 && s !== 429)).toEqual([]);
  }, 300_000);
});

describe("slow clients at the default timeouts", () => {
  it("closes a connection whose body drips one byte a second within 30 s", async () => {
    t = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: "" } });
    const { hostname, port } = new URL(t.url);
    const closedAfterMs = await new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = connect(Number(port), hostname, () =>
        socket.write("POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"),
      );
      const timer = setInterval(() => socket.writable && socket.write("a"), 1000);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(timer);
        resolve(Date.now() - started);
      });
    });
    console.log(`slow body closed after ${(closedAfterMs / 1000).toFixed(1)} s`);
    expect(closedAfterMs).toBeLessThan(30_000);
  }, 60_000);
});
