import fc from "fast-check";
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

  it("masks the spellings villagers actually type: full-width, dotted, spaced, bracketed", () => {
    expect(maskPersonalData("我手机１３９１２３４５６７８")).toBe("我手机139****5678");
    expect(maskPersonalData("打139.1234.5678找我")).toBe("打139****5678找我");
    expect(maskPersonalData("139 1234 5678")).toBe("139****5678");
    expect(maskPersonalData("139-1234-5678")).toBe("139****5678");
    expect(maskPersonalData("身份证110101 19900307 1236")).toBe("身份证110101***********6");
    expect(maskPersonalData("身份证110101 19900307 123x")).toBe("身份证110101***********x");
    expect(maskPersonalData("座机(0551)87654321")).toBe("座机0551-****21");
    expect(maskPersonalData("座机（0551）8765-4321")).toBe("座机0551-****21");
    expect(maskPersonalData("座机（０５５１）８７６５－４３２１，白天打")).toBe("座机0551-****21，白天打");
  });

  it("keeps quantities a villager writes, so the assistant still understands them", () => {
    for (const text of [
      "一户多残每年1680元",
      "去年领了20.73万",
      "2015年办的残疾证",
      "流转了8亩地，每亩3000元",
      "全年１６８０元",
      "2024-03-05来的通知",
      "2024.03.05发的钱",
      "五口人 3 个劳力 12 亩地",
      "补贴从1500涨到1800",
      "账上还剩 13.5 万",
    ]) {
      expect(maskPersonalData(text)).toBe(text);
      expect(containsPersonalData(text)).toBe(false);
    }
  });
});

// ---- property-based: generated spellings --------------------------------------------------

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(""));
/** Words around a number; no digits or Latin letters, which would join the number. */
const context = fc
  .array(fc.constantFrom("我", "的", "电话", "是", "，", "。", "手机", "身份证", "号码", "找", "打", "村委会", "：", "请", " "), { maxLength: 6 })
  .map((w) => w.join(""));
