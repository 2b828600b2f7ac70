import type { DbOrTx } from '../db/client';
import { type RawSql, rawGet } from '../db/rows';
import type { Account } from '../db/tables';
import { RISK_LOOKBACK_MS, RISK_WINDOWS, type RiskFacts } from '../policy/riskSignals';

/**
 * Every fact of one account in one statement: one scalar subquery per fact, each a short range read
 * through an index that leads with the account (the same reads the seven statements of before made),
 * each folded into a JSON array. Every command and account view runs it: one statement instead of
 * seven cut the per-statement cost (bind, step, reset, row mapping, an await each) from the command
 * frame. The arrays are unordered: the signals take maxima, counts and sets (policy/riskSignals.ts).
 * Parameters, in order: the account and the new-country window's start (twice each for the sign-ins),
 * then the account and the lookback for the others.
 */
/** The one statement in either dialect: the aggregate, the pair constructor and the falsy test differ. */
const riskFactsSql = (d: { agg: string; pair: string; unmatched: string }) => `SELECT
    (SELECT ${d.agg}(${d.pair}(confirmed_at, reverted_at)) FROM email_changes
      WHERE account_id = ? AND confirmed_at IS NOT NULL) AS emailChanges,
    (SELECT ${d.agg}(${d.pair}(at, country)) FROM login_events
      WHERE account_id = ? AND outcome = 'success' AND at >= ?) AS recentSignIns,
    (SELECT ${d.agg}(country) FROM (SELECT DISTINCT country FROM login_events
      WHERE account_id = ? AND outcome = 'success' AND at < ?) earlier) AS earlierCountries,
    (SELECT ${d.agg}(first_seen_at) FROM devices
      WHERE account_id = ? AND first_seen_at >= ?) AS deviceFirstSeenAt,
    (SELECT ${d.agg}(${d.pair}(opened_by, opened_at)) FROM cases
      WHERE account_id = ? AND opened_at >= ?) AS cases,
    (SELECT ${d.agg}(verification_checks.at) FROM verification_checks
      JOIN cases ON cases.id = verification_checks.case_id
      WHERE cases.account_id = ? AND ${d.unmatched} AND verification_checks.at >= ?) AS failedChecksAt,
    (SELECT ${d.agg}(at) FROM impostor_reports
      WHERE account_id = ? AND at >= ?) AS impostorReportsAt`;
const RISK_FACTS: RawSql = {
  sqlite: riskFactsSql({
    agg: 'json_group_array',
    pair: 'json_array',
    unmatched: 'verification_checks.matched = 0',
  }),
  pg: riskFactsSql({
    agg: 'json_agg',
    pair: 'json_build_array',
    unmatched: 'NOT verification_checks.matched',
  }),
};

type Json = string | unknown[] | null;
type FactsRow = {
  emailChanges: Json;
  recentSignIns: Json;
  earlierCountries: Json;
  deviceFirstSeenAt: Json;
  cases: Json;
  failedChecksAt: Json;
  impostorReportsAt: Json;
};

/** SQLite answers JSON text; node-postgres parses json itself, and json_agg over no rows is NULL. */
function list<T>(value: Json): T[] {
  if (value === null) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/**
 * The facts the risk signals are computed from (policy/riskSignals.ts), each read through an index that
 * leads with the account, and bounded by the longest window: a busy account costs a few short range reads.
 */
export async function riskFactsOf(db: DbOrTx, account: Account, now: number): Promise<RiskFacts> {
  const since = now - RISK_LOOKBACK_MS;
  const countrySince = now - RISK_WINDOWS.new_country;
  const failedSince = now - RISK_WINDOWS.failed_verifications;
  const id = account.id;
  const row = (await rawGet<FactsRow>(db, RISK_FACTS, [
    id,
    id,
    countrySince,
    id,
    countrySince,
    id,
    since,
    id,
    since,
    id,
    failedSince,
    id,
    since,
  ]))!;
  const changes = list<[number, number | null]>(row.emailChanges);
  // A password set at creation (seed, import) is not a reset.
  const reset = account.passwordChangedAt !== null && account.passwordChangedAt > account.createdAt;
  return {
    homeCountry: account.country,
    phoneChangedAt: account.phoneChangedAt,
    emailChangedAt: changes.flat().filter((t): t is number => t !== null),
    passwordResetAt: reset ? [account.passwordChangedAt!] : [],
    deviceFirstSeenAt: list<number>(row.deviceFirstSeenAt),
    recentSignIns: list<[number, string]>(row.recentSignIns).map(([at, country]) => ({ at, country })),
    earlierCountries: list<string>(row.earlierCountries),
    emailChangeRevertedAt: changes.map(([, reverted]) => reverted).filter((t): t is number => t !== null),
    cases: list<[number, number]>(row.cases).map(([openedBy, openedAt]) => ({ openedBy, openedAt })),
    failedChecksAt: list<number>(row.failedChecksAt),
    impostorReportsAt: list<number>(row.impostorReportsAt),
  };
}
