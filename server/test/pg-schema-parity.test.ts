import { type Column, is, SQL, StringChunk } from 'drizzle-orm';
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../src/db/pgSchema';
import * as sqliteSchema from '../src/db/schema';

/**
 * The two dialects' schemas describe one database (server/src/db/pgSchema.ts says how they may
 * differ): this holds them together, table by table, so a column or index added to one only fails
 * here instead of failing on PostgreSQL in production.
 */

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

/** What a column holds, across dialects: SQLite's INTEGER is PostgreSQL's integer or bigint, and so on. */
const KIND: Record<string, string> = {
  SQLiteInteger: 'integer',
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  SQLiteBoolean: 'boolean',
  PgBoolean: 'boolean',
  SQLiteReal: 'float',
  PgDoublePrecision: 'float',
  SQLiteText: 'text',
  PgText: 'text',
};

/** An SQL fragment with its columns named, for the partial-index predicates (same words in both dialects). */
function sqlText(fragment: SQL): string {
  return fragment.queryChunks
    .map((chunk) => {
      if (is(chunk, StringChunk)) return chunk.value.join('');
      if (is(chunk, SQL)) return sqlText(chunk);
      return `"${(chunk as Column).name}"`;
    })
    .join('')
    .trim();
}

function defaultKind(column: Column): unknown {
  if (column.primary) return 'primary key';
  if (!column.hasDefault) return null;
  // `now` in each dialect's own words; a literal must be the same literal.
  return is(column.default, SQL) ? 'sql expression' : { value: column.default };
}

function describeTable(config: AnyConfig) {
  const columns = Object.fromEntries(
    config.columns.map((c) => [
      c.name,
      {
        kind: KIND[c.columnType] ?? `unmapped ${c.columnType}`,
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        enum: c.enumValues ?? null,
        default: defaultKind(c),
      },
    ]),
  );
  const indexes = Object.fromEntries(
    config.indexes.map((i) => [
      i.config.name,
      {
        columns: i.config.columns.map((c) => (c as Column).name),
        unique: i.config.unique,
        where: i.config.where ? sqlText(i.config.where) : null,
      },
    ]),
  );
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      const target = is(ref.foreignTable, PgTable)
        ? pgConfig(ref.foreignTable).name
        : sqliteConfig(ref.foreignTable as SQLiteTable).name;
      return `${ref.columns.map((c) => c.name).join(',')} -> ${target}(${ref.foreignColumns.map((c) => c.name).join(',')})`;
    })
    .sort();
  return { columns, indexes, foreignKeys };
}

/** A schema module's tables by SQL name, as `configOf` describes them. */
function tablesOf<C extends AnyConfig>(
  module: object,
  isTable: (v: unknown) => boolean,
  configOf: (t: never) => C,
) {
  return new Map(
    Object.values(module)
      .filter(isTable)
      .map((t) => [configOf(t as never).name, configOf(t as never)] as const),
  );
}
const sqliteTables = tablesOf(sqliteSchema, (v) => is(v, SQLiteTable), sqliteConfig);
const pgTables = tablesOf(pgSchema, (v) => is(v, PgTable), pgConfig);

describe('schema parity: server/src/db/schema.ts (SQLite) and server/src/db/pgSchema.ts (PostgreSQL)', () => {
  it('when a table is added to either schema, then the other has it too', () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBeGreaterThan(15);
  });

  for (const [name, sqliteTable] of sqliteTables) {
    it(`when ${name} changes in one dialect, then the other matches: columns, kinds, nullability, defaults, keys, indexes`, () => {
      const pgTable = pgTables.get(name);
      expect(pgTable, `${name} is missing from pgSchema.ts`).toBeDefined();
      expect(describeTable(pgTable!)).toEqual(describeTable(sqliteTable));
    });
  }

  it('when a PostgreSQL column holds a time (UTC ms), then it is bigint: milliseconds since 1970 overflow int4', () => {
    const narrowTimes = [...pgTables.values()].flatMap((t) =>
      t.columns
        .filter((c) => /(^at$|_at$|_until$|^window_start$)/.test(c.name) && c.columnType !== 'PgBigInt53')
        .map((c) => `${t.name}.${c.name} (${c.columnType})`),
    );
    expect(narrowTimes).toEqual([]);
  });

  it('when the describer reads a table, then it sees what differs (a changed copy does not pass)', () => {
    const accounts = describeTable(pgConfig(pgSchema.accounts));
    const altered = structuredClone(accounts);
    altered.columns.full_name!.notNull = false;
    expect(altered).not.toEqual(describeTable(sqliteConfig(sqliteSchema.accounts)));
    expect(accounts.indexes.accounts_name_latin_key?.where).toBe('"name_latin_key" IS NOT NULL');
  });
});
