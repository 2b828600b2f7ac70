import { findAccount } from '../accounts/accountReadRepo';
import { type AuditContext, appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Account, Case, VerificationFactor } from '../db/schema';
import { AppError } from '../http/errors';
import { assuranceLevel } from '../policy/assurance';
import type { Caller } from '../staff/actor';
import { accountMismatches, activeFreeze, freezeAccount, freezesAccount } from './accountFreeze';
import { caseClosed, FROZEN_MESSAGE, notOwnerRefusal, visibleCase } from './caseAccess';
import { checksOf, insertCheck, recentTransactionAmounts, updateCase } from './caseRepo';
import { codeAlreadyUsed, type OtpRedemption, redeemOtp } from './otp';
import { type IdentifyingFactor, matchesIdentifying, matchesRecentTransaction } from './verification';

type CheckInput = {
  kase: Case;
  account: Account;
  factor: VerificationFactor;
  value: string;
  source: 'typed' | 'lookup';
  staffId: number;
  now: number;
  otpKey: Buffer;
};

/** A factor's answer: matched or not, or (a one-time code only) a code this case already redeemed. */
type Comparison = OtpRedemption;

const asComparison = (matched: boolean): Comparison => (matched ? 'matched' : 'mismatch');

async function compare(tx: Tx, input: CheckInput): Promise<Comparison> {
  const { factor, value, account, kase } = input;
  switch (factor) {
    case 'recent_transaction':
      return asComparison(matchesRecentTransaction(value, await recentTransactionAmounts(tx, account.id)));
    case 'sms_otp':
      return redeemOtp(tx, input.otpKey, kase.id, 'sms', value, input.now);
    case 'email_otp':
      return redeemOtp(tx, input.otpKey, kase.id, 'email', value, input.now);
    default:
      return asComparison(matchesIdentifying(factor satisfies IdentifyingFactor, value, account));
  }
}

/**
 * Compares one factor, stores the check, recomputes the level and freezes verification of the
 * account at its third mismatch in 24 h, whichever case made the others. Runs inside the caller's transaction with its audit rows; the value itself is never
 * stored or audited. A code this case already redeemed is refused (audited, nothing stored): the
 * losers of ten parallel submissions of the right code must not freeze a verified case.
 */
export async function recordCheck(tx: Tx, ctx: AuditContext, input: CheckInput) {
  const comparison = await compare(tx, input);
  const { kase, factor, source } = input;
  const audit = { targetType: 'account', targetId: kase.accountId, caseId: kase.id } as const;
  if (comparison === 'already_used') {
    await appendAudit(tx, ctx, {
      ...audit,
      action: 'case.check',
      outcome: 'denied',
      details: { factor, why: 'already_used' },
    });
    return codeAlreadyUsed();
  }
  const matched = comparison === 'matched';
  await insertCheck(tx, { caseId: kase.id, factor, matched, source, staffId: input.staffId, at: input.now });
  // Mismatches count per account, across its cases and agents (accountFreeze.ts).
  const mismatchCount = await accountMismatches(tx, kase.accountId, input.now);
  const wasFrozen = Boolean(await activeFreeze(tx, kase.accountId));
  const frozen = wasFrozen || freezesAccount(mismatchCount);
  const level = assuranceLevel(await checksOf(tx, kase.id));
  if (frozen && !wasFrozen) {
    await freezeAccount(tx, {
      accountId: kase.accountId,
      caseId: kase.id,
      frozenBy: input.staffId,
      mismatchCount,
      now: input.now,
    });
  }
  const updated = await updateCase(tx, kase.id, {
    level,
    mismatchCount,
    verificationFrozen: frozen,
    updatedAt: input.now,
  });
  await appendAudit(tx, ctx, {
    ...audit,
    action: 'case.check',
    outcome: 'success',
    details: { factor, matched, source, level },
  });
  if (frozen && !wasFrozen) {
    await appendAudit(tx, ctx, {
      ...audit,
      action: 'case.frozen',
      outcome: 'success',
      details: { mismatchCount, scope: 'account' },
    });
  }
  return { matched, level: updated.level, kase: updated };
}

export type CheckAnswer = { factor: VerificationFactor; matched: boolean; level: number };

/** A check typed by the agent during the call. */
export async function submitCheck(
  { deps, ctx, actor }: Caller,
  caseId: number,
  { factor, value }: { factor: VerificationFactor; value: string },
): Promise<CheckAnswer> {
  const now = deps.now();
  return commitThenRefuse(deps.db, async (tx): Promise<CheckAnswer | AppError> => {
    const kase = await visibleCase(tx, actor, caseId);
    if (kase.status !== 'open') return caseClosed();
    const notOwner = notOwnerRefusal(kase, actor);
    if (notOwner) {
      const audit = { targetType: 'account', targetId: kase.accountId, caseId } as const;
      await appendAudit(tx, ctx, {
        ...audit,
        action: 'case.check',
        outcome: 'denied',
        details: { factor, why: 'not_owner' },
      });
      return notOwner;
    }
    if (kase.verificationFrozen) {
      await appendAudit(tx, ctx, {
        action: 'case.check',
        outcome: 'denied',
        targetType: 'account',
        targetId: kase.accountId,
        caseId,
        details: { factor, why: 'frozen' },
      });
      return AppError.locked(FROZEN_MESSAGE);
    }
    const account = (await findAccount(tx, kase.accountId))!;
    const input = { kase, account, factor, value, source: 'typed' as const, staffId: actor.id, now };
    const recorded = await recordCheck(tx, ctx, { ...input, otpKey: deps.keys.piiKey });
    if (recorded instanceof AppError) return recorded;
    return { factor, matched: recorded.matched, level: recorded.level };
  });
}
