// Cadres edit data/ while the server runs: a good edit is picked up, a bad one keeps the old version.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EngineHolder } from "../../src/core/engine.ts";
import { createLogger } from "../../src/core/logger.ts";
import { composeAnswer } from "../../src/intents/policy/answer.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ask(holder: EngineHolder, text: string): string {
  const { kb } = holder.current;
  const query = kb.index.analyze(text);
  return composeAnswer(kb.index, query, kb.index.search(query)).text;
}

describe("knowledge base reload", () => {
  it("answers from the edited file after a reload, and keeps serving when an edit is broken", () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-reload-"));
    dirs.push(dir);
    cpSync("data", dir, { recursive: true });
    const logs: string[] = [];
    const holder = new EngineHolder(
      dir,
      createLogger("debug", (l) => logs.push(l)),
    );
    expect(ask(holder, "沼气池后期维修谁负责")).toContain("2 名专职技术人员");

    const file = join(dir, "knowledge", "biogas.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("站里有 2 名专职技术人员", "站里有 3 名专职技术人员"));
    expect(holder.reload()).toBe(true);
    expect(ask(holder, "沼气池后期维修谁负责")).toContain("3 名专职技术人员");

    writeFileSync(file, "topic: [broken");
    expect(holder.reload()).toBe(false);
    expect(ask(holder, "沼气池后期维修谁负责")).toContain("3 名专职技术人员");
    expect(logs.some((l) => l.includes("reload failed"))).toBe(true);
  });

  it("cuts a term dropped from data/ apart again after a reload", () => {
    const dir = mkdtempSync(join(tmpdir(), "xiangqin-reload-"));
    dirs.push(dir);
    cpSync("data", dir, { recursive: true });
    const file = join(dir, "knowledge", "biogas.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("aliases: [沼气服务站,", "aliases: [沼渣抽吸车, 沼气服务站,"));
    const holder = new EngineHolder(
      dir,
      createLogger("error", () => {}),
    );
    const words = () => holder.current.kb.segmenter.words("沼渣抽吸车啥时候来");
    expect(words()).toContain("沼渣抽吸车");

    writeFileSync(file, original);
    expect(holder.reload()).toBe(true);
    expect(words()).not.toContain("沼渣抽吸车");
  });
});
