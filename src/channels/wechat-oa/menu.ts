// The Official Account's (and WeCom application's) bottom menu, from data/wechat-menu.yaml to /cgi-bin/menu/create.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { z } from "zod";
import type { WechatApi } from "../wechat-api/api-client.ts";
import { MENU_KEY_PREFIX } from "../wechat-api/inbound.ts";
import { AppError } from "../../core/errors.ts";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
/** WeChat's limits: 3 top buttons of ≤ 16 bytes, 5 sub-buttons of ≤ 60 bytes, keys of ≤ 128 bytes. */
const question = z
  .string()
  .min(1)
  .refine((q) => bytes(MENU_KEY_PREFIX + q) <= 128, "问题太长：最多约 40 个汉字（微信菜单的 key 最长 128 字节）");
const url = z.url({ error: "需要完整的网址，例如 https://example.org/guide" }).refine((u) => bytes(u) <= 1024, "网址最长 1024 字节");

const SubButtonSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .refine((n) => bytes(n) <= 60, "子菜单名称最长 60 字节（手机上显示约 8 个汉字）"),
    question: question.optional(),
    url: url.optional(),
  })
  .strict()
  .refine((b) => (b.question === undefined) !== (b.url === undefined), "每个子菜单要么写 question（点击后提问），要么写 url（打开网页），只能写一个");

const ButtonSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .refine((n) => bytes(n) <= 16, "一级菜单名称最长 16 字节（4 个汉字）"),
    question: question.optional(),
    url: url.optional(),
    sub: z.array(SubButtonSchema).min(1).max(5, "每个一级菜单最多 5 个子菜单").optional(),
  })
  .strict()
  .refine((b) => [b.question, b.url, b.sub].filter((x) => x !== undefined).length === 1, "每个一级菜单只能写 question、url 或 sub 中的一个");

export const MenuFileSchema = z.object({ buttons: z.array(ButtonSchema).min(1).max(3, "最多 3 个一级菜单") }).strict();
export type MenuFile = z.infer<typeof MenuFileSchema>;

type Leaf = { name: string; question?: string | undefined; url?: string | undefined };
type WechatButton = { type: "click"; name: string; key: string } | { type: "view"; name: string; url: string } | { name: string; sub_button: WechatButton[] };

/** A click button's key carries its question ("ask:低保怎么申请？"), so the menu and the server never disagree. */
function leaf(button: Leaf): WechatButton {
  if (button.question !== undefined) return { type: "click", name: button.name, key: `${MENU_KEY_PREFIX}${button.question}` };
  return { type: "view", name: button.name, url: button.url! };
}

export function toWechatMenu(file: MenuFile): { button: WechatButton[] } {
  return { button: file.buttons.map((b) => (b.sub ? { name: b.name, sub_button: b.sub.map(leaf) } : leaf(b))) };
}

export class MenuFileError extends AppError {
  constructor(readonly problems: string[]) {
    super("MENU_FILE_INVALID", `菜单文件有误：\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadMenuFile(path: string): MenuFile {
  let raw: unknown;
  try {
    raw = yaml.load(readFileSync(path, "utf8"));
  } catch (error) {
    throw new MenuFileError([`${path}: ${(error as Error).message}`]);
  }
  const parsed = MenuFileSchema.safeParse(raw);
  if (!parsed.success) throw new MenuFileError(parsed.error.issues.map((i) => `${path} ${i.path.join(".")}: ${i.message}`));
  return parsed.data;
}

/** Replaces the account's menu (WeChat shows it to followers within minutes); WeCom needs the agentid. */
export async function createMenu(api: WechatApi, file: MenuFile, agentId?: number): Promise<void> {
  await api.post("/cgi-bin/menu/create", toWechatMenu(file), agentId !== undefined ? { agentid: String(agentId) } : {});
}
