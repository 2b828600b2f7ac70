import type Database from 'better-sqlite3';
import type { AuditEvent } from '../db/schema';
import { type ChainReport, chainWalker } from './chain';

export type { ChainReport };

type Row = {
  id: number;
  at: number;
  actor_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  case_id: number | null;
  reason: string | null;
  outcome: AuditEvent['outcome'];
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
};

/**
 * Walks the whole chain in id order with constant memory; the first row whose link or HMAC is wrong is named.
 * SQLite only: the read worker, backups and the CLI run it on their own connection (audit/pgAppend.ts
 * verifyChainPg is PostgreSQL's).
 */
export function verifyChain(sqlite: Database.Database, auditKey: Buffer): ChainReport {
  const walker = chainWalker(auditKey);
  const rows = sqlite.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as IterableIterator<Row>;
  for (const r of rows) {
    const intact = walker.check({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      actorRole: r.actor_role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      caseId: r.case_id,
      reason: r.reason,
      outcome: r.outcome,
      ip: r.ip,
      userAgent: r.user_agent,
      requestId: r.request_id,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    });
    if (!intact) break;
  }
  return walker.report();
}
