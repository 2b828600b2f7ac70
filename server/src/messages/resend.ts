import { runCommand } from '../accounts/commandFrame';
import { AppError } from '../http/errors';
import type { Caller } from '../staff/actor';
import { kickDelivery } from './delivery';
import { findMessageRow, findMessageView, requeueMessage } from './messageRepo';

/**
 * "The reset email never arrived": the agent puts the same message back in the queue (through a
 * case at L1, like any action). Only while it still goes to the registered address — a message
 * addressed before an email change must not be re-sent to the old one.
 */
export function resendMessage(c: Caller, messageId: number, input: { caseId: number; reason: string }) {
  const { deps } = c;
  const message = findMessageRow(deps.db, messageId);
  if (!message) throw AppError.notFound('Message');
  runCommand(c, message.accountId, input, {
    policy: 'resend_message',
    auditAction: 'message.resend',
    run: ({ tx, account, now, audit }) => {
      const registered = message.channel === 'email' ? account.email : account.phone;
      if (message.recipient !== registered) {
        throw AppError.conflict('The registered address changed since this message was sent: send a new one');
      }
      requeueMessage(tx, message.id, now);
      audit({
        messageId: message.id,
        template: message.template,
        channel: message.channel,
        previousStatus: message.status,
      });
    },
  });
  kickDelivery(deps);
  return findMessageView(deps.db, messageId);
}
