import type Database from 'better-sqlite3';
import type { DbOrTx } from './client';
import { isPg, sqliteOf } from './rows';

/**
 * A query most requests run (the command frame's account, case and risk reads), written once with
 * drizzle's builder and `sql.placeholder(...)` for its values, but built only once: building and
 * preparing a statement per call was about a fifth of an audited command's CPU in the issue 9 profile.
 *
 * SQLite: prepared once per connection; a transaction runs on the connection's own handle
 * (db/client.ts inTransaction), so the statement serves inside and outside transactions alike.
 * PostgreSQL: built on the handle it is given (a transaction's client must run it) as a named
 * statement, which node-postgres prepares once per pooled connection.
 */
type Preparable = {
  prepare(name: string): { execute(values: Record<string, unknown>): PromiseLike<unknown> };
};
type RowsOf<B extends Preparable> = Awaited<ReturnType<ReturnType<B['prepare']>['execute']>>;

const names = new Set<string>();

export function hotQuery<B extends Preparable>(
  name: string,
  build: (db: DbOrTx) => B,
): (db: DbOrTx, values: Record<string, unknown>) => Promise<RowsOf<B>> {
  // One name, one text: PostgreSQL refuses a named statement prepared again with other SQL.
  if (names.has(name)) throw new Error(`hotQuery ${name} is defined twice`);
  names.add(name);
  const perConnection = new WeakMap<Database.Database, ReturnType<B['prepare']>>();
  return async (db, values): Promise<RowsOf<B>> => {
    if (isPg(db)) return (await build(db).prepare(name).execute(values)) as RowsOf<B>;
    const sqlite = sqliteOf(db);
    let query = perConnection.get(sqlite);
    if (!query) {
      query = build(db).prepare(name) as ReturnType<B['prepare']>;
      perConnection.set(sqlite, query);
    }
    return (await query.execute(values)) as RowsOf<B>;
  };
}
