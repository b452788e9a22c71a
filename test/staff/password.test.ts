// Dashboard passwords: salted scrypt hashes that only the right password matches.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/staff/password.ts";
import { loadConfig } from "../../src/config/index.ts";

const FAST = { N: 1024, r: 8, p: 1 };

describe("dashboard password hashing", () => {
  it("matches the right password only, and salts every hash", async () => {
    const hash = await hashPassword("村里的密码", FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain("村里的密码");
    expect(await verifyPassword("村里的密码", hash)).toBe(true);
    expect(await verifyPassword("村里的密码 ", hash)).toBe(false);
    expect(await hashPassword("村里的密码", FAST)).not.toBe(hash);
  });

  it("never matches a malformed hash", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999$8$1$AAAA$AAAA")).toBe(false);
  });

  it("rejects a config value that is not a hash, naming how to make one", () => {
    expect(() => loadConfig({ ADMIN_PASSWORD_HASH: "hunter2" })).toThrow(/ADMIN_PASSWORD_HASH.*src\/staff\/password\.ts/s);
    expect(() => loadConfig({ STAFF_API_TOKEN: "short" })).toThrow(/STAFF_API_TOKEN.*16/s);
    expect(() => loadConfig({ ADMIN_IDS: "123" })).toThrow(/ADMIN_IDS.*渠道:用户ID/s);
  });
});
