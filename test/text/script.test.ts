import { readFileSync } from "node:fs";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { detectScript, toScript, toSimplified } from "../../src/text/script.ts";

// The fast path skips clauses it proves need no conversion; the result must equal opencc-js's own, except that a
// lone 么 stays 么 (the Taiwan table reads it as 幺; in Simplified it is the particle of 对么, 是么).
const opencc = OpenCC.Converter({ from: "tw", to: "cn" });
const reference = (text: string) => opencc(text.replaceAll("么", "\uE000")).replaceAll("\uE000", "么");
const toTw = OpenCC.Converter({ from: "cn", to: "tw" });
const seed = readFileSync(new URL("../../../shared/seed/000_598bc6a691808f3f.txt", import.meta.url), "utf8");

describe("Traditional to Simplified conversion", () => {
  it("gives exactly what opencc-js gives, for the seed in both scripts", () => {
    for (const line of seed.split("\n")) {
      expect(toSimplified(line)).toBe(reference(line));
      const traditional = toTw(line);
      expect(toSimplified(traditional)).toBe(reference(traditional));
    }
  });

  it("gives exactly what opencc-js gives for random mixes of both scripts and punctuation", () => {
    const chars = [...new Set([...seed, ...toTw(seed), ..."么麼幺群羣著着乾干後后髮發裡里，。 |1.2"])];
    let state = 42;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5000; n++) {
      let text = "";
      const length = 1 + Math.floor(next() * 20);
      for (let i = 0; i < length; i++) text += chars[Math.floor(next() * chars.length)];
      expect(toSimplified(text)).toBe(reference(text));
    }
  });

  it("keeps 么 as Simplified's particle (对么), so a Simplified writer is answered in Simplified", () => {
    expect(opencc("对么")).toBe("对幺");
    expect(toSimplified("培训了373个妇女 对么")).toBe("培训了373个妇女 对么");
    expect(detectScript("办了10期 对么")).toBe("simplified");
  });

  it("tells the writer's script and answers in it", () => {
    expect(detectScript("一戶多殘家庭生活補助怎麼發？")).toBe("traditional");
    expect(detectScript("什么时候发？群众怎么领？")).toBe("simplified");
    expect(toScript("每户每年1680元", "traditional")).toBe("每戶每年1680元");
  });
});
