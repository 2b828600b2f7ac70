import type { CountryCode } from 'libphonenumber-js';
import type { Account } from '../db/schema';
import {
  dateCandidates,
  nameKey,
  normalizeEmail,
  normalizeNationalIdLast4,
  PHONE_COUNTRIES,
  phoneCandidates,
} from '../policy/normalize';

/**
 * Server-side comparison of what the caller said with what the account holds. Pure; the answer is
 * only matched or not, so the stored value never has to be shown to anyone to verify it.
 */

export type IdentifyingFactor = 'full_name' | 'date_of_birth' | 'phone' | 'email' | 'national_id_last4';
export type StoredIdentity = Pick<
  Account,
  'nameKey' | 'dateOfBirth' | 'phone' | 'emailNorm' | 'nationalIdLast4' | 'country'
>;

export function matchesIdentifying(
  factor: IdentifyingFactor,
  value: string,
  stored: StoredIdentity,
): boolean {
  switch (factor) {
    case 'full_name': {
      const key = nameKey(value);
      return key !== '' && key === stored.nameKey;
    }
    case 'date_of_birth':
      return dateCandidates(value).includes(stored.dateOfBirth);
    case 'phone': {
      const preferred = [stored.country as CountryCode, ...PHONE_COUNTRIES];
      return phoneCandidates(value, preferred).includes(stored.phone);
    }
    case 'email':
      return normalizeEmail(value) === stored.emailNorm;
    case 'national_id_last4': {
      const last4 = normalizeNationalIdLast4(value);
      return last4.length === 4 && last4 === stored.nationalIdLast4;
    }
  }
}

/**
 * An amount as a caller says it, in cents: "1,234.50", "¥1234.5", "１２３４.５０", "1.234,50", "-88".
 * The sign is ignored (a caller says "I paid 88", the ledger says -88). null when it is not an amount.
 */
export function parseAmountCents(input: string): number | null {
  const s = input
    .normalize('NFKC')
    .replace(/[^\d.,]/g, '')
    .trim();
  if (!/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalAt = Math.max(lastDot, lastComma);
  // A lone separator followed by exactly three digits is a thousands separator ("1,234", "1.234").
  const separators = (s.match(/[.,]/g) ?? []).length;
  if (decimalAt >= 0 && separators >= 1 && s.length - decimalAt - 1 === 3) {
    const sameKind = s[decimalAt] === '.' ? lastComma < 0 : lastDot < 0;
    if (sameKind) decimalAt = -1;
  }
  const whole = (decimalAt < 0 ? s : s.slice(0, decimalAt)).replace(/[.,]/g, '');
  const fraction = decimalAt < 0 ? '' : s.slice(decimalAt + 1);
  if (!/^\d*$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null;
  return Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
}

export function toCents(amount: number): number {
  return Math.round(Math.abs(amount) * 100);
}

/** Private knowledge: the amount of one of the account's last transactions, to the cent. */
export function matchesRecentTransaction(value: string, recentAmounts: readonly number[]): boolean {
  const cents = parseAmountCents(value);
  if (cents === null) return false;
  return recentAmounts.some((amount) => toCents(amount) === cents);
}
