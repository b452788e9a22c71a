// The knowledge search is read by whoever takes the project over: it stays small enough to read in one sitting.
// Reading of questions (what is asked, what is absent) lives with the features and core, not beside the index.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Lines of every file under `dir`, recursively. */
function linesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += linesUnder(path);
    else total += readFileSync(path, "utf8").split("\n").length - 1;
  }
  return total;
}

describe("src/knowledge/", () => {
  it("is at most 1,000 lines, index and search together", () => {
    expect(linesUnder("src/knowledge")).toBeLessThanOrEqual(1000);
  });
});
