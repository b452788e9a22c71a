// Brakes on password guessing: per account and per client address, growing delays after a few free failures.
// Every attempt is counted before its password is checked, by the database itself (an atomic increment), so
// concurrent guesses, on one instance or several, can't all slip in under the limit while the slow hash runs.
import type { StaffStore } from "../store/staff.ts";
import type { ThrottleRow } from "../store/index.ts";

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

/** Milliseconds until the key may try again; 0 when it may now. */
export function remainingLock(row: ThrottleRow | undefined, now: Date): number {
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Date.parse(row.lockedUntil) - now.getTime());
}

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number; lockedKey: string };

/**
 * Claims one attempt for every key, or refuses when any of them is still locked. The attempt is recorded as a
 * failure straight away (counted by the database, so attempts on several instances add up); `attemptSucceeded`
 * takes it back.
 */
export async function reserveAttempt(staff: StaffStore, keys: readonly ThrottleKey[], now: Date): Promise<Reservation> {
  const charged = await staff.chargeThrottle(
    keys.map(({ key, rule }) => ({
      key,
      // A key with no failure for longer than forgetAfterMs starts again from zero.
      staleBefore: new Date(now.getTime() - rule.forgetAfterMs).toISOString(),
      lockedUntil: (failures: number) => {
        const delay = delayAfter(failures, rule);
        return delay > 0 ? new Date(now.getTime() + delay).toISOString() : null;
      },
    })),
    now.toISOString(),
  );
  if (charged.ok) return { ok: true };
  return { ok: false, retryAfterMs: remainingLock(charged.locked, now), lockedKey: charged.locked.key };
}

/**
 * After the right password: the account starts again from zero; the address only gets back the attempt it was
 * charged for, so logging into one's own account between guesses does not reset an address's count.
 */
export async function attemptSucceeded(staff: StaffStore, account: ThrottleKey, address: ThrottleKey | undefined, now: Date): Promise<void> {
  await staff.creditThrottle(account.key, address && { key: address.key, stillLocked: (failures) => delayAfter(failures, address.rule) > 0 });
  await staff.pruneThrottle(new Date(now.getTime() - ACCOUNT_RULE.forgetAfterMs).toISOString());
}
