import { describe, expect, it } from "vitest";
import { createRewriter, foldText, hasWords, sanitize } from "../../src/knowledge/text.ts";
import { detectScript, toScript } from "../../src/knowledge/script.ts";

describe("text normalisation", () => {
  it("folds Traditional to Simplified and full-width digits to ASCII", () => {
    expect(foldText("一戶多殘家庭補助１６８０元")).toBe("一户多残家庭补助1680元");
  });

  it("detects the script the user wrote in and answers in it", () => {
    expect(detectScript("一戶多殘家庭生活補助怎麼發？")).toBe("traditional");
    expect(detectScript("一户多残家庭生活补助怎么发？")).toBe("simplified");
    expect(toScript("每户每年1680元", "traditional")).toBe("每戶每年1680元");
  });

  it("removes control and zero-width characters", () => {
    expect(sanitize("沼气\u0000池\u200b坏了\u0007")).toBe("沼气池坏了");
  });

  it("rewrites colloquialisms longest-first without rewriting twice", () => {
    const rewrite = createRewriter([
      { from: "新农合", to: "农村合作医疗" },
      { from: "农合", to: "农村合作医疗" },
      { from: "俺", to: "我" },
      { from: "咋", to: "怎么" },
    ]);
    expect(rewrite("俺的新农合咋报销")).toBe("我的农村合作医疗怎么报销");
  });

  it("knows emoji-only text has no words", () => {
    expect(hasWords("👍🙏")).toBe(false);
    expect(hasWords("好👍")).toBe(true);
  });
});

describe("rewriting keeps canonical terms whole", () => {
  it("does not rewrite the tail of a term that is itself a target", () => {
    const rewrite = createRewriter([{ from: "地流转", to: "土地流转" }]);
    expect(rewrite("土地流转可以入股吗")).toBe("土地流转可以入股吗");
    expect(rewrite("地流转出去")).toBe("土地流转出去");
  });
});
