import { AppError } from '../http/errors';
import { type Db, inTransaction, type Tx } from './client';

/**
 * Runs fn in one audited write transaction. fn returns an AppError (instead of throwing it) when it
 * refused the action after auditing the refusal: the transaction commits, so the denied attempt
 * stays in the trail, and the error is thrown to the client afterwards. A thrown error rolls back.
 * Used by every domain that audits its refusals (cases, account commands, email changes).
 */
export async function commitThenRefuse<T>(db: Db, fn: (tx: Tx) => Promise<T | AppError>): Promise<T> {
  const result = await inTransaction(db, fn);
  if (result instanceof AppError) throw result;
  return result;
}
