import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { NOTICE_COALESCE_MS } from '../../../shared/domain';
import type { Tx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
import { type Message, messages } from '../db/tables';
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
  // The list is rebuilt whole at each action that joins it, and its events mostly share a minute:
  // each minute's text is made once (toISOString per event was most of a long list's cost).
  const minutes = new Map<number, string>();
  const minute = (at: number) => {
    const key = Math.floor(at / 60_000);
    let text = minutes.get(key);
    if (text === undefined) {
      text = utcTime(at);
      minutes.set(key, text);
    }
    return text;
  };
  const lines = events.map((e) => `${minute(e.at)} ${LINES[language][e.template](e.vars)}`);
  if (channel === 'sms') return lines.join(language === 'zh' ? '；' : '; ');
  return lines.map((line) => `- ${line}`).join('\n');
}

type NoticeInput = Omit<EnqueueInput, 'template' | 'to' | 'sealKey'> & { template: NoticeTemplate };

const p = sql.placeholder;

// Every account command runs these (db/hotQuery.ts: built and prepared once). The last notice is read
// narrow: its body and subject are rebuilt from the events, never read back.
const lastNotice = hotQuery('notice_last', (db) =>
  db
    .select({
      id: messages.id,
      channel: messages.channel,
      status: messages.status,
      attempts: messages.attempts,
      noticeEvents: messages.noticeEvents,
      nextAttemptAt: messages.nextAttemptAt,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(and(eq(messages.accountId, p('accountId')), inArray(messages.template, COALESCED)))
    .orderBy(desc(messages.id))
    .limit(1),
);
type LastNotice = Pick<
  Message,
  'id' | 'channel' | 'status' | 'attempts' | 'noticeEvents' | 'nextAttemptAt' | 'sentAt'
>;
type Joined = Pick<Message, 'subject' | 'body' | 'noticeEvents' | 'updatedAt'>;
// Placeholders in set(): drizzle wraps each in its column's Param; its types only take values.
const joinNotice = hotQuery('notice_join', (db) =>
  db
    .update(messages)
    .set({
      template: 'account_activity',
      subject: p('subject'),
      body: p('body'),
      noticeEvents: p('noticeEvents'),
      updatedAt: p('updatedAt'),
    } as unknown as Joined)
    .where(eq(messages.id, p('id'))),
);

/** Queues the notice of one agent action, or adds it to the account's notice still waiting to go. */
export async function enqueueNotice(tx: Tx, input: NoticeInput, now: number): Promise<number> {
  return (await queueNotice(tx, input, now)).id;
}

/**
 * enqueueNotice, also saying when the notice goes: at `now` (a first notice: wake delivery) or at the end
 * of the coalescing window (the periodic worker sends it then; waking delivery now would find nothing).
 */
export async function queueNotice(
  tx: Tx,
  input: NoticeInput,
  now: number,
): Promise<{ id: number; dueAt: number }> {
  const event: NoticeEvent = { template: input.template, at: now, vars: input.vars ?? {} };
  const last = ((await lastNotice(tx, { accountId: input.account.id })) as LastNotice[])[0];
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
    // The stored list is JSON.stringify's own text: the new event is appended to it, the same bytes as
    // serialising the whole list again (which a long list of coalesced actions paid at every action).
    const stored = last.noticeEvents;
    const noticeEvents =
      stored.length > 2 && stored.endsWith(']')
        ? `${stored.slice(0, -1)},${JSON.stringify(event)}]`
        : JSON.stringify(events);
    await joinNotice(tx, {
      id: last.id,
      subject: content.subject,
      body: content.body,
      noticeEvents,
      updatedAt: now,
    });
    return { id: last.id, dueAt: last.nextAttemptAt ?? now };
  }
  // The window runs from the last notice's delivery (or now, while one is being sent or retried).
  const givenUp = last?.status === 'failed' && last.nextAttemptAt === null;
  const windowFrom = !last || givenUp ? null : (last.sentAt ?? now);
  const dueAt =
    windowFrom !== null && windowFrom + NOTICE_COALESCE_MS > now ? windowFrom + NOTICE_COALESCE_MS : now;
  const noticeEvents = JSON.stringify([event]);
  const id = await enqueueMessage(tx, input, now, { nextAttemptAt: dueAt, noticeEvents });
  return { id, dueAt };
}
