import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { AuditEvent } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = Omit<AuditEvent, 'id' | 'hash'>;

/** The fields a row's hash covers, in the one order the hash and the writer's INSERT both use. */
export const CHAINED_FIELDS = [
  'at',
  'actorId',
  'actorUsername',
  'actorRole',
  'action',
  'targetType',
  'targetId',
  'caseId',
  'reason',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
] as const satisfies ReadonlyArray<keyof ChainedFields>;

export const chainedValues = (row: ChainedFields) => CHAINED_FIELDS.map((field) => row[field]);

/** The exact bytes a row's hash covers: fixed field order, so a reordered JSON object cannot pass. */
export function canonicalRow(row: ChainedFields): string {
  return JSON.stringify(chainedValues(row));
}

/** The HMAC of one link: the previous hash, a newline, then the row's canonical bytes. */
function linkHash(key: Buffer | KeyObject, prevHash: string, canonical: string): string {
  return createHmac('sha256', key).update(`${prevHash}\n${canonical}`).digest('hex');
}

export function chainHash(key: Buffer, prevHash: string, row: ChainedFields): string {
  return linkHash(key, prevHash, canonicalRow(row));
}

export type ChainReport = { ok: boolean; checked: number; firstBrokenId: number | null };

/**
 * Walks a chain row by row in id order, whatever engine the rows come from (audit/verify.ts for
 * SQLite, audit/pgAppend.ts for PostgreSQL): `check` answers false at the first row whose link or
 * HMAC is wrong, and `report` says how far it got. `checkCanonical` takes a row already as its
 * canonical text (JSON of CHAINED_FIELDS' values in order), for a reader that has the values in that
 * order and need not build an object per row.
 */
export function chainWalker(key: Buffer) {
  // The key prepared once, not once per row (millions of HMACs in a verify).
  const secret = createSecretKey(key);
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let firstBrokenId: number | null = null;
  const checkCanonical = (id: number, rowPrevHash: string, hash: string, canonical: string): boolean => {
    if (firstBrokenId !== null) return false;
    if (rowPrevHash !== prevHash || hash !== linkHash(secret, prevHash, canonical)) {
      firstBrokenId = id;
      return false;
    }
    prevHash = hash;
    checked++;
    return true;
  };
  return {
    checkCanonical,
    check: (row: ChainedFields & { id: number; hash: string }): boolean =>
      checkCanonical(row.id, row.prevHash, row.hash, canonicalRow(row)),
    report: (): ChainReport => ({ ok: firstBrokenId === null, checked, firstBrokenId }),
  };
}
