// `npm run wechat:menu`: the menu file is checked, then created on the (fake) WeChat API.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMenuFile, MenuFileError } from "../../src/channels/wechat-oa/menu.ts";
import { FakeWechat, OA_APPID, OA_SECRET, WECOM_CORP, WECOM_SECRET } from "./support/fake-wechat.ts";

const run = promisify(execFile);
let fake: FakeWechat;
let dir: string;

beforeEach(async () => {
  fake = await FakeWechat.start();
  dir = mkdtempSync(join(tmpdir(), "xiangqin-menu-"));
});

afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ["--import", "tsx", "src/cli/wechat-menu.ts", ...args], {
    env: { ...process.env, ...env, DB_PATH: join(dir, "x.db") },
    timeout: 20_000,
  });

describe("the menu command", () => {
  it("creates the Official Account menu from data/wechat-menu.yaml, each click button asking its question", async () => {
    const { stdout } = await cli([], { WECHAT_OA_APPID: OA_APPID, WECHAT_OA_APPSECRET: OA_SECRET, WECHAT_API_ROOT: fake.url });
    expect(stdout).toContain("菜单已更新");
    const menu = fake.menus[0] as { button: Array<{ name: string; key?: string; sub_button?: Array<{ key: string }> }> };
    expect(menu.button.map((b) => b.name)).toEqual(["政策问答", "反映问题", "使用帮助"]);
    expect(menu.button[0]!.sub_button![1]!.key).toBe("ask:低保怎么申请？");
  });

  it("creates the WeCom application's menu with its agentid", async () => {
    await cli(["--wecom"], { WECOM_CORP_ID: WECOM_CORP, WECOM_SECRET, WECOM_AGENT_ID: "1000002", WECOM_API_ROOT: fake.url });
    expect(fake.menus[0]).toMatchObject({ agentid: "1000002" });
  });

  it("says which button is wrong in a bad menu file, and sends nothing", async () => {
    const file = join(dir, "menu.yaml");
    writeFileSync(file, "buttons:\n  - name: 一个很长很长的菜单名\n    question: 你好\n  - name: 两样\n    question: 你好\n    url: https://example.org\n");
    expect(() => loadMenuFile(file)).toThrow(MenuFileError);
    const failed = await cli([file], { WECHAT_OA_APPID: OA_APPID, WECHAT_OA_APPSECRET: OA_SECRET, WECHAT_API_ROOT: fake.url }).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain("buttons.0.name");
    expect((failed as { stderr: string }).stderr).toContain("buttons.1");
    expect(fake.menus).toEqual([]);
  });
});
