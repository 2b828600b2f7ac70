import { and, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { impostorReportsOf } from '../cases/impostorRepo';
import type { DbOrTx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
import { type Account, cases, devices, emailChanges, loginEvents, verificationChecks } from '../db/tables';
import { RISK_LOOKBACK_MS, RISK_WINDOWS, type RiskFacts } from '../policy/riskSignals';

const p = sql.placeholder;

// Each read is a hot query (db/hotQuery.ts): every command and account view runs all of them.
const confirmedEmailChanges = hotQuery('risk_email_changes', (db) =>
  db
    .select({ confirmedAt: emailChanges.confirmedAt, revertedAt: emailChanges.revertedAt })
    .from(emailChanges)
    .where(and(eq(emailChanges.accountId, p('accountId')), isNotNull(emailChanges.confirmedAt))),
);
const signInsSince = hotQuery('risk_sign_ins_since', (db) =>
  db
    .select({ at: loginEvents.at, country: loginEvents.country })
    .from(loginEvents)
    .where(
      and(
        eq(loginEvents.accountId, p('accountId')),
        eq(loginEvents.outcome, 'success'),
        gte(loginEvents.at, p('since')),
      ),
    ),
);
const countriesBefore = hotQuery('risk_countries_before', (db) =>
  db
    .selectDistinct({ country: loginEvents.country })
    .from(loginEvents)
    .where(
      and(
        eq(loginEvents.accountId, p('accountId')),
        eq(loginEvents.outcome, 'success'),
        lt(loginEvents.at, p('before')),
      ),
    ),
);
const devicesFirstSeenSince = hotQuery('risk_devices_since', (db) =>
  db
    .select({ at: devices.firstSeenAt })
    .from(devices)
    .where(and(eq(devices.accountId, p('accountId')), gte(devices.firstSeenAt, p('since')))),
);
const casesOpenedSince = hotQuery('risk_cases_since', (db) =>
  db
    .select({ openedBy: cases.openedBy, openedAt: cases.openedAt })
    .from(cases)
    .where(and(eq(cases.accountId, p('accountId')), gte(cases.openedAt, p('since')))),
);
const failedChecksSince = hotQuery('risk_failed_checks_since', (db) =>
  db
    .select({ at: verificationChecks.at })
    .from(verificationChecks)
    .innerJoin(cases, eq(cases.id, verificationChecks.caseId))
    .where(
      and(
        eq(cases.accountId, p('accountId')),
        eq(verificationChecks.matched, false),
        gte(verificationChecks.at, p('since')),
      ),
    ),
);

/**
 * The facts the risk signals are computed from (policy/riskSignals.ts), each read through an index that
 * leads with the account, and bounded by the longest window: a busy account costs a few short range reads.
 */
export async function riskFactsOf(db: DbOrTx, account: Account, now: number): Promise<RiskFacts> {
  const since = now - RISK_LOOKBACK_MS;
  const countrySince = now - RISK_WINDOWS.new_country;
  const accountId = account.id;
  const changes = await confirmedEmailChanges(db, { accountId });
  const recentSignIns = await signInsSince(db, { accountId, since: countrySince });
  const earlierCountries = (await countriesBefore(db, { accountId, before: countrySince })).map(
    (r) => r.country,
  );
  const deviceFirstSeenAt = (await devicesFirstSeenSince(db, { accountId, since })).map((r) => r.at);
  const recentCases = await casesOpenedSince(db, { accountId, since });
  const failedChecksAt = (
    await failedChecksSince(db, { accountId, since: now - RISK_WINDOWS.failed_verifications })
  ).map((r) => r.at);
  const impostorReportsAt = (await impostorReportsOf(db, account.id, since)).map((r) => r.at);
  // A password set at creation (seed, import) is not a reset.
  const reset = account.passwordChangedAt !== null && account.passwordChangedAt > account.createdAt;
  return {
    homeCountry: account.country,
    phoneChangedAt: account.phoneChangedAt,
    emailChangedAt: changes
      .flatMap((c) => [c.confirmedAt, c.revertedAt])
      .filter((t): t is number => t !== null),
    passwordResetAt: reset ? [account.passwordChangedAt!] : [],
    deviceFirstSeenAt,
    recentSignIns,
    earlierCountries,
    emailChangeRevertedAt: changes.map((c) => c.revertedAt).filter((t): t is number => t !== null),
    cases: recentCases,
    failedChecksAt,
    impostorReportsAt,
  };
}
