import { z } from 'zod';
import { AppError, type FieldErrors, parse } from '../http/errors';
import {
  dateCandidates,
  nameForms,
  nameTokens,
  normalizeAccountNumber,
  normalizeEmail,
  normalizeNationalIdLast4,
  phoneCandidates,
} from '../policy/normalize';

/**
 * Turns what the agent typed into the comparable forms the lookup searches by. Pure: the same
 * parsing serves the query, the ranking and the tests.
 */

export const LOOKUP_FIELDS = [
  'accountNumber',
  'email',
  'phone',
  'nationalIdLast4',
  'fullName',
  'dateOfBirth',
] as const;
export type LookupField = (typeof LOOKUP_FIELDS)[number];

const detail = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();

export const LookupBody = z
  .object({
    fullName: detail(200),
    phone: detail(40),
    email: detail(254),
    dateOfBirth: detail(40),
    accountNumber: detail(40),
    nationalIdLast4: detail(40),
  })
  .strict();
export type LookupBody = z.infer<typeof LookupBody>;

export type NameQuery = {
  /** Order-independent keys the caller may have meant (as said, and with two adjacent words run together). */
  keys: string[];
  /** Latin-letter keys (accounts.name_latin_key) the caller may have meant: pinyin or transliteration run together. */
  latinKeys: string[];
  /** Word sets for the partial-name search (any one set, all its words), split as the FTS5 index splits. */
  termSets: string[][];
};

export type LookupQuery = {
  fields: LookupField[];
  accountNumber?: string;
  email?: string;
  phones?: string[];
  dates?: string[];
  nationalIdLast4?: string;
  name?: NameQuery;
};

/** Splits the way SQLite's unicode61 tokenizer does: runs of letters and digits. */
export function ftsTerms(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** "Mary Ann Smith" also finds "Maryann Smith": every way of joining two adjacent words once. */
function nameKeys(tokens: string[]): string[] {
  const keys = new Set([[...tokens].sort().join(' ')]);
  for (let i = 0; i + 1 < tokens.length && tokens.length <= 6; i++) {
    const joined = [...tokens.slice(0, i), `${tokens[i]}${tokens[i + 1]}`, ...tokens.slice(i + 2)];
    keys.add([...joined].sort().join(' '));
  }
  return [...keys];
}

/**
 * Pinyin as agents type it: tone numbers dropped ("wang2" → "wang", tone marks are already folded
 * away) and the keyboard's "v" for ü read as u ("lv" → "lu"), as the stored pinyin has it.
 */
function asPinyin(token: string): string {
  return token.replace(/^(\p{L}+)[0-5]$/u, '$1').replace(/^([ln])v/, '$1u');
}

/**
 * Every way the caller's Latin words can be a stored Latin key: the words run together in the
 * order said, in any rotation (surname first or last: "Fang Wang", "Xiao Ming Wang"), in sorted
 * order (transliterated names are keyed sorted), and, for one word ("wangfang"), rotated at every
 * letter, since nothing says where its surname ends.
 */
function latinKeys(words: string[]): string[] {
  const keys = new Set([[...words].sort().join('')]);
  for (let i = 0; i < words.length && words.length <= 6; i++) {
    keys.add([...words.slice(i), ...words.slice(0, i)].join(''));
  }
  const [only] = words;
  if (words.length === 1 && only && only.length <= 30) {
    for (let i = 1; i < only.length; i++) keys.add(only.slice(i) + only.slice(0, i));
  }
  return [...keys];
}

/** The name part of a lookup: exact keys, Latin keys and partial-name word sets. */
export function nameQuery(fullName: string): NameQuery | null {
  const tokens = nameTokens(fullName);
  if (!tokens.some((t) => /\p{L}/u.test(t))) return null;
  const forms = nameForms(fullName);
  const written = ftsTerms(tokens.join(' '));
  const pinyin = forms.nameLatinKey ? [] : written.map(asPinyin);
  const termSets = [written, pinyin, [written.join('')], [pinyin.join('')]].filter(
    (set) => set.length > 0 && set.every(Boolean),
  );
  const unique = [...new Map(termSets.map((set) => [set.join(' '), set])).values()];
  return {
    keys: nameKeys(tokens),
    // A name in Chinese or another script has its own reading; a Latin one may be pinyin said any way.
    latinKeys: forms.nameLatinKey ? [forms.nameLatinKey] : latinKeys(pinyin),
    termSets: unique,
  };
}

const present = (value: string | null | undefined): value is string => !!value && value.trim() !== '';

/** Validates and normalises a lookup body; a 400 names every field that cannot be read. */
export function parseLookup(input: unknown): LookupQuery {
  rejectUnknownFields(input);
  const body = parse(LookupBody, input);
  const query: LookupQuery = { fields: [] };
  const errors: FieldErrors = {};
  if (present(body.accountNumber)) {
    const value = normalizeAccountNumber(body.accountNumber);
    if (/^[A-Z0-9]{4,24}$/.test(value)) query.accountNumber = value;
    else errors.accountNumber = 'must be letters and digits (spaces and dashes are ignored)';
  }
  if (present(body.email)) {
    const value = normalizeEmail(body.email);
    if (/^[^@\s]+@[^@\s]+$/.test(value)) query.email = value;
    else errors.email = 'must be an email address';
  }
  if (present(body.phone)) {
    const phones = phoneCandidates(body.phone);
    if (phones.length) query.phones = phones;
    else errors.phone = 'is not a phone number we can read; include the country code';
  }
  if (present(body.nationalIdLast4)) {
    const value = normalizeNationalIdLast4(body.nationalIdLast4);
    if (value.length === 4) query.nationalIdLast4 = value;
    else errors.nationalIdLast4 = 'must be the last 4 characters of the national ID';
  }
  if (present(body.fullName)) {
    const name = nameQuery(body.fullName);
    if (name) query.name = name;
    else errors.fullName = 'must contain a name';
  }
  if (present(body.dateOfBirth)) {
    const dates = dateCandidates(body.dateOfBirth);
    if (dates.length) query.dates = dates;
    else errors.dateOfBirth = 'is not a date we can read (e.g. 1990-03-05, 05/03/1990, 1990年3月5日)';
  }
  if (Object.keys(errors).length) {
    throw AppError.badRequest(`Invalid body: ${Object.keys(errors).join(', ')}`, errors);
  }
  query.fields = LOOKUP_FIELDS.filter((field) => fieldGiven(query, field));
  if (!query.fields.length) {
    throw AppError.badRequest('Invalid body: give at least one of the caller’s details', {
      body: `at least one of ${LOOKUP_FIELDS.join(', ')} is required`,
    });
  }
  return query;
}

/** A typo'd field would silently search on less than the agent typed: name it instead. */
function rejectUnknownFields(input: unknown) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return;
  const unknown = Object.keys(input).filter((key) => !(key in LookupBody.shape));
  if (!unknown.length) return;
  throw AppError.badRequest(
    `Invalid body: unknown field ${unknown.join(', ')}`,
    Object.fromEntries(
      unknown.map((key) => [key, `is not a lookup field (use ${LOOKUP_FIELDS.join(', ')})`]),
    ),
  );
}

function fieldGiven(q: LookupQuery, field: LookupField): boolean {
  switch (field) {
    case 'accountNumber':
      return !!q.accountNumber;
    case 'email':
      return !!q.email;
    case 'phone':
      return !!q.phones;
    case 'nationalIdLast4':
      return !!q.nationalIdLast4;
    case 'fullName':
      return !!q.name;
    case 'dateOfBirth':
      return !!q.dates;
  }
}
