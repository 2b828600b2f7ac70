import { describe, expect, it } from 'vitest';
import { emailChangeOutcome } from './emailChangeApi';
import { translators } from './translate';

describe('emailChangeOutcome', () => {
  it('when the server answers 200, then the step is done', () => {
    expect(emailChangeOutcome(200, { status: 'completed' })).toBe('done');
    expect(emailChangeOutcome(200, { status: 'reverted' })).toBe('done');
  });

  it('when the old address cancels a change the new one has not confirmed, then the page says it was called off', () => {
    expect(emailChangeOutcome(200, { status: 'cancelled', accountHeld: false })).toBe('cancelled');
  });

  it('when the server rejects the token, then the link is reported as expired or used', () => {
    expect(emailChangeOutcome(400, { errors: { token: 'is invalid, expired or already used' } })).toBe(
      'link_expired',
    );
  });

  it('when the new address was taken meanwhile, then the customer is told to call support', () => {
    expect(emailChangeOutcome(409, { message: 'That address is now registered to another account' })).toBe(
      'conflict',
    );
  });

  it('when the server throttles or fails, then the page says so without blaming the link', () => {
    expect(emailChangeOutcome(429, {})).toBe('too_many');
    expect(emailChangeOutcome(500, null)).toBe('unexpected');
    expect(emailChangeOutcome(400, { errors: { other: 'x' } })).toBe('unexpected');
    expect(emailChangeOutcome(403, { message: 'Missing header' })).toBe('unexpected');
  });
});

describe('email change pages', () => {
  it('when the page explains the undo, then both languages say the account is held and devices signed out', () => {
    for (const t of Object.values(translators)) {
      const text = t('app.wallet.emailChange.revert.consequences');
      expect(text).not.toBe('app.wallet.emailChange.revert.consequences');
      expect(t('app.wallet.emailChange.revert.done_held')).not.toContain('app.');
    }
  });
});
