import { type CommandScope, runCommand } from '../accounts/commandFrame';
import { codeLimitRefusal, mintCode } from '../cases/otp';
import { expireLiveCodes } from '../cases/otpRepo';
import type { Message } from '../db/schema';
import { AppError } from '../http/errors';
import type { Caller } from '../staff/actor';
import { issueResetLink } from '../wallet/tokens';
import { kickDelivery } from './delivery';
import { findMessageRow, findMessageView, requeueMessage } from './messageRepo';
import { outboxContent } from './outbox';
import { carriesSecret, type TemplateName } from './templates';

/**
 * A fresh link or code for a message that carried one (docs/design.md, Messages): its old one was
 * wiped at delivery, and it is voided now (the older reset tokens retired, the older codes expired).
 * A code is minted for the case the agent resends from and counts toward the code limits.
 */
async function freshSecret(
  c: Caller,
  scope: CommandScope,
  message: Message,
): Promise<Record<string, string>> {
  const { tx, account, kase, now } = scope;
  const template = message.template as TemplateName;
  if (template === 'password_reset_link' || template === 'self_service_reset_link') {
    return { link: await issueResetLink(tx, c.deps.config.PUBLIC_URL, account.id, now) };
  }
  if (template === 'verification_code') {
    const channel = message.channel;
    const limited = await codeLimitRefusal(tx, kase, now);
    if (limited) throw limited;
    // The code the message carried stops working in its own case too.
    if (message.caseId !== null) await expireLiveCodes(tx, message.caseId, channel, now);
    return {
      code: await mintCode(tx, c.deps.keys.piiKey, { caseId: kase.id, accountId: account.id, channel }, now),
    };
  }
  // Email-change links go to an address that is not (or no longer) the registered one: refused above.
  throw AppError.conflict('This message cannot be sent again: start the step it belongs to again');
}

/**
 * "The reset email never arrived": the agent puts the same message back in the queue (through a
 * case at L1, like any action). Only while it still goes to the registered address — a message
 * addressed before an email change must not be re-sent to the old one. A message with a link or a
 * code goes out with a fresh one.
 */
export async function resendMessage(c: Caller, messageId: number, input: { caseId: number; reason: string }) {
  const { deps } = c;
  const message = await findMessageRow(deps.db, messageId);
  if (!message) throw AppError.notFound('Message');
  await runCommand(c, message.accountId, input, {
    policy: 'resend_message',
    auditAction: 'message.resend',
    run: async (scope) => {
      const { tx, account, now, audit } = scope;
      const registered = message.channel === 'email' ? account.email : account.phone;
      if (message.recipient !== registered) {
        throw AppError.conflict('The registered address changed since this message was sent: send a new one');
      }
      const template = message.template as TemplateName;
      const fresh = carriesSecret(template);
      const content = fresh
        ? outboxContent({
            account,
            channel: message.channel,
            template,
            vars: await freshSecret(c, scope, message),
            sealKey: deps.keys.messageKey,
          })
        : null;
      await requeueMessage(
        tx,
        message.id,
        now,
        content && { body: content.body, sealedBody: content.sealedBody },
      );
      await audit({
        messageId: message.id,
        template: message.template,
        channel: message.channel,
        previousStatus: message.status,
        freshSecret: fresh,
      });
    },
  });
  kickDelivery(deps);
  return findMessageView(deps.db, messageId);
}
