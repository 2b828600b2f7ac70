import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import { accountNameWords } from '../db/pgSearch';
import { isPg, type RawSql, rawAll, rawGet, sqliteOf } from '../db/rows';
import type { Account } from '../db/schema';
import type { LookupQuery } from './lookupQuery';
import type { CandidateRow } from './ranking';

/**
 * One indexed probe per detail the caller gave. Each returns a bounded list of account ids, so a
 * common birthday or surname never pulls a hundred thousand rows into memory.
 */
export type Probe =
  | 'accountNumber'
  | 'email'
  | 'phone'
  | 'nationalIdLast4'
  | 'nameKey'
  | 'nameLatin'
  | 'nameWords'
  | 'dateOfBirth';

/**
 * The name's three searches come last, strongest first: by then the other details' probes have found
 * what they find, and a weaker name search that could not reach the page is skipped (lookup.ts).
 */
export function probesFor(q: LookupQuery): Probe[] {
  const probes: Probe[] = [];
  if (q.accountNumber) probes.push('accountNumber');
  if (q.email) probes.push('email');
  if (q.phones) probes.push('phone');
  if (q.nationalIdLast4) probes.push('nationalIdLast4');
  if (q.dates) probes.push('dateOfBirth');
  if (q.name) probes.push('nameKey', 'nameLatin', 'nameWords');
  return probes;
}

/** Column and parameter list of each indexed probe (the query-plan test checks each uses its index). */
function condition(probe: Exclude<Probe, 'nameWords'>, q: LookupQuery): { sql: string; params: string[] } {
  const anyOf = (column: string, values: readonly string[]) => ({
    sql: `${column} IN (${values.map(() => '?').join(', ')})`,
    params: [...values],
  });
  switch (probe) {
    case 'accountNumber':
      return { sql: 'account_number = ?', params: [q.accountNumber!] };
    case 'email':
      return { sql: 'email_norm = ?', params: [q.email!] };
    case 'phone':
      return anyOf('phone', q.phones!);
    case 'nationalIdLast4':
      return { sql: 'national_id_last4 = ?', params: [q.nationalIdLast4!] };
    case 'nameKey':
      return anyOf('name_key', q.name!.keys);
    case 'nameLatin':
      return anyOf('name_latin_key', q.name!.latinKeys);
    case 'dateOfBirth':
      return anyOf('date_of_birth', q.dates!);
  }
}

/**
 * Any one of the caller's word sets, all its words, each word quoted: nothing the caller types is
 * read as query syntax. Searches the written and the Latin words of the name alike. SQLite: an FTS5
 * MATCH expression; PostgreSQL: a to_tsquery text, each word a quoted lexeme (a quote doubled, a
 * backslash escaped), parsed by the same 'simple' configuration as the indexed tsvector.
 */
function nameWordsQuery(db: DbOrTx, q: LookupQuery): string {
  const sets = q.name!.termSets;
  if (isPg(db)) {
    const quoted = (term: string) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
    return sets.map((set) => `(${set.map(quoted).join(' & ')})`).join(' | ');
  }
  const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;
  return sets.map((set) => `(${set.map(quoted).join(' AND ')})`).join(' OR ');
}

// PostgreSQL's name-word condition is db/pgSearch.ts's indexed expression word for word (the planner
// uses drizzle/pg/0002_name_search.sql's GIN index only for that exact expression).
const PG_NAME_WORDS_MATCH = new PgDialect().sqlToQuery(
  sql`${accountNameWords} @@ to_tsquery('simple', ?)`,
).sql;

// The probes are prepared once per connection and shape (db/prepared.ts): building them through the
// query builder on every lookup was a tenth of a lookup's CPU in the issue 9 profile.
const NAME_WORDS: RawSql = {
  sqlite: 'SELECT rowid AS id FROM accounts_name_fts WHERE accounts_name_fts MATCH ? LIMIT ?',
  pg: `SELECT id FROM accounts WHERE ${PG_NAME_WORDS_MATCH} LIMIT ?`,
};
const NAME_WORDS_COUNT: RawSql = {
  sqlite:
    'SELECT count(*) AS n FROM (SELECT 1 FROM accounts_name_fts WHERE accounts_name_fts MATCH ? LIMIT ?) AS capped',
  pg: `SELECT count(*) AS n FROM (SELECT 1 FROM accounts WHERE ${PG_NAME_WORDS_MATCH} LIMIT ?) AS capped`,
};

