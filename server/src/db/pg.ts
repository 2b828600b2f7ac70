import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { findMigrationsFolder } from './migrationsFolder';
import * as pgSchema from './pgSchema';

/**
 * The PostgreSQL connection: drizzle's node-postgres driver over a pg Pool. Not used by the domain yet
 * (its repositories are synchronous, written for better-sqlite3; README, Running on PostgreSQL): the
 * pieces the async data layer will call (audit/pgAppend.ts, messages/pgClaim.ts) and db:copy use it.
 */
// bigint columns (times in ms, audit ids, COUNT(*)) come back as JS numbers, as on SQLite: every value
// we store is far below 2^53. drizzle's mode: 'number' does this for its own columns; raw SQL needs it here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// SUM() of bigint is numeric: our sums are counts.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
export type PgDbOrTx = PgDb | PgTx;

/** The PostgreSQL migrations (PG_MIGRATIONS_DIR overrides). */
export const pgMigrationsFolder = () => findMigrationsFolder('drizzle/pg', 'PG_MIGRATIONS_DIR');

export type PgHandle = { db: PgDb; pool: pg.Pool; close: () => Promise<void> };

/**
 * A pool on DATABASE_URL (postgres://user:pass@host:port/db, or ?host=/socket/dir for a Unix socket).
 * Every connection works in UTC and gives up on a statement after statementTimeoutMs, so a stuck
 * lock shows as an error instead of a hung request.
 */
export function createPgDb(
  url: string,
  options: {
    max?: number;
    statementTimeoutMs?: number;
    applicationName?: string;
    /** A pg.Client subclass for the pool's connections (the test harness's waits for its database). */
    client?: typeof pg.Client;
  } = {},
): PgHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'recovery-desk',
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // No JIT: every statement here is short, and compiling one the planner overprices (a recursive walk of
    // the word index, a long IN list) took 25-95 ms of a 3 ms read (issue 9). Nothing runs long enough to repay it.
    options: '-c TimeZone=UTC -c jit=off',
    ...(options.client ? { Client: options.client } : {}),
  });
  // An idle connection the server ended (a restart, a failover, pg_terminate_backend) is an 'error' event
  // on the pool; unhandled it would crash the process. The pool drops that client and opens a new one.
  pool.on('error', (error) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: 'postgres: idle connection lost', error: error.message })}\n`,
    );
  });
  const db = drizzle({ client: pool, schema: pgSchema }) as PgDb;
  return { db, pool, close: () => pool.end() };
}

/**
 * Queries running or waiting on the pool: connections checked out (a query or a transaction under
 * way) plus callers queued for one. The shutdown ends the pool only once this is 0 (or its bound has
 * passed): after `end()` the pool refuses every new query and never serves its queue.
 */
export const poolWork = (pool: pg.Pool): number => pool.totalCount - pool.idleCount + pool.waitingCount;

/** Brings the schema up to date (drizzle/pg: generated tables plus the custom SQL of the hard parts). */
export async function migratePg(db: PgDb): Promise<void> {
  await migrate(db, { migrationsFolder: pgMigrationsFolder() });
}
