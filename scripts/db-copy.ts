import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { resetChainHeadPg, verifyChainPg } from '../server/src/audit/pgAppend';
import { isPostgresUrl } from '../server/src/config';
import type { DbHandle } from '../server/src/db/client';
import { createPgDb, migratePg } from '../server/src/db/pg';
import * as pgSchema from '../server/src/db/pgSchema';
import {
  CliError,
  defaultDbFile,
  openDatabase,
  parseCli,
  requireOption,
  runCli,
  UsageError,
} from './lib/cli';
import { withKeysAndIndexesBuiltAfter } from './lib/pgBuiltAfterLoad';
import { copyRowsIn, UncopyableValueError } from './lib/pgCopyIn';

const USAGE = `
Usage: npm run db:copy -- --from FILE --to postgres://user@host/db

Copies a SQLite database to PostgreSQL in one transaction: every table of the schema streamed in
with COPY, ids kept, sequences moved past them, the audit trail row for row. The target is migrated
first and must be empty. Afterwards the row counts are compared and the audit chain is verified on
the target with the same key (AUDIT_KEY, or the key file beside the SQLite file); exit 1 if anything
differs.

Options:
  --from FILE   the SQLite database (default: $DB_FILE or data/recovery-desk.db); read in one snapshot,
                so a server may keep running on it
  --to URL      the PostgreSQL database (default: $DATABASE_URL)
  -h, --help    show this help
`;

const OPTIONS = { from: { type: 'string' }, to: { type: 'string' } } as const;

type Table = ReturnType<typeof getTableConfig>;

/** The schema's tables, each after the tables its foreign keys point at. */
function tablesInCopyOrder(): Table[] {
  const tables = (Object.values(pgSchema) as unknown[])
    .filter((v): v is PgTable => is(v, PgTable))
    .map((t) => getTableConfig(t));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const place = (t: Table, path: string[]) => {
    if (placed.has(t.name)) return;
    if (path.includes(t.name))
      throw new Error(`foreign keys form a cycle: ${[...path, t.name].join(' -> ')}`);
    for (const fk of t.foreignKeys) {
      const target = getTableConfig(fk.reference().foreignTable).name;
      if (target !== t.name) place(byName.get(target)!, [...path, t.name]);
    }
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of tables) place(t, []);
  return ordered;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Streams one table from the SQLite snapshot into COPY on the target; answers the rows copied. */
async function copyTable(sqlite: DbHandle['sqlite'], client: pg.ClientBase, t: Table): Promise<number> {
  // Raw arrays in column order, read lazily (constant memory); integers as BigInt so an id or a
  // timestamp past 2^53 arrives exactly.
  const select = sqlite
    .prepare(`SELECT ${t.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(t.name)} ORDER BY rowid`)
    .raw(true)
    .safeIntegers(true);
  const { read, stored } = await copyRowsIn(
    client,
    t.name,
    t.columns.map((c) => ({ name: c.name, boolean: c.columnType === 'PgBoolean' })),
    select.iterate() as IterableIterator<unknown[]>,
  );
  if (stored !== read) throw new CliError(`${t.name}: ${read} rows read but COPY stored ${stored}`);
  return read;
}

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, OPTIONS);
  const from = values.from ?? defaultDbFile();
  const to = requireOption(values.to ?? process.env.DATABASE_URL, 'to');
  if (!isPostgresUrl(to))
    throw new UsageError('--to must be a postgres:// or postgresql:// URL naming a database');
  const started = performance.now();
  const { handle: source, keys } = openDatabase(from);
  const target = createPgDb(to, { max: 2, statementTimeoutMs: 0, applicationName: 'recovery-desk db:copy' });
  try {
    await migratePg(target.db);
    const tables = tablesInCopyOrder();
    const client = await target.pool.connect();
    const counts = new Map<string, number>();
    try {
      for (const t of tables) {
        const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(t.name)}) AS used`);
        if (rows[0].used)
          throw new CliError(`the target is not empty (${t.name} has rows): copy into a new database`);
      }
      // One snapshot of the source (a running server may go on writing) and one transaction on the
      // target: a copy that stops midway leaves the target as empty as it was.
      source.sqlite.exec('BEGIN');
      await client.query('BEGIN');
      // The COPY lines are sent as UTF-8 whatever the database's default client encoding.
      await client.query("SET LOCAL client_encoding = 'UTF8'");
      const rebuilt = await withKeysAndIndexesBuiltAfter(
        client,
        tables.map((t) => t.name),
        async () => {
          for (const t of tables) {
            const tableStart = performance.now();
            const copied = await copyTable(source.sqlite, client, t);
            const seconds = (performance.now() - tableStart) / 1000;
            counts.set(t.name, copied);
            process.stdout.write(
              `${t.name.padEnd(22)} ${String(copied).padStart(9)} rows  ${seconds.toFixed(1)} s` +
                (copied ? `  ${Math.round(copied / seconds)} rows/s\n` : '\n'),
            );
            const identity = t.columns.find((c) => c.primary && c.generatedIdentity);
            if (identity && copied) {
              // Ids were kept, so the next generated one must come after them.
              await client.query(
                `SELECT setval(pg_get_serial_sequence($1, $2), (SELECT max(${quote(identity.name)}) FROM ${quote(t.name)}))`,
                [t.name, identity.name],
              );
            }
          }
        },
      );
      process.stdout.write(
        `${rebuilt.indexes} secondary indexes and ${rebuilt.foreignKeys} foreign keys built and checked after the load in ${rebuilt.seconds.toFixed(1)} s\n`,
      );
      await resetChainHeadPg(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A value the source holds but PostgreSQL cannot (named by table, column and row): the operator's to fix.
      throw error instanceof UncopyableValueError
        ? new CliError(`${error.message}; nothing was copied`)
        : error;
    } finally {
      if (source.sqlite.inTransaction) source.sqlite.exec('COMMIT');
      client.release();
    }
    // Checked from the target's side, as a reader of the copy would.
    for (const [name, expected] of counts) {
      const { rows } = await target.pool.query(`SELECT count(*)::bigint AS n FROM ${quote(name)}`);
      if (Number(rows[0].n) !== expected) {
        throw new CliError(`${name}: ${expected} rows read but ${rows[0].n} on the target`);
      }
    }
    const chain = await verifyChainPg(target.db, keys.auditKey);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!chain.ok || !chain.headOk || chain.checked !== counts.get('audit_events')) {
      throw new CliError(
        `copied, but the audit chain does not verify on the target: ${JSON.stringify(chain)} (the source's own chain: npm run audit:verify)`,
      );
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(
      `copied ${total} rows in ${seconds} s; audit chain verified on the target with the same key (${chain.checked} rows)\n`,
    );
    return 0;
  } finally {
    source.close();
    await target.close();
  }
});
