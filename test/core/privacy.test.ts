import { describe, expect, it } from "vitest";
import { containsPersonalData, maskPersonalData } from "../../src/core/privacy.ts";

describe("personal data is masked before it is stored or sent out", () => {
  it("masks mobile numbers, keeping the first three and last four digits", () => {
    expect(maskPersonalData("我电话13812345678，有事打")).toBe("我电话138****5678，有事打");
    expect(maskPersonalData("+86 138-1234-5678")).toBe("138****5678");
  });

  it("masks 18-digit ID card numbers including an X check digit", () => {
    const masked = maskPersonalData("身份证340123199001011234和34012319900101123X");
    expect(masked).not.toMatch(/19900101/);
    expect(masked).toContain("340123***********4");
    expect(masked).toContain("340123***********X");
  });

  it("masks landlines with an area code", () => {
    expect(maskPersonalData("座机0551-12345678")).toBe("座机0551-****78");
  });

  it("leaves figures like amounts and years alone", () => {
    const text = "一户多残每户每年1680元，2024年发放64.344万元";
    expect(maskPersonalData(text)).toBe(text);
    expect(containsPersonalData(text)).toBe(false);
  });
});
