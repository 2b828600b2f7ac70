import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { runPendingBackfills } from './backfills';
import { findMigrationsFolder } from './migrationsFolder';
import * as schema from './schema';

export type Db = ReturnType<typeof openDrizzle>;
/** A transaction handle; domain functions that must join a caller's transaction take this. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: query helpers accept both. */
export type DbOrTx = Db | Tx;

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

/**
 * The better-sqlite3 connection under a drizzle database or transaction handle, for the few hot
 * statements prepared once per connection (db/prepared.ts). A transaction shares its database's
 * connection; drizzle keeps it on the handle's session.
 */
export function sqliteOf(db: DbOrTx): Database.Database {
  const client =
    '$client' in db
      ? (db.$client as Database.Database)
      : (db as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!client) throw new Error('no better-sqlite3 connection under this drizzle handle');
  return client;
}

/**
 * Runs fn in a write transaction taken at BEGIN IMMEDIATE: the audit chain reads the previous
 * hash then appends, and that read must not race another writer.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction(fn, { behavior: 'immediate' });
}
