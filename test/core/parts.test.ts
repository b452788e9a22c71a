// The reader of a village told part by part, on its own: what it reads, and what it refuses to reckon with.
import { describe, expect, it } from "vitest";
import { readPartsTally, tellsPart } from "../../src/core/parts.ts";

describe("a village told part by part", () => {
  it("sums each grade over the parts, with those gone out and those not poor apart", () => {
    expect(readPartsTally("一组 一级贫困2个 三级贫困1个 二组 三级贫困3个 其中一个去年走了 三组 两个三级的 都不是贫困户")).toEqual([
      { grades: [1], count: 2 },
      { grades: [3], count: 3, tally: "一组 1 + 二组 (3 − 1) = 3 人" },
      { grades: [3], count: 2, notPoor: true },
    ]);
  });

  it("reads nothing from empty, blank or one-part messages", () => {
    for (const text of ["", " ", "\n\t", "一组 一级贫困2个", "二组路灯坏了"]) expect(readPartsTally(text)).toBeUndefined();
    expect(tellsPart("")).toBe(false);
  });

  it("reads nothing from hostile text and reckons no count no village could have", () => {
    expect(readPartsTally("<script>alert(1)</script>一组 二组 ${process.env}")).toBeUndefined();
    expect(readPartsTally(`一组 一级贫困${"9".repeat(400)}个 二组 三级贫困1个`)).toBeUndefined();
    expect(readPartsTally("一组 一级贫困20000个 二组 三级贫困1个")).toBeUndefined();
  });

  it("answers a message as long as the assistant takes (2,000 characters) without failing", () => {
    const long = "一组 一级贫困2个 ".repeat(200).slice(0, 2000);
    expect(() => readPartsTally(long)).not.toThrow();
    expect(() => tellsPart("组".repeat(2000))).not.toThrow();
    expect(readPartsTally("一组".repeat(1000))).toBeUndefined();
  });
});
