import type { Candidate, LookupBody, LookupField } from '../api/types';

/**
 * The lookup form's fields in the order a caller usually gives them. What the caller said stays in React state
 * only: never in a URL or browser storage.
 */
export const FORM_FIELDS = [
  'fullName',
  'phone',
  'dateOfBirth',
  'email',
  'accountNumber',
  'nationalIdLast4',
] as const satisfies readonly LookupField[];

export type LookupAnswer = { candidates: Candidate[]; tooMany: string | null };

/** Drops blank fields so the server only compares what the caller actually said. */
export function compactLookup(body: LookupBody): LookupBody {
  const out: LookupBody = {};
  for (const field of FORM_FIELDS) {
    const value = body[field]?.trim();
    if (value) out[field] = value;
  }
  return out;
}
