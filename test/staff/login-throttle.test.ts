// The login throttle's arithmetic and its storage: delays double after the free failures, and attempts charged
// through two connections to one database file (two server processes) add up instead of overwriting each other.
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import { ACCOUNT_RULE, accountKey, addressKey, attemptSucceeded, delayAfter, reserveAttempt } from "../../src/staff/login-throttle.ts";
import { staffFixture } from "./fixtures.ts";

let fixture: ReturnType<typeof staffFixture> | undefined;
let second: Store | undefined;
afterEach(() => {
  second?.close();
  fixture?.close();
  second = undefined;
});

describe("login throttle", () => {
  it("allows 5 failures, then waits 1 s, 2 s, 4 s … and never more than 15 minutes", () => {
    expect([4, 5, 6, 7, 8].map((n) => delayAfter(n, ACCOUNT_RULE))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(1000, ACCOUNT_RULE)).toBe(15 * 60_000);
  });

  it("counts attempts from two connections to the same file, and refuses once the account is locked", async () => {
    fixture = staffFixture();
    const path = fixture.store.db.name;
    second = Store.open(path, { backgroundCheckpoint: false });
    const now = fixture.services.clock();
    const results: boolean[] = [];
    for (let i = 0; i < 8; i++) results.push((await reserveAttempt(i % 2 ? second.staff : fixture.store.staff, [accountKey("admin")], now)).ok);
    expect(results).toEqual([true, true, true, true, true, false, false, false]);
    expect(second.db.prepare("SELECT failures FROM login_throttle WHERE key = 'account:admin'").pluck().get()).toBe(5);
  });

  it("gives an address back only the attempt it was charged for when the password was right", async () => {
    fixture = staffFixture();
    const db = fixture.store.db;
    const now = fixture.services.clock();
    for (let i = 0; i < 3; i++) await reserveAttempt(fixture.store.staff, [accountKey(`u${i}`), addressKey("192.0.2.9")], now);
    await reserveAttempt(fixture.store.staff, [accountKey("me"), addressKey("192.0.2.9")], now);
    await attemptSucceeded(fixture.store.staff, accountKey("me"), addressKey("192.0.2.9"), now);
    const failures = (key: string) => db.prepare("SELECT failures FROM login_throttle WHERE key = ?").pluck().get(key);
    expect(failures("address:192.0.2.9")).toBe(3);
    expect(failures("account:me")).toBeUndefined();
  });
});
