// Reading a figure the villager puts to us to confirm (src/core/claim.ts).
import { describe, expect, it } from "vitest";
import { readClaim } from "../../src/core/claim.ts";

describe("a figure put to confirm", () => {
  it("reads amounts over a period, per person, prices and counts, the last one said", () => {
    expect(readClaim("一年一共1600是不")).toMatchObject({ value: 1600, kind: "period", months: 12 });
    expect(readClaim("那半年就是四百吧")).toMatchObject({ value: 400, kind: "period", months: 6 });
    expect(readClaim("代缴是每人200块是吧")).toMatchObject({ value: 200, kind: "each" });
    expect(readClaim("好煤一吨1360对吧")).toMatchObject({ value: 1360, kind: "price", unit: "吨" });
    expect(readClaim("培训了373个妇女 对不")).toMatchObject({ value: 373, kind: "count", unit: "个" });
  });

  it("reads sums said in Chinese numerals with their 多, and lengths in 公里", () => {
    expect(readClaim("河道整治投了三百万 对不对")).toMatchObject({ value: 300, kind: "sum", unit: "万元" });
    expect(readClaim("一共发了六十四万多 对吧")).toMatchObject({ value: 64, kind: "sum", more: true });
    expect(readClaim("河道整治整了3公里是吧")).toMatchObject({ value: 3, kind: "count", unit: "公里" });
    expect(readClaim("全县有十万人吧")?.kind).not.toBe("sum");
  });

  it("reads nothing when nothing is asked to be confirmed, and never the 一 of 一共", () => {
    expect(readClaim("俺家一年一共能领多少")).toBeUndefined();
    expect(readClaim("一年400")).toBeUndefined();
    expect(readClaim("一年一共对吧")).toBeUndefined();
    // "不对不对" corrects; it asks nothing.
    expect(readClaim("三级5个 一二级2个 不对不对 搞反了 一二级5个 三级2个")).toBeUndefined();
    expect(readClaim("")).toBeUndefined();
    expect(readClaim("吧".repeat(3000))).toBeUndefined();
    // Hostile runs are read in linear time and claim nothing they do not say.
    expect(readClaim(`${"1".repeat(2000)}对吧`)).toBeUndefined();
    expect(readClaim(`${"一年".repeat(1000)}对吧`)).toBeUndefined();
    // Numerals in words without end, and 万 alone ("万人就业"), are no count.
    const started = performance.now();
    expect(readClaim(`${"一千".repeat(1500)}人对吧`)?.kind ?? "none").not.toBe("period");
    expect(readClaim("残疾人万人就业培训是免费的对吧")).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("what a figure put to confirm was said of", () => {
  it("keeps the clause of the figure, the other numbers said, whom it was said for, and 多", () => {
    expect(readClaim("一级一年多少 那三级的就是一年400对吧")).toMatchObject({ value: 400, clause: "那三级的就是一年400", others: [] });
    expect(readClaim("853人 一人补1000对吧")).toMatchObject({ kind: "each", value: 1000, per: "人", others: ["853"] });
    expect(readClaim("一户多残是每人每年1680元对吧")).toMatchObject({ value: 1680, per: "人" });
    expect(readClaim("一二级的一个月六十六块多对吧")).toMatchObject({ value: 66, months: 1, more: true });
    expect(readClaim("河道整治投了500万是吧")).toMatchObject({ kind: "sum", value: 500 });
  });

  it("reads no figure to confirm in a question or a report ending in 是吧", () => {
    expect(readClaim("俺家有2个人残疾 一个一级一个三级 能领多少吗")).toBeUndefined();
    expect(readClaim("村里的自来水管子爆了 得修了是吧")).toBeUndefined();
    expect(readClaim("一户多残的补助 俺家能领吧")).toBeUndefined();
  });
});
