import type { Tx } from '../db/client';
import type { Account, EmailChange } from '../db/schema';
import type { AppDeps } from '../deps';
import { enqueueMessage } from '../messages/outbox';
import { maskEmail } from '../policy/mask';
import { customerLink, issueCustomerToken } from '../wallet/tokens';
import { CONFIRMATION_WINDOW_MS, REVERT_WINDOW_MS } from './emailChangeRules';

/**
 * docs/design.md, Email changes: at approval the old address is told at once, with one link that cancels the
 * pending change and, once the new address has confirmed, undoes it for 72 h (emailChangeRedemption.ts). The link
 * lives as long as both steps can: the confirmation window, then the revert window after it; the change's own
 * state (and its revertUntil) decides what the link may still do.
 */
export async function noticeOldAddress(
  tx: Tx,
  deps: Pick<AppDeps, 'config' | 'keys'>,
  account: Account,
  change: EmailChange,
  now: number,
): Promise<void> {
  const token = await issueCustomerToken(
    tx,
    {
      accountId: account.id,
      purpose: 'email_revert',
      ttlMs: CONFIRMATION_WINDOW_MS + REVERT_WINDOW_MS,
      emailChangeId: change.id,
    },
    now,
  );
  await enqueueMessage(
    tx,
    {
      account,
      caseId: change.caseId,
      channel: 'email',
      template: 'email_change_notice_old',
      vars: {
        revertLink: customerLink(deps.config.PUBLIC_URL, 'revert-email', token),
        newEmailMasked: maskEmail(change.newEmail),
      },
      to: change.oldEmail,
      sealKey: deps.keys.messageKey,
    },
    now,
  );
}
