// `npm run wechat:menu`: creates the Official Account's menu from data/wechat-menu.yaml
// (`-- --wecom` for the WeCom application, `-- --dry-run` to print it without sending).
import { join } from "node:path";
import { z } from "zod";
import { loadConfig } from "../config/index.ts";
import { WechatApi, WechatApiError } from "../channels/wechat-api/api-client.ts";
import { createMenu, loadMenuFile, MenuFileError, toWechatMenu } from "../channels/wechat-oa/menu.ts";

z.config(z.locales.zhCN());
const args = process.argv.slice(2);
const wecom = args.includes("--wecom");
const dryRun = args.includes("--dry-run");

try {
  const config = loadConfig();
  const file = loadMenuFile(args.find((a) => !a.startsWith("--")) ?? join(config.DATA_DIR, "wechat-menu.yaml"));
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(toWechatMenu(file), null, 2)}\n`);
    process.exit(0);
  }
  if (wecom) {
    if (!config.WECOM_CORP_ID || !config.WECOM_SECRET || !config.WECOM_AGENT_ID) throw new Error("需要 WECOM_CORP_ID、WECOM_SECRET 和 WECOM_AGENT_ID");
    const api = new WechatApi({
      root: config.WECOM_API_ROOT,
      tokenPath: `/cgi-bin/gettoken?${new URLSearchParams({ corpid: config.WECOM_CORP_ID, corpsecret: config.WECOM_SECRET })}`,
    });
    await createMenu(api, file, config.WECOM_AGENT_ID);
  } else {
    if (!config.WECHAT_OA_APPID || !config.WECHAT_OA_APPSECRET) throw new Error("需要 WECHAT_OA_APPID 和 WECHAT_OA_APPSECRET");
    const api = new WechatApi({
      root: config.WECHAT_API_ROOT,
      tokenPath: `/cgi-bin/token?${new URLSearchParams({ grant_type: "client_credential", appid: config.WECHAT_OA_APPID, secret: config.WECHAT_OA_APPSECRET })}`,
    });
    await createMenu(api, file);
  }
  process.stdout.write(`菜单已更新（${file.buttons.map((b) => b.name).join("、")}）。关注者重新进入${wecom ? "应用" : "公众号"}后就能看到。\n`);
} catch (error) {
  const hint =
    error instanceof WechatApiError && (error.errcode === 40164 || error.errcode === 60020)
      ? "（本机出口 IP 不在白名单里）"
      : error instanceof WechatApiError && error.errcode === 48001
        ? "（这个账号没有自定义菜单接口权限：未认证的订阅号只能在后台手动设置菜单）"
        : "";
  process.stderr.write(`${error instanceof MenuFileError ? error.message : `菜单没有更新：${(error as Error).message}`}${hint}\n`);
  process.exit(1);
}