/**
 * This file's SQLite statements, prepared once per connection in better-sqlite3's pluck or raw mode: a probe
 * answers up to 201 ids and the default mode builds one object per row, which was most of a name probe's
 * time (201 ids: 188 µs as objects, 73 µs plucked, at 1 M accounts). Keyed by mode and text, bounded like
 * db/prepared.ts (the IN lists' lengths make a few shapes per probe).
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function sqliteStatement(db: DbOrTx, mode: 'pluck' | 'raw', text: string): Database.Statement {
  const sqlite = sqliteOf(db);
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  const key = `${mode}:${text}`;
  let stmt = cache.get(key);
  if (!stmt) {
    if (cache.size >= 500) cache.clear();
    stmt = mode === 'pluck' ? sqlite.prepare(text).pluck() : sqlite.prepare(text).raw();
    cache.set(key, stmt);
  }
  return stmt;
}

/** The first column of each row (an id): plucked on SQLite, read from the row objects on PostgreSQL. */
async function ids(db: DbOrTx, source: RawSql, params: readonly unknown[]): Promise<number[]> {
  if (isPg(db)) return (await rawAll<{ id: number }>(db, source, params)).map((r) => r.id);
  return sqliteStatement(db, 'pluck', typeof source === 'string' ? source : source.sqlite).all(
    ...params,
  ) as number[];
}

export async function probeIds(db: DbOrTx, probe: Probe, q: LookupQuery, limit: number): Promise<number[]> {
  if (probe === 'nameWords') return ids(db, NAME_WORDS, [nameWordsQuery(db, q), limit]);
  const where = condition(probe, q);
  return ids(db, `SELECT id FROM accounts WHERE ${where.sql} LIMIT ?`, [...where.params, limit]);
}

/** The name's stored forms, what ranking.ts nameMatch compares. */
export type NameColumns = Pick<CandidateRow, 'nameKey' | 'nameLatinKey' | 'nameLatin'>;
export type NamedId = NameColumns & { id: number };

/**
 * The probes of the details many accounts share, whose indexes also hold the name's columns
 * (drizzle/0026_lookup_named_probes.sql): with a name in the query they answer each account's name too,
 * read from the index, so the accounts sharing a birthday or a last 4 are scored without their rows.
 */
export const NAMED_PROBES: ReadonlySet<Probe> = new Set<Probe>(['dateOfBirth', 'nationalIdLast4']);

export async function probeNamed(
  db: DbOrTx,
  probe: Probe,
  q: LookupQuery,
  limit: number,
): Promise<NamedId[]> {
  if (!NAMED_PROBES.has(probe)) throw new Error(`probe ${probe} has no name in its index`);
  return probeSelect(db, probe, q, limit, NAMED_COLUMNS, namedId);
}

const NAMED_COLUMNS = 'id, name_key AS nameKey, name_latin_key AS nameLatinKey, name_latin AS nameLatin';
const namedId = (r: unknown[]): NamedId => ({
  id: r[0] as number,
  nameKey: r[1] as string,
  nameLatinKey: r[2] as string | null,
  nameLatin: r[3] as string | null,
});

/** A probe's condition with the given columns, rows built from arrays on SQLite (see sqliteStatement). */
async function probeSelect<R>(
  db: DbOrTx,
  probe: Probe,
  q: LookupQuery,
  limit: number,
  columns: string,
  build: (r: unknown[]) => R,
): Promise<R[]> {
  const where = condition(probe as Exclude<Probe, 'nameWords'>, q);
  const source = `SELECT ${columns} FROM accounts WHERE ${where.sql} LIMIT ?`;
  const params = [...where.params, limit];
  if (isPg(db)) return rawAll<R>(db, source, params);
  return (sqliteStatement(db, 'raw', source).all(...params) as unknown[][]).map(build);
}

/**
 * The probes of the unique details (account number, email, phone) find one account or a few, which are then
 * the page: they read its shown columns at once, so the page needs no second statement (on PostgreSQL, no
 * second round trip in the lookup's write transaction).
 */
export const ROW_PROBES: ReadonlySet<Probe> = new Set<Probe>(['accountNumber', 'email', 'phone']);

export async function probeRows(
  db: DbOrTx,
  probe: Probe,
  q: LookupQuery,
  limit: number,
): Promise<LookupRow[]> {
  if (!ROW_PROBES.has(probe)) throw new Error(`probe ${probe} reads ids, not rows`);
  return probeSelect(db, probe, q, limit, LOOKUP_COLUMNS, lookupRow);
}

