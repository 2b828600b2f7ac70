import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { registerAuditWords } from './auditWords';
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
  // Before the migrations: the trail's word index calls it (audit/auditWords.ts).
  registerAuditWords(sqlite);
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
 * Group commit (docs/design.md, One write connection): the bodies that run in one turn of the event loop
 * share one SQLite transaction, each inside its own savepoint, and one COMMIT (one fsync) after the turn
 * answers them all. A body that fails rolls back to its savepoint alone; a COMMIT that fails fails every
 * body of the batch, so none is answered as done unless it is on disk.
 */
type Batch = {
  members: { resolve: () => void; reject: (error: unknown) => void }[];
  /** A body is running: a body that yielded to the event loop must not be committed halfway. */
  running: boolean;
  commitWhenDone: boolean;
  /** Committed or failed: a late second call must not commit the connection's next batch. */
  settled: boolean;
  forget?: () => void;
};
const openBatches = new WeakMap<Database.Database, Batch>();
/** The open batches of every connection of this process (a handful: one per database file, tests excepted). */
const batchesInProcess = new Set<{ sqlite: Database.Database; batch: Batch }>();

let commits = 0;
let committedBodies = 0;
/** Commits and the transaction bodies they carried, since start (metrics; tests prove bodies share commits). */
export const sqliteCommitStats = () => ({ commits, bodies: committedBodies });

function commitBatch(sqlite: Database.Database, batch: Batch) {
  if (batch.settled) return;
  if (batch.running) {
    batch.commitWhenDone = true;
    return;
  }
  batch.settled = true;
  batch.forget?.();
  if (openBatches.get(sqlite) !== batch) {
    // SQLite rolled it back and a newer batch took the connection: its transaction is not this one.
    for (const m of batch.members)
      m.reject(new Error('the transaction was rolled back before it could commit'));
    return;
  }
  openBatches.delete(sqlite);
  try {
    // SQLite itself rolls a whole transaction back on some errors (a full disk): nothing is left to commit.
    if (!sqlite.inTransaction) throw new Error('the transaction was rolled back before it could commit');
    prepared(sqlite, 'COMMIT').run();
  } catch (error) {
    if (sqlite.open && sqlite.inTransaction) prepared(sqlite, 'ROLLBACK').run();
    for (const m of batch.members) m.reject(error);
    return;
  }
  commits++;
  committedBodies += batch.members.length;
  for (const m of batch.members) m.resolve();
}

/** The connection's open batch, or a new one that commits when this turn of the event loop is done. */
function batchFor(sqlite: Database.Database): Batch {
  const open = openBatches.get(sqlite);
  if (open && sqlite.inTransaction) return open;
  if (open) {
    // Rolled back under us by SQLite: that batch fails at its commit; this body starts a new one.
    openBatches.delete(sqlite);
  }
  // Another connection of this process on the same file (tests' second instance) would hold the write
  // lock until its batch commits after this turn, while BEGIN IMMEDIATE waited for it on this same
  // thread: commit it first.
  for (const other of [...batchesInProcess]) {
    if (other.sqlite !== sqlite && other.sqlite.name === sqlite.name) commitBatch(other.sqlite, other.batch);
  }
  prepared(sqlite, 'BEGIN IMMEDIATE').run();
  const batch: Batch = { members: [], running: false, commitWhenDone: false, settled: false };
  openBatches.set(sqlite, batch);
  const entry = { sqlite, batch };
  batchesInProcess.add(entry);
  batch.forget = () => batchesInProcess.delete(entry);
  setImmediate(() => commitBatch(sqlite, batch));
  return batch;
}

/**
 * Runs fn in a write transaction and resolves with its result once it is committed: the one way the
 * domain writes more than one statement. SQLite: BEGIN IMMEDIATE on the connection (the audit chain reads
 * the previous hash then appends, and that read must not race another writer), serialised per
 * connection, committed in groups (above). PostgreSQL: db/pgEngine.ts (registered by main or the test
 * harness) opens drizzle's transaction and takes the desk's write lock, so writers take turns exactly as
 * they do on SQLite.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isPg(db)) {
    if (!pgTransaction) throw new Error('PostgreSQL handle without db/pgEngine.ts registered');
    return pgTransaction(db, fn) as Promise<T>;
  }
  const sqlite = sqliteOf(db);
  const before = writeQueues.get(sqlite) ?? Promise.resolve();
  // The next body may start as soon as this one has run: it joins the batch, it need not wait for the commit.
  let bodyRan!: () => void;
  writeQueues.set(sqlite, new Promise<void>((resolve) => (bodyRan = resolve)));
  await before;
  let committed: Promise<void>;
  let result: T;
  let batch: Batch | undefined;
  try {
    batch = batchFor(sqlite);
    batch.running = true;
    result = await runInSavepoint(sqlite, db, fn);
    const members = batch.members;
    committed = new Promise<void>((resolve, reject) => members.push({ resolve, reject }));
  } finally {
    if (batch) {
      batch.running = false;
      if (batch.commitWhenDone) setImmediate(() => commitBatch(sqlite, batch!));
    }
    bodyRan();
  }
  await committed;
  return result;
}

/**
 * Runs fn on the SQLite connection between write transactions, every earlier one committed first: for
 * what SQLite refuses inside a transaction (a checkpoint). It takes a turn of the write queue, so no body
 * starts meanwhile. PostgreSQL has no such statements: fn runs at once.
 */
export async function betweenTransactions<T>(db: Db, fn: () => T): Promise<T> {
  if (isPg(db)) return fn();
  const sqlite = sqliteOf(db);
  const before = writeQueues.get(sqlite) ?? Promise.resolve();
  let done!: () => void;
  writeQueues.set(sqlite, new Promise<void>((resolve) => (done = resolve)));
  await before;
  try {
    const open = openBatches.get(sqlite);
    if (open) commitBatch(sqlite, open);
    return fn();
  } finally {
    done();
  }
}

async function runInSavepoint<T>(sqlite: Database.Database, db: Db, fn: (tx: Tx) => Promise<T>) {
  prepared(sqlite, 'SAVEPOINT body').run();
  // A body that yields to the event loop (a timer, a hash on the thread pool) holds the write lock
  // across other requests' turns (and would let the batch commit half of it): tests fail on it,
  // production logs it.
  let yielded = false;
  const probe = setImmediate(() => {
    yielded = true;
  });
  try {
    const result = await fn(db);
    prepared(sqlite, 'RELEASE body').run();
    return result;
  } catch (error) {
    if (sqlite.inTransaction) {
      prepared(sqlite, 'ROLLBACK TO body').run();
      prepared(sqlite, 'RELEASE body').run();
    }
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
