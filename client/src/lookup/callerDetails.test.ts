import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../server/src/http/errors';
import { parseLookup } from '../../../server/src/lookup/lookupQuery';
import { translators } from '../wallet/translate';
import { FORM_FIELDS, lookupFieldErrors } from './callerDetails';

/** The server's refusal for a body, as the console receives it (`errors`). */
function refusal(body: Record<string, string>): Record<string, unknown> {
  try {
    parseLookup(body);
  } catch (error) {
    return ((error as AppError).extra.errors ?? {}) as Record<string, unknown>;
  }
  throw new Error('the server took it');
}

describe('lookupFieldErrors', () => {
  it('when the server cannot read the phone, then the phone alone gets a reason, in both languages', () => {
    const errors = refusal({ fullName: 'Wang Fang', phone: 'call me at home' });
    for (const t of Object.values(translators)) {
      const marked = lookupFieldErrors(errors, t);
      expect(Object.keys(marked)).toEqual(['phone']);
      expect(marked.phone).toBe(t('journey.lookup.invalid.phone'));
      expect(marked.phone).not.toContain('journey.');
    }
  });

  it('when every field is unreadable, then each is named with its own words', () => {
    const errors = refusal({
      fullName: '!!!',
      phone: 'x',
      dateOfBirth: 'someday',
      email: 'nope',
      accountNumber: '#',
      nationalIdLast4: '12',
    });
    for (const t of Object.values(translators)) {
      const marked = lookupFieldErrors(errors, t);
      expect(Object.keys(marked).sort()).toEqual([...FORM_FIELDS].sort());
      expect(new Set(Object.values(marked)).size).toBe(FORM_FIELDS.length);
      for (const reason of Object.values(marked)) expect(reason).not.toContain('journey.');
    }
  });

  it('when a value is too long, then the reason gives the limit, and a key that is no field marks nothing', () => {
    const errors = refusal({ phone: '1'.repeat(41) });
    const marked = lookupFieldErrors({ ...errors, body: 'at least one is required' }, translators.en);
    expect(marked).toEqual({ phone: 'Too long: at most 40 characters.' });
  });
});
