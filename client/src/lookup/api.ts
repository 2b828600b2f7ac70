/** What the caller said, exactly as typed. Kept in React state only: never in a URL or browser storage. */
export type LookupBody = {
  fullName?: string;
  phone?: string;
  dateOfBirth?: string;
  email?: string;
  accountNumber?: string;
  nationalIdLast4?: string;
};
export const LOOKUP_FIELDS = [
  'fullName',
  'phone',
  'dateOfBirth',
  'email',
  'accountNumber',
  'nationalIdLast4',
] as const;
export type LookupField = (typeof LOOKUP_FIELDS)[number];

export type LookupCandidate = {
  id: number;
  accountNumber: string;
  fullName: string;
  maskedEmail: string;
  maskedPhone: string;
  birthYear: number | string;
  country: string;
  status: 'active' | 'locked' | 'closed';
  lockReason: string | null;
  score: number;
  matchedFields: string[];
};

export type LookupAnswer = { candidates: LookupCandidate[]; tooMany: string | null };

/** Drops blank fields so the server only compares what the caller actually said. */
export function compactLookup(body: LookupBody): LookupBody {
  const out: LookupBody = {};
  for (const field of LOOKUP_FIELDS) {
    const value = body[field]?.trim();
    if (value) out[field] = value;
  }
  return out;
}
