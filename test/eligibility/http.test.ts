// Eligibility dialogues over the real HTTP API: the example conversations, persistence, expiry, bad input.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversation, startTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("eligibility dialogue over POST /api/messages", () => {
  it("asks an open question only what changes the main figure, then lists programmes with amounts and conditions", async () => {
    const c = conversation(t.url);
    let r = await c.ask("我能领什么补助？");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/残疾证是几级/);
    expect(r.body.replies[0].quickReplies.map((q: { label: string }) => q.label)).toEqual(expect.arrayContaining(["一级", "二级", "三级", "四级", "不知道"]));
    r = await c.ask("二级");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/贫困户/);
    r = await c.ask("是");
    expect(r.intent).toBe("eligibility");
    expect(r.text).not.toMatch(/多大岁数|几个人有残疾证|哪一类残疾/);
    expect(r.text).toMatch(/很可能能领/);
    expect(r.text).toMatch(/贫困残疾人生活特别救助：每人每年 800 元/);
    expect(r.text).toMatch(/如果年龄够“老年”，每人每月 50 元（一年 600 元）/);
    expect(r.text).toMatch(/如果家里有两个及以上持证残疾人，每户每年 1680 元/);
    expect(r.text).toMatch(/到哪办：县残联/);
    expect(r.text).toMatch(/来源：篇二/);
    expect(r.text).toMatch(/能不能同时领，原文没有写，要向县残联确认/);
    expect(r.body.replies[0].citations.map((x: { id: string }) => x.id)).toContain("disability-living-relief");
  });

  it("keeps a household described in one message for the next question about one programme", async () => {
    const c = conversation(t.url);
    await c.ask("俺爹二级、俺娘二级，都是贫困残疾人，俺不残疾");
    const r = await c.ask("俺家一年特别救助一共多少");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/您父亲 800 \+ 您母亲 800 = 1600 元\/年/);
    expect(r.text).not.toMatch(/没有残疾证/);
  });

  it("answers 那一个月呢 after a screening with the same programme per month, not another programme", async () => {
    const c = conversation(t.url);
    await c.ask("俺是三级贫困残疾人，一年多少");
    const r = await c.ask("那一个月呢");
    expect(r.text).toMatch(/33\.3/);
    expect(r.text).not.toMatch(/^【贫困老年残疾人生活补助】/);
  });

  it("answers the README's grade-3 example in the first reply with 400 元, addressing the villager as 您", async () => {
    const c = conversation(t.url);
    const r = await c.ask("我三级残疾，家里困难，能领多少？");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/每人每年 400 元/);
    expect(r.text).toMatch(/要看情况/);
    expect(r.text).toMatch(/60 岁只是示例/);
    expect(r.text).not.toMatch(/他（她）|多大岁数/);
  });

  it("lets the villager correct an earlier answer with 不对，是二级", async () => {
    const c = conversation(t.url);
    await c.ask("我三级残疾，家里困难，能领多少？");
    const r = await c.ask("不对，是二级");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/已改为：残疾等级：二级/);
    expect(r.text).toMatch(/每人每年 800 元/);
  });

  it("sums a household of three with the formula in one reply", async () => {
    const c = conversation(t.url);
    const r = await c.ask("俺爹一级残疾，俺娘一级残疾，俺二级，一家都是贫困户，三个人一年的生活救助加起来多少");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/您父亲 800 \+ 您母亲 800 \+ 您 800 = 2400 元\/年/);
  });

  it("compares lease, shares and labour income for 5 亩 with the formula, and asks the contract's rent instead of making one up", async () => {
    const c = conversation(t.url);
    const r = await c.ask("我有5亩地，流转出去一年能挣多少？");
    // A reckoning on the knowledge base's land entry is a policy question, as the dashboard counts it.
    expect(r.intent).toBe("policy");
    expect(r.text).toMatch(/出租.*5 亩 × 合同上的每亩租金/);
    expect(r.text).toMatch(/入股/);
    expect(r.text).toMatch(/劳务收入/);
    expect(r.text).toMatch(/告诉我合同上每亩一年多少租金/);
    expect(r.text).not.toMatch(/800|示例/);
    const again = await c.ask("合同上每亩一千元");
    expect(again.text).toMatch(/5 × 1000 = 5000 元/);
  });

  it("computes the straw-briquette saving for 3 吨 of coal as a range from the seed's figures", async () => {
    const c = conversation(t.url);
    const r = await c.ask("我家一年烧3吨煤，改烧秸秆压块能省多少？");
    expect(r.intent).toBe("policy");
    expect(r.text).toMatch(/3766～4080 元/);
    expect(r.text).toMatch(/3\.6～3\.9 吨/);
    expect(r.text).toMatch(/1360/);
    expect(r.text).toMatch(/免费/);
    expect(r.text).toMatch(/于家英/);
  });

  it("answers a question about one programme by name, then 还能领什么 reuses what was said", async () => {
    const c = conversation(t.url);
    let r = await c.ask("我骑的残疾人摩托车一年燃油补贴能给我多少");
    expect(r.text).toMatch(/燃油补贴/);
    expect(r.text).toMatch(/355/);
    expect(r.text).not.toMatch(/残疾证是几级/);
    r = await c.ask("我三级残疾，还能领什么补助", { payload: "我三级残疾，还能领什么补助" });
    expect(r.intent).toBe("eligibility");
    expect(r.text).not.toMatch(/残疾证是几级/);
    expect(r.text).toMatch(/贫困户/);
  });

  it("answers in Traditional characters when the villager writes Traditional", async () => {
    const c = conversation(t.url);
    const r = await c.ask("我三級殘疾能領多少");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/貧困戶/);
  });

  it("resets on 算了 and then routes the next message normally", async () => {
    const c = conversation(t.url);
    await c.ask("我能领什么补助？");
    const r = await c.ask("算了");
    expect(r.text).toMatch(/已经取消/);
    const next = await c.ask("二级");
    expect(next.text).not.toMatch(/贫困户（比如/);
  });

  it("leaves the dialogue for a general policy question and answers it with the figure", async () => {
    const c = conversation(t.url);
    await c.ask("我能领什么补助？");
    const r = await c.ask("三级贫困残疾人每年救助标准是多少？");
    expect(r.text).toMatch(/400/);
    expect(r.text).not.toMatch(/贫困户（比如/);
    const low = await c.ask("低保怎么申请");
    expect(low.intent).toBe("policy");
  });

  it("leaves the dialogue when the villager files a complaint instead of answering", async () => {
    const c = conversation(t.url);
    await c.ask("我能领什么补助？");
    const r = await c.ask("我要投诉，村口的路坑坑洼洼的");
    expect(r.intent).not.toBe("eligibility");
  });
});

