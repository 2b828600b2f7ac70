import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

/** z***g@1**.com: enough for the caller to recognise, not enough to use. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const maskedLocal = local.length <= 2 ? `${local[0]}***` : `${local[0]}***${local[local.length - 1]}`;
  const dot = domain.indexOf('.');
  const host = dot < 0 ? domain : domain.slice(0, dot);
  const rest = dot < 0 ? '' : domain.slice(dot);
  return `${maskedLocal}@${host[0] ?? ''}**${rest}`;
}

/** Every country calling code (1 to 3 digits). ITU assigns them prefix-free: a number starts with one at most. */
const CALLING_CODES = new Set(getCountries().map((country) => getCountryCallingCode(country) as string));

/**
 * +86 *******5678: country code and the last four digits only. The stored phone is E.164, so its calling
 * code is the one prefix of it in the set above: a full parse (tens of µs) per candidate was an eighth of a
 * name lookup's CPU (issue 9 profile).
 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const code = e164.startsWith('+')
    ? [1, 2, 3].map((n) => digits.slice(0, n)).find((prefix) => CALLING_CODES.has(prefix))
    : undefined;
  const national = code ? digits.slice(code.length) : digits;
  return `${code ? `+${code} ` : ''}${'*'.repeat(Math.max(national.length - 4, 0))}${national.slice(-4)}`;
}

/** Only the year of birth leaves the server outside of verification. */
export function birthYear(dateOfBirth: string): number {
  return Number(dateOfBirth.slice(0, 4));
}

export function maskNationalId(last4: string): string {
  return `****${last4}`;
}

/**
 * 王** / J*** N****: the first character of each word, so a supervisor reading the trail can tell two
 * targets apart without the trail (or its CSV) becoming a list of customers' names.
 */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return '***';
  return words
    .map((word) => {
      const chars = [...word];
      return `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
    })
    .join(' ');
}
