import { describe, expect, it } from 'vitest';
import { deviceLabel } from '../src/wallet/deviceLabel';
import {
  decideSignIn,
  FAILED_ATTEMPTS_LOCK_MS,
  type LockState,
  type RecentSignIn,
} from '../src/wallet/signInPolicy';

const NOW = 1_750_000_000_000;
const MIN = 60_000;
const active = (failedSignInCount = 0): LockState => ({
  status: 'active',
  lockReason: null,
  lockedAt: null,
  lockedUntil: null,
  failedSignInCount,
});
const locked = (lockReason: LockState['lockReason'], lockedUntil: number | null): LockState => ({
  status: 'locked',
  lockReason,
  lockedAt: NOW - 10 * MIN,
  lockedUntil,
  failedSignInCount: 5,
});
const wrong = { passwordOk: false, country: 'CN', now: NOW };
const right = (country = 'CN') => ({ passwordOk: true, country, now: NOW });
const lockEvent = (minutesAgo: number): RecentSignIn => ({
  at: NOW - minutesAgo * MIN,
  outcome: 'locked_out',
  country: 'CN',
});
const success = (minutesAgo: number, country: string): RecentSignIn => ({
  at: NOW - minutesAgo * MIN,
  outcome: 'success',
  country,
});

describe('wallet sign-in policy (pure)', () => {
  it('when the 4th failure arrives, then it counts without locking', () => {
    const d = decideSignIn(active(3), [], wrong);
    expect(d).toMatchObject({
      outcome: 'failure',
      answer: 'wrong_password',
      statusChanged: false,
      lockedNow: null,
    });
    expect(d.next.failedSignInCount).toBe(4);
  });

  it('when the 5th failure arrives, then a 30-minute failed_attempts lock starts', () => {
    const d = decideSignIn(active(4), [], wrong);
    expect(d).toMatchObject({ outcome: 'locked_out', answer: 'locked', statusChanged: true });
    expect(d.next).toMatchObject({ status: 'locked', lockReason: 'failed_attempts', lockedAt: NOW });
    expect(d.next.lockedUntil).toBe(NOW + FAILED_ATTEMPTS_LOCK_MS);
  });

  it('when two locks happened in the last 24 h, then the third is permanent; older ones do not count', () => {
    expect(decideSignIn(active(4), [lockEvent(60), lockEvent(120)], wrong).next.lockedUntil).toBeNull();
    expect(decideSignIn(active(4), [lockEvent(60), lockEvent(24 * 60 + 1)], wrong).next.lockedUntil).toBe(
      NOW + FAILED_ATTEMPTS_LOCK_MS,
    );
  });

  it('when a temporary lock has just expired, then it is lifted and the attempt judged afresh', () => {
    const lifted = decideSignIn(locked('failed_attempts', NOW), [], right());
    expect(lifted).toMatchObject({ outcome: 'success', answer: 'signed_in', statusChanged: true });
    expect(lifted.next).toMatchObject({ status: 'active', failedSignInCount: 0, lockReason: null });
    const wrongAfter = decideSignIn(locked('failed_attempts', NOW), [], wrong);
    expect(wrongAfter).toMatchObject({ outcome: 'failure', statusChanged: true });
    expect(wrongAfter.next.failedSignInCount).toBe(1);
  });

  it('when the lock is still running, permanent, or of another reason, then the attempt is blocked whatever the password', () => {
    for (const state of [
      locked('failed_attempts', NOW + 1),
      locked('failed_attempts', null),
      locked('suspicious_activity', null),
      locked('terms_violation', null),
      locked('customer_request', null),
      { ...active(), status: 'closed' as const },
    ]) {
      for (const attempt of [wrong, right()]) {
        const d = decideSignIn(state, [], attempt);
        expect(d).toMatchObject({ outcome: 'blocked', answer: 'locked', statusChanged: false, next: state });
      }
    }
  });

  it('when a success from another country happened within the hour, then this success locks suspicious_activity', () => {
    const d = decideSignIn(active(), [success(60, 'US')], right('CN'));
    expect(d).toMatchObject({
      outcome: 'locked_out',
      answer: 'locked',
      lockedNow: { reason: 'suspicious_activity' },
    });
    expect(d.next).toMatchObject({ status: 'locked', lockReason: 'suspicious_activity', lockedUntil: null });
  });

  it('when the other country is older than an hour, the same country, or unknown, then it signs in', () => {
    expect(decideSignIn(active(), [success(61, 'US')], right('CN')).answer).toBe('signed_in');
    expect(decideSignIn(active(), [success(5, 'CN')], right('CN')).answer).toBe('signed_in');
    expect(decideSignIn(active(), [success(5, 'ZZ')], right('CN')).answer).toBe('signed_in');
    expect(decideSignIn(active(), [success(5, 'US')], right('ZZ')).answer).toBe('signed_in');
  });

  it('when a wrong password comes from another country, then only the failure counts', () => {
    const d = decideSignIn(active(), [success(5, 'US')], { ...wrong, country: 'CN' });
    expect(d.outcome).toBe('failure');
  });
});

describe('device label from the User-Agent (pure)', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      'Chrome on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iPhone',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Firefox on macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47',
      'WeChat on Android',
    ],
    ['curl/8.5.0', 'curl'],
    ['', 'Unknown device'],
    [undefined, 'Unknown device'],
  ])('when the User-Agent is %s, then the label is %s', (ua, label) => {
    expect(deviceLabel(ua)).toBe(label);
  });
});
