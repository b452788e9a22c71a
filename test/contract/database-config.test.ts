// The settings that choose and size the database, given bad values: the start-up names the setting, in Chinese,
// and never echoes DATABASE_URL (it carries a password).
import { describe, expect, it } from "vitest";
import { instanceName, loadConfig } from "../../src/config/index.ts";

describe("database settings with bad values", () => {
  it("refuses a DATABASE_URL that is not a postgres:// URL without showing it", () => {
    for (const value of [
      "mysql://root:hunter2@db/x",
      "postgres://",
      "postgres://user:hunter2@host/db; DROP TABLE feedback",
      `postgres://u:${"x".repeat(100_000)} y@h/d`,
    ]) {
      let message = "";
      try {
        loadConfig({ DATABASE_URL: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/DATABASE_URL: 应以 postgres:\/\/ 开头.*（已隐藏）/);
      expect(message).not.toContain("hunter2");
      expect(message.length).toBeLessThan(500);
    }
  });

  it("an empty DATABASE_URL means SQLite, as if unset", () => {
    const config = loadConfig({ DATABASE_URL: "", DATABASE_POOL_SIZE: "", INSTANCE_NAME: "", LEADER_LEASE_SECONDS: "" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.LEADER_LEASE_SECONDS).toBe(10);
    expect(instanceName(config)).toMatch(/-\d+$/);
  });

  it("names the setting when a pool size, lease or instance name is out of range", () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "很多" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ LEADER_LEASE_SECONDS: "100000" })).toThrow(/LEADER_LEASE_SECONDS/);
    expect(() => loadConfig({ INSTANCE_NAME: "x".repeat(101) })).toThrow(/INSTANCE_NAME/);
    expect(instanceName(loadConfig({ INSTANCE_NAME: "app-1" }))).toBe("app-1");
  });
});