/** How many accounts a probe matches, counting no further than cap. */
export async function countProbe(db: DbOrTx, probe: Probe, q: LookupQuery, cap: number): Promise<number> {
  if (probe === 'nameWords') {
    return (await rawGet<{ n: number }>(db, NAME_WORDS_COUNT, [nameWordsQuery(db, q), cap]))?.n ?? 0;
  }
  const where = condition(probe, q);
  const capped = `SELECT count(*) AS n FROM (SELECT 1 FROM accounts WHERE ${where.sql} LIMIT ?) AS capped`;
  return (await rawGet<{ n: number }>(db, capped, [...where.params, cap]))?.n ?? 0;
}

/** What ranking needs of a row: the details it compares (ranking.ts CandidateRow). */
const SCORING_COLUMNS = `id, account_number AS accountNumber, name_key AS nameKey, name_latin AS nameLatin,
  name_latin_key AS nameLatinKey, date_of_birth AS dateOfBirth, phone, email_norm AS emailNorm,
  national_id_last4 AS nationalIdLast4`;

/**
 * What ranking and the masked candidate need, and nothing else: not the password or national-ID
 * hashes (the issue 9 profile: ~100 whole rows of 29 columns read to rank 20).
 */
export type LookupRow = CandidateRow &
  Pick<Account, 'fullName' | 'email' | 'country' | 'status' | 'lockReason'>;
const LOOKUP_COLUMNS = `${SCORING_COLUMNS}, full_name AS fullName, email, country, status, lock_reason AS lockReason`;

// The ids as one JSON array parameter, so each statement has one shape whatever their number.
const byIds = (columns: string) => ({
  sqlite: `SELECT ${columns} FROM accounts WHERE id IN (SELECT value FROM json_each(?))`,
  pg: `SELECT ${columns} FROM accounts WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)::integer))`,
});
const SCORING_BY_IDS = byIds(SCORING_COLUMNS);
const LOOKUP_BY_IDS = byIds(LOOKUP_COLUMNS);

// On SQLite the rows come as arrays (raw mode) and are built here, one literal of one shape: better-sqlite3's
// own row objects cost half again as much (41 scoring rows at 1 M accounts: 130 µs as its objects, 84 µs so;
// a page of 20: 91 against 58). The order is the columns' above.
const scoringRow = (r: unknown[]): CandidateRow => ({
  id: r[0] as number,
  accountNumber: r[1] as string,
  nameKey: r[2] as string,
  nameLatin: r[3] as string | null,
  nameLatinKey: r[4] as string | null,
  dateOfBirth: r[5] as string,
  phone: r[6] as string,
  emailNorm: r[7] as string,
  nationalIdLast4: r[8] as string,
});
// Written out, not `{ ...scoringRow(r), fullName, … }`: on Node 20 the spread took 130 µs a page of 20 rows
// against 0.75 µs for the literal (node /tmp micro-benchmark, stop 24), more than reading the rows.
const lookupRow = (r: unknown[]): LookupRow => ({
  id: r[0] as number,
  accountNumber: r[1] as string,
  nameKey: r[2] as string,
  nameLatin: r[3] as string | null,
  nameLatinKey: r[4] as string | null,
  dateOfBirth: r[5] as string,
  phone: r[6] as string,
  emailNorm: r[7] as string,
  nationalIdLast4: r[8] as string,
  fullName: r[9] as string,
  email: r[10] as string,
  country: r[11] as string,
  status: r[12] as LookupRow['status'],
  lockReason: r[13] as LookupRow['lockReason'],
});

async function rowsByIds<R>(
  db: DbOrTx,
  source: { sqlite: string; pg: string },
  ids: number[],
  build: (r: unknown[]) => R,
): Promise<R[]> {
  if (!ids.length) return [];
  if (isPg(db)) return rawAll<R>(db, source, [JSON.stringify(ids)]);
  return (sqliteStatement(db, 'raw', source.sqlite).all(JSON.stringify(ids)) as unknown[][]).map(build);
}

/** The rows to score of accounts a probe found but whose score its answer leaves uncertain. */
export async function scoringRowsByIds(db: DbOrTx, ids: number[]): Promise<CandidateRow[]> {
  return rowsByIds(db, SCORING_BY_IDS, ids, scoringRow);
}

/** The rows of the candidates shown. */
export async function accountsByIds(db: DbOrTx, ids: number[]): Promise<LookupRow[]> {
  return rowsByIds(db, LOOKUP_BY_IDS, ids, lookupRow);
}
