import type { Account, LockReason, LoginEvent, SignInOutcome } from '../db/schema';

/**
 * The customer sign-in policy (docs/design.md, Wallet sign-in), as a pure function: given the account's lock state,
 * its recent sign-in events and this attempt, it says what to record, what to answer and how the
 * account changes. No clock, no database: walletSignIn.ts feeds it and writes the result.
 */

export const MAX_CONSECUTIVE_FAILURES = 5;
export const FAILED_ATTEMPTS_LOCK_MS = 30 * 60_000;
/** The 3rd failed-attempts lock within this window lasts until support unlocks the account. */
export const LOCK_COUNT_WINDOW_MS = 24 * 3_600_000;
export const PERMANENT_AT_LOCK_NUMBER = 3;
/** Successful sign-ins from two countries this close together cannot be one traveller. */
export const COUNTRY_WINDOW_MS = 3_600_000;
/** The edge proxy could not place the IP; an unknown country never counts as "another country". */
export const UNKNOWN_COUNTRY = 'ZZ';

export type LockState = Pick<
  Account,
  'status' | 'lockReason' | 'lockedAt' | 'lockedUntil' | 'failedSignInCount'
>;
export type RecentSignIn = Pick<LoginEvent, 'at' | 'outcome' | 'country'>;
export type Attempt = { passwordOk: boolean; country: string; now: number };

export type SignInDecision = {
  /** The login_events outcome of this attempt. */
  outcome: SignInOutcome;
  /** signed_in → 200, wrong_password → 401, locked → 423 (one message whatever the password was). */
  answer: 'signed_in' | 'wrong_password' | 'locked';
  /** The account's lock state after this attempt. */
  next: LockState;
  /** The status or lock changed: the account's version must be bumped. */
  statusChanged: boolean;
  /** Set when this attempt locked the account. */
  lockedNow: { reason: LockReason; permanent: boolean } | null;
};

const ACTIVE: Omit<LockState, 'failedSignInCount'> = {
  status: 'active',
  lockReason: null,
  lockedAt: null,
  lockedUntil: null,
};

function isExpiredTemporaryLock(s: LockState, now: number) {
  return (
    s.status === 'locked' &&
    s.lockReason === 'failed_attempts' &&
    s.lockedUntil !== null &&
    s.lockedUntil <= now
  );
}

function lock(reason: LockReason, now: number, until: number | null, failures: number): LockState {
  return {
    status: 'locked',
    lockReason: reason,
    lockedAt: now,
    lockedUntil: until,
    failedSignInCount: failures,
  };
}

export function decideSignIn(account: LockState, recent: RecentSignIn[], attempt: Attempt): SignInDecision {
  const { now, passwordOk, country } = attempt;
  // An elapsed 30-minute lock is lifted by the next attempt, which is then judged on its own.
  const lifted = isExpiredTemporaryLock(account, now);
  const state: LockState = lifted ? { ...ACTIVE, failedSignInCount: 0 } : account;
  const decision = (
    outcome: SignInOutcome,
    answer: SignInDecision['answer'],
    next: LockState,
    lockedNow: SignInDecision['lockedNow'] = null,
  ): SignInDecision => ({
    outcome,
    answer,
    next,
    statusChanged: lifted || next.status !== account.status || lockedNow !== null,
    lockedNow,
  });

  if (state.status !== 'active') return decision('blocked', 'locked', state);

  if (!passwordOk) {
    const failures = state.failedSignInCount + 1;
    if (failures < MAX_CONSECUTIVE_FAILURES) {
      return decision('failure', 'wrong_password', { ...state, failedSignInCount: failures });
    }
    const earlierLocks = recent.filter(
      (e) => e.outcome === 'locked_out' && e.at > now - LOCK_COUNT_WINDOW_MS && e.at <= now,
    ).length;
    const permanent = earlierLocks + 1 >= PERMANENT_AT_LOCK_NUMBER;
    const until = permanent ? null : now + FAILED_ATTEMPTS_LOCK_MS;
    return decision('locked_out', 'locked', lock('failed_attempts', now, until, failures), {
      reason: 'failed_attempts',
      permanent,
    });
  }

  const elsewhere =
    country !== UNKNOWN_COUNTRY &&
    recent.some(
      (e) =>
        e.outcome === 'success' &&
        e.at >= now - COUNTRY_WINDOW_MS &&
        e.at <= now &&
        e.country !== UNKNOWN_COUNTRY &&
        e.country !== country,
    );
  if (elsewhere) {
    return decision('locked_out', 'locked', lock('suspicious_activity', now, null, 0), {
      reason: 'suspicious_activity',
      permanent: true,
    });
  }
  return decision('success', 'signed_in', { ...state, failedSignInCount: 0 });
}
