import { and, asc, count, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { inTransaction } from '../db/client';
import type { PgDbOrTx } from '../db/pg';
import { firstRow, isPg } from '../db/rows';
import { type Message, type MessageStatus, messages } from '../db/tables';
import { claimDueMessagesPg } from './pgClaim';

export type DueMessage = Pick<
  Message,
  'id' | 'channel' | 'template' | 'recipient' | 'subject' | 'body' | 'sealedBody' | 'attempts'
>;

/**
 * Due: new (`queued`) or `failed` with a retry time that has come. A failed message whose
 * retries ran out has no retry time and waits for a resend.
 */
const isDue = (now: number) =>
  and(inArray(messages.status, ['queued', 'failed']), lte(messages.nextAttemptAt, now));

/**
 * Takes up to `limit` due messages and leases them: nextAttemptAt moves to now + leaseMs and the
 * attempt is counted before anything is sent. Two workers never send the same message at once,
 * and a worker that dies mid-send leaves the message queued for a retry when the lease runs out
 * (at-least-once delivery: a crash between "sent" and "marked" can send it twice, never zero times).
 * SQLite: select and lease in one write transaction (writers take turns). PostgreSQL: one statement
 * with FOR UPDATE SKIP LOCKED (messages/pgClaim.ts), so instances claiming at once skip each other's
 * rows instead of queueing on the desk's write lock.
 */
export async function claimDueMessages(
  db: Db,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<DueMessage[]> {
  // A plain read first: an idle worker ticking every 2 s must not take the write lock each time.
  const anyDue = await firstRow(db.select({ id: messages.id }).from(messages).where(isDue(now)).limit(1));
  if (!anyDue) return [];
  if (isPg(db)) return claimDueMessagesPg(db as unknown as PgDbOrTx, now, limit, leaseMs);
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select({
        id: messages.id,
        channel: messages.channel,
        template: messages.template,
        recipient: messages.recipient,
        subject: messages.subject,
        body: messages.body,
        sealedBody: messages.sealedBody,
        attempts: messages.attempts,
      })
      .from(messages)
      .where(isDue(now))
      .orderBy(asc(messages.nextAttemptAt), asc(messages.id))
      .limit(limit);
    if (!due.length) return [];
    await tx
      .update(messages)
      .set({ attempts: sql`${messages.attempts} + 1`, nextAttemptAt: now + leaseMs, updatedAt: now })
      .where(
        inArray(
          messages.id,
          due.map((m) => m.id),
        ),
      );
    return due.map((m) => ({ ...m, attempts: m.attempts + 1 }));
  });
}

/** Delivered: the sealed link or code is wiped, so the row keeps nothing a reader could redeem. */
export async function markSent(db: DbOrTx, id: number, now: number): Promise<void> {
  await db
    .update(messages)
    .set({
      status: 'sent',
      sentAt: now,
      lastError: null,
      nextAttemptAt: null,
      sealedBody: null,
      updatedAt: now,
    })
    .where(eq(messages.id, id));
}

/**
 * A failed try: `failed` with the reason, retried at nextAttemptAt, or for good (kept,
 * re-queueable by a resend, which issues a fresh link or code) when that is null — the sealed
 * secret is then wiped too. The console shows the agent the failure at once.
 */
export async function markAttemptFailed(
  db: DbOrTx,
  id: number,
  lastError: string,
  nextAttemptAt: number | null,
  now: number,
): Promise<void> {
  const givenUp = nextAttemptAt === null ? { sealedBody: null } : {};
  await db
    .update(messages)
    .set({ status: 'failed', lastError, nextAttemptAt, updatedAt: now, ...givenUp })
    .where(eq(messages.id, id));
}

/**
 * Puts a message back in the queue now (a resend of a failed or lost message). A message with a link
 * or code gets its fresh one: the new stored body and sealed text replace the old.
 */
export async function requeueMessage(
  db: DbOrTx,
  id: number,
  now: number,
  content: { body: string; sealedBody: string | null } | null = null,
): Promise<void> {
  await db
    .update(messages)
    .set({ status: 'queued', attempts: 0, lastError: null, nextAttemptAt: now, updatedAt: now, ...content })
    .where(eq(messages.id, id));
}

/** What the console may see of a message: never the subject, body or real recipient (codes, links, PII). */
const viewColumns = {
  id: messages.id,
  accountId: messages.accountId,
  caseId: messages.caseId,
  channel: messages.channel,
  template: messages.template,
  recipientMasked: messages.recipientMasked,
  language: messages.language,
  status: messages.status,
  attempts: messages.attempts,
  lastError: messages.lastError,
  nextAttemptAt: messages.nextAttemptAt,
  sentAt: messages.sentAt,
  createdAt: messages.createdAt,
  updatedAt: messages.updatedAt,
};

export type MessageView = Omit<Message, 'recipient' | 'subject' | 'body' | 'sealedBody' | 'noticeEvents'>;

export const MESSAGE_SORTABLE = ['createdAt', 'id', 'status', 'sentAt'] as const;
type SortField = (typeof MESSAGE_SORTABLE)[number];

export type MessageQuery = {
  accountId?: number;
  ids?: number[];
  status?: MessageStatus;
  channel?: 'email' | 'sms';
  template?: string;
  sort: SortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export async function listMessages(
  db: DbOrTx,
  q: MessageQuery,
): Promise<{ rows: MessageView[]; total: number }> {
  const conditions: SQL[] = [];
  if (q.accountId !== undefined) conditions.push(eq(messages.accountId, q.accountId));
  if (q.ids) conditions.push(inArray(messages.id, q.ids));
  if (q.status) conditions.push(eq(messages.status, q.status));
  if (q.channel) conditions.push(eq(messages.channel, q.channel));
  if (q.template) conditions.push(eq(messages.template, q.template));
  const where = and(...conditions);
  const column = messages[q.sort];
  const rows = await db
    .select(viewColumns)
    .from(messages)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(messages.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(messages).where(where)))?.n ?? 0;
  return { rows, total };
}

export async function findMessageView(db: DbOrTx, id: number): Promise<MessageView | undefined> {
  return firstRow(db.select(viewColumns).from(messages).where(eq(messages.id, id)).limit(1));
}

/** The whole row, recipient included: for domain code deciding about a message, never for a response. */
export async function findMessageRow(db: DbOrTx, id: number): Promise<Message | undefined> {
  return firstRow(db.select().from(messages).where(eq(messages.id, id)).limit(1));
}
