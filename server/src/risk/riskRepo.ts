import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { impostorReportsOf } from '../cases/impostorRepo';
import type { DbOrTx } from '../db/client';
import { type Account, cases, devices, emailChanges, loginEvents, verificationChecks } from '../db/tables';
import { RISK_LOOKBACK_MS, RISK_WINDOWS, type RiskFacts } from '../policy/riskSignals';

/**
 * The facts the risk signals are computed from (policy/riskSignals.ts), each read through an index that
 * leads with the account, and bounded by the longest window: a busy account costs a few short range reads.
 */
export async function riskFactsOf(db: DbOrTx, account: Account, now: number): Promise<RiskFacts> {
  const since = now - RISK_LOOKBACK_MS;
  const countrySince = now - RISK_WINDOWS.new_country;
  const changes = await db
    .select({ confirmedAt: emailChanges.confirmedAt, revertedAt: emailChanges.revertedAt })
    .from(emailChanges)
    .where(and(eq(emailChanges.accountId, account.id), isNotNull(emailChanges.confirmedAt)));
  const recentSignIns = await db
    .select({ at: loginEvents.at, country: loginEvents.country })
    .from(loginEvents)
    .where(
      and(
        eq(loginEvents.accountId, account.id),
        eq(loginEvents.outcome, 'success'),
        gte(loginEvents.at, countrySince),
      ),
    );
  const earlierCountries = (
    await db
      .selectDistinct({ country: loginEvents.country })
      .from(loginEvents)
      .where(
        and(
          eq(loginEvents.accountId, account.id),
          eq(loginEvents.outcome, 'success'),
          lt(loginEvents.at, countrySince),
        ),
      )
  ).map((r) => r.country);
  const deviceFirstSeenAt = (
    await db
      .select({ at: devices.firstSeenAt })
      .from(devices)
      .where(and(eq(devices.accountId, account.id), gte(devices.firstSeenAt, since)))
  ).map((r) => r.at);
  const recentCases = await db
    .select({ openedBy: cases.openedBy, openedAt: cases.openedAt })
    .from(cases)
    .where(and(eq(cases.accountId, account.id), gte(cases.openedAt, since)));
  const failedChecksAt = (
    await db
      .select({ at: verificationChecks.at })
      .from(verificationChecks)
      .innerJoin(cases, eq(cases.id, verificationChecks.caseId))
      .where(
        and(
          eq(cases.accountId, account.id),
          eq(verificationChecks.matched, false),
          gte(verificationChecks.at, now - RISK_WINDOWS.failed_verifications),
        ),
      )
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
