import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * How callers say things, made comparable. Pure functions: the lookup, the verification checks
 * and the seed all store and compare through these, so "José Núñez", "NUNEZ, jose" and
 * "Ｊｏｓｅ　Ｎｕｎｅｚ" meet in one key.
 */

const HAN = /\p{Script=Han}/u;

/** NFKC (full-width → ASCII), lower case, accents stripped, white space collapsed. */
export function foldText(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name's words, folded; Han-script names are one token whatever the spacing (王 小明 = 王小明). */
export function nameTokens(name: string): string[] {
  const folded = foldText(name).replace(/[,.'’·・\-_/()]+/g, ' ');
  if (HAN.test(folded)) return [folded.replace(/\s+/g, '')].filter(Boolean);
  return folded.split(' ').filter(Boolean);
}

/** Order-independent key, so "Núñez, José" and "jose nunez" are the same name. */
export function nameKey(name: string): string {
  return [...nameTokens(name)].sort().join(' ');
}

export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

export function normalizeAccountNumber(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-.]/g, '');
}

export function normalizeNationalIdLast4(input: string): string {
  const clean = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
  return clean.slice(-4);
}

/** Countries whose national formats we try when a caller gives a number without its country code. */
export const PHONE_COUNTRIES: CountryCode[] = [
  'CN',
  'HK',
  'TW',
  'SG',
  'US',
  'GB',
  'DE',
  'FR',
  'ES',
  'MX',
  'BR',
  'IN',
  'JP',
];

/**
 * Every E.164 number the caller may have meant. "+86 138-1234-5678", "0086 13812345678" and
 * "138 1234 5678" all yield +8613812345678; a national number valid in several countries yields each.
 */
export function phoneCandidates(input: string, preferred: CountryCode[] = PHONE_COUNTRIES): string[] {
  const ascii = input.normalize('NFKC').trim().replace(/^00/, '+');
  if (!/\d/.test(ascii)) return [];
  if (ascii.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(ascii);
    return parsed?.isValid() ? [parsed.number] : [];
  }
  const found = new Set<string>();
  for (const country of preferred) {
    const parsed = parsePhoneNumberFromString(ascii, country);
    if (parsed?.isValid()) found.add(parsed.number);
  }
  return [...found];
}

/** The one E.164 form of a number whose country is known (seed, import). */
export function toE164(input: string, country?: CountryCode): string | null {
  const ascii = input.normalize('NFKC').trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(ascii, country);
  return parsed?.isValid() ? parsed.number : null;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 31 February
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Dates as people give them: 1990-03-05, 1990/3/5, 1990年3月5日, 05/03/1990, 05.03.1990.
 * A day/month order that cannot be told apart (05/03) yields both readings.
 */
export function dateCandidates(input: string): string[] {
  const s = input.normalize('NFKC').trim();
  const nums = (s.match(/\d+/g) ?? []).map(Number);
  if (nums.length !== 3) return [];
  const [a, b, c] = nums as [number, number, number];
  const out = new Set<string>();
  const add = (v: string | null) => v && out.add(v);
  if (String(a).length === 4 || /^\d{4}/.test(s)) {
    add(isoDate(a, b, c));
  } else if (String(c).length === 4) {
    add(isoDate(c, b, a)); // day first (most of the world)
    add(isoDate(c, a, b)); // month first (US)
  }
  return [...out];
}
