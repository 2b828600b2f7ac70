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

function sqliteConnection(db: DbOrTx): Database.Database {
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

/** `?` placeholders become `$1, $2 …` for PostgreSQL (outside quoted strings). */
export function pgPlaceholders(source: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of source) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/**
 * Hand-written SQL with `?` placeholders, run on either engine: on SQLite through a statement prepared
 * once per connection (db/prepared.ts), on PostgreSQL through the pool or the transaction's client.
 * Column aliases are the caller's (write them as the row type's keys).
 */
export async function rawAll<R>(db: DbOrTx, source: string, params: readonly unknown[] = []): Promise<R[]> {
  if (isPg(db)) return (await pgConnection(db).query(pgPlaceholders(source), [...params])).rows as R[];
  return prepared<unknown[], R>(sqliteConnection(db), source).all(...params);
}

export async function rawGet<R>(
  db: DbOrTx,
  source: string,
  params: readonly unknown[] = [],
): Promise<R | undefined> {
  if (isPg(db))
    return (await pgConnection(db).query(pgPlaceholders(source), [...params])).rows[0] as R | undefined;
  return prepared<unknown[], R>(sqliteConnection(db), source).get(...params);
}

/** A write without rows back; resolves with how many rows it changed. */
export async function rawRun(db: DbOrTx, source: string, params: readonly unknown[] = []): Promise<number> {
  if (isPg(db))
    return Number((await pgConnection(db).query(pgPlaceholders(source), [...params])).rowCount ?? 0);
  return prepared<unknown[], unknown>(sqliteConnection(db), source).run(...params).changes;
}
