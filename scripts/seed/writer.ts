import type Database from 'better-sqlite3';
import { SEED_COLUMNS, type SeedBatch } from './batch';

/**
 * Writes seed batches with raw prepared statements: a million accounts and ~20 million related rows
 * are far beyond what a query builder per row can do in minutes. The identity columns come from
 * accountRowFor (batch.ts), the same derivation accounts:import uses.
 */
export type RowCounts = { accounts: number; devices: number; loginEvents: number; transactions: number };

/**
 * Rows go in ROWS_PER_INSERT at a time through one multi-row INSERT prepared once: a run() per row
 * costs a native call, a bind and a statement reset, which at ~20 million rows was a third of the
 * seed. Rows keep their order, so autoincrement ids come out as one row per statement gives them.
 */
const ROWS_PER_INSERT = 64;

function multiRowInsert(
  sqlite: Database.Database,
  table: string,
  columns: readonly string[],
  constants: Record<string, number> = {},
) {
  const names = [...columns, ...Object.keys(constants)].join(', ');
  const one = `(${[...columns.map(() => '?'), ...Object.values(constants)].join(', ')})`;
  const sql = (rows: number) => `INSERT INTO ${table} (${names}) VALUES ${Array(rows).fill(one).join(', ')}`;
  const many = sqlite.prepare(sql(ROWS_PER_INSERT));
  const single = sqlite.prepare(sql(1));
  const width = columns.length;
  const chunk = width * ROWS_PER_INSERT;
  /** Inserts a flat list of values (rows one after another); returns the number of rows. */
  return (values: unknown[]): number => {
    let i = 0;
    for (; i + chunk <= values.length; i += chunk) many.run(values.slice(i, i + chunk));
    for (; i < values.length; i += width) single.run(values.slice(i, i + width));
    return values.length / width;
  };
}

export function createSeedWriter(sqlite: Database.Database) {
  const insert = {
    accounts: multiRowInsert(sqlite, 'accounts', SEED_COLUMNS.accounts, {
      must_change_password: 0,
      version: 1,
    }),
    devices: multiRowInsert(sqlite, 'devices', SEED_COLUMNS.devices),
    loginEvents: multiRowInsert(sqlite, 'login_events', SEED_COLUMNS.loginEvents),
    transactions: multiRowInsert(sqlite, 'transactions', SEED_COLUMNS.transactions),
  };
  const counts: RowCounts = { accounts: 0, devices: 0, loginEvents: 0, transactions: 0 };

  function write(batch: SeedBatch) {
    counts.accounts += insert.accounts(batch.accounts);
    counts.devices += insert.devices(batch.devices);
    counts.loginEvents += insert.loginEvents(batch.loginEvents);
    counts.transactions += insert.transactions(batch.transactions);
  }

  return { write, counts };
}
