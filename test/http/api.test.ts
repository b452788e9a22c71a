// The HTTP contract: POST /api/messages and GET /healthz over a real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversation, postMessage, startTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("chat API answers villagers", () => {
  it("answers a grade-3 question with 400 元 and cites its source", async () => {
    const { status, body } = await postMessage(t.url, { channel: "web", userId: "u1", text: "三级贫困残疾人每年救助多少？" });
    expect(status).toBe(200);
    expect(["policy", "eligibility"]).toContain(body.intent);
    const text = body.replies.map((r: { text: string }) => r.text).join("\n");
    expect(text).toMatch(/400\s*元/);
    expect(body.replies[0].citations[0]).toMatchObject({
      id: expect.any(String),
      title: expect.stringContaining("残疾"),
      source: expect.stringContaining("000_598bc6a691808f3f.txt"),
    });
  });

  it("answers a Traditional question in Traditional characters", async () => {
    const { text } = await conversation(t.url).ask("一戶多殘家庭生活補助怎麼發？");
    expect(text).toContain("1680");
    expect(text).toMatch(/戶/);
    expect(text).not.toMatch(/一户/);
  });

  it("says 1.2–1.3 kg of biomass fuel equals 1 kg of quality coal", async () => {
    const { text } = await conversation(t.url).ask("1.2公斤生物质燃料顶多少煤？");
    expect(text).toMatch(/1\.2\s*[–～~-]\s*1\.3\s*公斤/);
    expect(text).toMatch(/1\s*公斤/);
  });

  it("names the biogas service station and its two technicians", async () => {
    const { text } = await conversation(t.url).ask("沼气池后期维修谁负责？");
    expect(text).toContain("沼气服务站");
    expect(text).toMatch(/2\s*名/);
  });

  it("explains land can be leased or put in as shares, plus labour income", async () => {
    const { text } = await conversation(t.url).ask("土地流转可以入股吗？");
    expect(text).toContain("入股");
    expect(text).toMatch(/租/);
    expect(text).toMatch(/劳务|打工|务工/);
  });

  it("gives no number for a tractor subsidy it has no figure for, and says whom to ask", async () => {
    const { text } = await conversation(t.url).ask("农机补贴一台拖拉机补多少？");
    expect(text).not.toMatch(/\d[\d.]*\s*(元|万元|块)/);
    expect(text).toMatch(/咨询|问问|找/);
    const open = await t.app.store.unanswered.list({ open: true });
    expect(open.some((q) => q.text.includes("拖拉机"))).toBe(true);
  });

  it("answers /healthz with the database's state, and /readyz says it takes traffic", async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: "ok", engine: "sqlite" });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, reasons: [] });
  });

  it("logs every accepted message with intent, confidence and latency", async () => {
    const before = await t.app.store.messages.count();
    await conversation(t.url).ask("秸秆压缩要钱吗");
    expect(await t.app.store.messages.count()).toBe(before + 1);
    const [row] = await t.app.store.messages.recent(1);
    expect(row).toMatchObject({ channel: "web", text: "秸秆压缩要钱吗" });
    expect(Number(row!.latency_ms)).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(String(row!.answer_ids)).length).toBeGreaterThan(0);
  });
});

describe("bad input gets a clear answer and the server keeps serving", () => {
  it("rejects invalid JSON with 400 INVALID_JSON", async () => {
    const { status, body } = await postMessage(t.url, "{not json");
    expect(status).toBe(400);
    expect(body.error.code).toBe("INVALID_JSON");
  });

  it("names the missing field", async () => {
    const { status, body } = await postMessage(t.url, { channel: "web", userId: "u" });
    expect(status).toBe(400);
    expect(body.error.field).toBe("text");
    expect(body.error.message).toContain("text");
  });

  it("answers a message without a userId (the cookie says who is asking)", async () => {
    const { status, body } = await postMessage(t.url, { channel: "web", text: "你好" });
    expect(status).toBe(200);
    expect(body.replies.length).toBeGreaterThan(0);
  });

  it("names a field of the wrong type", async () => {
    const { status, body } = await postMessage(t.url, { userId: "u", text: 42 });
    expect(status).toBe(400);
    expect(body.error.field).toBe("text");
  });

  it("rejects an unknown channel", async () => {
    const { status, body } = await postMessage(t.url, { channel: "fax", userId: "u", text: "你好" });
    expect(status).toBe(400);
    expect(body.error.field).toBe("channel");
  });

  it("rejects empty and whitespace-only text", async () => {
    for (const text of ["", "   \n\t "]) {
      const { status, body } = await postMessage(t.url, { userId: "u", text });
      expect(status).toBe(400);
      expect(body.error.field).toBe("text");
    }
  });

  it("answers 413 for a body over 16 KB", async () => {
    const { status, body } = await postMessage(t.url, { userId: "u", text: "长".repeat(10_000) });
    expect(status).toBe(413);
    expect(body.error.code).toBe("BODY_TOO_LARGE");
  });

  it("asks politely to shorten text over 2,000 characters", async () => {
    const { text } = await conversation(t.url).ask("问".repeat(2500));
    expect(text).toMatch(/太长|缩短/);
  });

  it("replies kindly to emoji-only messages", async () => {
    const { text } = await conversation(t.url).ask("👍👍🙏");
    expect(text).toMatch(/文字/);
  });

  it("strips control characters and still answers", async () => {
    const { text } = await conversation(t.url).ask("一户多残\u0000\u0007家庭补助\u200b怎么发");
    expect(text).toContain("1680");
  });

  it("keeps serving after a burst of bad requests", async () => {
    const bad = await Promise.all([
      postMessage(t.url, "[]"),
      postMessage(t.url, "null"),
      postMessage(t.url, { userId: ["x"], text: {} }),
      postMessage(t.url, "\u0000\u0001"),
    ]);
    for (const r of bad) expect(r.status).toBe(400);
    const { text } = await conversation(t.url).ask("优质煤市场价多少");
    expect(text).toContain("1360");
  });

  it("answers 404 with a JSON error for unknown paths", async () => {
    const res = await fetch(`${t.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("NOT_FOUND");
  });
});

describe("health when the database is gone", () => {
  it("/healthz and /readyz answer 503 naming the database", async () => {
    const t = await startTestApp();
    try {
      await t.app.store.close();
      const health = await fetch(`${t.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, database: "unreachable" });
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).reasons).toContain("database unreachable");
    } finally {
      await t.close();
    }
  });
});
