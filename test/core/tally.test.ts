// A cadre's tally by grade, read clause by clause (src/core/tally.ts).
import { describe, expect, it } from "vitest";
import { readGradeTally } from "../../src/core/tally.ts";

describe("a cadre's tally by grade", () => {
  it("takes a correction (说错了 三级是5个) in place of the count it corrects", () => {
    expect(readGradeTally("村里贫困残疾人 一级2个 三级6个 说错了 三级是5个 一年总共")).toEqual([
      { grades: [1], count: 2 },
      { grades: [3], count: 5 },
    ]);
  });

  it("reads a group whose grade is followed by 残疾贫困户 before its count", () => {
    expect(readGradeTally("我是村会计 一级残疾贫困户3个 二级贫困户2个")).toEqual([
      { grades: [1], count: 3 },
      { grades: [2], count: 2 },
    ]);
  });

  it("adds those said to be more (还有, 漏报) and takes those gone from their grade", () => {
    expect(readGradeTally("三级贫困残疾人8个 一级的1个 上个月又去世一个三级的")).toEqual([
      { grades: [3], count: 7, from: 8, by: -1 },
      { grades: [1], count: 1 },
    ]);
    expect(readGradeTally("一级的2个 三级的3个 还有2个三级的漏报了")).toEqual([
      { grades: [1], count: 2 },
      { grades: [3], count: 5, from: 3, by: 2 },
    ]);
  });

  it("keeps groups that are not poor, of grade four and of nobody apart from the others", () => {
    expect(readGradeTally("我们组三级贫困残疾人6个，还有2个三级的不是贫困户")).toEqual([
      { grades: [3], count: 6 },
      { grades: [3], count: 2, notPoor: true },
    ]);
    expect(readGradeTally("一级6个 二级4个 三级一个都没有 还有4个四级的")).toEqual([
      { grades: [1], count: 6 },
      { grades: [2], count: 4 },
      { grades: [3], count: 0 },
      { grades: [4], count: 4 },
    ]);
  });

  it("reads groups said without pauses, those gone said either way, parts of a group not poor or regraded, and 不是…是", () => {
    expect(readGradeTally("我们村3个一级2个三级1个四级")).toEqual([
      { grades: [1], count: 3 },
      { grades: [3], count: 2 },
      { grades: [4], count: 1 },
    ]);
    expect(readGradeTally("一级的3个二级的没有三级的2个")).toEqual([
      { grades: [1], count: 3 },
      { grades: [2], count: 0 },
      { grades: [3], count: 2 },
    ]);
    expect(readGradeTally("一级的3个 三级的4个 三级的走了一个")?.[1]).toEqual({ grades: [3], count: 3, from: 4, by: -1 });
    expect(readGradeTally("一级的3个其中一个去世了 三级的2个")?.[0]).toEqual({ grades: [1], count: 2, from: 3, by: -1 });
    expect(readGradeTally("一二级的5个 三级的3个 其中1个三级的不是贫困户")?.slice(1)).toEqual([
      { grades: [3], count: 2, from: 3, by: -1 },
      { grades: [3], count: 1, notPoor: true },
    ]);
    expect(readGradeTally("一级的2个 三级的5个 其中2个今年评成二级了")?.slice(1)).toEqual([
      { grades: [3], count: 3, from: 5, by: -2 },
      { grades: [2], count: 2 },
    ]);
    expect(readGradeTally("一级的2个 三级的4个 三级的不是4个 是5个")?.[1]).toEqual({ grades: [3], count: 5 });
    expect(readGradeTally("一级的3个 二级的2个 二级的又评上2个")?.[1]).toEqual({ grades: [2], count: 4, from: 2, by: 2 });
  });

  it("reads nothing from empty, blank, hostile or overlong text (numerals without end, 其中 over and over)", () => {
    expect(readGradeTally("")).toBeUndefined();
    expect(readGradeTally("   ")).toBeUndefined();
    expect(readGradeTally("一二三四".repeat(2500))).toBeUndefined();
    expect(readGradeTally(`${"其中".repeat(3000)}去世了`)).toBeUndefined();
    expect(readGradeTally("一级的3个 ".repeat(1000))).toEqual([{ grades: [1], count: 3 }]);
  });

  it("leaves a village's subgroups and a household's people to other readings", () => {
    expect(readGradeTally("一组三级2个 二组三级3个")).toBeUndefined();
    expect(readGradeTally("俺爹一级 俺娘三级")).toBeUndefined();
  });
});

