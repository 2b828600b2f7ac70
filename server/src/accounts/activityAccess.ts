import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/writer';
import { caseFor, notOwnerRefusal } from '../cases/caseAccess';
import type { Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import { firstRow } from '../db/rows';
import { auditEvents } from '../db/tables';
import { AppError } from '../http/errors';
import type { Caller } from '../staff/actor';

/** The lists that show where and how a customer signs in and pays: read only through a case on the account. */
export type ActivityResource = 'login-events' | 'devices' | 'transactions' | 'account-timeline';

/** How the reader justifies the read: a case on the account, or (supervisors) a written reason. */
export type ActivityPass = { accountId: number; caseId?: number; reason?: string };

const AUDIT_ACTION = 'account.activity_view' as const;

/**
 * docs/design.md, Account activity: sign-ins (IPs, devices), devices and transactions of an account are
 * read through an open case on it that the reader owns now (a supervisor: any open case on it, or a
 * reason). The first read through a case writes one audit row for that case and account; a reason is
 * audited on every read. Refusals are audited as denied and answered 403 (404 for an unseen case).
 */
export async function admitActivityRead(
  caller: Caller,
  pass: ActivityPass,
  resource: ActivityResource,
): Promise<void> {
  const { deps, ctx } = caller;
  await commitThenRefuse(deps.db, async (tx): Promise<undefined | AppError> => {
    const refusal = await refusalFor(tx, caller, pass);
    const audit = {
      action: AUDIT_ACTION,
      targetType: 'account',
      targetId: pass.accountId,
      caseId: pass.caseId ?? null,
      reason: pass.reason ?? null,
    };
    if (refusal) {
      if (refusal.status !== 404) {
        await appendAudit(tx, ctx, {
          ...audit,
          outcome: 'denied',
          details: { resource, missing: refusal.extra.missing },
        });
      }
      return refusal;
    }
    if (pass.caseId !== undefined && (await alreadyAudited(tx, pass.caseId, pass.accountId)))
      return undefined;
    await appendAudit(tx, ctx, { ...audit, outcome: 'success', details: { resource } });
    return undefined;
  });
}

async function refusalFor(tx: Tx, { actor }: Caller, pass: ActivityPass): Promise<AppError | null> {
  if (pass.caseId === undefined) {
    if (actor.role === 'supervisor' && pass.reason) return null;
    return AppError.forbidden(
      'policy_refused',
      actor.role === 'supervisor'
        ? 'Not allowed: name a case on this account or give a reason to read its activity'
        : 'Not allowed: open a case on this account to read its sign-ins, devices and transactions',
      actor.role === 'supervisor' ? ['case:required', 'reason:required'] : ['case:required'],
    );
  }
  const kase = await caseFor(tx, actor, pass.caseId, 'read');
  if (kase instanceof AppError) return kase;
  if (kase.accountId !== pass.accountId) {
    return AppError.forbidden('policy_refused', 'Not allowed: the case is on another account', [
      'case:same_account',
    ]);
  }
  if (kase.status !== 'open') {
    return AppError.forbidden('policy_refused', 'Not allowed: the case is closed', ['case:open']);
  }
  return actor.role === 'supervisor' ? null : notOwnerRefusal(kase, actor);
}

/**
 * One row per case and account: paging, sorting and the three lists of one call are one read. A seek on
 * audit_events_case (a case has few rows); the IMMEDIATE transaction makes two first reads one row.
 */
async function alreadyAudited(tx: Tx, caseId: number, accountId: number): Promise<boolean> {
  const row = await firstRow(
    tx
      .select({ one: sql`1` })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.caseId, caseId),
          eq(auditEvents.action, AUDIT_ACTION),
          eq(auditEvents.outcome, 'success'),
          eq(auditEvents.targetType, 'account'),
          eq(auditEvents.targetId, String(accountId)),
        ),
      )
      .limit(1),
  );
  return row !== undefined;
}
