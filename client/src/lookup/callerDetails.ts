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

export type LookupFieldErrors = Partial<Record<LookupField, string>>;

/**
 * The translated reason for each field a 400 of POST /api/lookup names (`errors`, server/src/lookup/lookupQuery.ts):
 * the server gives one reason per field, in English, so the console says it in the agent's language by field.
 * Keys that are not form fields (`body`: nothing given) name no field.
 */
export function lookupFieldErrors(
  errors: Record<string, unknown> | undefined,
  translate: (key: string, vars?: Record<string, string>) => string,
): LookupFieldErrors {
  const out: LookupFieldErrors = {};
  for (const field of FORM_FIELDS) {
    const reason = errors?.[field];
    if (reason === undefined) continue;
    const max = typeof reason === 'string' ? /at most (\d+)/.exec(reason)?.[1] : undefined;
    out[field] = max
      ? translate('journey.lookup.invalid.tooLong', { max })
      : translate(`journey.lookup.invalid.${field}`);
  }
  return out;
}
