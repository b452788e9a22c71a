// Brakes on password guessing: per account and per client address, growing delays after a few free failures.
// Every attempt is counted before its password is checked, inside one SQLite write transaction, so concurrent
// guesses (or several server processes) can't all slip in under the limit while the slow hash runs.
import type { StaffStore } from "../store/staff.ts";
import type { ThrottleRow, ThrottleUpdate } from "../store/index.ts";

export interface ThrottleRule {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** Delay after the first failure beyond the free ones; doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

/** 5 tries, then 1 s, 2 s, 4 s … up to 15 minutes: a typo never hurts, a dictionary gets ~100 guesses a day. */
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 };
/** One address guessing across many usernames; several people may share an office address, hence more room. */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 3_600_000 };

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

export function accountKey(username: string): ThrottleKey {
  return { key: `account:${username}`, rule: ACCOUNT_RULE };
}

export function addressKey(address: string): ThrottleKey {
  return { key: `address:${address}`, rule: ADDRESS_RULE };
}

/** The wait imposed after `failures` failures (0 while within the free ones). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = failures - rule.freeFailures;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(doublings, 40));
}

/** The row after one more failure at `now`; an old row is forgotten first. */
export function withFailure(row: ThrottleRow | undefined, key: string, now: Date, rule: ThrottleRule): ThrottleRow {
  const stale = !row || now.getTime() - Date.parse(row.lastFailureAt) > rule.forgetAfterMs;
  const failures = (stale ? 0 : row.failures) + 1;
  const delay = delayAfter(failures, rule);
  return { key, failures, lockedUntil: delay > 0 ? new Date(now.getTime() + delay).toISOString() : null, lastFailureAt: now.toISOString() };
}

/** Milliseconds until the key may try again; 0 when it may now. */
export function remainingLock(row: ThrottleRow | undefined, now: Date): number {
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Date.parse(row.lockedUntil) - now.getTime());
}

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number; lockedKey: string };

/**
 * Claims one attempt for every key, or refuses when any of them is still locked. The attempt is recorded as a
 * failure straight away; `succeeded` takes it back. IMMEDIATE: the read and the write hold the write lock together.
 */
export function reserveAttempt(staff: StaffStore, keys: readonly ThrottleKey[], now: Date): Reservation {
  return staff.updateThrottle(
    keys.map(({ key }) => key),
    (rows): ThrottleUpdate<Reservation> => {
      for (let i = 0; i < keys.length; i++) {
        const wait = remainingLock(rows[i], now);
        if (wait > 0) return { result: { ok: false, retryAfterMs: wait, lockedKey: keys[i]!.key } };
      }
      return { put: keys.map(({ key, rule }, i) => withFailure(rows[i], key, now, rule)), result: { ok: true } };
    },
  );
}

/**
 * After the right password: the account starts again from zero; the address only gets back the attempt it was
 * charged for, so logging into one's own account between guesses does not reset an address's count.
 */
export function attemptSucceeded(staff: StaffStore, account: ThrottleKey, address: ThrottleKey | undefined, now: Date): void {
  staff.updateThrottle(address ? [address.key] : [], ([row]) => {
    if (!address || !row) return { remove: [account.key], result: undefined };
    const failures = Math.max(0, row.failures - 1);
    if (failures === 0) return { remove: [account.key, address.key], result: undefined };
    const delay = delayAfter(failures, address.rule);
    return { remove: [account.key], put: [{ ...row, failures, lockedUntil: delay > 0 ? row.lockedUntil : null }], result: undefined };
  });
  staff.pruneThrottle(new Date(now.getTime() - ACCOUNT_RULE.forgetAfterMs).toISOString());
}
