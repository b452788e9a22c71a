// Dashboard password check (scrypt hash from config) and a small brake on password guessing.
import type { Config } from "../../config/index.ts";
import { hashPassword, verifyPassword } from "../../staff/password.ts";

export class PasswordChecker {
  private readonly hash: Promise<string | undefined>;

  constructor(config: Pick<Config, "ADMIN_PASSWORD_HASH" | "ADMIN_PASSWORD">) {
    // A plain ADMIN_PASSWORD is hashed once in memory, so both paths compare the same way.
    this.hash = Promise.resolve(config.ADMIN_PASSWORD_HASH ?? (config.ADMIN_PASSWORD ? hashPassword(config.ADMIN_PASSWORD) : undefined));
  }

  /** undefined: login is off (no password configured). */
  async check(password: string): Promise<boolean | undefined> {
    const hash = await this.hash;
    if (!hash) return undefined;
    return verifyPassword(password, hash);
  }
}

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

/** After 5 wrong passwords from one client in 15 minutes, further attempts wait out the window. */
export class LoginGuard {
  private readonly failures = new Map<string, number[]>();

  async attempt(client: string, now: Date, check: () => Promise<boolean | undefined>): Promise<"ok" | "wrong" | "locked" | "off"> {
    const recent = (this.failures.get(client) ?? []).filter((t) => now.getTime() - t < WINDOW_MS);
    if (recent.length >= MAX_FAILURES) return "locked";
    const ok = await check();
    if (ok === undefined) return "off";
    if (ok) {
      this.failures.delete(client);
      return "ok";
    }
    recent.push(now.getTime());
    this.failures.set(client, recent);
    return "wrong";
  }
}
