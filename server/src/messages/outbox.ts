import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
import { type Account, type Message, messages } from '../db/tables';
import { maskEmail, maskPhone } from '../policy/mask';
import { sealBody } from './sealedBody';
import { renderSealable, type TemplateName } from './templates';

export type MessageChannel = 'email' | 'sms';

const CHINESE_COUNTRIES = new Set(['CN', 'HK', 'TW', 'MO']);
export const languageFor = (country: string): 'en' | 'zh' => (CHINESE_COUNTRIES.has(country) ? 'zh' : 'en');

export type EnqueueInput = {
  account: Pick<Account, 'id' | 'email' | 'phone' | 'country' | 'fullName'>;
  caseId?: number | null;
  channel: MessageChannel;
  template: TemplateName;
  /** Values the template fills in (a link, a code). A link or code is stored only sealed; never returned by the API. */
  vars?: Record<string, string>;
  /** Another address than the registered one (the new address of an email change). */
  to?: string;
  /** The message key (deps.keys.messageKey): needed when the template carries a link or a code. */
  sealKey?: Buffer;
};

/** What the outbox row holds of one message: the stored (redacted) body and, until delivery, the sealed text. */
export function outboxContent(input: EnqueueInput) {
  const recipient = input.to ?? (input.channel === 'email' ? input.account.email : input.account.phone);
  const language = languageFor(input.account.country);
  const { subject, body, storedBody } = renderSealable(input.template, language, input.channel, {
    name: input.account.fullName,
    ...input.vars,
  });
  let sealedBody: string | null = null;
  if (storedBody !== body) {
    // A programming error, like a missing variable: the caller's transaction rolls back.
    if (!input.sealKey) throw new Error(`Template ${input.template} carries a secret: pass the message key`);
    sealedBody = sealBody(input.sealKey, body, { channel: input.channel, recipient });
  }
  return { recipient, language, subject, body: storedBody, sealedBody };
}

const p = sql.placeholder;
const INSERTED = [
  'accountId',
  'caseId',
  'channel',
  'template',
  'recipient',
  'recipientMasked',
  'language',
  'subject',
  'body',
  'sealedBody',
  'noticeEvents',
  'status',
  'nextAttemptAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Message)[];
type Inserted = { [K in (typeof INSERTED)[number]]: Message[K] };

// Every audited command that tells the customer queues one: built and prepared once (db/hotQuery.ts).
// Placeholders in values(): drizzle wraps each in its column's Param; its types only take values.
const insertMessage = hotQuery('outbox_insert', (db) =>
  db
    .insert(messages)
    .values(Object.fromEntries(INSERTED.map((f) => [f, p(f)])) as unknown as Inserted)
    .returning({ id: messages.id }),
);

/**
 * Queues one message to a customer inside the caller's transaction: if the action rolls back,
 * nothing is sent. Delivery happens after commit (see delivery.ts); returns the message id.
 * `due` (a coalesced notice, messages/notices.ts) holds it back and records the events it lists.
 */
export async function enqueueMessage(
  tx: Tx,
  input: EnqueueInput,
  now: number,
  due: { nextAttemptAt: number; noticeEvents: string } | null = null,
): Promise<number> {
  const { recipient, language, subject, body, sealedBody } = outboxContent(input);
  const values: Inserted = {
    accountId: input.account.id,
    caseId: input.caseId ?? null,
    channel: input.channel,
    template: input.template,
    recipient,
    recipientMasked: input.channel === 'email' ? maskEmail(recipient) : maskPhone(recipient),
    language,
    subject,
    body,
    sealedBody,
    noticeEvents: due?.noticeEvents ?? null,
    status: 'queued',
    nextAttemptAt: due?.nextAttemptAt ?? now,
    createdAt: now,
    updatedAt: now,
  };
  const [row] = (await insertMessage(tx, values)) as { id: number }[];
  return row!.id;
}
