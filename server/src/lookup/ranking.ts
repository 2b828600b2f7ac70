import type { Account } from '../db/schema';
import { ftsTerms, type LookupField, type LookupQuery, type NameQuery } from './lookupQuery';

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
/** Some of the caller's name words (a surname alone, a missing middle name). */
export const PARTIAL_NAME_WEIGHT = 8;

export type CandidateRow = Pick<
  Account,
  'id' | 'accountNumber' | 'emailNorm' | 'phone' | 'dateOfBirth' | 'nationalIdLast4' | 'nameKey'
>;

export type Scored<R extends CandidateRow> = { row: R; score: number; matchedFields: LookupField[] };

export function nameMatch(name: NameQuery, storedKey: string): 'exact' | 'partial' | null {
  if (name.keys.includes(storedKey)) return 'exact';
  const stored = new Set(ftsTerms(storedKey));
  return name.terms.every((term) => stored.has(term)) ? 'partial' : null;
}

export function scoreCandidate<R extends CandidateRow>(q: LookupQuery, row: R): Scored<R> {
  const matchedFields: LookupField[] = [];
  let score = 0;
  const hit = (field: LookupField, weight = WEIGHTS[field]) => {
    matchedFields.push(field);
    score += weight;
  };
  if (q.accountNumber && q.accountNumber === row.accountNumber) hit('accountNumber');
  if (q.email && q.email === row.emailNorm) hit('email');
  if (q.phones?.includes(row.phone)) hit('phone');
  if (q.nationalIdLast4 && q.nationalIdLast4 === row.nationalIdLast4) hit('nationalIdLast4');
  const name = q.name && nameMatch(q.name, row.nameKey);
  if (name) hit('fullName', name === 'exact' ? WEIGHTS.fullName : PARTIAL_NAME_WEIGHT);
  if (q.dates?.includes(row.dateOfBirth)) hit('dateOfBirth');
  return { row, score, matchedFields };
}

/** Best first; equal scores in account order so the same query always lists the same way. */
export function rankCandidates<R extends CandidateRow>(q: LookupQuery, rows: R[]): Scored<R>[] {
  return rows
    .map((row) => scoreCandidate(q, row))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.row.id - b.row.id);
}
