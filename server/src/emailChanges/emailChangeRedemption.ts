import type { AuditAction } from '../../../shared/domain';
import { findAccount } from '../accounts/accountReadRepo';
import { revokeAllDevices } from '../accounts/commandRepo';
import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction, type Tx } from '../db/client';
import type { EmailChange, TokenPurpose } from '../db/schema';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueMessage } from '../messages/outbox';
import { maskEmail } from '../policy/mask';
import { normalizeEmail } from '../policy/normalize';
import {
  customerLink,
  findLiveToken,
  hasLiveChangeToken,
  issueCustomerToken,
  markTokenUsed,
  retireTokens,
} from '../wallet/tokens';
import { expireOverdue } from './emailChangeExpiry';
import { emailTakenByOther, findEmailChange, transitionChange, updateAccountEmail } from './emailChangeRepo';
import { REVERT_WINDOW_MS } from './emailChangeRules';

// The same words for unknown, expired and used links: a probe learns nothing about which it was.
const badToken = () => AppError.field('token', 'is invalid, expired or already used');

const addressTaken = () =>
  AppError.conflict('That address is now registered to another account: call OKPay support');

/** Spends the link inside the write lock (two tabs cannot both redeem it) and loads its change. */
async function redeem(
  tx: Tx,
  deps: AppDeps,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Promise<EmailChange> {
  await expireOverdue(tx, deps, now);
  const row = await findLiveToken(tx, token, purpose, now);
  if (!row?.emailChangeId || !(await markTokenUsed(tx, row.id, now))) throw badToken();
  const change = await findEmailChange(tx, row.emailChangeId);
  if (!change || change.accountId !== row.accountId) throw badToken();
  return change;
}

const customerAudit = (change: EmailChange, action: AuditAction, details: Record<string, unknown>) => ({
  action,
  outcome: 'success' as const,
  actorUsername: 'customer',
  targetType: 'account',
  targetId: change.accountId,
  caseId: change.caseId,
  details: { emailChangeId: change.id, ...details },
});

/**
 * The new address confirms: it becomes the registered email, the old address is told at once
 * with a 72 h revert link, and the new one gets a "changed" notice. One transaction.
 */
export async function confirmEmailChange(deps: AppDeps, ctx: AuditContext, input: { token: string }) {
  const now = deps.now();
  const result = await inTransaction(deps.db, async (tx) => {
    const change = await redeem(tx, deps, input.token, 'email_confirm', now);
    const account = await findAccount(tx, change.accountId);
    if (change.status !== 'awaiting_confirmation' || !account || account.status === 'closed')
      throw badToken();
    const newNorm = normalizeEmail(change.newEmail);
    if (await emailTakenByOther(tx, newNorm, account.id)) throw addressTaken();
    const after = await updateAccountEmail(tx, account, { email: change.newEmail, emailNorm: newNorm }, now);
    const revertUntil = now + REVERT_WINDOW_MS;
    await transitionChange(
      tx,
      change.id,
      'awaiting_confirmation',
      { status: 'completed', confirmedAt: now, revertUntil },
      now,
    );
    const newEmailMasked = maskEmail(change.newEmail);
    const message = { account: after, caseId: change.caseId, channel: 'email' as const };
    if (await hasLiveChangeToken(tx, change, 'email_revert', now)) {
      // Told at approval: the link in that notice now undoes the change for 72 h (oldAddressNotice.ts).
      await enqueueMessage(
        tx,
        { ...message, template: 'email_change_done_old', vars: { newEmailMasked }, to: change.oldEmail },
        now,
      );
    } else {
      // A change approved before the old address was told at approval: its notice and link come now.
      const revertToken = await issueCustomerToken(
        tx,
        { accountId: account.id, purpose: 'email_revert', ttlMs: REVERT_WINDOW_MS, emailChangeId: change.id },
        now,
      );
      const revertLink = customerLink(deps.config.PUBLIC_URL, 'revert-email', revertToken);
      await enqueueMessage(
        tx,
        {
          ...message,
          template: 'email_change_notice_old',
          vars: { revertLink, newEmailMasked },
          to: change.oldEmail,
          sealKey: deps.keys.messageKey,
        },
        now,
      );
    }
    await enqueueMessage(tx, { ...message, template: 'email_change_completed', to: change.newEmail }, now);
    await appendAudit(
      tx,
      ctx,
      customerAudit(change, 'wallet.email_change_confirm', {
        before: { emailMasked: maskEmail(change.oldEmail), version: account.version },
        after: { emailMasked: newEmailMasked, version: after.version },
        revertUntil,
      }),
    );
    return { status: 'completed' as const, newEmailMasked, revertUntil };
  });
  kickDelivery(deps);
  return result;
}

/**
 * The old address undoes the change within 72 h: the email goes back, every device is signed out
 * and the account is held (locked customer_request, by the system) until support reviews it.
 */
export async function revertEmailChange(
  deps: AppDeps,
  ctx: AuditContext,
  input: { token: string },
): Promise<RevertAnswer | CancelAnswer> {
  const now = deps.now();
  const result = await inTransaction(deps.db, async (tx): Promise<RevertAnswer | CancelAnswer> => {
    const change = await redeem(tx, deps, input.token, 'email_revert', now);
    if (change.status === 'awaiting_confirmation') return cancelPendingChange(tx, ctx, change, now);
    const account = await findAccount(tx, change.accountId);
    const inWindow = change.revertUntil !== null && now <= change.revertUntil;
    if (change.status !== 'completed' || !inWindow || !account) throw badToken();
    const oldNorm = normalizeEmail(change.oldEmail);
    if (await emailTakenByOther(tx, oldNorm, account.id)) throw addressTaken();
    const after = await updateAccountEmail(
      tx,
      account,
      {
        email: change.oldEmail,
        emailNorm: oldNorm,
        status: 'locked',
        lockReason: 'customer_request',
        lockedAt: now,
        lockedUntil: null,
        lockedBy: null,
      },
      now,
    );
    await transitionChange(tx, change.id, 'completed', { status: 'reverted', revertedAt: now }, now);
    await retireTokens(tx, account.id, 'email_revert', now);
    await retireTokens(tx, account.id, 'password_reset', now);
    const devicesSignedOut = await revokeAllDevices(tx, account.id, now);
    await enqueueMessage(
      tx,
      { account: after, caseId: change.caseId, channel: 'email', template: 'account_held' },
      now,
    );
    const state = (a: typeof account) => ({
      emailMasked: maskEmail(a.email),
      status: a.status,
      lockReason: a.lockReason,
      version: a.version,
    });
    await appendAudit(
      tx,
      ctx,
      customerAudit(change, 'wallet.email_change_revert', {
        before: state(account),
        after: state(after),
        devicesSignedOut,
      }),
    );
    return { status: 'reverted' as const, emailMasked: maskEmail(after.email), accountHeld: true as const };
  });
  kickDelivery(deps);
  return result;
}

type RevertAnswer = { status: 'reverted'; emailMasked: string; accountHeld: true };
type CancelAnswer = { status: 'cancelled'; emailMasked: string; accountHeld: false };

/**
 * The old address's link before the new address confirmed: the change is called off (status reverted, never
 * confirmed), the confirmation link dies with it, and the old address is told. The registered email never
 * changed, so nobody is signed out; the reverted change is a risk signal on the account all the same.
 */
async function cancelPendingChange(
  tx: Tx,
  ctx: AuditContext,
  change: EmailChange,
  now: number,
): Promise<CancelAnswer> {
  const account = await findAccount(tx, change.accountId);
  if (!account) throw badToken();
  // Conditional on the state read: a confirmation racing this one wins or loses as a whole.
  if (
    !(await transitionChange(
      tx,
      change.id,
      'awaiting_confirmation',
      { status: 'reverted', revertedAt: now },
      now,
    ))
  )
    throw badToken();
  await retireTokens(tx, account.id, 'email_confirm', now);
  await enqueueMessage(
    tx,
    {
      account,
      caseId: change.caseId,
      channel: 'email',
      template: 'email_change_cancelled',
      to: change.oldEmail,
    },
    now,
  );
  await appendAudit(
    tx,
    ctx,
    customerAudit(change, 'wallet.email_change_cancel', {
      before: { status: change.status },
      after: { status: 'reverted' },
      newEmailMasked: maskEmail(change.newEmail),
    }),
  );
  return { status: 'cancelled', emailMasked: maskEmail(account.email), accountHeld: false };
}
