import type { Tx } from '../db/client';
import { type Account, messages } from '../db/schema';
import { maskEmail, maskPhone } from '../policy/mask';
import { renderTemplate, type TemplateName } from './templates';

export type MessageChannel = 'email' | 'sms';

const CHINESE_COUNTRIES = new Set(['CN', 'HK', 'TW', 'MO']);
export const languageFor = (country: string): 'en' | 'zh' => (CHINESE_COUNTRIES.has(country) ? 'zh' : 'en');

export type EnqueueInput = {
  account: Pick<Account, 'id' | 'email' | 'phone' | 'country' | 'fullName'>;
  caseId?: number | null;
  channel: MessageChannel;
  template: TemplateName;
  /** Values the template fills in (a link, a code). Stored inside the body only; never returned by the API. */
  vars?: Record<string, string>;
  /** Another address than the registered one (the new address of an email change). */
  to?: string;
};

/**
 * Queues one message to a customer inside the caller's transaction: if the action rolls back,
 * nothing is sent. Delivery happens after commit (see delivery.ts); returns the message id.
 */
export function enqueueMessage(tx: Tx, input: EnqueueInput, now: number): number {
  const recipient = input.to ?? (input.channel === 'email' ? input.account.email : input.account.phone);
  const language = languageFor(input.account.country);
  const { subject, body } = renderTemplate(input.template, language, input.channel, {
    name: input.account.fullName,
    ...input.vars,
  });
  const row = tx
    .insert(messages)
    .values({
      accountId: input.account.id,
      caseId: input.caseId ?? null,
      channel: input.channel,
      template: input.template,
      recipient,
      recipientMasked: input.channel === 'email' ? maskEmail(recipient) : maskPhone(recipient),
      language,
      subject,
      body,
      status: 'queued',
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: messages.id })
    .get();
  return row.id;
}