describe("bad input in the eligibility dialogue", () => {
  it("explains −3亩 and 十万亩, then offers a cadre after two failed tries and records the handoff for staff", async () => {
    const c = conversation(t.url);
    let r = await c.ask("我有−3亩地想流转出去");
    expect(r.text).toMatch(/亩数要大于 0、不超过 1000 亩/);
    r = await c.ask("十万亩");
    expect(r.text).toMatch(/亩数要大于 0/);
    expect(r.text).toMatch(/村里干部/);
    r = await c.ask("好");
    expect(r.text).toMatch(/已经把您的问题转给村里干部/);
    const rows = (await t.app.store.unanswered.list()).filter((u) => u.userId === c.userId);
    expect(rows.map((u) => u.reason)).toContain("handoff");
    expect(rows[0]!.text).toMatch(/−3亩|流转/);
  });

  it("explains 200岁 and keeps the earlier answers", async () => {
    const c = conversation(t.url);
    await c.ask("我二级残疾，是贫困户，帮我算算能领啥");
    let r = await c.ask("200岁");
    expect(r.text).toMatch(/0 到 120 岁之间/);
    r = await c.ask("65岁");
    expect(r.text).toMatch(/每人每年 800 元/);
    expect(r.text).toMatch(/年龄 65岁/);
  });

  it("answers nonsense with what is expected and keeps the dialogue where it was", async () => {
    const c = conversation(t.url);
    await c.ask("我能领什么补助？");
    const symbols = await c.ask("¥%#@@!!");
    expect(symbols.text.length).toBeGreaterThan(0);
    const r = await c.ask("asdfgh");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/没听明白/);
    expect(r.text).toMatch(/残疾证是几级/);
    const next = await c.ask("二级");
    expect(next.text).toMatch(/贫困户/);
  });
});

describe("dialogue state on disk", () => {
  it("survives a restart: a second app on the same database file continues the dialogue", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-elig-"));
    const env = { DB_PATH: join(dir, "shared.db") };
    try {
      const first = await startTestApp({ env });
      const userId = "restart-villager";
      await conversation(first.url, userId).ask("我能领什么补助？");
      await first.close();
      const second = await startTestApp({ env });
      try {
        const r = await conversation(second.url, userId).ask("三级");
        expect(r.intent).toBe("eligibility");
        expect(r.text).toMatch(/贫困户/);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops a corrupt stored state instead of failing the villager's next message", async () => {
    const c = conversation(t.url);
    await t.app.store.sessions.set(`eligibility:web:${c.userId}`, { v: 99, topic: "nonsense" }, new Date().toISOString());
    const r = await c.ask("我能领什么补助？");
    expect(r.intent).toBe("eligibility");
    expect(r.text).toMatch(/残疾证是几级/);
  });

  it("forgets a dialogue after 30 minutes idle", async () => {
    let now = new Date("2026-06-01T08:00:00Z").getTime();
    const timed = await startTestApp({ clock: () => new Date(now) });
    try {
      const c = conversation(timed.url);
      await c.ask("我能领什么补助？");
      now += 29 * 60 * 1000;
      const within = await c.ask("三级");
      expect(within.text).toMatch(/贫困户/);
      now += 31 * 60 * 1000;
      const after = await c.ask("是");
      expect(after.text).not.toMatch(/多大岁数/);
    } finally {
      await timed.close();
    }
  });
});

describe("an implausible rent over the chat API", () => {
  it("asks again rather than computing with 5 元 a mu, and computes with the corrected rent", async () => {
    const c = conversation(t.url);
    const first = await c.ask("我有8亩地，每亩租金5块，一年多少");
    expect(first.text).toMatch(/太小了/);
    const again = await c.ask("每亩一年500");
    expect(again.text).toMatch(/8 × 500 = 4000 元\/年/);
  });
});
