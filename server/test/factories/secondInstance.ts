import { createApp } from '../../src/app';
import { createDb, type Db } from '../../src/db/client';
import { createPgDb } from '../../src/db/pgEngine';
import type { TestApp } from '../harness';

/**
 * A second server instance on the test app's database, as behind a load balancer: its own app and its
 * own connection (a pool on PostgreSQL, another connection to the file on SQLite), the same keys and
 * clock. Whatever one instance counts or stores the other must see; nothing in process memory is shared.
 */
export function secondInstance(t: TestApp) {
  if (t.deps.config.DATABASE_URL) {
    const handle = createPgDb(t.deps.config.DATABASE_URL, { max: 4 });
    const deps = { ...t.deps, db: handle.db as unknown as Db, sqlite: null };
    return { app: createApp(deps), deps, close: () => handle.close() };
  }
  const handle = createDb(t.dbFile, { migrate: false });
  const deps = { ...t.deps, db: handle.db, sqlite: handle.sqlite };
  return {
    app: createApp(deps),
    deps,
    close: async () => {
      handle.close();
    },
  };
}
