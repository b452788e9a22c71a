import { describe, expect, it } from "vitest";
import { IntMap } from "../../src/knowledge/int-map.ts";

describe("IntMap", () => {
  it("holds what a Map holds, through many growths and negative keys", () => {
    const map = new IntMap();
    const reference = new Map<number, number>();
    let state = 5;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const key = (next() % 5000) - 2500 || 1;
      const value = next() % 1000;
      map.set(key, value);
      reference.set(key, value);
    }
    expect(map.size).toBe(reference.size);
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    expect(map.get(99_999)).toBe(-1);
    expect(() => map.set(0, 1)).toThrow(RangeError);
  });
});
