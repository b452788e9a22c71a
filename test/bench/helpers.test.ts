// The pure parts of the issue-17 bench: how a peer tokenizes, how eval categories become intent labels, which
// expectations are figures, whether a text carries them, and the sentence that says how cost grows.
import { describe, expect, it } from "vitest";
import { intentsOfCategory, isFigure, loadOwnItems } from "../../bench/eval-data.ts";
import { bigramTokens } from "../../bench/peers.bench.ts";
import { carriesFigures } from "../../bench/project.ts";
import { growthLine } from "../../bench/scaling.bench.ts";

describe("bench helpers (issue 17)", () => {
  it("cuts Chinese runs into character bigrams and keeps numbers and Latin words whole", () => {
    expect(bigramTokens("三级残疾，补助400元")).toEqual(["三级", "级残", "残疾", "补助", "400", "元"]);
    expect(bigramTokens("低保 a")).toEqual(["低保", "a"]);
  });

  it("labels a report feedback, an absent programme policy/eligibility/unknown, any other question policy or eligibility", () => {
    expect(intentsOfCategory("report")).toEqual(["feedback"]);
    expect(intentsOfCategory("absent")).toContain("unknown");
    expect(intentsOfCategory("typos")).toEqual(["policy", "eligibility"]);
  });

  it("takes numbers and numeric regexes as figures, words as not", () => {
    expect(isFigure("400")).toBe(true);
    expect(isFigure("re:33\\.3")).toBe(true);
    expect(isFigure(["1200", "2880"])).toBe(true);
    expect(isFigure("服务站")).toBe(false);
    expect(isFigure("re:记下|记录")).toBe(false);
  });

  it("reads every own set's single questions with a label", () => {
    const items = loadOwnItems();
    expect(items.length).toBeGreaterThan(1000);
    expect(items.every((item) => item.intents.length > 0 && item.text.length > 0)).toBe(true);
  });

  it("judges figures as the evaluation scorer does (thousands separators and all)", () => {
    expect(carriesFigures("每户每年1,680元", ["1680"])).toBe(true);
    expect(carriesFigures("每人每年400元", ["400", "800"])).toBe(false);
  });

  it("states growth between the two largest sizes as an exponent", () => {
    const size = (entries: number, cpu: number) => ({
      entries,
      load_index_ms: cpu,
      load_index_cpu_ms: cpu,
      p50_ms: 0.3,
      p99_ms: 1,
      msg_per_s: 3000,
      rss_mb: 300,
      rss_added_mb: 100,
      heap_used_mb: 50,
      replies_with_figures: 1,
    });
    expect(growthLine([size(1000, 100), size(10_000, 1000)])).toContain("∝ n^1.00");
  });
});
