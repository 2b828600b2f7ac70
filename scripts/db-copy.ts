import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { resetChainHeadPg, verifyChainPg } from '../server/src/audit/pgAppend';
import { isPostgresUrl } from '../server/src/config';
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

const USAGE = `
Usage: npm run db:copy -- --from FILE --to postgres://user@host/db

Copies a SQLite database to PostgreSQL: every table of the schema, ids kept, sequences moved past
them, the audit trail row for row. The target is migrated first and must be empty. Afterwards the
row counts are compared and the audit chain is verified on the target with the same key
(AUDIT_KEY, or the key file beside the SQLite file); exit 1 if anything differs.

Options:
  --from FILE   the SQLite database (default: $DB_FILE or data/recovery-desk.db); read in one snapshot,
                so a server may keep running on it
  --to URL      the PostgreSQL database (default: $DATABASE_URL)
  -h, --help    show this help
`;

const OPTIONS = { from: { type: 'string' }, to: { type: 'string' } } as const;

// node-postgres sends at most 65,535 parameters per statement.
const MAX_PARAMS = 60_000;

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

/** Copies one table in batches of multi-row INSERTs inside the caller's transaction; answers the row count. */
async function copyTable(
  source: { iterate: () => IterableIterator<unknown[]> },
  client: pg.PoolClient,
  table: Table,
): Promise<number> {
  const columns = table.columns;
  const booleans = columns.map((c) => c.columnType === 'PgBoolean');
  const perBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${quote(table.name)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES `;
  const statement = (rows: number) =>
    head +
    Array.from(
      { length: rows },
      (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    ).join(', ');
  const fullBatch = statement(perBatch);
  let values: unknown[] = [];
  let rows = 0;
  let total = 0;
  const flush = async () => {
    if (!rows) return;
    // The full-size batch is one prepared statement, parsed once per table.
    const text = rows === perBatch ? fullBatch : statement(rows);
    await client.query({ name: rows === perBatch ? `copy_${table.name}` : undefined, text, values });
    total += rows;
    values = [];
    rows = 0;
  };
  for (const row of source.iterate()) {
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      // SQLite keeps booleans as 0/1.
      values.push(booleans[c] && value !== null ? value === 1 : value);
    }
    if (++rows === perBatch) await flush();
  }
  await flush();
  return total;
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
      for (const t of tables) {
        const tableStart = performance.now();
        const select = source.sqlite
          .prepare(
            `SELECT ${t.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(t.name)} ORDER BY rowid`,
          )
          .raw(true);
        const copied = await copyTable(
          { iterate: () => select.iterate() as IterableIterator<unknown[]> },
          client,
          t,
        );
        counts.set(t.name, copied);
        process.stdout.write(
          `${t.name.padEnd(22)} ${String(copied).padStart(9)} rows  ${((performance.now() - tableStart) / 1000).toFixed(1)} s\n`,
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
      await resetChainHeadPg(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
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
