// `npm run kb:check` covers data/eligibility: a broken rule file is reported with its file and field.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { kbCheck } from "../helpers/kb-check.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("npm run kb:check on data/eligibility", () => {
  it("names the file and field of a bad amount and of a condition on a fact that does not exist", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-elig-kb-"));
    dirs.push(dir);
    cpSync("data", dir, { recursive: true });
    const programmes = join(dir, "eligibility", "programmes.yaml");
    writeFileSync(programmes, readFileSync(programmes, "utf8").replace("fact: poor, is: true", "fact: poverty, is: true"));
    const bad = await kbCheck(dir);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(
      /eligibility\/programmes\.yaml → programmes\[0\]\.conditions\[1\] \(id: disability-living-relief\)\.fact: 没有名为 "poverty" 的事实/,
    );

    cpSync("data/eligibility/programmes.yaml", programmes);
    const parameters = join(dir, "eligibility", "parameters.yaml");
    writeFileSync(parameters, readFileSync(parameters, "utf8").replace("value: 800 }", 'value: "八百" }'));
    const worse = await kbCheck(dir);
    expect(worse.code).not.toBe(0);
    expect(worse.out).toMatch(/eligibility\/parameters\.yaml → parameters\[0\]\.values\[0\]\.value \(id: relief_grade_1_2\): 应为数字/);
  }, 60_000); // two tsx start-ups; slow on a busy 2-core machine
});