describe("more of a tally said after it", () => {
  it("adds 俩 after 漏了 or 还有 said after the grade, and reads 俩 without a unit", () => {
    expect(readGradeTally("一级3人 二级1人 漏了俩 二级还有俩")).toEqual([
      { grades: [1], count: 3 },
      { grades: [2], count: 3, from: 1, by: 2 },
    ]);
    expect(readGradeTally("一级俩 三级仨")).toEqual([
      { grades: [1], count: 2 },
      { grades: [3], count: 3 },
    ]);
  });

  it("corrects a grade said to be reported too many (报多了), and counts the rest of a whole at the grades said", () => {
    expect(readGradeTally("一级4个 三级2个 一级的报多了 是3个")).toEqual([
      { grades: [1], count: 3 },
      { grades: [3], count: 2 },
    ]);
    expect(readGradeTally("一共15个 其中三级5个 剩下都是一二级")).toEqual([
      { grades: [3], count: 5 },
      { grades: [1, 2], count: 10, from: 15, by: -5 },
    ]);
  });
});

describe("people of a tally spoken of one by one", () => {
  it("takes one who left from the group of their grade (其中一个一级的走了) and adds one newly graded (一个新评上的一级)", () => {
    expect(readGradeTally("一二级8人 三级5人 其中一个一级的今年走了")).toEqual([
      { grades: [1, 2], count: 7, from: 8, by: -1 },
      { grades: [3], count: 5 },
    ]);
    expect(readGradeTally("一二级4个 三级2个 还有一个新评上的一级")).toEqual([
      { grades: [1, 2], count: 4 },
      { grades: [3], count: 2 },
      { grades: [1], count: 1 },
    ]);
  });

  it("does not take one person of a grade spoken of, or how to count those gone, as the grade's count", () => {
    expect(readGradeTally("一二级6人 三级4人 一个三级的外出打工找不到人 走了的不算 外出的照样算")).toEqual([
      { grades: [1, 2], count: 6 },
      { grades: [3], count: 4 },
    ]);
  });

  it("counts one of a grade found not poor (三级里有一个…不是贫困户) apart", () => {
    expect(readGradeTally("一级2个 三级4个 三级里有一个查出来不是贫困户了")).toEqual([
      { grades: [1], count: 2 },
      { grades: [3], count: 3, from: 4, by: -1 },
      { grades: [3], count: 1, notPoor: true },
    ]);
  });
});

describe("a village's whole and corrections said in one clause", () => {
  it("reads 俺村贫困残疾人10个 as the whole for 剩下都是一二级, and 七个 打错了是九个 as a correction", () => {
    expect(readGradeTally("俺村贫困残疾人9个 三级2个 剩下都是一二级")).toEqual([
      { grades: [3], count: 2 },
      { grades: [1, 2], count: 7, from: 9, by: -2 },
    ]);
    expect(readGradeTally("一二级贫困残疾人五个 打错了是六个 三级的两个")).toEqual([
      { grades: [1, 2], count: 6 },
      { grades: [3], count: 2 },
    ]);
    expect(readGradeTally("报了6个三级贫困 其实4个")).toEqual([{ grades: [3], count: 4 }]);
    expect(readGradeTally("一二级贫困残疾的8个 打错了 是6个")).toEqual([{ grades: [1, 2], count: 6 }]);
  });

  it("takes those gone counted without 个 (有俩一级的搬走了, 走了俩三级的, 其中有俩去世了) from their grade, never one of them", () => {
    expect(readGradeTally("俺村一级贫困的4个 二级的3个 三级的9个 有俩一级的搬走了 不算")).toEqual([
      { grades: [1], count: 2, from: 4, by: -2 },
      { grades: [2], count: 3 },
      { grades: [3], count: 9 },
    ]);
    expect(readGradeTally("俺村三级的5个 二级3个 走了俩三级的")).toEqual([
      { grades: [3], count: 3, from: 5, by: -2 },
      { grades: [2], count: 3 },
    ]);
    expect(readGradeTally("俺村三级的5个 其中有俩去世了")).toEqual([{ grades: [3], count: 3, from: 5, by: -2 }]);
  });

  it("reads a grade's count said as 共计 or 合计 (一、二级贫困残疾人共计9人)", () => {
    expect(readGradeTally("本村一、二级贫困残疾人共计9人 三级贫困残疾人共计4人")).toEqual([
      { grades: [1, 2], count: 9 },
      { grades: [3], count: 4 },
    ]);
  });
});
