import { createHmac } from 'node:crypto';
import type { AuditEvent } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = Omit<AuditEvent, 'id' | 'hash'>;

/** The exact bytes a row's hash covers: fixed field order, so a reordered JSON object cannot pass. */
export function canonicalRow(row: ChainedFields): string {
  return JSON.stringify([
    row.at,
    row.actorId,
    row.actorUsername,
    row.actorRole,
    row.action,
    row.targetType,
    row.targetId,
    row.caseId,
    row.reason,
    row.outcome,
    row.ip,
    row.userAgent,
    row.requestId,
    row.details,
    row.prevHash,
  ]);
}

export function chainHash(key: Buffer, prevHash: string, row: ChainedFields): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}
