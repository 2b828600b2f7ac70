import { createHmac } from 'node:crypto';
import { type AuditContext, appendAudit } from '../audit/writer';
import { recordAccountMismatch } from '../cases/accountMismatch';
import type { Tx } from '../db/client';
import { insertPins, type PinRow, pinnedValues, variationsSince } from './lookupPinRepo';
import type { LookupField, LookupQuery } from './lookupQuery';
import type { MatchedField } from './ranking';

/**
 * docs/design.md, Lookup limits. A lookup that pins one account by a unique detail (account number, email or
 * phone) and gives another detail is a question about that account: "is this its birth date?". Asked again with
 * a different value that does not match, it is the oracle of issue 7 finding 5 (250 birth dates, one account),
 * so it counts as a mismatch of the account's verification. An honest retyping (wrong, then right) counts
 * nothing; searching namesakes by name and birth date pins nothing. Per account, across staff: a second agent
 * does not start again. Only keyed hashes of the values are kept, for 24 h of comparisons.
 */
export const VARIATION_WINDOW_MS = 24 * 60 * 60 * 1000;
const PINNING: readonly LookupField[] = ['accountNumber', 'email', 'phone'];

/** The normalised form of one detail of the query, or null when it was not given. */
function canonical(q: LookupQuery, field: LookupField): string | null {
  switch (field) {
    case 'accountNumber':
      return q.accountNumber ?? null;
    case 'email':
      return q.email ?? null;
    case 'phone':
      return q.phones ? [...q.phones].sort().join(',') : null;
    case 'nationalIdLast4':
      return q.nationalIdLast4 ?? null;
    case 'fullName':
      return q.name ? [...q.name.keys].sort().join(',') : null;
    case 'dateOfBirth':
      return q.dates ? [...q.dates].sort().join(',') : null;
  }
}

const matchedOn = (fields: readonly MatchedField[], field: LookupField) =>
  fields.some((f) => f === field || f.startsWith(`${field}:`));

export type PinnedCandidate = { id: number; matchedFields: readonly MatchedField[] };

/** Records what the lookup said about each account it pinned; answers the accounts whose detail varied. */
export async function recordLookupPins(
  tx: Tx,
  ctx: AuditContext,
  input: {
    q: LookupQuery;
    candidates: readonly PinnedCandidate[];
    staffId: number;
    piiKey: Buffer;
    now: number;
  },
): Promise<number[]> {
  const { q, staffId, now } = input;
  const varied: number[] = [];
  // Pins that vary nothing go in one INSERT at the end; a variation's pin is written before its mismatch is
  // recorded, which counts it (cases/accountFreeze.ts accountMismatches reads lookup_pins).
  const quiet: PinRow[] = [];
  for (const candidate of input.candidates) {
    const pins = PINNING.filter((f) => q.fields.includes(f) && matchedOn(candidate.matchedFields, f));
    if (!pins.length) continue;
    const asked = q.fields.filter((f) => !pins.includes(f) && canonical(q, f) !== null);
    if (!asked.length) continue;
    // One read for every detail asked about this account, not one per detail.
    const earlierByField = await pinnedValues(tx, candidate.id, asked, now - VARIATION_WINDOW_MS);
    let accountVaried = false;
    for (const field of asked) {
      const value = canonical(q, field)!;
      const valueHash = createHmac('sha256', input.piiKey).update(`lookup:${field}\n${value}`).digest('hex');
      const earlier = earlierByField.get(field)!;
      if (earlier.has(valueHash)) continue; // the same value again tells nothing new
      const matched = matchedOn(candidate.matchedFields, field);
      const isVariation = !matched && earlier.size > 0;
      const pin = {
        accountId: candidate.id,
        field,
        valueHash,
        matched,
        varied: isVariation,
        staffId,
        at: now,
      };
      if (!isVariation) {
        quiet.push(pin);
        continue;
      }
      accountVaried = true;
      await insertPins(tx, [pin]);
      await appendAudit(tx, ctx, {
        action: 'account.lookup_variation',
        outcome: 'success',
        targetType: 'account',
        targetId: candidate.id,
        details: { field, pinnedBy: pins, earlierValues: earlier.size },
      });
      await recordAccountMismatch(tx, ctx, {
        accountId: candidate.id,
        source: 'lookup_variation',
        staffId,
        now,
      });
    }
    if (accountVaried) varied.push(candidate.id);
  }
  await insertPins(tx, quiet);
  return varied;
}

/** Lookups varied a detail of the account lately: what a caller "said" may have been found by guessing. */
export async function recentVariations(tx: Tx, accountId: number, now: number): Promise<number> {
  return variationsSince(tx, accountId, now - VARIATION_WINDOW_MS);
}
