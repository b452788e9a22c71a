import { describe, expect, it } from "vitest";
import { createRewriter, foldText, hasWords, sanitize } from "../../src/text/fold.ts";
import { detectScript, toScript, toSimplified } from "../../src/text/script.ts";

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

  it("cleans any mix of spaces, tabs, blank lines and invisible characters the same way", () => {
    // The three replacements sanitize makes whenever it has anything to clean.
    const reference = (text: string) =>
      text
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, "")
        .replace(/[ \t\u3000]+/g, " ")
        .replace(/\n{3,}/g, "\n\n")
        .trim();
    const pieces = ["残疾", " ", "  ", "\t", "\u3000", "\n", "\n\n\n", "\r", "\u200b", "\u0007", "\ufeff", "a", "\u00a0"];
    let state = 9;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      let text = "";
      for (let i = Math.floor(next() * 8); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)];
      expect(sanitize(text)).toBe(reference(text));
      // Folding collapses every whitespace run (non-breaking and ideographic spaces included) to one space.
      expect(foldText(text)).toBe(toSimplified(reference(text).normalize("NFKC")).toLowerCase().replace(/\s+/g, " "));
    }
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
