import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import type { PgTx } from '../db/pg';
import { isPg, rawGet } from '../db/rows';
import type { AuditAction, AuditOutcome } from '../db/schema';
import type { Actor } from '../staff/actor';
import { type ChainedFields, chainedValues, chainHash, GENESIS_HASH } from './chain';
import { countAuditEvent, dailyCountKey } from './dailyCounts';
import { appendAuditPg } from './pgAppend';

/** Who did it and from where: built once per request, passed to every audited call. */
export type AuditContext = {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  auditKey: Buffer;
  /** The app's clock (tests move it); audit times follow the same clock as the changes they record. */
  now: () => number;
};

export type AuditEntry = {
  /** One of shared/domain.ts AUDIT_ACTIONS: the console translates each. */
  action: AuditAction;
  outcome: AuditOutcome;
  targetType?: string;
  targetId?: string | number;
  caseId?: number | null;
  reason?: string | null;
  /** Masked values only: before/after, fields used, what was missing. */
  details?: Record<string, unknown>;
  /** Override for actors that are not the signed-in staff member (e.g. a failed sign-in's username). */
  actorUsername?: string;
};

// Every audited request runs these two: prepared once per connection instead of rebuilt by the query builder.
const LAST_HASH = 'SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1';
// Columns in CHAINED_FIELDS' order, then the hash.
const INSERT = `INSERT INTO audit_events (at, actor_id, actor_username, actor_role, action, target_type, target_id,
  case_id, reason, outcome, ip, user_agent, request_id, details, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;

/**
 * Appends one event to the hash chain. Call it inside the same transaction as the change it
 * records (an IMMEDIATE one, so two writers cannot read the same previous hash): if the change
 * rolls back, so does its audit row. On PostgreSQL the chain head is a locked row (audit/pgAppend.ts),
 * and a pool handle is refused: its statements could each run on another connection, outside any
 * transaction, and the head lock would be gone before the insert.
 */
export async function appendAudit(tx: DbOrTx, ctx: AuditContext, entry: AuditEntry): Promise<number> {
  if (isPg(tx)) {
    if (!is(tx, PgTransaction))
      throw new Error('appendAudit on PostgreSQL needs a transaction (inTransaction)');
    return appendAuditPg(tx as unknown as PgTx, ctx, entry);
  }
  const last = await rawGet<{ hash: string }>(tx, LAST_HASH);
  const row = chainedRow(ctx, entry, last?.hash ?? GENESIS_HASH);
  const hash = chainHash(ctx.auditKey, row.prevHash, row);
  const inserted = (await rawGet<{ id: number }>(tx, INSERT, [...chainedValues(row), hash]))!;
  await countAuditEvent(tx, dailyCountKey(row, entry.details ?? {}));
  return inserted.id;
}

/** The row an entry becomes, chained from prevHash: the same on every engine (audit/pgAppend.ts too). */
export function chainedRow(ctx: AuditContext, entry: AuditEntry, prevHash: string): ChainedFields {
  return {
    at: ctx.now(),
    actorId: ctx.actor?.id ?? null,
    actorUsername: ctx.actor?.username ?? entry.actorUsername ?? null,
    actorRole: ctx.actor?.role ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    caseId: entry.caseId ?? null,
    reason: entry.reason ?? null,
    outcome: entry.outcome,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
    details: JSON.stringify(entry.details ?? {}),
    prevHash,
  };
}
