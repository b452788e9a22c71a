// Cadres edit data/ while the server runs: a good edit is picked up whole on the next message, a bad one keeps the old version whole.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SnapshotHolder } from "../../src/snapshot/index.ts";
import { createLogger } from "../../src/core/logger.ts";
import { composeAnswer } from "../../src/intents/policy/answer.ts";
import { conversation, startTestApp, type TestApp } from "../helpers/app.ts";

const dirs: string[] = [];
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-reload-"));
  dirs.push(dir);
  cpSync("data", dir, { recursive: true });
  return dir;
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${path} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

function ask(holder: SnapshotHolder, text: string): string {
  const { kb } = holder.current;
  const query = kb.index.analyze(text);
  return composeAnswer(kb.index, query, kb.index.search(query)).text;
}

const SCREENING = "我是三级残疾，家里是贫困户，每年能领多少救助";
const LAMP_REPORT = "三组的路灯坏了一个星期了，晚上黑灯瞎火的";

describe("reloading data/", () => {
  it("answers from the edited knowledge file after a reload, and keeps serving when an edit is broken", () => {
    const dir = copyOfData();
    const logs: string[] = [];
    const holder = new SnapshotHolder(
      dir,
      createLogger("debug", (l) => logs.push(l)),
    );
    expect(ask(holder, "沼气池后期维修谁负责")).toContain("2 名专职技术人员");

    const file = join(dir, "knowledge", "biogas.yaml");
    edit(file, "站里有 2 名专职技术人员", "站里有 3 名专职技术人员");
    expect(holder.reload().ok).toBe(true);
    expect(ask(holder, "沼气池后期维修谁负责")).toContain("3 名专职技术人员");

    writeFileSync(file, "topic: [broken");
    expect(holder.reload().ok).toBe(false);
    expect(ask(holder, "沼气池后期维修谁负责")).toContain("3 名专职技术人员");
    expect(logs.some((l) => l.includes("reload failed"))).toBe(true);
  });

  it("cuts a term dropped from data/ apart again after a reload (each snapshot has its own jieba dictionary)", () => {
    const dir = copyOfData();
    const file = join(dir, "knowledge", "biogas.yaml");
    const original = readFileSync(file, "utf8");
    edit(file, "aliases: [沼气服务站,", "aliases: [沼渣抽吸车, 沼气服务站,");
    const holder = new SnapshotHolder(
      dir,
      createLogger("error", () => {}),
    );
    const words = () => holder.current.kb.segmenter.words("沼渣抽吸车啥时候来");
    expect(words()).toContain("沼渣抽吸车");
    writeFileSync(file, original);
    expect(holder.reload().ok).toBe(true);
    expect(words()).not.toContain("沼渣抽吸车");
  });

  it("takes a new eligibility amount and a renamed report category on the next message after a reload", async () => {
    const dir = copyOfData();
    app = await startTestApp({ env: { DATA_DIR: dir }, snapshot: null });
    expect((await conversation(app.url).ask(SCREENING)).text).toContain("贫困残疾人生活特别救助：每人每年 400 元");
    expect((await conversation(app.url).ask(LAMP_REPORT)).text).toMatch(/回执号：FK\d+（路灯）/);

    edit(join(dir, "eligibility", "parameters.yaml"), "values: [{ since: null, value: 400 }]", "values: [{ since: null, value: 450 }]");
    edit(join(dir, "feedback-categories.yaml"), "  - name: 路灯\n", "  - name: 照明\n");
    expect(app.app.snapshot.reload().ok).toBe(true);

    expect((await conversation(app.url).ask(SCREENING)).text).toContain("贫困残疾人生活特别救助：每人每年 450 元");
    expect((await conversation(app.url).ask(LAMP_REPORT)).text).toMatch(/回执号：FK\d+（照明）/);
  });

  it("keeps the previous version whole when any file of an edit is broken, and names the file and field", async () => {
    const dir = copyOfData();
    app = await startTestApp({ env: { DATA_DIR: dir }, snapshot: null });
    const before = app.app.snapshot.current;

    // A good edit of the categories together with a broken one of the rules: neither is taken.
    edit(join(dir, "feedback-categories.yaml"), "  - name: 路灯\n", "  - name: 照明\n");
    edit(join(dir, "eligibility", "programmes.yaml"), "param: relief_grade_3", "param: relief_grade_33");
    const result = app.app.snapshot.reload();

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems).toContainEqual(expect.objectContaining({ file: "eligibility/programmes.yaml", field: expect.stringContaining("amount") }));
    expect(result.error.message).toContain("relief_grade_33");
    expect(app.app.snapshot.current).toBe(before);
    expect((await conversation(app.url).ask(SCREENING)).text).toContain("贫困残疾人生活特别救助：每人每年 400 元");
    expect((await conversation(app.url).ask(LAMP_REPORT)).text).toMatch(/回执号：FK\d+（路灯）/);
    expect(app.logs.some((l) => l.includes("data reload failed"))).toBe(true);
  });

  it("refuses a categories file that fails validation, naming its field", () => {
    const dir = copyOfData();
    const holder = new SnapshotHolder(dir, createLogger("silent"));
    edit(join(dir, "feedback-categories.yaml"), "fallback: 其他", "fallback: 没有这个分类");
    const result = holder.reload();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems).toContainEqual(expect.objectContaining({ file: "feedback-categories.yaml", field: "fallback" }));
    expect(holder.current.categories.fallback).toBe("其他");
  });
});
