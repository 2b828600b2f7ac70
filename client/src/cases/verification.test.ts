import { describe, expect, it } from 'vitest';
import type { CaseCheck } from '../api/types';
import { compactLookup } from '../lookup/callerDetails';
import { factorState, nextFactor } from './verification';

const check = (factor: CaseCheck['factor'], matched: boolean): CaseCheck => ({
  factor,
  matched,
  source: 'typed',
  at: 1,
});

describe('factorState', () => {
  it('when no check names the factor, then it is unchecked', () => {
    expect(factorState([check('phone', true)], 'full_name')).toBe('unchecked');
  });
  it('when a later check matched after a mismatch, then it is matched', () => {
    expect(factorState([check('phone', false), check('phone', true)], 'phone')).toBe('matched');
  });
  it('when every check of the factor mismatched, then it is mismatched', () => {
    expect(factorState([check('email', false)], 'email')).toBe('mismatched');
  });
});

describe('nextFactor (where the focus goes)', () => {
  it('when below L1, then the first identifying factor not matched yet', () => {
    expect(nextFactor({ level: 0, checks: [check('full_name', true)] })).toBe('phone');
  });
  it('when at L1, then the recent transaction question', () => {
    expect(nextFactor({ level: 1, checks: [check('full_name', true), check('phone', true)] })).toBe(
      'recent_transaction',
    );
  });
  it('when the transaction already matched, then nothing is left to type', () => {
    expect(nextFactor({ level: 2, checks: [check('recent_transaction', true)] })).toBeNull();
  });
});

describe('compactLookup', () => {
  it('when fields are blank or padded, then only the trimmed, non-empty ones are sent', () => {
    expect(compactLookup({ fullName: '  王小明 ', phone: '   ', email: '' })).toEqual({ fullName: '王小明' });
  });
});
