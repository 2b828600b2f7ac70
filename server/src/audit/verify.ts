import type Database from 'better-sqlite3';
import { CHAINED_FIELDS, type ChainReport, chainWalker } from './chain';

export type { ChainReport };

/** A camelCase field's column (actorId → actor_id). */
const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The chained fields' columns in CHAINED_FIELDS order, then id and hash: read as arrays (raw), a row's
 * first 15 values are exactly what its HMAC covers, so the walk hashes them as they come instead of
 * building an object per row (that and better-sqlite3's own row objects were over half a verify's time).
 */
const VERIFY_SQL = `SELECT ${CHAINED_FIELDS.map(columnOf).join(', ')}, id, hash FROM audit_events ORDER BY id`;
const PREV_HASH = CHAINED_FIELDS.indexOf('prevHash');

/**
 * Walks the whole chain in id order with constant memory; the first row whose link or HMAC is wrong is named.
 * SQLite only: the read worker, backups and the CLI run it on their own connection (audit/pgAppend.ts
 * verifyChainPg is PostgreSQL's).
 */
export function verifyChain(sqlite: Database.Database, auditKey: Buffer): ChainReport {
  const walker = chainWalker(auditKey);
  const rows = sqlite.prepare(VERIFY_SQL).raw(true).iterate() as IterableIterator<unknown[]>;
  for (const r of rows) {
    const hash = r.pop() as string;
    const id = r.pop() as number;
    if (!walker.checkCanonical(id, r[PREV_HASH] as string, hash, JSON.stringify(r))) break;
  }
  return walker.report();
}
