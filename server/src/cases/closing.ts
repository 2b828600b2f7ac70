import { findAccount } from '../accounts/accountReadRepo';
import { staleVersion } from '../accounts/commandFrame';
import { updateAccountAtVersion } from '../accounts/commandRepo';
import { type AuditContext, appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Account, Case } from '../db/schema';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueNotice } from '../messages/notices';
import type { CaseResolution } from '../policy/caseRules';
import type { Actor, Caller } from '../staff/actor';
import { caseFor } from './caseAccess';
import { updateCase } from './caseRepo';
import { caseView } from './caseService';
import { insertImpostorReport } from './impostorRepo';

export type CloseInput = {
  resolution: CaseResolution;
  /** Only with impostor_suspected: also put the account on hold. */
  hold?: boolean;
  /** The account version the agent saw; checked when holding. */
  version?: number;
};

const lockState = (a: Account) => ({ status: a.status, lockReason: a.lockReason, version: a.version });

/**
 * Holds the account of a suspected impostor's call. The lock is `suspicious_activity`, not the
 * customer's own hold: lifting it then takes L3 and a supervisor, so the impostor calling back and
 * passing L2 does not undo it. It needs no verification level: the caller failed to prove anything,
 * which is the point. Audited as an account.hold in the same transaction, and the owner is told.
 */
async function holdForReview(
  tx: Tx,
  ctx: AuditContext,
  actor: Pick<Actor, 'id'>,
  kase: Case,
  input: CloseInput,
  now: number,
): Promise<boolean | AppError> {
  const account = (await findAccount(tx, kase.accountId))!;
  const base = {
    action: 'account.hold' as const,
    targetType: 'account',
    targetId: account.id,
    caseId: kase.id,
  };
  const reason = 'Impostor suspected on the case';
  if (input.version !== undefined && input.version !== account.version) {
    const details = { why: 'stale_version', version: input.version, currentVersion: account.version };
    await appendAudit(tx, ctx, { ...base, reason, outcome: 'denied', details });
    return staleVersion(account.version);
  }
  const alreadyStrict =
    account.status === 'locked' &&
    account.lockReason !== 'failed_attempts' &&
    account.lockReason !== 'customer_request';
  if (account.status === 'closed' || alreadyStrict) return false;
  const after = await updateAccountAtVersion(
    tx,
    account.id,
    account.version,
    {
      status: 'locked',
      lockReason: 'suspicious_activity',
      lockedAt: now,
      lockedUntil: null,
      lockedBy: actor.id,
    },
    now,
  );
  if (!after) return staleVersion(account.version);
  await appendAudit(tx, ctx, {
    ...base,
    reason,
    outcome: 'success',
    details: { before: lockState(account), after: lockState(after), impostorSuspected: true },
  });
  await enqueueNotice(
    tx,
    { account: after, caseId: kase.id, channel: 'email', template: 'account_held_for_review' },
    now,
  );
  return true;
}

/**
 * Ends the contact with a resolution from the fixed list (docs/design.md, Resolutions).
 * `impostor_suspected` is the agent's one-click "this caller was not the owner": it records a risk
 * signal on the account and, when asked, holds the account.
 */
export async function closeCase(c: Caller, id: number, input: CloseInput) {
  const { deps, ctx, actor } = c;
  if (input.hold && input.resolution !== 'impostor_suspected') {
    throw AppError.field('hold', 'only a case closed as impostor_suspected holds the account');
  }
  const now = deps.now();
  let queuedNotice = false;
  const kase = await commitThenRefuse(deps.db, async (tx): Promise<Case | AppError> => {
    const audit = {
      action: 'case.close' as const,
      targetType: 'case',
      targetId: id,
      caseId: id,
      reason: input.resolution,
    };
    const found = await caseFor(tx, actor, id, 'act');
    if (found instanceof AppError) {
      const why = found.status === 409 ? 'The case is already closed' : found.message;
      await appendAudit(tx, ctx, {
        ...audit,
        outcome: 'denied',
        details: { missing: found.extra.missing ?? [], why },
      });
      return found.status === 409 ? AppError.conflict(why, found.extra) : found;
    }
    let held = false;
    if (input.resolution === 'impostor_suspected') {
      const outcome = input.hold ? await holdForReview(tx, ctx, actor, found, input, now) : false;
      if (outcome instanceof AppError) return outcome;
      held = outcome;
      queuedNotice = held;
      await insertImpostorReport(tx, {
        accountId: found.accountId,
        caseId: id,
        reportedBy: actor.id,
        held,
        at: now,
      });
    }
    await appendAudit(tx, ctx, {
      ...audit,
      outcome: 'success',
      details: { resolution: input.resolution, held },
    });
    return updateCase(tx, id, {
      status: 'closed',
      resolution: input.resolution,
      closedAt: now,
      updatedAt: now,
    });
  });
  if (queuedNotice) kickDelivery(deps);
  return caseView(c, kase);
}
