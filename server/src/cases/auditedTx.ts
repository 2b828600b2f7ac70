import type { Db, Tx } from '../db/client';
import { inTransaction } from '../db/client';
import { AppError } from '../http/errors';

/**
 * Runs fn in one audited write transaction. fn returns an AppError (instead of throwing it) when it
 * refused the action after auditing the refusal: the transaction commits, so the denied attempt
 * stays in the trail, and the error is thrown to the client afterwards. A thrown error rolls back.
 */
export function commitThenRefuse<T>(db: Db, fn: (tx: Tx) => T | AppError): T {
  const result = inTransaction(db, fn);
  if (result instanceof AppError) throw result;
  return result;
}
