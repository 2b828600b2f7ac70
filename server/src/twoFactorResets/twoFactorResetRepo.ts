import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { firstRow } from '../db/rows';
import { type TwoFactorReset, type TwoFactorResetStatus, twoFactorResets } from '../db/tables';

export type NewTwoFactorReset = Pick<TwoFactorReset, 'accountId' | 'caseId' | 'requestedBy' | 'reason'>;

export async function insertTwoFactorReset(
  tx: Tx,
  values: NewTwoFactorReset,
  now: number,
): Promise<TwoFactorReset> {
  const row = await firstRow(
    tx
      .insert(twoFactorResets)
      .values({ ...values, status: 'pending_approval', createdAt: now, updatedAt: now })
      .returning(),
  );
  return row!;
}

export async function findTwoFactorReset(db: DbOrTx, id: number): Promise<TwoFactorReset | undefined> {
  return firstRow(db.select().from(twoFactorResets).where(eq(twoFactorResets.id, id)).limit(1));
}

export async function findPendingReset(db: DbOrTx, accountId: number): Promise<TwoFactorReset | undefined> {
  return firstRow(
    db
      .select()
      .from(twoFactorResets)
      .where(and(eq(twoFactorResets.accountId, accountId), eq(twoFactorResets.status, 'pending_approval')))
      .limit(1),
  );
}

/** Moves a reset on only from the status the caller saw; undefined when another decision came first. */
export async function transitionReset(
  tx: Tx,
  id: number,
  from: TwoFactorResetStatus,
  patch: Pick<TwoFactorReset, 'status'> &
    Partial<Pick<TwoFactorReset, 'decidedBy' | 'decidedAt' | 'decisionReason'>>,
  now: number,
): Promise<TwoFactorReset | undefined> {
  return firstRow(
    tx
      .update(twoFactorResets)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(twoFactorResets.id, id), eq(twoFactorResets.status, from)))
      .returning(),
  );
}

export const TWO_FACTOR_RESET_SORTABLE = ['createdAt', 'updatedAt', 'id', 'status'] as const;

export type TwoFactorResetQuery = {
  ids?: number[];
  accountId?: number;
  status?: TwoFactorResetStatus;
  requestedBy?: number;
  sort: (typeof TWO_FACTOR_RESET_SORTABLE)[number];
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export async function listTwoFactorResets(db: DbOrTx, q: TwoFactorResetQuery) {
  const conditions: SQL[] = [];
  if (q.ids) conditions.push(inArray(twoFactorResets.id, q.ids));
  if (q.accountId !== undefined) conditions.push(eq(twoFactorResets.accountId, q.accountId));
  if (q.status) conditions.push(eq(twoFactorResets.status, q.status));
  if (q.requestedBy !== undefined) conditions.push(eq(twoFactorResets.requestedBy, q.requestedBy));
  const where = and(...conditions);
  const column = twoFactorResets[q.sort];
  const rows = await db
    .select()
    .from(twoFactorResets)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(twoFactorResets.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(twoFactorResets).where(where)))?.n ?? 0;
  return { rows, total };
}
