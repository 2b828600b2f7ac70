import { join } from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { describe, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client';
import { createPgDb } from '../../src/db/pgEngine';

/** Which engine this test run uses: PostgreSQL under vitest.pg.config.ts (DATABASE_URL set), else SQLite. */
export const TEST_ENGINE: 'sqlite' | 'pg' = process.env.RD_TEST_PG_ADMIN_URL ? 'pg' : 'sqlite';

export type TestDatabase = {
  db: Db;
  /** The SQLite connection; null on PostgreSQL (a test that needs it is SQLite-only: sqliteOnly()). */
  sqlite: Database.Database | null;
  /** A connection URL when on PostgreSQL (for a second server instance, psql, a raw client). */
  url: string | null;
  close: () => Promise<void>;
};

let counter = 0;

/**
 * A fresh, migrated database for one test app. SQLite: a WAL file in dir. PostgreSQL: a copy of the
 * run's migrated template (server/test/engine/globalSetup.ts). Synchronous, like the app's setup in
 * the tests: the pool's first connection waits for CREATE DATABASE, which starts at once.
 */
export function openTestDatabase(dir: string): TestDatabase {
  if (TEST_ENGINE === 'sqlite') {
    const handle = createDb(join(dir, 'test.db'));
    return {
      db: handle.db,
      sqlite: handle.sqlite,
      url: null,
      close: async () => {
        handle.close();
      },
    };
  }
  const adminUrl = process.env.RD_TEST_PG_ADMIN_URL!;
  const name = `rd_${process.pid}_${++counter}`;
  const created = createDatabase(adminUrl, name);
  // Unhandled until a query needs it; the error then reaches that query.
  created.catch(() => undefined);
  const url = adminUrl.replace(/\/postgres\?/, `/${name}?`);
  // The pool's connections wait for CREATE DATABASE (pg's Pool calls connect with a callback).
  class WaitingClient extends pg.Client {}
  const connect = pg.Client.prototype.connect;
  WaitingClient.prototype.connect = function (this: pg.Client, callback?: (err: Error | null) => void) {
    const connected = created.then(() => (connect as () => Promise<pg.Client>).call(this));
    if (!callback) return connected;
    connected.then(() => callback(null), callback);
  } as typeof connect;
  const handle = createPgDb(url, { max: 4, client: WaitingClient });
  return {
    db: handle.db as unknown as Db,
    sqlite: null,
    url,
    close: async () => {
      await handle.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

async function createDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE rd_template`);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * describe() for what only SQLite has (its query plans, its file, raw pokes without a PostgreSQL
 * meaning): skipped in the PostgreSQL run with the reason in its name, never in the SQLite run.
 */
export function describeSqliteOnly(name: string, why: string, fn: () => void) {
  // describe.skipIf keeps the one call shape; the reason goes in the name on the skipped engine.
  describe.skipIf(TEST_ENGINE === 'pg')(TEST_ENGINE === 'pg' ? `${name} (SQLite only: ${why})` : name, () =>
    fn(),
  );
}

/** it() for one SQLite-only test inside an engine-neutral describe; same rule as describeSqliteOnly. */
export function itSqliteOnly(name: string, why: string, fn: () => unknown, timeout?: number) {
  if (TEST_ENGINE === 'pg') it.skip(`${name} (SQLite only: ${why})`, fn);
  else it(name, fn, timeout);
}
