// Settings for staff functions: roles, the staff HTTP API and the dashboard (see .env.example).
import { isIP } from "node:net";
import { z } from "zod";
import { emptyAsUndefined, optionalString } from "./env.ts";

/** A channel-qualified user id, e.g. telegram:123, wechat:wxid_abc, wechat-oa:<openid>, wecom:<userid>, web:u1. */
const QUALIFIED_ID = /^(web|cli|telegram|wechat|wechat-oa|wecom):[^\s,]{1,200}$/;

/** A comma/space separated setting as a list; unset or empty is an empty list. */
function splitList(value: unknown): unknown {
  const v = emptyAsUndefined(value);
  if (v === undefined) return [];
  if (typeof v !== "string") return v;
  return v
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "telegram:123,wechat:wxid_abc" → ["telegram:123", "wechat:wxid_abc"]; each item must name its channel. */
const idList = z.preprocess(splitList, z.array(z.string().regex(QUALIFIED_ID, "每一项要写成 渠道:用户ID，例如 telegram:123 或 wechat:wxid_abc")));

/** "10.0.0.1, 192.168.1.0/24, ::1" → each an IP address or CIDR block of a reverse proxy we trust. */
const addressList = z.preprocess(
  splitList,
  z.array(
    z.string().refine((entry) => {
      const [address, bits, extra] = entry.split("/");
      if (extra !== undefined || !address) return false;
      const family = isIP(address);
      if (family === 0) return false;
      if (bits === undefined) return true;
      return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
    }, "每一项要写成 IP 地址或网段，例如 127.0.0.1 或 10.0.0.0/8"),
  ),
);

/** Lower-case letters, digits, Chinese characters, . _ - ; 2–32 characters (NFKC-normalised first). */
export const USERNAME_PATTERN = /^[\p{Ll}\p{Lo}\p{N}._-]{2,32}$/u;

const hours = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(fallback),
  );

export const StaffConfigShape = {
  /** Bearer token for the staff HTTP API; without it the bearer path is off (the dashboard login still works). */
  STAFF_API_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, "至少 16 个字符，请用随机生成的长字符串").optional()),
  /** Admins and cadres named by configuration; more can join by invite code. */
  ADMIN_IDS: idList,
  CADRE_IDS: idList,
  /**
   * Bootstraps the first admin account (ADMIN_USERNAME) while no admin account exists yet, so deployments from
   * before per-person accounts keep working. A scrypt hash: `npx tsx src/staff/password.ts '密码'` prints one.
   */
  ADMIN_PASSWORD_HASH: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, "格式应为 scrypt$N$r$p$盐$哈希，请用 tsx src/staff/password.ts 生成")
      .optional(),
  ),
  /** Plain dashboard password, for local trials only; hashed in memory at start-up. ADMIN_PASSWORD_HASH wins. */
  ADMIN_PASSWORD: optionalString,
  /** Username of the bootstrapped first admin account. */
  ADMIN_USERNAME: z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").trim().toLowerCase() : v) || undefined,
    z.string().regex(USERNAME_PATTERN, "用户名 2–32 个字符：字母、数字、汉字或 . _ -").default("admin"),
  ),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma list of addresses or CIDR blocks). Unset: the
   * client is the socket's address and X-Forwarded-For is ignored, since any client can write that header.
   */
  TRUST_PROXY: addressList,
  INVITE_TTL_HOURS: hours(72),
  SESSION_TTL_HOURS: hours(12),
  /** "auto": Secure cookies when the request came over https (or X-Forwarded-Proto says so). */
  COOKIE_SECURE: z.preprocess(emptyAsUndefined, z.enum(["auto", "on", "off"]).default("auto")),
};
