import { findAccount } from '../accounts/accountReadRepo';
import { revokeAllDevices } from '../accounts/commandRepo';
import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueMessage } from '../messages/outbox';
import { hashPassword } from '../shared/passwords';
import { findLiveToken, markTokenUsed, retireTokens } from './tokens';
import { setPassword } from './walletRepo';

export const MIN_PASSWORD_LENGTH = 10;

// The same words for unknown, expired and used tokens: a probe learns nothing about which it was.
const badToken = () => AppError.field('token', 'is invalid, expired or already used');

/**
 * Redeems a reset link: new argon2id hash, a failed-attempts lock lifted, every device signed
 * out, the token and any older reset tokens spent, and a "password changed" notice queued, all in
 * one transaction with its audit row.
 */
export async function redeemPasswordReset(
  deps: AppDeps,
  ctx: AuditContext,
  input: { token: string; newPassword: string },
): Promise<{ passwordChanged: true }> {
  if (!(await findLiveToken(deps.db, input.token, 'password_reset', deps.now()))) throw badToken();
  const passwordHash = await hashPassword(input.newPassword);

  const now = deps.now();
  await inTransaction(deps.db, async (tx) => {
    // Looked up again inside the write lock: two tabs redeeming one link cannot both succeed.
    const token = await findLiveToken(tx, input.token, 'password_reset', now);
    if (!token || !(await markTokenUsed(tx, token.id, now))) throw badToken();
    const account = await findAccount(tx, token.accountId);
    if (!account || account.status === 'closed') throw badToken();
    await retireTokens(tx, account.id, 'password_reset', now);
    const { unlocked } = await setPassword(tx, account, passwordHash, now);
    const devicesSignedOut = await revokeAllDevices(tx, account.id, now);
    await enqueueMessage(tx, { account, channel: 'email', template: 'password_changed' }, now);
    await appendAudit(tx, ctx, {
      action: 'wallet.password_reset',
      outcome: 'success',
      actorUsername: 'customer',
      targetType: 'account',
      targetId: account.id,
      details: {
        by: 'reset_link',
        before: { status: account.status, lockReason: account.lockReason },
        unlocked,
        devicesSignedOut,
      },
    });
  });
  kickDelivery(deps);
  return { passwordChanged: true };
}
