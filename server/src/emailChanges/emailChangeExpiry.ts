import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction, type Tx } from '../db/client';
import type { AppDeps } from '../deps';
import { findOverdueChanges, transitionChange } from './emailChangeRepo';

/** The clock itself expires changes: no staff member acts, so the audit row names the system. */
export function systemAuditContext(deps: Pick<AppDeps, 'keys' | 'now'>): AuditContext {
  return {
    actor: null,
    ip: null,
    userAgent: null,
    requestId: null,
    auditKey: deps.keys.auditKey,
    now: deps.now,
  };
}

/**
 * Expires, inside the caller's transaction, every open change whose step window ran out, one audit
 * row each. Called before any change is read or acted on, so a stale request never slips through
 * between two runs of the background timer.
 */
export async function expireOverdue(
  tx: Tx,
  deps: Pick<AppDeps, 'keys' | 'now'>,
  now: number,
): Promise<number> {
  const ctx = systemAuditContext(deps);
  let expired = 0;
  for (const change of await findOverdueChanges(tx, now)) {
    const after = await transitionChange(tx, change.id, change.status, { status: 'expired' }, now);
    if (!after) continue;
    expired++;
    await appendAudit(tx, ctx, {
      action: 'email_change.expire',
      outcome: 'success',
      actorUsername: 'system',
      targetType: 'email_change',
      targetId: change.id,
      caseId: change.caseId,
      details: {
        accountId: change.accountId,
        before: { status: change.status },
        after: { status: 'expired' },
      },
    });
  }
  return expired;
}

/** The background timer's entry (every minute) and the lazy check before reads; returns how many expired. */
export async function expireEmailChanges(deps: Pick<AppDeps, 'db' | 'keys' | 'now'>): Promise<number> {
  const now = deps.now();
  // A plain read first: the common case (nothing overdue) must not take the write lock.
  if ((await findOverdueChanges(deps.db, now)).length === 0) return 0;
  return inTransaction(deps.db, (tx) => expireOverdue(tx, deps, now));
}

/** Starts the minute timer; returns its stop function. */
export function startEmailChangeExpiry(deps: AppDeps, intervalMs = 60_000): () => void {
  const tick = () => {
    void expireEmailChanges(deps).catch((error: unknown) => {
      deps.logger.error('email change expiry failed', { error: String(error) });
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
