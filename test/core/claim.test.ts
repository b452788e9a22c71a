// Reading a figure the villager puts to us to confirm (src/core/claim.ts).
import { describe, expect, it } from "vitest";
import { readClaim } from "../../src/core/claim.ts";

describe("a figure put to confirm", () => {
  it("reads amounts over a period, per person, prices and counts, the last one said", () => {
    expect(readClaim("一年一共1600是不")).toEqual({ value: 1600, kind: "period", months: 12 });
    expect(readClaim("那半年就是四百吧")).toEqual({ value: 400, kind: "period", months: 6 });
    expect(readClaim("代缴是每人200块是吧")).toEqual({ value: 200, kind: "each" });
    expect(readClaim("好煤一吨1360对吧")).toEqual({ value: 1360, kind: "price", unit: "吨" });
    expect(readClaim("培训了373个妇女 对不")).toEqual({ value: 373, kind: "count", unit: "个" });
  });

  it("reads nothing when nothing is asked to be confirmed, and never the 一 of 一共", () => {
    expect(readClaim("俺家一年一共能领多少")).toBeUndefined();
    expect(readClaim("一年400")).toBeUndefined();
    expect(readClaim("一年一共对吧")).toBeUndefined();
    // "不对不对" corrects; it asks nothing.
    expect(readClaim("三级5个 一二级2个 不对不对 搞反了 一二级5个 三级2个")).toBeUndefined();
    expect(readClaim("")).toBeUndefined();
    expect(readClaim("吧".repeat(3000))).toBeUndefined();
  });
});
