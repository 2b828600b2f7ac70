import { type AccountIdentity, presentIdentity } from '../accounts/accountView';
import { type AuditContext, appendAudit } from '../audit/writer';
import type { DbOrTx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { AppDeps } from '../deps';
import { admitLookup } from './lookupLimits';
import type { LookupQuery } from './lookupQuery';
import { accountsByIds, countProbe, type LookupRow, type Probe, probeIds, probesFor } from './lookupRepo';
import { recordLookupPins } from './lookupVariation';
import {
  type MatchedField,
  NAME_READING_WEIGHT,
  PARTIAL_NAME_WEIGHT,
  rankCandidates,
  WEIGHTS,
} from './ranking';

export const MAX_RESULTS = 20;
/** Ids read per probe; a probe that finds more only contributes its first few (they all tie). */
export const PROBE_LIMIT = 200;
/** "Too many" is counted this far and then said as "10000+". */
export const COUNT_CAP = 10_000;

export type Candidate = AccountIdentity & { score: number; matchedFields: MatchedField[] };

export type LookupResult = {
  candidates: Candidate[];
  /** Accounts matching as well as the best one, when that is more than we return: "37", "10000+". */
  tooManyMatches: string | null;
};

const PROBE_WEIGHT: Record<Probe, number> = {
  accountNumber: WEIGHTS.accountNumber,
  email: WEIGHTS.email,
  phone: WEIGHTS.phone,
  nationalIdLast4: WEIGHTS.nationalIdLast4,
  nameKey: WEIGHTS.fullName,
  nameLatin: NAME_READING_WEIGHT,
  nameWords: PARTIAL_NAME_WEIGHT,
  dateOfBirth: WEIGHTS.dateOfBirth,
};

/**
 * Finds and ranks the accounts that fit what the caller said. Each probe is an index lookup;
 * every loaded row is then scored on all the details, so an account found by its birthday still
 * gets credit for its name. "Too many" means more accounts tie with the best than we show: the
 * agent needs one more detail, not a longer list.
 */
export async function findCandidates(deps: { db: DbOrTx }, q: LookupQuery): Promise<LookupResult> {
  const ids = new Set<number>();
  const overflowing: Probe[] = [];
  for (const probe of probesFor(q)) {
    // Accounts matching the name less well rank below the 200+ matching it better: skip the weaker name searches.
    if (probe === 'nameLatin' && overflowing.includes('nameKey')) continue;
    if (probe === 'nameWords' && (overflowing.includes('nameKey') || overflowing.includes('nameLatin')))
      continue;
    const found = await probeIds(deps.db, probe, q, PROBE_LIMIT + 1);
    if (found.length > PROBE_LIMIT) {
      overflowing.push(probe);
      // Accounts matching only this probe tie with each other; a page's worth is plenty.
      for (const id of found.slice(0, MAX_RESULTS + 1)) ids.add(id);
    } else {
      for (const id of found) ids.add(id);
    }
  }
  const ranked = rankCandidates(q, await accountsByIds(deps.db, [...ids]));
  const best = ranked[0]?.score ?? 0;
  let tied = ranked.filter((c) => c.score === best).length;
  let lowerBound = false;
  for (const probe of overflowing) {
    if (PROBE_WEIGHT[probe] < best) continue;
    const n = await countProbe(deps.db, probe, q, COUNT_CAP);
    if (n > tied) tied = n;
    lowerBound ||= n >= COUNT_CAP;
  }
  return {
    candidates: ranked.slice(0, MAX_RESULTS).map((c) => toCandidate(c.row, c.score, c.matchedFields)),
    tooManyMatches: tied > MAX_RESULTS ? `${Math.min(tied, COUNT_CAP)}${lowerBound ? '+' : ''}` : null,
  };
}

function toCandidate(account: LookupRow, score: number, matchedFields: MatchedField[]): Candidate {
  return { ...presentIdentity(account), score, matchedFields };
}

/**
 * Every lookup is counted against the staff member's limits first (429 beyond them), then leaves an audit row
 * naming the details used, never their values, and the accounts whose pinned detail it varied. The count,
 * the search and the audit row share one transaction: one commit (one fsync under synchronous=FULL) per
 * lookup, which the issue 9 profile showed as the lookup's main cost when they were two. A refusal
 * commits its count (and its audit row) before the 429.
 */
export async function lookUp(
  deps: AppDeps,
  ctx: AuditContext,
  staffId: number,
  q: LookupQuery,
): Promise<LookupResult> {
  const now = deps.now();
  return commitThenRefuse(deps.db, async (tx) => {
    const refusal = await admitLookup(tx, deps, ctx, staffId, now);
    if (refusal) return refusal;
    const result = await findCandidates({ db: tx }, q);
    const varied = await recordLookupPins(tx, ctx, {
      q,
      candidates: result.candidates,
      staffId,
      piiKey: deps.keys.piiKey,
      now,
    });
    await appendAudit(tx, ctx, {
      action: 'account.lookup',
      outcome: 'success',
      targetType: 'account',
      details: {
        fields: q.fields,
        results: result.candidates.length,
        tooMany: result.tooManyMatches !== null,
        ...(varied.length ? { variedAccounts: varied } : {}),
      },
    });
    return result;
  });
}
