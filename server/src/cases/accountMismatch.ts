import { type AuditContext, appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import { assess } from '../policy/assurance';
import { accountMismatches, activeFreeze, freezeAccount, freezesAccount } from './accountFreeze';
import { checksOf, openCasesOfAccount, updateCase } from './caseRepo';

/**
 * A mismatch of the account's verification made outside any case: a lookup that pinned the account by a
 * unique detail and varied another (lookup/lookupVariation.ts). The verification domain's one entry point for
 * it. Every open case on the account counts it and freezes at the third (audited `case.frozen`); a case opened
 * later starts from the account's recent variations (cases/caseService.ts openCase), so a new case or a second
 * agent does not start from zero. When mismatches count per account (issue 7, point 4), this records one there.
 */
export async function recordAccountMismatch(
  tx: Tx,
  ctx: AuditContext,
  m: { accountId: number; source: 'lookup_variation'; staffId: number; now: number },
): Promise<void> {
  // The account's freeze record, like a check's, names whose lookups froze it: that member may not review it.
  const open = await openCasesOfAccount(tx, m.accountId); // read before the freeze: their case.frozen rows follow
  const mismatches = await accountMismatches(tx, m.accountId, m.now);
  const accountFrozen = Boolean(await activeFreeze(tx, m.accountId)) || freezesAccount(mismatches);
  if (accountFrozen && !(await activeFreeze(tx, m.accountId))) {
    await freezeAccount(tx, {
      accountId: m.accountId,
      caseId: null,
      frozenBy: m.staffId,
      mismatchCount: mismatches,
      now: m.now,
    });
  }
  for (const kase of open) {
    const mismatchCount = kase.mismatchCount + 1;
    const frozen = accountFrozen || assess(await checksOf(tx, kase.id), mismatchCount).frozen;
    await updateCase(tx, kase.id, { mismatchCount, verificationFrozen: frozen, updatedAt: m.now });
    if (frozen && !kase.verificationFrozen) {
      await appendAudit(tx, ctx, {
        action: 'case.frozen',
        outcome: 'success',
        targetType: 'account',
        targetId: m.accountId,
        caseId: kase.id,
        details: { mismatchCount, source: m.source },
      });
    }
  }
}
