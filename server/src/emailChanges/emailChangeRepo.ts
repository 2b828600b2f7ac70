import { and, asc, count, desc, eq, inArray, lte, ne, or, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { firstRow } from '../db/rows';
import { type Account, accounts, type EmailChange, type EmailChangeStatus, emailChanges } from '../db/tables';
import { APPROVAL_WINDOW_MS, CONFIRMATION_WINDOW_MS, OPEN_STATUSES } from './emailChangeRules';

export type NewEmailChange = Pick<
  EmailChange,
  'accountId' | 'caseId' | 'requestedBy' | 'oldEmail' | 'newEmail' | 'reason'
>;

export async function insertEmailChange(tx: Tx, values: NewEmailChange, now: number): Promise<EmailChange> {
  const row = await firstRow(
    tx
      .insert(emailChanges)
      .values({ ...values, status: 'pending_approval', createdAt: now, updatedAt: now })
      .returning(),
  );
  return row!;
}

export async function findEmailChange(db: DbOrTx, id: number): Promise<EmailChange | undefined> {
  return firstRow(db.select().from(emailChanges).where(eq(emailChanges.id, id)).limit(1));
}

export async function findOpenChange(db: DbOrTx, accountId: number): Promise<EmailChange | undefined> {
  return firstRow(
    db
      .select()
      .from(emailChanges)
      .where(and(eq(emailChanges.accountId, accountId), inArray(emailChanges.status, [...OPEN_STATUSES])))
      .limit(1),
  );
}

/** Another account already registered with this (normalised) address. */
export async function emailTakenByOther(db: DbOrTx, emailNorm: string, accountId: number): Promise<boolean> {
  return !!(await firstRow(
    db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.emailNorm, emailNorm), ne(accounts.id, accountId)))
      .limit(1),
  ));
}

/**
 * Moves a change on only from the status the caller saw; undefined means someone else moved it
 * first (two supervisors deciding at once).
 */
export async function transitionChange(
  tx: Tx,
  id: number,
  from: EmailChangeStatus,
  patch: Partial<Omit<EmailChange, 'id' | 'accountId' | 'oldEmail' | 'newEmail'>>,
  now: number,
): Promise<EmailChange | undefined> {
  return firstRow(
    tx
      .update(emailChanges)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(emailChanges.id, id), eq(emailChanges.status, from)))
      .returning(),
  );
}

export type AccountEmailPatch = Partial<
  Pick<Account, 'email' | 'emailNorm' | 'status' | 'lockReason' | 'lockedAt' | 'lockedUntil' | 'lockedBy'>
>;

/** Every change to the account moves its version on (an agent's open screen becomes stale). */
export async function updateAccountEmail(
  tx: Tx,
  account: Account,
  patch: AccountEmailPatch,
  now: number,
): Promise<Account> {
  const row = await firstRow(
    tx
      .update(accounts)
      .set({ ...patch, version: account.version + 1, updatedAt: now })
      .where(eq(accounts.id, account.id))
      .returning(),
  );
  return row!;
}

/** Open changes whose step window has run out (see isOverdue; kept in step with it). */
export async function findOverdueChanges(db: DbOrTx, now: number): Promise<EmailChange[]> {
  return db
    .select()
    .from(emailChanges)
    .where(
      or(
        and(
          eq(emailChanges.status, 'pending_approval'),
          lte(emailChanges.createdAt, now - APPROVAL_WINDOW_MS),
        ),
        and(
          eq(emailChanges.status, 'awaiting_confirmation'),
          lte(emailChanges.decidedAt, now - CONFIRMATION_WINDOW_MS),
        ),
      ),
    );
}

export const EMAIL_CHANGE_SORTABLE = ['createdAt', 'updatedAt', 'id', 'status'] as const;
type SortField = (typeof EMAIL_CHANGE_SORTABLE)[number];

export type EmailChangeQuery = {
  ids?: number[];
  accountId?: number;
  status?: EmailChangeStatus;
  requestedBy?: number;
  sort: SortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export async function listEmailChanges(
  db: DbOrTx,
  q: EmailChangeQuery,
): Promise<{ rows: EmailChange[]; total: number }> {
  const conditions: SQL[] = [];
  if (q.ids) conditions.push(inArray(emailChanges.id, q.ids));
  if (q.accountId !== undefined) conditions.push(eq(emailChanges.accountId, q.accountId));
  if (q.status) conditions.push(eq(emailChanges.status, q.status));
  if (q.requestedBy !== undefined) conditions.push(eq(emailChanges.requestedBy, q.requestedBy));
  const where = and(...conditions);
  const column = emailChanges[q.sort];
  const rows = await db
    .select()
    .from(emailChanges)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(emailChanges.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(emailChanges).where(where)))?.n ?? 0;
  return { rows, total };
}
