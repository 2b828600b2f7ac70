import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import { devices, loginEvents, transactions } from '../db/tables';

export type ActivityPage = {
  accountId: number;
  ids?: number[];
  sort: string;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

async function page<T>(
  db: DbOrTx,
  table: typeof loginEvents | typeof devices | typeof transactions,
  where: SQL | undefined,
  orderBy: SQLiteColumn,
  q: ActivityPage,
): Promise<{ rows: T[]; total: number }> {
  const rows = (await db
    .select()
    .from(table)
    .where(where)
    .orderBy(
      q.order === 'asc' ? asc(orderBy) : desc(orderBy),
      q.order === 'asc' ? asc(table.id) : desc(table.id),
    )
    .limit(q.limit)
    .offset(q.offset)) as T[];
  const total = (await firstRow(db.select({ n: count() }).from(table).where(where)))?.n ?? 0;
  return { rows, total };
}

export const LOGIN_EVENT_SORTABLE = ['at', 'id'] as const;
export function listLoginEvents(db: DbOrTx, q: ActivityPage & { outcome?: string }) {
  const where = and(
    eq(loginEvents.accountId, q.accountId),
    q.ids ? inArray(loginEvents.id, q.ids) : undefined,
    q.outcome ? eq(loginEvents.outcome, q.outcome as 'success') : undefined,
  );
  return page<typeof loginEvents.$inferSelect>(
    db,
    loginEvents,
    where,
    q.sort === 'id' ? loginEvents.id : loginEvents.at,
    q,
  );
}

export const DEVICE_SORTABLE = ['lastSeenAt', 'firstSeenAt', 'label', 'id'] as const;
export function listDevices(db: DbOrTx, q: ActivityPage & { active?: boolean }) {
  const where = and(
    eq(devices.accountId, q.accountId),
    q.ids ? inArray(devices.id, q.ids) : undefined,
    q.active === undefined ? undefined : q.active ? isNull(devices.revokedAt) : isNotNull(devices.revokedAt),
  );
  const column = devices[q.sort as (typeof DEVICE_SORTABLE)[number]] ?? devices.lastSeenAt;
  return page<typeof devices.$inferSelect>(db, devices, where, column, q);
}

/** Only by time: sorting by amount would let an agent order the withheld amounts. */
export const TRANSACTION_SORTABLE = ['at', 'id'] as const;
export function listTransactions(db: DbOrTx, q: ActivityPage) {
  const where = and(
    eq(transactions.accountId, q.accountId),
    q.ids ? inArray(transactions.id, q.ids) : undefined,
  );
  return page<typeof transactions.$inferSelect>(
    db,
    transactions,
    where,
    q.sort === 'id' ? transactions.id : transactions.at,
    q,
  );
}

/** The ids of an account's most recent transactions (the private-knowledge verification factor). */
export async function latestTransactionIds(db: DbOrTx, accountId: number, n: number): Promise<Set<number>> {
  const rows = await db
    .select({ id: transactions.id })
    .from(transactions)
    .where(eq(transactions.accountId, accountId))
    .orderBy(desc(transactions.at), desc(transactions.id))
    .limit(n);
  return new Set(rows.map((r) => r.id));
}
