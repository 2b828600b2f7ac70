import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { type TwoFactorReset, type TwoFactorResetStatus, twoFactorResets } from '../db/schema';

export type NewTwoFactorReset = Pick<TwoFactorReset, 'accountId' | 'caseId' | 'requestedBy' | 'reason'>;

export function insertTwoFactorReset(tx: Tx, values: NewTwoFactorReset, now: number): TwoFactorReset {
  return tx
    .insert(twoFactorResets)
    .values({ ...values, status: 'pending_approval', createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function findTwoFactorReset(db: DbOrTx, id: number): TwoFactorReset | undefined {
  return db.select().from(twoFactorResets).where(eq(twoFactorResets.id, id)).get();
}

export function findPendingReset(db: DbOrTx, accountId: number): TwoFactorReset | undefined {
  return db
    .select()
    .from(twoFactorResets)
    .where(and(eq(twoFactorResets.accountId, accountId), eq(twoFactorResets.status, 'pending_approval')))
    .get();
}

/** Moves a reset on only from the status the caller saw; undefined when another decision came first. */
export function transitionReset(
  tx: Tx,
  id: number,
  from: TwoFactorResetStatus,
  patch: Pick<TwoFactorReset, 'status'> &
    Partial<Pick<TwoFactorReset, 'decidedBy' | 'decidedAt' | 'decisionReason'>>,
  now: number,
): TwoFactorReset | undefined {
  return tx
    .update(twoFactorResets)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(twoFactorResets.id, id), eq(twoFactorResets.status, from)))
    .returning()
    .get();
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

export function listTwoFactorResets(db: DbOrTx, q: TwoFactorResetQuery) {
  const conditions: SQL[] = [];
  if (q.ids) conditions.push(inArray(twoFactorResets.id, q.ids));
  if (q.accountId !== undefined) conditions.push(eq(twoFactorResets.accountId, q.accountId));
  if (q.status) conditions.push(eq(twoFactorResets.status, q.status));
  if (q.requestedBy !== undefined) conditions.push(eq(twoFactorResets.requestedBy, q.requestedBy));
  const where = and(...conditions);
  const column = twoFactorResets[q.sort];
  const rows = db
    .select()
    .from(twoFactorResets)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(twoFactorResets.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(twoFactorResets).where(where).get()?.n ?? 0;
  return { rows, total };
}
