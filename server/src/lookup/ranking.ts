import type { Account } from '../db/schema';
import { ftsTerms, LOOKUP_FIELDS, type LookupField, type LookupQuery, type NameQuery } from './lookupQuery';

/**
 * How strongly each detail identifies one customer: an account number or email is unique, a
 * phone nearly so; national-ID last 4, a name and a birthday are shared by many. Pure: no I/O.
 */
export const WEIGHTS: Record<LookupField, number> = {
  accountNumber: 50,
  email: 40,
  phone: 30,
  nationalIdLast4: 20,
  fullName: 15,
  dateOfBirth: 10,
};
/** The whole name by its Latin reading (pinyin, transliteration): many people share one reading. */
export const NAME_READING_WEIGHT = 12;
/** Some of the caller's name words (a surname alone, a given name alone, a missing middle name). */
export const PARTIAL_NAME_WEIGHT = 8;
/** Some of the words of the name's Latin reading ("Wang" alone for 王芳). */
export const PARTIAL_READING_WEIGHT = 6;

/**
 * Why a candidate matched, as the console shows it: a detail, or the name and how ("fullName:pinyin"
 * = the whole name by its pinyin; "fullName:partial" = some of its words as written).
 */
export const MATCHED_FIELDS = [
  ...LOOKUP_FIELDS,
  'fullName:pinyin',
  'fullName:transliterated',
  'fullName:partial',
  'fullName:partial:pinyin',
  'fullName:partial:transliterated',
] as const;
export type MatchedField = (typeof MATCHED_FIELDS)[number];

export type CandidateRow = Pick<
  Account,
  | 'id'
  | 'accountNumber'
  | 'emailNorm'
  | 'phone'
  | 'dateOfBirth'
  | 'nationalIdLast4'
  | 'nameKey'
  | 'nameLatin'
  | 'nameLatinKey'
>;

export type Scored<R extends CandidateRow> = { row: R; score: number; matchedFields: MatchedField[] };

type NameMatch = { label: MatchedField; weight: number };

/** Which reading a name matched by its Latin letters has: pinyin for a Chinese name. */
const readingOf = (nameKey: string) => (/\p{Script=Han}/u.test(nameKey) ? 'pinyin' : 'transliterated');

/**
 * Whether every word of one of the sets is a piece of the name's text. A word of the name is a piece of
 * its text, so a name failing this cannot hold the set as words and is rejected before it is split: most
 * of a birthday's or a last 4's accounts bear other names, and splitting each was most of scoring them.
 * Loops, not closures: this runs for every account a lookup scores (see scoreCandidate).
 */
function termsInText(termSets: string[][], nameKey: string, latinText: string): boolean {
  for (const set of termSets) {
    let all = true;
    for (const term of set) {
      if (!nameKey.includes(term) && !latinText.includes(term)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** The strongest way the caller's name fits the stored one, or null. */
export function nameMatch(
  name: NameQuery,
  row: Pick<CandidateRow, 'nameKey' | 'nameLatinKey' | 'nameLatin'>,
): NameMatch | null {
  if (name.keys.includes(row.nameKey)) return { label: 'fullName', weight: WEIGHTS.fullName };
  // Only a name matched by its reading says which reading; an exact match (the common case) need not ask.
  if (row.nameLatinKey && name.latinKeys.includes(row.nameLatinKey)) {
    return { label: `fullName:${readingOf(row.nameKey)}`, weight: NAME_READING_WEIGHT };
  }
  const latinText = row.nameLatin ?? '';
  if (!termsInText(name.termSets, row.nameKey, latinText)) return null;
  const written = new Set(ftsTerms(row.nameKey));
  if (name.termSets.some((set) => set.every((term) => written.has(term)))) {
    return { label: 'fullName:partial', weight: PARTIAL_NAME_WEIGHT };
  }
  const latin = new Set([...written, ...ftsTerms(latinText)]);
  if (name.termSets.some((set) => set.every((term) => latin.has(term)))) {
    return { label: `fullName:partial:${readingOf(row.nameKey)}`, weight: PARTIAL_READING_WEIGHT };
  }
  return null;
}

export function scoreCandidate<R extends CandidateRow>(q: LookupQuery, row: R): Scored<R> {
  // Written out rather than through a local `hit` closure: this runs for every row a lookup reads (up to
  // ~200), and a closure per call showed in the lookup profile (1-2.5% of a name lookup's CPU, mostly tsx's
  // keep-names wrapper, which the bench's server runs under; the built server has no wrapper).
  const matchedFields: MatchedField[] = [];
  let score = 0;
  if (q.accountNumber && q.accountNumber === row.accountNumber) {
    matchedFields.push('accountNumber');
    score += WEIGHTS.accountNumber;
  }
  if (q.email && q.email === row.emailNorm) {
    matchedFields.push('email');
    score += WEIGHTS.email;
  }
  if (q.phones?.includes(row.phone)) {
    matchedFields.push('phone');
    score += WEIGHTS.phone;
  }
  if (q.nationalIdLast4 && q.nationalIdLast4 === row.nationalIdLast4) {
    matchedFields.push('nationalIdLast4');
    score += WEIGHTS.nationalIdLast4;
  }
  const name = q.name && nameMatch(q.name, row);
  if (name) {
    matchedFields.push(name.label);
    score += name.weight;
  }
  if (q.dates?.includes(row.dateOfBirth)) {
    matchedFields.push('dateOfBirth');
    score += WEIGHTS.dateOfBirth;
  }
  return { row, score, matchedFields };
}

/** Best first; equal scores in account order so the same query always lists the same way. */
export function rankCandidates<R extends CandidateRow>(q: LookupQuery, rows: R[]): Scored<R>[] {
  return rows
    .map((row) => scoreCandidate(q, row))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.row.id - b.row.id);
}
