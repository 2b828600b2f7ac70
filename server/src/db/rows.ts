import type Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';
import { prepared } from './prepared';

/**
 * The few things the two engines do differently under one async data layer. Domain code writes its
 * queries once with drizzle's builders and awaits them; these helpers cover what the builders do not:
 * the first row, how many rows a write changed, and hand-written SQL (FTS, hot statements).
 */

/** True when the handle is PostgreSQL (drizzle's pg dialect): for the statements each engine spells its own way. */
export function isPg(db: DbOrTx): boolean {
  return is((db as unknown as { dialect: unknown }).dialect, PgDialect);
}

/** The first row of an awaited query, or undefined (drizzle's .get() is SQLite-only). */
export async function firstRow<R>(query: PromiseLike<R[]>): Promise<R | undefined> {
  return (await query)[0];
}

/** Rows changed by an awaited insert/update/delete without RETURNING: SQLite says changes, pg rowCount. */
export function changedRows(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return Number(r.changes ?? r.rowCount ?? 0);
}

type PgQueryable = {
  query: (text: string, params: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }>;
};

/**
 * The better-sqlite3 connection under a drizzle database or transaction handle, for statements prepared
 * once per connection (db/prepared.ts) and for the transaction queue (db/client.ts inTransaction).
 */
export function sqliteOf(db: DbOrTx): Database.Database {
  const client =
    '$client' in db
      ? (db.$client as Database.Database)
      : (db as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!client) throw new Error('no better-sqlite3 connection under this drizzle handle');
  return client;
}

function pgConnection(db: DbOrTx): PgQueryable {
  // A pool at the top, the transaction's own client inside drizzle's transaction.
  const client =
    '$client' in db ? db.$client : (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('no pg client under this drizzle handle');
  return client as unknown as PgQueryable;
}

/**
 * Hand-written SQL for both engines: one text when the SQL is the same (write `?` placeholders; an
 * alias in camelCase is quoted for PostgreSQL, which would fold it to lower case), or each engine's
 * own text when they differ (FTS5 against tsvector, json_each against jsonb_array_elements).
 */
export type RawSql = string | { sqlite: string; pg: string };

const pgTexts = new Map<string, string>();

/** SQLite's spelling as PostgreSQL's: `?` → `$1, $2 …` (outside quoted strings), `AS camelCase` → `AS "camelCase"`. */
export function toPgText(source: string): string {
  let text = pgTexts.get(source);
  if (text !== undefined) return text;
  let n = 0;
  let quoted = false;
  text = '';
  for (const ch of source) {
    if (ch === "'") quoted = !quoted;
    text += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  text = text.replace(/\bAS ([a-z]+[A-Z][A-Za-z0-9]*)\b/g, 'AS "$1"');
  if (pgTexts.size > 1000) pgTexts.clear();
  pgTexts.set(source, text);
  return text;
}

const sqliteText = (source: RawSql) => (typeof source === 'string' ? source : source.sqlite);
const pgText = (source: RawSql) => toPgText(typeof source === 'string' ? source : source.pg);

/**
 * Hand-written SQL (RawSql), run on either engine: on SQLite through a statement prepared once per
 * connection (db/prepared.ts), on PostgreSQL through the pool or the transaction's client. Column
 * aliases are the caller's (write them as the row type's keys).
 */
export async function rawAll<R>(db: DbOrTx, source: RawSql, params: readonly unknown[] = []): Promise<R[]> {
  if (isPg(db)) return (await pgConnection(db).query(pgText(source), [...params])).rows as R[];
  return prepared<unknown[], R>(sqliteOf(db), sqliteText(source)).all(...params);
}

export async function rawGet<R>(
  db: DbOrTx,
  source: RawSql,
  params: readonly unknown[] = [],
): Promise<R | undefined> {
  if (isPg(db)) return (await pgConnection(db).query(pgText(source), [...params])).rows[0] as R | undefined;
  return prepared<unknown[], R>(sqliteOf(db), sqliteText(source)).get(...params);
}

/** A write without rows back; resolves with how many rows it changed. */
export async function rawRun(db: DbOrTx, source: RawSql, params: readonly unknown[] = []): Promise<number> {
  if (isPg(db)) return Number((await pgConnection(db).query(pgText(source), [...params])).rowCount ?? 0);
  return prepared<unknown[], unknown>(sqliteOf(db), sqliteText(source)).run(...params).changes;
}
