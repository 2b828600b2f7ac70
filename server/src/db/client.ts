import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { runPendingBackfills } from './backfills';
import { findMigrationsFolder } from './migrationsFolder';
import { prepared } from './prepared';
import { isPg, sqliteOf } from './rows';
import * as schema from './schema';

export type Db = ReturnType<typeof openDrizzle>;
/**
 * A transaction handle. Typed as the database because the async data layer opens SQLite transactions
 * itself on the one connection (inTransaction below) and runs the same query builders inside; on
 * PostgreSQL it is drizzle's transaction, which has the same builders.
 */
export type Tx = Db;
/** Either the database or a transaction: query helpers accept both. */
export type DbOrTx = Db;

function openDrizzle(sqlite: Database.Database) {
  return drizzle(sqlite, { schema });
}

/** The SQLite migrations (MIGRATIONS_DIR overrides; db/migrationsFolder.ts finds it from source or bundle). */
export const migrationsFolder = () => findMigrationsFolder('drizzle', 'MIGRATIONS_DIR');

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas every connection needs and
 * brings the schema up to date. Tests point it at a temp file.
 */
export function createDb(file: string, options: { migrate?: boolean } = {}) {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before the request is answered, so an acknowledged action survives a
  // power loss (NORMAL in WAL may lose the last transactions). Cost measured in README (bench).
  sqlite.pragma('synchronous = FULL');
  // 64 MiB of page cache instead of SQLite's 2 MiB: at a million accounts the indexes an audited
  // write touches (the trail's seven, the word index, the account's) no longer fit in 2 MiB, and each
  // miss is a read through the OS. Allocated as pages are used, so a small database costs nothing.
  sqlite.pragma('cache_size = -65536');
  const db = openDrizzle(sqlite);
  if (options.migrate !== false) {
    migrate(db, { migrationsFolder: migrationsFolder() });
    runPendingBackfills(sqlite);
  }
  // Fresh planner statistics for what changed since the last ANALYZE (a migration's new index, a trail
  // grown by millions): sampled, so it costs milliseconds even on a big file.
  if (!sqlite.readonly) {
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
  }
  return { db, sqlite, close: () => sqlite.close() };
}

export type DbHandle = ReturnType<typeof createDb>;

// One write transaction at a time per connection: a body that awaits lets other requests run, and on
// one SQLite connection their statements would join the open transaction. Bodies await only queries
// (which settle within the same turn on better-sqlite3), so this queue is rarely waited on.
const writeQueues = new WeakMap<Database.Database, Promise<unknown>>();

/**
 * Runs fn in a write transaction and resolves with its result: the one way the domain writes more than
 * one statement. SQLite: BEGIN IMMEDIATE on the connection (the audit chain reads the previous hash
 * then appends, and that read must not race another writer), serialised per connection. PostgreSQL:
 * db/pgEngine.ts (registered by main or the test harness) opens drizzle's transaction and takes the
 * desk's write lock, so writers take turns exactly as they do on SQLite.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isPg(db)) {
    if (!pgTransaction) throw new Error('PostgreSQL handle without db/pgEngine.ts registered');
    return pgTransaction(db, fn) as Promise<T>;
  }
  const sqlite = sqliteOf(db);
  const before = writeQueues.get(sqlite) ?? Promise.resolve();
  const turn = before.then(() => runSqliteTransaction(sqlite, db, fn));
  writeQueues.set(
    sqlite,
    turn.catch(() => undefined),
  );
  return turn;
}

async function runSqliteTransaction<T>(sqlite: Database.Database, db: Db, fn: (tx: Tx) => Promise<T>) {
  prepared(sqlite, 'BEGIN IMMEDIATE').run();
  // A body that yields to the event loop (a timer, a hash on the thread pool) holds the write lock
  // across other requests' turns: tests fail on it, production logs it.
  let yielded = false;
  const probe = setImmediate(() => {
    yielded = true;
  });
  try {
    const result = await fn(db);
    prepared(sqlite, 'COMMIT').run();
    return result;
  } catch (error) {
    if (sqlite.inTransaction) prepared(sqlite, 'ROLLBACK').run();
    throw error;
  } finally {
    clearImmediate(probe);
    if (yielded) onYieldInTransaction();
  }
}

function onYieldInTransaction() {
  const message = 'a transaction body yielded to the event loop: only queries may be awaited inside one';
  if (process.env.NODE_ENV === 'test' || process.env.VITEST) throw new Error(message);
  console.warn(message);
}

type PgTransactionRunner = (db: Db, fn: (tx: Tx) => Promise<unknown>) => Promise<unknown>;
let pgTransaction: PgTransactionRunner | undefined;

/** db/pgEngine.ts registers PostgreSQL's transaction here, so this module does not load pg for SQLite. */
export function registerPgTransaction(runner: PgTransactionRunner) {
  pgTransaction = runner;
}
