// Report categories from data/: the file validates, reports land in the right category, places are compared.
import { describe, expect, it } from "vitest";
import { classifyCategory, extractPlaces, loadCategories, parseCategories, samePlace, CategoriesError } from "../../src/feedback/categories.ts";

const file = loadCategories("data");

describe("feedback categories", () => {
  it("files everyday reports under the category their words name", () => {
    expect(classifyCategory("村东头路灯坏了半个月了", file)).toBe("路灯");
    expect(classifyCategory("三组的沼气池不产气了", file)).toBe("沼气");
    expect(classifyCategory("低保两个月没发了", file)).toBe("补贴发放");
    expect(classifyCategory("村干部态度太差", file)).toBe("干部作风");
    expect(classifyCategory("今天天气不错", file)).toBe("其他");
  });

  it("treats two reports as the same problem only when a place matches, not just the asset", () => {
    const a = extractPlaces("村东头路灯坏了", "路灯", file);
    const b = extractPlaces("东头的路灯还是不亮", "路灯", file);
    const c = extractPlaces("西头的路灯不亮", "路灯", file);
    expect(samePlace(a, b, file)).toBe(true);
    expect(samePlace(a, c, file)).toBe(false);
    const d1 = extractPlaces("三组的沼气池不产气", "沼气", file);
    const d2 = extractPlaces("五组沼气池漏气", "沼气", file);
    expect(samePlace(d1, d2, file)).toBe(false);
  });

  it("names the field and the problem in a broken categories file", () => {
    const broken = () => parseCategories("fallback: 其他\ncategories:\n  - name: 道路\n    keywords: []\n");
    expect(broken).toThrow(CategoriesError);
    try {
      broken();
    } catch (error) {
      expect((error as CategoriesError).problems).toContainEqual({ field: "categories.0.keywords", message: "每个分类至少要有一个关键词" });
      expect((error as CategoriesError).problems.map((p) => p.field)).toContain("fallback");
    }
  });
});
