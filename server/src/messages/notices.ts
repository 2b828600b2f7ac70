import { and, desc, eq, inArray } from 'drizzle-orm';
import { NOTICE_COALESCE_MS } from '../../../shared/domain';
import type { Tx } from '../db/client';
import { firstRow } from '../db/rows';
import { messages } from '../db/tables';
import { type EnqueueInput, enqueueMessage, languageFor, outboxContent } from './outbox';
import type { Language, TemplateName } from './templates';

/**
 * Customer notices about agent actions, coalesced (docs/design.md, Limits per customer): at most one
 * message per account every NOTICE_COALESCE_MS. The first goes at once; the actions that follow
 * within the window are listed in one `account_activity` message sent when the window ends, so a loop
 * of holds and unlocks cannot flood a customer and nothing that happened goes untold.
 */

export const NOTICE_TEMPLATES = [
  'account_unlocked',
  'account_held',
  'account_held_for_review',
  'devices_signed_out',
  'device_signed_out',
] as const satisfies readonly TemplateName[];
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

const COALESCED: readonly TemplateName[] = [...NOTICE_TEMPLATES, 'account_activity'];

type NoticeEvent = { template: NoticeTemplate; at: number; vars: Record<string, string> };

/** One line per action, in the customer's language. */
const LINES: Record<Language, Record<NoticeTemplate, (v: Record<string, string>) => string>> = {
  en: {
    account_unlocked: () => 'unlocked your account',
    account_held: () => 'put your account on hold at your request',
    account_held_for_review: () => 'put your account on hold for your protection',
    devices_signed_out: () => 'signed you out on every device',
    device_signed_out: (v) => `signed you out on ${v.device}`,
  },
  zh: {
    account_unlocked: () => '解锁了您的账户',
    account_held: () => '应您的要求冻结了账户',
    account_held_for_review: () => '为保护您的资金暂停了账户',
    devices_signed_out: () => '让您在所有设备上退出了登录',
    device_signed_out: (v) => `让您在 ${v.device} 上退出了登录`,
  },
};

const utcTime = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function eventList(events: NoticeEvent[], language: Language, channel: EnqueueInput['channel']): string {
  const lines = events.map((e) => `${utcTime(e.at)} ${LINES[language][e.template](e.vars)}`);
  if (channel === 'sms') return lines.join(language === 'zh' ? '；' : '; ');
  return lines.map((line) => `- ${line}`).join('\n');
}

type NoticeInput = Omit<EnqueueInput, 'template' | 'to' | 'sealKey'> & { template: NoticeTemplate };

/** Queues the notice of one agent action, or adds it to the account's notice still waiting to go. */
export async function enqueueNotice(tx: Tx, input: NoticeInput, now: number): Promise<number> {
  const event: NoticeEvent = { template: input.template, at: now, vars: input.vars ?? {} };
  const last = await firstRow(
    tx
      .select()
      .from(messages)
      .where(and(eq(messages.accountId, input.account.id), inArray(messages.template, COALESCED)))
      .orderBy(desc(messages.id))
      .limit(1),
  );
  // Not yet claimed by the worker: the action joins it (it goes out at its own time, listing both).
  if (last && last.status === 'queued' && last.attempts === 0 && last.noticeEvents) {
    const events: NoticeEvent[] = [...JSON.parse(last.noticeEvents), event];
    const language = languageFor(input.account.country);
    const content = outboxContent({
      ...input,
      channel: last.channel,
      template: 'account_activity',
      vars: { events: eventList(events, language, last.channel) },
    });
    await tx
      .update(messages)
      .set({
        template: 'account_activity',
        subject: content.subject,
        body: content.body,
        noticeEvents: JSON.stringify(events),
        updatedAt: now,
      })
      .where(eq(messages.id, last.id));
    return last.id;
  }
  // The window runs from the last notice's delivery (or now, while one is being sent or retried).
  const givenUp = last?.status === 'failed' && last.nextAttemptAt === null;
  const windowFrom = !last || givenUp ? null : (last.sentAt ?? now);
  const dueAt =
    windowFrom !== null && windowFrom + NOTICE_COALESCE_MS > now ? windowFrom + NOTICE_COALESCE_MS : now;
  const id = await enqueueMessage(tx, input, now);
  await tx
    .update(messages)
    .set({ nextAttemptAt: dueAt, noticeEvents: JSON.stringify([event]) })
    .where(eq(messages.id, id));
  return id;
}
