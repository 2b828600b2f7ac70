import { createHmac } from 'node:crypto';
import { type AuditContext, appendAudit } from '../audit/writer';
import { type DbOrTx, inTransaction, type Tx } from '../db/client';
import type { Staff } from '../db/tables';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import {
  clearThrottle,
  clearThrottlePrefix,
  isKnownNetwork,
  lockedUntilUnder,
  readThrottle,
  releaseAttempt,
  rememberNetwork,
  reserveAttempt,
  type ThrottleRule,
} from './throttleRepo';

/**
 * Staff sign-in limits (docs/design.md, "Staff sign-in"). Three counters, each attempt (a password or
 * a TOTP code) counted before it is checked:
 * - per username *and* network: 10 wrong → that pair is locked for 15 minutes. An outsider guessing
 *   from their own network locks only themselves out, never the member on theirs.
 * - per network: 30 wrong in 15 minutes across all usernames → 429 with Retry-After (spraying).
 * - per username across networks: 50 wrong in 24 h (a botnet) → locked, except from a network the
 *   member completed a sign-in from in the last 30 days.
 * Unknown usernames get exactly the same counters and answers, so the limits do not tell who exists.
 */
export const PAIR_RULE: ThrottleRule = { limit: 10, windowMs: 24 * 3_600_000, lockMs: 15 * 60_000 };
export const NETWORK_RULE: ThrottleRule = { limit: 30, windowMs: 15 * 60_000 };
export const USERNAME_RULE: ThrottleRule = { limit: 50, windowMs: 24 * 3_600_000 };
export const KNOWN_NETWORK_MS = 30 * 24 * 3_600_000;

export const LOCKED_MESSAGE = 'Too many failed sign-ins: this staff account is locked for 15 minutes';

/**
 * What is typed as a username is stored only as this keyed hash unless it names a staff member:
 * people type passwords into the username box.
 */
export function usernameHash(piiKey: Buffer, username: string): string {
  return createHmac('sha256', piiKey).update(`staff-username\0${username}`).digest('hex').slice(0, 32);
}

export type SignInKeys = { pair: string; network: string; username: string; hash: string; ip: string };

export function signInKeys(deps: Pick<AppDeps, 'keys'>, username: string, ip: string | null): SignInKeys {
  const hash = usernameHash(deps.keys.piiKey, username);
  const net = ip ?? 'unknown';
  return {
    pair: `staff:${hash}@${net}`,
    network: `staff-net:${net}`,
    username: `staff:${hash}`,
    hash,
    ip: net,
  };
}

/** What counts on the sign-in counters: a password or a code, wherever it is typed. */
export type CountedAction = 'staff.sign_in' | 'staff.mfa' | 'staff.password_change';

export type AttemptCount = { attempt: number; lastAllowed: boolean };

/** A staff member's name for the audit row when it names one, else nothing (the hash goes in details). */
export function attemptedBy(member: Staff | undefined, keys: SignInKeys) {
  return member
    ? { actorUsername: member.username, targetId: member.id, hash: undefined }
    : { actorUsername: undefined, targetId: undefined, hash: keys.hash };
}

/**
 * Counts one sign-in attempt on all three counters in one transaction and throws (audited) when
 * any of them is spent. Answers the pair counter, so the caller can say 423 on the attempt that
 * reaches the limit.
 */
export async function countAttempt(
  deps: AppDeps,
  ctx: AuditContext,
  action: CountedAction,
  keys: SignInKeys,
  member: Staff | undefined,
): Promise<AttemptCount> {
  const now = deps.now();
  const outcome = await inTransaction(deps.db, async (tx) => {
    // Each counter counts only the attempts the one before it let through: guesses refused by a
    // lock do not also spend the member's allowance across networks.
    let refusal: { why: string; error: AppError } | undefined;
    let attempt = 0;
    const network = await reserveAttempt(tx, keys.network, NETWORK_RULE, now);
    if (network.attempt > NETWORK_RULE.limit) {
      const retryAfterMs = network.windowStart + NETWORK_RULE.windowMs - now;
      refusal = {
        why: 'network_throttled',
        error: AppError.tooMany(
          'Too many sign-in attempts from this network: wait and try again',
          retryAfterMs,
        ),
      };
    } else {
      attempt = (await reserveAttempt(tx, keys.pair, PAIR_RULE, now)).attempt;
      if (attempt > PAIR_RULE.limit) {
        refusal = { why: 'locked', error: AppError.locked(LOCKED_MESSAGE) };
      } else if (
        (await reserveAttempt(tx, keys.username, USERNAME_RULE, now)).attempt > USERNAME_RULE.limit &&
        !(member && (await isKnownNetwork(tx, member.id, keys.ip, now - KNOWN_NETWORK_MS)))
      ) {
        refusal = { why: 'locked_elsewhere', error: AppError.locked(LOCKED_MESSAGE) };
      }
    }
    if (refusal) {
      const who = attemptedBy(member, keys);
      await appendAudit(tx, ctx, {
        action,
        outcome: 'denied',
        actorUsername: who.actorUsername,
        targetType: 'staff',
        targetId: who.targetId,
        details: { why: refusal.why, usernameHash: who.hash },
      });
    }
    return { refusal, attempt };
  });
  if (outcome.refusal) throw outcome.refusal.error;
  return { attempt: outcome.attempt, lastAllowed: outcome.attempt >= PAIR_RULE.limit };
}

/** One step (the password, or the code) was right: the network counter gives that attempt back. */
export async function stepSucceeded(deps: AppDeps, keys: SignInKeys) {
  await releaseAttempt(deps.db, keys.network);
}

/** A completed sign-in: the pair's counter goes and the network becomes one the member uses. */
export async function signInSucceeded(tx: Tx, keys: SignInKeys, member: Staff, now: number) {
  await clearThrottle(tx, keys.pair);
  await rememberNetwork(tx, member.id, keys.ip, now);
}

/**
 * Until when a member's sign-in is locked, or null: the latest lock of any of their username-and-network
 * pairs, or their username's allowance across networks spent for the rest of its window. What a supervisor
 * sees before unlocking them.
 */
export async function signInLockOf(
  db: DbOrTx,
  piiKey: Buffer,
  username: string,
  now: number,
): Promise<number | null> {
  const hash = usernameHash(piiKey, username);
  const pair = await lockedUntilUnder(db, `staff:${hash}@`, now);
  const across = await readThrottle(db, `staff:${hash}`);
  const acrossUntil =
    across && across.failures > USERNAME_RULE.limit ? across.windowStart + USERNAME_RULE.windowMs : null;
  const live = [pair, acrossUntil].filter((t): t is number => t !== null && t > now);
  return live.length ? Math.max(...live) : null;
}

/** Lifts every sign-in lock and counter of the member (a supervisor's unlock); answers how many went. */
export async function clearSignInLocks(db: DbOrTx, piiKey: Buffer, username: string): Promise<number> {
  return clearThrottlePrefix(db, `staff:${usernameHash(piiKey, username)}`);
}
