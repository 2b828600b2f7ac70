import { count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type Account, accounts } from '../db/schema';
import type { LookupQuery } from './lookupQuery';

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

export function probesFor(q: LookupQuery): Probe[] {
  const probes: Probe[] = [];
  if (q.accountNumber) probes.push('accountNumber');
  if (q.email) probes.push('email');
  if (q.phones) probes.push('phone');
  if (q.nationalIdLast4) probes.push('nationalIdLast4');
  if (q.name) probes.push('nameKey', 'nameLatin', 'nameWords');
  if (q.dates) probes.push('dateOfBirth');
  return probes;
}

function condition(probe: Exclude<Probe, 'nameWords'>, q: LookupQuery): SQL {
  switch (probe) {
    case 'accountNumber':
      return eq(accounts.accountNumber, q.accountNumber!);
    case 'email':
      return eq(accounts.emailNorm, q.email!);
    case 'phone':
      return inArray(accounts.phone, q.phones!);
    case 'nationalIdLast4':
      return eq(accounts.nationalIdLast4, q.nationalIdLast4!);
    case 'nameKey':
      return inArray(accounts.nameKey, q.name!.keys);
    case 'nameLatin':
      return inArray(accounts.nameLatinKey, q.name!.latinKeys);
    case 'dateOfBirth':
      return inArray(accounts.dateOfBirth, q.dates!);
  }
}

/**
 * Any one of the caller's word sets, all its words, each word quoted: nothing the caller types is
 * read as FTS5 query syntax. Searches the written and the Latin words of the name alike.
 */
function ftsMatch(q: LookupQuery): string {
  const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;
  return q.name!.termSets.map((set) => `(${set.map(quoted).join(' AND ')})`).join(' OR ');
}

export function probeIds(db: DbOrTx, probe: Probe, q: LookupQuery, limit: number): number[] {
  if (probe === 'nameWords') {
    return db
      .all<{ id: number }>(
        sql`SELECT rowid AS id FROM accounts_name_fts WHERE accounts_name_fts MATCH ${ftsMatch(q)} LIMIT ${limit}`,
      )
      .map((r) => r.id);
  }
  return db
    .select({ id: accounts.id })
    .from(accounts)
    .where(condition(probe, q))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** How many accounts a probe matches, counting no further than cap. */
export function countProbe(db: DbOrTx, probe: Probe, q: LookupQuery, cap: number): number {
  if (probe === 'nameWords') {
    const row = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM accounts_name_fts WHERE accounts_name_fts MATCH ${ftsMatch(q)} LIMIT ${cap})`,
    );
    return row?.n ?? 0;
  }
  const matching = db
    .select({ one: sql`1` })
    .from(accounts)
    .where(condition(probe, q))
    .limit(cap)
    .as('matching');
  return db.select({ n: count() }).from(matching).get()?.n ?? 0;
}

export function accountsByIds(db: DbOrTx, ids: number[]): Account[] {
  if (!ids.length) return [];
  return db.select().from(accounts).where(inArray(accounts.id, ids)).all();
}
