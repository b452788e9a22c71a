// A small data folder (three villages, one policy entry) plus the real intent examples and categories,
// so staff and feedback tests don't depend on the knowledge base being written in parallel.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSnapshot, type DataSnapshot } from "../../src/snapshot/index.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";

export function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-data-"));
  mkdirSync(join(dir, "knowledge"));
  cpSync("data/intents", join(dir, "intents"), { recursive: true });
  cpSync("data/feedback-categories.yaml", join(dir, "feedback-categories.yaml"));
  cpSync("data/conversation.yaml", join(dir, "conversation.yaml"));
  writeFileSync(
    join(dir, "villages.yaml"),
    `township: 测试镇
villages:
  - name: 东风村
    aliases: [东风]
    households: 120
  - name: 李庄村
    aliases: [李庄]
    households: 80
  - name: 张庄村
    aliases: [张庄]
    households: 60
`,
  );
  writeFileSync(join(dir, "synonyms.yaml"), "synonyms:\n  - term: 残疾人\n    variants: [残疾]\ncolloquial: []\n");
  writeFileSync(
    join(dir, "knowledge", "relief.yaml"),
    `topic: 残疾人
entries:
  - id: disability-relief
    title: 贫困残疾人救助
    category: 残疾人
    keywords: [残疾, 救助]
    summary: 三级贫困残疾人每年救助 400 元。
    contact: 镇民政办
    source: { file: seed.md, section: 篇二 }
`,
  );
  return dir;
}

let fixture: { dir: string; snapshot: DataSnapshot } | undefined;

/** The app on a fresh database, over the fixture data (the snapshot is built once per test file). */
export async function startStaffApp(env: Record<string, string> = {}, clock?: () => Date): Promise<TestApp> {
  if (!fixture) {
    const dir = makeDataDir();
    fixture = { dir, snapshot: loadSnapshot(dir) };
  }
  return startTestApp({ env: { DATA_DIR: fixture.dir, KB_WATCH: "off", ...env }, snapshot: fixture.snapshot, ...(clock ? { clock } : {}) });
}
