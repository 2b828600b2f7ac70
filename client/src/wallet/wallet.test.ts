import { describe, expect, it } from 'vitest';
import { makeTranslate, translators } from './translate';
import { MIN_PASSWORD_LENGTH, resetOutcome } from './walletApi';

describe('resetOutcome', () => {
  it('when the server answers 200, then the password was changed', () => {
    expect(resetOutcome(200, { passwordChanged: true })).toBe('changed');
  });

  it('when the server rejects the token, then the link is reported as expired or used', () => {
    const body = { message: 'token: is invalid', errors: { token: 'is invalid, expired or already used' } };
    expect(resetOutcome(400, body)).toBe('link_expired');
  });

  it('when the server rejects the new password, then the password field is to blame, not the link', () => {
    expect(resetOutcome(400, { errors: { newPassword: 'must be at least 10 characters' } })).toBe(
      'password_rejected',
    );
  });

  it('when the server throttles or fails, then the page says so without blaming the link', () => {
    expect(resetOutcome(429, { message: 'Too many attempts' })).toBe('too_many');
    expect(resetOutcome(500, null)).toBe('unexpected');
    expect(resetOutcome(400, 'not json')).toBe('unexpected');
    expect(resetOutcome(403, { message: 'Missing header' })).toBe('unexpected');
  });
});

describe('makeTranslate', () => {
  const t = makeTranslate({ a: { b: 'At least %{min} characters, %{min} or more', c: { d: 'x' } } });

  it('when a key names a text, then its %{variables} are filled in', () => {
    expect(t('a.b', { min: 10 })).toBe('At least 10 characters, 10 or more');
  });

  it('when a key is unknown or names a group, then the key itself is shown', () => {
    expect(t('a.nope')).toBe('a.nope');
    expect(t('a.c')).toBe('a.c');
  });

  it('when a variable is not given, then its placeholder stays visible', () => {
    expect(t('a.b')).toBe('At least %{min} characters, %{min} or more');
  });

  it('when the page states the rule, then both languages name the same minimum length', () => {
    for (const translate of Object.values(translators)) {
      const rule = translate('app.wallet.reset.intro', { min: MIN_PASSWORD_LENGTH });
      expect(rule).toContain(String(MIN_PASSWORD_LENGTH));
      expect(rule).not.toContain('%{');
    }
  });
});
