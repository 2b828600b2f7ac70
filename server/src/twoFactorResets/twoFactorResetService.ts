import { findAccount } from '../accounts/accountReadRepo';
import { type CommandInput, runCommand, staleVersion } from '../accounts/commandFrame';
import { revokeAllDevices, updateAccountAtVersion } from '../accounts/commandRepo';
import { type AuditEntry, appendAudit } from '../audit/writer';
import { approvalEvidence } from '../cases/approvalEvidence';
import type { DbOrTx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { TwoFactorReset } from '../db/schema';
import type { AppDeps } from '../deps';
import { APPROVAL_WINDOW_MS, refuseUnlessSecondPerson } from '../emailChanges/emailChangeRules';
import type { Decision } from '../emailChanges/emailChangeService';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueMessage } from '../messages/outbox';
import type { Actor, Caller } from '../staff/actor';
import {
  findPendingReset,
  findTwoFactorReset,
  insertTwoFactorReset,
  listTwoFactorResets,
  type TwoFactorResetQuery,
  transitionReset,
} from './twoFactorResetRepo';

/**
 * A lost two-factor device (docs/design.md, Two-factor reset): an agent at L3 reached without the factor being
 * reset (the policy's reset_2fa row) files it; a supervisor other than the requester approves within the same
 * 7 days as an email change; approval removes the second factor, signs every device out, asks for a new
 * enrolment at the next sign-in and tells every registered channel, all in one transaction with its audit row.
 */

/** The one shape every route answers: the request, the deadline of its step, and the approver's evidence. */
export async function twoFactorResetView(db: DbOrTx, reset: TwoFactorReset) {
  const nextStepBy = reset.status === 'pending_approval' ? reset.createdAt + APPROVAL_WINDOW_MS : null;
  return { ...reset, nextStepBy, evidence: await approvalEvidence(db, reset) };
}
export type TwoFactorResetView = Awaited<ReturnType<typeof twoFactorResetView>>;

export async function requestTwoFactorReset(
  c: Caller,
  accountId: number,
  input: CommandInput & { version: number },
): Promise<{ id: number; status: 'pending_approval' }> {
  const result = await runCommand(c, accountId, input, {
    policy: 'reset_2fa',
    auditAction: 'account.two_factor_reset_request',
    run: async ({ tx, account, kase, now, audit }) => {
      if (await findPendingReset(tx, account.id)) {
        await appendAudit(tx, c.ctx, {
          action: 'account.two_factor_reset_request',
          outcome: 'denied',
          targetType: 'account',
          targetId: account.id,
          caseId: kase.id,
          reason: input.reason,
          details: { why: 'open_reset' },
        });
        return AppError.conflict('This account already has a two-factor reset awaiting approval', {
          code: 'open_reset',
        });
      }
      // The account's version moves on: a screen loaded before the request is stale.
      const after = await updateAccountAtVersion(tx, account.id, account.version, {}, now);
      if (!after) throw staleVersion(account.version);
      const reset = await insertTwoFactorReset(
        tx,
        { accountId: account.id, caseId: kase.id, requestedBy: c.actor.id, reason: input.reason },
        now,
      );
      await audit({ twoFactorResetId: reset.id, version: { before: account.version, after: after.version } });
      return { id: reset.id, status: 'pending_approval' as const };
    },
  });
  // The frame has already thrown a refusal returned by run; this only tells the type checker so.
  if (result instanceof AppError) throw result;
  return result;
}

export async function decideTwoFactorReset(
  c: Caller,
  id: number,
  decision: Decision,
  reason: string,
): Promise<TwoFactorResetView> {
  const { deps, ctx, actor } = c;
  const now = deps.now();
  const view = await commitThenRefuse(deps.db, async (tx) => {
    const reset = await findTwoFactorReset(tx, id);
    if (!reset) throw AppError.notFound('Two-factor reset');
    const base: Omit<AuditEntry, 'outcome'> = {
      action: `two_factor_reset.${decision}`,
      targetType: 'two_factor_reset',
      targetId: id,
      caseId: reset.caseId,
      reason,
    };
    const notSecond = await refuseUnlessSecondPerson(tx, ctx, base, reset, 'reset');
    if (notSecond) return notSecond;
    const account = await findAccount(tx, reset.accountId);
    const overdue = reset.status === 'pending_approval' && now - reset.createdAt >= APPROVAL_WINDOW_MS;
    if (overdue) await transitionReset(tx, id, 'pending_approval', { status: 'expired' }, now);
    const closed = account?.status === 'closed';
    if (reset.status !== 'pending_approval' || overdue || !account || (closed && decision === 'approve')) {
      const status = overdue ? 'expired' : reset.status;
      const why = closed ? 'account_closed' : 'status';
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { why, status } });
      return AppError.conflict(
        closed ? 'The account is closed' : `This reset is ${status.replace(/_/g, ' ')}, not pending approval`,
        { status },
      );
    }
    const status = decision === 'approve' ? 'completed' : 'rejected';
    const after = (await transitionReset(
      tx,
      id,
      'pending_approval',
      { status, decidedBy: actor.id, decidedAt: now, decisionReason: reason },
      now,
    ))!;
    const details: Record<string, unknown> = {
      accountId: account.id,
      before: { status: reset.status },
      after: { status },
    };
    if (decision === 'approve') {
      const changed = (await updateAccountAtVersion(
        tx,
        account.id,
        account.version,
        { twoFactorEnabled: false, twoFactorEnrolRequired: true },
        now,
      ))!;
      const devicesSignedOut = await revokeAllDevices(tx, account.id, now);
      // Every registered channel at once: whoever holds the lost phone must not be the only one told.
      for (const channel of ['email', 'sms'] as const) {
        await enqueueMessage(
          tx,
          { account: changed, caseId: reset.caseId, channel, template: 'two_factor_reset' },
          now,
        );
      }
      Object.assign(details, {
        twoFactorEnabled: { before: account.twoFactorEnabled, after: false },
        enrolRequired: true,
        devicesSignedOut,
        notified: ['email', 'sms'],
        version: { before: account.version, after: changed.version },
      });
    }
    await appendAudit(tx, ctx, { ...base, outcome: 'success', details });
    return twoFactorResetView(tx, after);
  });
  if (decision === 'approve') kickDelivery(deps);
  return view;
}

type Viewer = Pick<Actor, 'id' | 'role'>;

/** As email changes: supervisors see all; an agent their own, or one account's (the account page). */
export async function listTwoFactorResetViews(deps: AppDeps, viewer: Viewer, q: TwoFactorResetQuery) {
  const everyone = viewer.role === 'supervisor' || q.accountId !== undefined;
  const { rows, total } = await listTwoFactorResets(deps.db, {
    ...q,
    requestedBy: everyone ? q.requestedBy : viewer.id,
  });
  const views: TwoFactorResetView[] = [];
  for (const row of rows) views.push(await twoFactorResetView(deps.db, row));
  return { rows: views, total };
}

export async function getTwoFactorResetView(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
): Promise<TwoFactorResetView> {
  const reset = await findTwoFactorReset(deps.db, id);
  if (!reset || (viewer.role !== 'supervisor' && reset.requestedBy !== viewer.id)) {
    throw AppError.notFound('Two-factor reset');
  }
  return twoFactorResetView(deps.db, reset);
}
