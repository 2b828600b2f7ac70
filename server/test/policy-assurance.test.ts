import { describe, expect, it } from 'vitest';
import { VERIFICATION_FACTORS, type VerificationFactor } from '../src/db/schema';
import {
  assess,
  assuranceLevel,
  type CheckResult,
  FREEZE_AFTER_MISMATCHES,
  IDENTIFYING_FACTORS,
  isFrozen,
} from '../src/policy/assurance';

const matched = (...factors: VerificationFactor[]): CheckResult[] =>
  factors.map((factor) => ({ factor, matched: true }));
const failed = (...factors: VerificationFactor[]): CheckResult[] =>
  factors.map((factor) => ({ factor, matched: false }));

describe('assurance levels (pure)', () => {
  it.each([
    [[], 0],
    [['full_name'], 0],
    [['full_name', 'full_name'], 0],
    [['recent_transaction', 'sms_otp', 'email_otp', 'full_name'], 0],
    [['full_name', 'date_of_birth'], 1],
    [['phone', 'email'], 1],
    [['national_id_last4', 'email'], 1],
    [['full_name', 'phone', 'email', 'date_of_birth', 'national_id_last4'], 1],
    [['full_name', 'phone', 'recent_transaction'], 2],
    [['full_name', 'phone', 'sms_otp'], 2],
    [['full_name', 'phone', 'email_otp'], 2],
    [['full_name', 'phone', 'sms_otp', 'email_otp'], 2],
    [['full_name', 'phone', 'recent_transaction', 'sms_otp'], 3],
    [['email', 'date_of_birth', 'recent_transaction', 'email_otp'], 3],
  ] as Array<[VerificationFactor[], number]>)('when %j matched, then level %i', (factors, level) => {
    expect(assuranceLevel(matched(...factors))).toBe(level);
  });

  it('when checks did not match, then they never count, whatever the factor', () => {
    expect(assuranceLevel(failed(...VERIFICATION_FACTORS))).toBe(0);
    expect(assuranceLevel([...matched('full_name'), ...failed('date_of_birth', 'sms_otp')])).toBe(0);
  });

  it('when a factor both failed and matched, then the match counts', () => {
    expect(assuranceLevel([...failed('phone'), ...matched('phone', 'email')])).toBe(1);
  });

  it('over every subset of matched factors, the level follows the rule of docs/design.md', () => {
    const factors = [...VERIFICATION_FACTORS];
    for (let mask = 0; mask < 1 << factors.length; mask++) {
      const subset = factors.filter((_, i) => mask & (1 << i));
      const ids = subset.filter((f) => (IDENTIFYING_FACTORS as readonly string[]).includes(f)).length;
      const knows = subset.includes('recent_transaction');
      const has = subset.includes('sms_otp') || subset.includes('email_otp');
      const expected = ids < 2 ? 0 : knows && has ? 3 : knows || has ? 2 : 1;
      expect(assuranceLevel(matched(...subset)), subset.join(',')).toBe(expected);
    }
  });

  it('when the mismatches reach 3, then verification is frozen, and not before', () => {
    expect(FREEZE_AFTER_MISMATCHES).toBe(3);
    expect([0, 1, 2, 3, 4].map(isFrozen)).toEqual([false, false, false, true, true]);
    expect(assess(matched('full_name', 'phone'), 3)).toEqual({ level: 1, frozen: true });
    expect(assess(matched('full_name'), 2)).toEqual({ level: 0, frozen: false });
  });
});
