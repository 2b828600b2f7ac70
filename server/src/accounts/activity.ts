import type { DbOrTx } from '../db/client';
import type { Transaction } from '../db/schema';
import { type ActivityPage, latestTransactionIds, listTransactions } from './activityRepo';

/** The last transactions are what the caller must know to prove themselves: the agent never sees them. */
export const WITHHELD_TRANSACTIONS = 5;

export type TransactionView = Omit<Transaction, 'amount'> & {
  amount: number | null;
  amountWithheld: boolean;
};

/** A page of an account's transactions, the amounts of its 5 most recent withheld whatever the page. */
export async function transactionsForAgent(
  db: DbOrTx,
  q: ActivityPage,
): Promise<{ rows: TransactionView[]; total: number }> {
  const { rows, total } = await listTransactions(db, q);
  const withheld = await latestTransactionIds(db, q.accountId, WITHHELD_TRANSACTIONS);
  return {
    rows: rows.map((t) =>
      withheld.has(t.id) ? { ...t, amount: null, amountWithheld: true } : { ...t, amountWithheld: false },
    ),
    total,
  };
}
