import { sql } from 'drizzle-orm';
import { registerPgTransaction, type Tx } from './client';
import { createPgDb, type PgDb } from './pg';

/**
 * PostgreSQL under the domain's one async data layer. The domain's write transactions were designed
 * on SQLite, where BEGIN IMMEDIATE makes writers take turns: "count the attempts, then insert one"
 * is a limit there because nobody else writes in between. On PostgreSQL every write transaction takes
 * the same transaction-scoped advisory lock first, so writers take turns the same way across every
 * connection and every server instance, and each sees what the previous one committed (READ
 * COMMITTED reads afresh at each statement). Readers outside transactions never wait on it.
 */
export const DESK_WRITE_LOCK = 7_106_209_001;

registerPgTransaction(async (db, fn) =>
  (db as unknown as PgDb).transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DESK_WRITE_LOCK})`);
    return fn(tx as unknown as Tx);
  }),
);

export { createPgDb };