const toFullWidth = (s: string) => s.replace(/[0-9()-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** Each character typed half- or full-width, as a Chinese input method may switch mid-number. */
const mixedWidth = (s: string) =>
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((wide) => [...s].map((c, i) => (wide[i] ? toFullWidth(c) : c)).join(""));
/** Only digits, folded to ASCII: what a masked text still gives away. */
const digitsOf = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[^0-9Xx*]/g, "");

const mobile = fc.record({ second: fc.integer({ min: 3, max: 9 }), rest: digits(9) }).map(({ second, rest }) => `1${second}${rest}`);
const mobileSpelling = fc
  .record({ number: mobile, sep: fc.constantFrom("", " ", "-", ".", "\u3000"), prefix: fc.constantFrom("", "+86", "+86 ", "86-", "0086") })
  .chain(({ number, sep, prefix }) =>
    mixedWidth(`${prefix}${number.slice(0, 3)}${sep}${number.slice(3, 7)}${sep}${number.slice(7)}`).map((spelled) => ({ number, spelled })),
  );

const birthDate = fc
  .date({ min: new Date("1920-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ""));
const idNumber = fc
  .record({ region: digits(6), birth: birthDate, serial: digits(3), check: fc.constantFrom(..."0123456789Xx") })
  .map(({ region, birth, serial, check }) => `${region}${birth}${serial}${check}`);
const idSpelling = fc
  .record({ id: idNumber, sep: fc.constantFrom("", " ", "-"), grouping: fc.constantFrom("6 8 4", "6 4 4 4", "18").map((g) => g.split(" ").map(Number)) })
  .chain(({ id, sep, grouping }) => {
    const groups: string[] = [];
    let at = 0;
    for (const size of grouping) groups.push(id.slice(at, (at += size)));
    return mixedWidth(groups.join(sep)).map((spelled) => ({ id, spelled }));
  });

const landline = fc.record({
  area: fc.oneof(digits(2), digits(3)).map((d) => `0${d}`),
  first: fc.integer({ min: 1, max: 9 }).map(String),
  rest: fc.oneof(digits(6), digits(7)),
});
const landlineSpelling = fc
  .record({ line: landline, style: fc.constantFrom("dash", "space", "ascii-brackets", "cn-brackets"), split: fc.boolean() })
  .chain(({ line, style, split }) => {
    const local = `${line.first}${line.rest}`;
    const localSpelled = split ? `${local.slice(0, -4)}-${local.slice(-4)}` : local;
    const spelled =
      style === "dash"
        ? `${line.area}-${localSpelled}`
        : style === "space"
          ? `${line.area} ${localSpelled}`
          : style === "ascii-brackets"
            ? `(${line.area})${localSpelled}`
            : `（${line.area}）${localSpelled}`;
    return mixedWidth(spelled).map((s) => ({ area: line.area, local, spelled: s }));
  });

describe("masking holds for every generated spelling (fast-check)", () => {
  it("hides the middle of any mobile number however it is spelled, and touches nothing around it", () => {
    fc.assert(
      fc.property(context, mobileSpelling, context, (before, { number, spelled }, after) => {
        const masked = maskPersonalData(`${before}${spelled}${after}`);
        expect(masked).toBe(`${before}${number.slice(0, 3)}****${number.slice(7)}${after}`);
      }),
      { numRuns: 500 },
    );
  });

  it("hides the birth date and serial of any ID number however it is grouped", () => {
    fc.assert(
      fc.property(context, idSpelling, context, (before, { id, spelled }, after) => {
        const masked = maskPersonalData(`${before}${spelled}${after}`);
        expect(masked).toBe(`${before}${id.slice(0, 6)}***********${id.slice(-1)}${after}`);
        expect(digitsOf(masked)).not.toContain(id.slice(6, 14));
      }),
      { numRuns: 500 },
    );
  });

  it("hides any landline with an area code, bracketed or not", () => {
    fc.assert(
      fc.property(context, landlineSpelling, context, (before, { area, local, spelled }, after) => {
        const masked = maskPersonalData(`${before}${spelled}${after}`);
        expect(masked).toBe(`${before}${area}-****${local.slice(-2)}${after}`);
      }),
      { numRuns: 500 },
    );
  });

  it("never changes amounts, decimals, years, dates, areas or counts", () => {
    const integer = fc.integer({ min: 0, max: 999_999 }).map(String);
    const decimal = fc
      .record({ whole: fc.integer({ min: 0, max: 99_999 }), frac: fc.integer({ min: 0, max: 9999 }) })
      .map(({ whole, frac }) => `${whole}.${frac}`);
    const year = fc.integer({ min: 1949, max: 2035 }).map((y) => `${y}年`);
    const date = fc
      .tuple(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("-", ".", "/", "年"),
      )
      .map(([d, style]) => {
        const [y, m, day] = d.toISOString().slice(0, 10).split("-");
        return style === "年" ? `${y}年${Number(m)}月${Number(day)}日` : [y, m, day].join(style);
      });
    const figure = fc.oneof(
      fc
        .tuple(fc.oneof(integer, decimal), fc.constantFrom("元", "万", "万元", "亩", "斤", "吨", "人", "户", "个月", "%", "平方米", "块"))
        .map(([n, unit]) => `${n}${unit}`),
      year,
      date,
    );
    const sentence = fc
      .array(fc.tuple(fc.constantFrom("每年", "一共", "去年", "领了", "种了", "，", "还差", "从", "到", " "), fc.boolean(), figure), {
        minLength: 1,
        maxLength: 5,
      })
      .map((parts) => parts.map(([word, wide, f]) => `${word}${wide ? toFullWidth(f) : f}`).join(""));
    fc.assert(
      fc.property(sentence, (text) => {
        expect(maskPersonalData(text)).toBe(text);
        expect(containsPersonalData(text)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
