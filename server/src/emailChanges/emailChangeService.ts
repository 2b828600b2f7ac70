import { findAccount } from '../accounts/accountReadRepo';
import { type CommandInput, runCommand, staleVersion } from '../accounts/commandFrame';
import { updateAccountAtVersion } from '../accounts/commandRepo';
import { type AuditEntry, appendAudit } from '../audit/writer';
import { approvalEvidence } from '../cases/approvalEvidence';
import type { DbOrTx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { EmailChange } from '../db/schema';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueMessage } from '../messages/outbox';
import { maskEmail } from '../policy/mask';
import { normalizeEmail } from '../policy/normalize';
import type { Actor, Caller } from '../staff/actor';
import { customerLink, issueCustomerToken } from '../wallet/tokens';
import { expireEmailChanges, expireOverdue } from './emailChangeExpiry';
import {
  type EmailChangeQuery,
  emailTakenByOther,
  findEmailChange,
  findOpenChange,
  insertEmailChange,
  listEmailChanges,
  transitionChange,
} from './emailChangeRepo';
import { CONFIRMATION_WINDOW_MS, presentEmailChange, refuseUnlessSecondPerson } from './emailChangeRules';
import { noticeOldAddress } from './oldAddressNotice';

/**
 * Files a change of the registered email (L3 on the case). Nothing reaches the customer yet: a
 * second person approves first. A conflict (address taken, change already open) is audited as a
 * denied attempt, since probing which addresses are registered is what an impostor would do.
 */
export async function requestEmailChange(
  c: Caller,
  accountId: number,
  input: CommandInput & { version: number; newEmail: string },
): Promise<{ id: number; status: 'pending_approval' }> {
  const newEmail = normalizeEmail(input.newEmail);
  const newEmailMasked = maskEmail(newEmail);
  const result = await runCommand(c, accountId, input, {
    policy: 'email_change',
    auditAction: 'account.email_change_request',
    run: async ({ tx, account, kase, now, audit }) => {
      const refuse = async (error: AppError, why: string) => {
        await appendAudit(tx, c.ctx, {
          action: 'account.email_change_request',
          outcome: 'denied',
          targetType: 'account',
          targetId: account.id,
          caseId: kase.id,
          reason: input.reason,
          details: { why, newEmailMasked },
        });
        return error;
      };
      if (newEmail === account.emailNorm) {
        throw AppError.field('newEmail', 'is already the registered address');
      }
      await expireOverdue(tx, c.deps, now);
      if (await findOpenChange(tx, account.id)) {
        return refuse(
          AppError.conflict('This account already has an email change in progress', { code: 'open_change' }),
          'open_change',
        );
      }
      if (await emailTakenByOther(tx, newEmail, account.id)) {
        return refuse(
          AppError.conflict('That address is registered to another account', { code: 'address_taken' }),
          'address_taken',
        );
      }
      const after = await updateAccountAtVersion(tx, account.id, account.version, {}, now);
      if (!after) throw staleVersion(account.version);
      const change = await insertEmailChange(
        tx,
        {
          accountId: account.id,
          caseId: kase.id,
          requestedBy: c.actor.id,
          oldEmail: account.email,
          newEmail,
          reason: input.reason,
        },
        now,
      );
      await audit({
        emailChangeId: change.id,
        oldEmailMasked: maskEmail(account.email),
        newEmailMasked,
        version: { before: account.version, after: after.version },
      });
      return { id: change.id, status: 'pending_approval' as const };
    },
  });
  // The frame has already thrown a refusal returned by run; this only tells the type checker so.
  if (result instanceof AppError) throw result;
  return result;
}

export type Decision = 'approve' | 'reject';

/**
 * The one shape of a change every route answers (list rows, one change, a decision): masked addresses, the
 * deadline of its step, and the evidence the approver weighs.
 */
export async function emailChangeView(db: DbOrTx, change: EmailChange) {
  return { ...presentEmailChange(change), evidence: await approvalEvidence(db, change) };
}
export type EmailChangeView = Awaited<ReturnType<typeof emailChangeView>>;

