import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type Config, databaseEngine } from '../config';
import { startCheckpointer } from './checkpointer';
import { createDb, type Db } from './client';
import { pgMigrationsFolder } from './pg';
import { createPgDb } from './pgEngine';
import * as pgSchema from './pgSchema';

/** The database the app runs on, whichever engine the settings select (config.databaseEngine). */
export type OpenDatabase = {
  engine: 'sqlite' | 'postgres';
  db: Db;
  /** The SQLite connection, for what only SQLite has (pragmas, the read worker's file, backups); null on PostgreSQL. */
  sqlite: Database.Database | null;
  close: () => Promise<void>;
};

// Several instances may start at once against one database: the one holding this lock migrates,
// the others wait for it and then find nothing left to apply.
const MIGRATION_LOCK = 7_106_209_002;

/**
 * Opens the database and brings its schema up to date: the SQLite file DB_FILE (WAL, migrated, its
 * backfills run), or the PostgreSQL database at DATABASE_URL through a pool of poolSize connections.
 */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DB_FILE'>,
  options: {
    poolSize?: number;
    applicationName?: string;
    /** A background WAL checkpoint failed (SQLite; it is retried). */
    onCheckpointError?: (message: string) => void;
  } = {},
): Promise<OpenDatabase> {
  if (databaseEngine(config) === 'sqlite') {
    const handle = createDb(config.DB_FILE);
    const checkpointer = startCheckpointer(handle.sqlite, { onError: options.onCheckpointError });
    return {
      engine: 'sqlite',
      db: handle.db,
      sqlite: handle.sqlite,
      close: async () => {
        await checkpointer.stop();
        handle.close();
      },
    };
  }
  const url = config.DATABASE_URL!;
  await migratePgOnce(url);
  const handle = createPgDb(url, { max: options.poolSize ?? 10, applicationName: options.applicationName });
  return { engine: 'postgres', db: handle.db as unknown as Db, sqlite: null, close: handle.close };
}

/** drizzle's migrator on one connection that holds the migration lock for the run. */
export async function migratePgOnce(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle({ client, schema: pgSchema }), { migrationsFolder: pgMigrationsFolder() });
  } finally {
    await client.end();
  }
}
