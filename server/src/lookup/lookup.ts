import { type AccountIdentity, presentIdentity } from '../accounts/accountView';
import { type AuditContext, appendAudit } from '../audit/writer';
import type { DbOrTx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { AppDeps } from '../deps';
import { admitLookup } from './lookupLimits';
import type { LookupField, LookupQuery } from './lookupQuery';
import {
  accountsByIds,
  countProbe,
  type LookupRow,
  NAMED_PROBES,
  type NameColumns,
  type Probe,
  probeIds,
  probeNamed,
  probeRows,
  probesFor,
  ROW_PROBES,
  scoringRowsByIds,
} from './lookupRepo';
import { recordLookupPins } from './lookupVariation';
import {
  type MatchedField,
  NAME_READING_WEIGHT,
  nameMatch,
  PARTIAL_NAME_WEIGHT,
  PARTIAL_READING_WEIGHT,
  rankCandidates,
  scoreCandidate,
  WEIGHTS,
} from './ranking';

export const MAX_RESULTS = 20;
/** Ids read per probe; a probe that finds more only contributes its first few (they all tie). */
export const PROBE_LIMIT = 200;
/**
 * "Too many" is counted this far and then said as "1000+", like the audit list's capped totals: the agent
 * needs one more detail either way, and counting a common surname's namesakes to 10,000 read 10,000 index
 * entries (~0.9 ms at 1 M accounts, a name lookup's largest single cost; 1,000 take ~0.08 ms).
 */
export const COUNT_CAP = 1_000;

export type Candidate = AccountIdentity & { score: number; matchedFields: MatchedField[] };

export type LookupResult = {
  candidates: Candidate[];
  /** Accounts matching as well as the best one, when that is more than we return: "37", "1000+". */
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

/** The probes that test each detail, strongest first: the name is tested three ways (ranking.ts nameMatch). */
const FIELD_PROBES: Record<LookupField, readonly Probe[]> = {
  accountNumber: ['accountNumber'],
  email: ['email'],
  phone: ['phone'],
  nationalIdLast4: ['nationalIdLast4'],
  fullName: ['nameKey', 'nameLatin', 'nameWords'],
  dateOfBirth: ['dateOfBirth'],
};

/** What one probe answered: the ids it read, and whether they are all the accounts it matches. */
type ProbeAnswer = { ids: ReadonlySet<number>; complete: boolean };

/**
 * An account's score from the probes' answers alone, when that is certain, else null. Each probe's
 * condition is its detail's test in ranking.ts, so an id in a probe's answer matches that detail that
 * way, and an id missing from a complete answer does not. Uncertain: a stronger test of a detail
 * stopped at its limit or was skipped, or the name matched only by its words (as written, 8, or by
 * its reading, 6: only the row tells), unless a named probe read the account's name (NAMED_PROBES).
 */
function knownScore(
  q: LookupQuery,
  answers: ReadonlyMap<Probe, ProbeAnswer>,
  id: number,
  name: NameColumns | undefined,
): number | null {
  let score = 0;
  for (const field of q.fields) {
    // The name as a birthday's or a last 4's index gave it: compared as the row's would be.
    if (field === 'fullName' && name) {
      score += nameMatch(q.name!, name)?.weight ?? 0;
      continue;
    }
    for (const probe of FIELD_PROBES[field]) {
      const answer = answers.get(probe);
      if (answer?.ids.has(id)) {
        if (probe === 'nameWords') return null;
        score += PROBE_WEIGHT[probe];
        break;
      }
      if (!answer?.complete) return null;
    }
  }
  return score;
}

/**
 * Whether a weaker name search (by reading, 12; by some words, 8 or 6) can no longer change the answer:
 * a page's worth of accounts found so far are certain to score more than any account that search alone
 * would add. Such an account matches no detail whose probe read all its matches (that probe would have
 * found it), so it scores at most the search's weight plus the weights of the details whose probes
 * stopped at their limit. The common case: a name shared by 20 to 200 accounts no longer runs the word
 * search (0.3-1.8 ms on the FTS index at 1 M accounts, in 29% of the bench's name lookups) to find
 * partial namesakes that rank below all of them.
 */
function pageIsBeyond(
  q: LookupQuery,
  answers: ReadonlyMap<Probe, ProbeAnswer>,
  overflowing: readonly Probe[],
  skipped: Probe,
): boolean {
  let ceiling = PROBE_WEIGHT[skipped];
  for (const probe of overflowing) if (!FIELD_PROBES.fullName.includes(probe)) ceiling += PROBE_WEIGHT[probe];
  const floors = new Map<number, number>();
  for (const field of q.fields) {
    // Each detail counts once, at the strongest of its probes that found the account.
    const found = new Set<number>();
    for (const probe of FIELD_PROBES[field]) {
      for (const id of answers.get(probe)?.ids ?? []) {
        if (found.has(id)) continue;
        found.add(id);
        // The word search's 8 may be a reading's 6 (knownScore): count the lesser.
        const weight = probe === 'nameWords' ? PARTIAL_READING_WEIGHT : PROBE_WEIGHT[probe];
        floors.set(id, (floors.get(id) ?? 0) + weight);
      }
    }
  }
  let above = 0;
  for (const floor of floors.values()) if (floor > ceiling && ++above >= MAX_RESULTS) return true;
  return false;
}

/**
 * Finds and ranks the accounts that fit what the caller said. Each probe is an index lookup, and an
 * account is scored on all the details, so one found by its birthday still gets credit for its name.
 * Most scores follow from which probes found the account (knownScore); only the uncertain ones read
 * their row, and only the shown page reads what is shown: a common name no longer reads its 200
 * namesakes' rows (the issue 9 profile: row reads were half of a name lookup). "Too many" means more
 * accounts tie with the best than we show: the agent needs one more detail, not a longer list.
 */
export async function findCandidates(deps: { db: DbOrTx }, q: LookupQuery): Promise<LookupResult> {
  const ids = new Set<number>();
  const answers = new Map<Probe, ProbeAnswer>();
  const overflowing: Probe[] = [];
  /** Rows the unique details' probes read whole: scored and shown without reading them again. */
  const read = new Map<number, LookupRow>();
  /** The names the named probes read from their indexes: these accounts are scored without their rows. */
  const names = new Map<number, NameColumns>();
  for (const probe of probesFor(q)) {
    // Accounts matching the name less well rank below the 200+ matching it better: skip the weaker name searches.
    if (probe === 'nameLatin' && overflowing.includes('nameKey')) continue;
    if (probe === 'nameWords' && (overflowing.includes('nameKey') || overflowing.includes('nameLatin')))
      continue;
    if ((probe === 'nameLatin' || probe === 'nameWords') && pageIsBeyond(q, answers, overflowing, probe))
      continue;
    let found: number[];
    if (q.name && NAMED_PROBES.has(probe)) {
      const named = await probeNamed(deps.db, probe, q, PROBE_LIMIT + 1);
      for (const account of named) names.set(account.id, account);
      found = named.map((account) => account.id);
    } else if (ROW_PROBES.has(probe)) {
      const rows = await probeRows(deps.db, probe, q, PROBE_LIMIT + 1);
      for (const row of rows) read.set(row.id, row);
      found = rows.map((row) => row.id);
    } else {
      found = await probeIds(deps.db, probe, q, PROBE_LIMIT + 1);
    }
    const complete = found.length <= PROBE_LIMIT;
    answers.set(probe, { ids: new Set(found), complete });
    if (!complete) overflowing.push(probe);
    // Accounts matching only an overflowing probe tie with each other; a page's worth is plenty.
    for (const id of complete ? found : found.slice(0, MAX_RESULTS + 1)) ids.add(id);
  }

  const scores: { id: number; score: number }[] = [];
  const uncertain: number[] = [];
  for (const id of ids) {
    const score = knownScore(q, answers, id, names.get(id));
    if (score !== null) scores.push({ id, score });
    else {
      const row = read.get(id);
      if (!row) uncertain.push(id);
      else {
        const scored = scoreCandidate(q, row);
        if (scored.score > 0) scores.push({ id, score: scored.score });
      }
    }
  }
  for (const row of await scoringRowsByIds(deps.db, uncertain)) {
    const { score } = scoreCandidate(q, row);
    if (score > 0) scores.push({ id: row.id, score });
  }
  scores.sort((a, b) => b.score - a.score || a.id - b.id);

  const best = scores[0]?.score ?? 0;
  let tied = scores.filter((c) => c.score === best).length;
  let lowerBound = false;
  for (const probe of overflowing) {
    if (PROBE_WEIGHT[probe] < best) continue;
    const n = await countProbe(deps.db, probe, q, COUNT_CAP);
    if (n > tied) tied = n;
    lowerBound ||= n >= COUNT_CAP;
  }
  // The page is scored again on its rows: the same scores, and the reasons the console shows.
  const page = scores.slice(0, MAX_RESULTS).map((c) => c.id);
  const shown = page.flatMap((id) => read.get(id) ?? []);
  if (shown.length < page.length)
    shown.push(
      ...(await accountsByIds(
        deps.db,
        page.filter((id) => !read.has(id)),
      )),
    );
  return {
    candidates: rankCandidates(q, shown).map((c) => toCandidate(c.row, c.score, c.matchedFields)),
    tooManyMatches: tied > MAX_RESULTS ? `${Math.min(tied, COUNT_CAP)}${lowerBound ? '+' : ''}` : null,
  };
}

function toCandidate(account: LookupRow, score: number, matchedFields: MatchedField[]): Candidate {
  // The masked identity gains its two fields in place (same JSON, same key order): spreading it into a
  // new object for each of the 20 candidates was a few per cent of a name lookup's CPU in the profile.
  const candidate = presentIdentity(account) as Candidate;
  candidate.score = score;
  candidate.matchedFields = matchedFields;
  return candidate;
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
