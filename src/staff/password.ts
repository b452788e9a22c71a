// Dashboard password hashing with Node's built-in scrypt (OpenSSL): no extra dependency, memory-hard, salted.
// Run `npx tsx src/staff/password.ts '你的密码'` to print a value for ADMIN_PASSWORD_HASH.
import { randomBytes, scrypt as scryptCallback, scryptSync, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { pathToFileURL } from "node:url";

const KEY_LENGTH = 32;
// N=2^15, r=8: ~30 ms and 32 MB per check on a small server; slows guessing without hurting a login.
const DEFAULTS = { N: 32768, r: 8, p: 1 };

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFC"), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, params = DEFAULTS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** For start-up only (bootstrapping the first admin from a plain ADMIN_PASSWORD), where blocking once is fine. */
export function hashPasswordSync(password: string, params = DEFAULTS): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFC"), salt, KEY_LENGTH, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Constant-time comparison of the derived keys; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4]!, "base64");
  const expected = Buffer.from(parts[5]!, "base64");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scrypt(password, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const password = process.argv[2];
  if (!password) {
    process.stderr.write("用法：npx tsx src/staff/password.ts '密码'\n");
    process.exit(1);
  }
  void hashPassword(password).then((hash) => process.stdout.write(`${hash}\n`));
}
