import { createHmac } from 'node:crypto';
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

export function chainHash(key: Buffer, prevHash: string, row: ChainedFields): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}

export type ChainReport = { ok: boolean; checked: number; firstBrokenId: number | null };

/**
 * Walks a chain row by row in id order, whatever engine the rows come from (audit/verify.ts for
 * SQLite, audit/pgAppend.ts for PostgreSQL): `check` answers false at the first row whose link or
 * HMAC is wrong, and `report` says how far it got.
 */
export function chainWalker(key: Buffer) {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let firstBrokenId: number | null = null;
  return {
    check(row: ChainedFields & { id: number; hash: string }): boolean {
      if (firstBrokenId !== null) return false;
      if (row.prevHash !== prevHash || row.hash !== chainHash(key, prevHash, row)) {
        firstBrokenId = row.id;
        return false;
      }
      prevHash = row.hash;
      checked++;
      return true;
    },
    report: (): ChainReport => ({ ok: firstBrokenId === null, checked, firstBrokenId }),
  };
}
