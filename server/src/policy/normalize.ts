import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { hanPinyinWords, hasCyrillicOrGreek, hasHan, splitHanName, toLatin, toSimplified } from './nameForms';

/**
 * How callers say things, made comparable. Pure functions: the lookup, the verification checks
 * and the seed all store and compare through these, so "José Núñez", "NUNEZ, jose" and
 * "Ｊｏｓｅ　Ｎｕｎｅｚ" meet in one key.
 */

// Letters that carry no combining accent under NFD, so stripping marks alone would keep them apart
// from what a caller spells on an English keyboard ("Strauss", "Lukasz", "Oersted").
const UNDECOMPOSABLE: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'g');

/** NFKC (full-width → ASCII), lower case, accents stripped, white space collapsed. */
export function foldText(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A name's words, folded. A Chinese name is written in one script (traditional → simplified) and
 * split into surname and given name whatever the spacing (王 小明 = 王小明 = 王小明 → 王, 小明),
 * so either part alone is a word the partial-name search finds.
 */
export function nameTokens(name: string): string[] {
  // An apostrophe joins (O'Brien = OBrien); any other punctuation separates (Smith-Jones = Smith Jones).
  const folded = foldText(name)
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (hasHan(folded)) return splitHanName(toSimplified(folded).replace(/\s+/g, ''));
  return folded.split(' ').filter(Boolean);
}

/** Order-independent key, so "Núñez, José" and "jose nunez" are the same name. */
export function nameKey(name: string): string {
  return keyOf(nameTokens(name));
}

const keyOf = (tokens: string[]) => [...tokens].sort().join(' ');

/**
 * What is stored beside the name so a lookup is an index probe (accounts.name_key, name_latin,
 * name_latin_key and the word index over them; docs/design.md "Finding a caller by name"):
 * - nameKey: the name as written (one script for Chinese), order-independent;
 * - nameLatin: its words as a Latin keyboard spells them (pinyin "wang xiaoming", transliterated
 *   "ivan petrov"), null for a name already in Latin letters;
 * - nameLatinKey: those words run together, Chinese surname first ("wangxiaoming"), any other
 *   script in sorted order, so a query may space them any way.
 */
export type NameForms = { nameKey: string; nameLatin: string | null; nameLatinKey: string | null };

// Seeds and imports repeat names a great deal; pinyin and script conversion cost ~30 µs a name.
const formsMemo = new Map<string, NameForms>();

export function nameForms(fullName: string): NameForms {
  const known = formsMemo.get(fullName);
  if (known) return known;
  const tokens = nameTokens(fullName);
  let latin: string[] | null = null;
  let latinKey: string | null = null;
  if (tokens.some(hasHan)) {
    latin = hanPinyinWords(tokens);
    latinKey = latin.join('');
  } else if (hasCyrillicOrGreek(fullName)) {
    latin = nameTokens(toLatin(fullName));
    latinKey = [...latin].sort().join('');
  }
  const forms = {
    nameKey: keyOf(tokens),
    nameLatin: latin?.join(' ') || null,
    nameLatinKey: latinKey || null,
  };
  if (formsMemo.size >= 20_000) formsMemo.clear();
  formsMemo.set(fullName, forms);
  return forms;
}

export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

export function normalizeAccountNumber(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-._/‐-―−]/g, '');
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
  if (found.size === 0) {
    // "86 138 1234 5678": an international number said without its + or 00.
    const international = parsePhoneNumberFromString(`+${ascii.replace(/\D/g, '')}`);
    if (international?.isValid()) found.add(international.number);
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "5 March 1990", "March 5, 1990", "5-Mar-1990": the month named in English. */
function namedMonthDate(s: string): string | null {
  const word = foldText(s).match(/[a-z]{3,}/g);
  if (word?.length !== 1) return null;
  const month = MONTHS.indexOf(word[0]!.slice(0, 3)) + 1;
  const nums = s.match(/\d+/g) ?? [];
  if (month === 0 || nums.length !== 2) return null;
  const [first, second] = nums as [string, string];
  if (first.length === 4) return isoDate(Number(first), month, Number(second));
  if (second.length === 4) return isoDate(Number(second), month, Number(first));
  return null;
}

/**
 * Dates as people give them: 1990-03-05, 1990/3/5, 1990年3月5日, 05/03/1990, 05.03.1990, 19900305,
 * 5 March 1990. A day/month order that cannot be told apart (05/03) yields both readings; a
 * two-digit year is refused rather than guessed.
 */
export function dateCandidates(input: string): string[] {
  const s = input.normalize('NFKC').trim();
  if (/^\d{8}$/.test(s)) {
    const compact = isoDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
    return compact ? [compact] : [];
  }
  if (/[a-z]/i.test(s)) {
    const named = namedMonthDate(s);
    return named ? [named] : [];
  }
  const parts = s.match(/\d+/g) ?? [];
  if (parts.length !== 3) return [];
  const [a, b, c] = parts.map(Number) as [number, number, number];
  const out = new Set<string>();
  const add = (v: string | null) => v && out.add(v);
  if (parts[0]!.length === 4) {
    add(isoDate(a, b, c));
  } else if (parts[2]!.length === 4) {
    add(isoDate(c, b, a)); // day first (most of the world)
    add(isoDate(c, a, b)); // month first (US)
  }
  return [...out];
}
