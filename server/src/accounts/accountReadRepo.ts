import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
import { firstRow } from '../db/rows';
import { type Account, accounts, type LoginEvent, loginEvents, staff } from '../db/tables';
import type { StaffRef } from './accountView';

const accountById = hotQuery('account_by_id', (db) =>
  db
    .select()
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('id')))
    .limit(1),
);

export async function findAccount(db: DbOrTx, id: number): Promise<Account | undefined> {
  return (await accountById(db, { id }))[0];
}

export const ACCOUNT_SORTABLE = ['id', 'accountNumber', 'fullName', 'createdAt'] as const;
export type AccountSort = (typeof ACCOUNT_SORTABLE)[number];

/** react-admin's getMany: the accounts behind reference fields, never a browse of all customers. */
export async function accountsWithIds(
  db: DbOrTx,
  q: { ids: number[]; sort: AccountSort; order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ rows: Account[]; total: number }> {
  const where = inArray(accounts.id, q.ids);
  const column = accounts[q.sort];
  const rows = await db
    .select()
    .from(accounts)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), asc(accounts.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(accounts).where(where)))?.n ?? 0;
  return { rows, total };
}

export async function staffRefs(db: DbOrTx, ids: number[]): Promise<Map<number, StaffRef>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: staff.id, username: staff.username })
    .from(staff)
    .where(inArray(staff.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Enough history to explain any lock: 5 failures, times 3 locks in a day, plus attempts between. */
const LOCK_HISTORY = 50;

/** The account's sign-in events up to a moment, newest first (index login_events_account_at). */
export function signInsUpTo(db: DbOrTx, accountId: number, until: number): Promise<LoginEvent[]> {
  return db
    .select()
    .from(loginEvents)
    .where(and(eq(loginEvents.accountId, accountId), lte(loginEvents.at, until)))
    .orderBy(desc(loginEvents.at), desc(loginEvents.id))
    .limit(LOCK_HISTORY);
}