/**
 * A supervisor other than the requester approves (the new address gets a confirmation link, the old one a
 * notice whose link cancels the change) or
 * rejects (nothing is sent: the customer's address never changed). Refusals are audited.
 */
export async function decideEmailChange(
  c: Caller,
  id: number,
  decision: Decision,
  reason: string,
): Promise<EmailChangeView> {
  const { deps, ctx, actor } = c;
  const now = deps.now();
  const view = await commitThenRefuse(deps.db, async (tx) => {
    await expireOverdue(tx, deps, now);
    const change = await findEmailChange(tx, id);
    if (!change) throw AppError.notFound('Email change');
    const base: Omit<AuditEntry, 'outcome'> = {
      action: `email_change.${decision}`,
      targetType: 'email_change',
      targetId: id,
      caseId: change.caseId,
      reason,
    };
    const notSecond = await refuseUnlessSecondPerson(tx, ctx, base, change, 'change');
    if (notSecond) return notSecond;
    const account = await findAccount(tx, change.accountId);
    const closed = account?.status === 'closed';
    if (change.status !== 'pending_approval' || !account || (closed && decision === 'approve')) {
      const why = closed ? 'account_closed' : 'status';
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { why, status: change.status } });
      return AppError.conflict(
        closed
          ? 'The account is closed'
          : `This change is ${change.status.replace(/_/g, ' ')}, not pending approval`,
        { status: change.status },
      );
    }
    const status = decision === 'approve' ? 'awaiting_confirmation' : 'rejected';
    const after = (await transitionChange(
      tx,
      id,
      'pending_approval',
      { status, decidedBy: actor.id, decidedAt: now, decisionReason: reason },
      now,
    ))!;
    const details: Record<string, unknown> = {
      accountId: change.accountId,
      newEmailMasked: maskEmail(change.newEmail),
      before: { status: change.status },
      after: { status },
    };
    if (decision === 'approve') {
      const purpose = 'email_confirm' as const;
      const ttlMs = CONFIRMATION_WINDOW_MS;
      const token = await issueCustomerToken(
        tx,
        { accountId: account.id, purpose, ttlMs, emailChangeId: id },
        now,
      );
      const link = customerLink(deps.config.PUBLIC_URL, 'confirm-email', token);
      await enqueueMessage(
        tx,
        {
          account,
          caseId: change.caseId,
          channel: 'email',
          template: 'email_change_confirm',
          vars: { link },
          to: change.newEmail,
          sealKey: deps.keys.messageKey,
        },
        now,
      );
      await noticeOldAddress(tx, deps, account, change, now);
      details.confirmBy = now + ttlMs;
      details.oldAddressNotified = true;
    }
    await appendAudit(tx, ctx, { ...base, outcome: 'success', details });
    return emailChangeView(tx, after);
  });
  if (decision === 'approve') kickDelivery(deps);
  return view;
}

type Viewer = Pick<Actor, 'id' | 'role'>;

/**
 * Supervisors see every change; an agent sees the ones they filed, and every change of one account when they
 * ask for that account's (the account page shows a pending change whoever filed it, as its timeline does).
 */
export async function listEmailChangeViews(
  deps: AppDeps,
  viewer: Viewer,
  q: EmailChangeQuery,
): Promise<{ rows: EmailChangeView[]; total: number }> {
  await expireEmailChanges(deps);
  const everyone = viewer.role === 'supervisor' || q.accountId !== undefined;
  const requestedBy = everyone ? q.requestedBy : viewer.id;
  const { rows, total } = await listEmailChanges(deps.db, { ...q, requestedBy });
  const views: EmailChangeView[] = [];
  for (const row of rows) views.push(await emailChangeView(deps.db, row));
  return { rows: views, total };
}

export async function getEmailChangeView(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
): Promise<EmailChangeView> {
  await expireEmailChanges(deps);
  const change = await findEmailChange(deps.db, id);
  if (!change || (viewer.role !== 'supervisor' && change.requestedBy !== viewer.id)) {
    throw AppError.notFound('Email change');
  }
  return emailChangeView(deps.db, change);
}
