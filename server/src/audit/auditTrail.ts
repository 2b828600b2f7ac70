import { inTransaction } from '../db/client';
import type { AuditEvent } from '../db/schema';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { agentActivity } from './agentActivity';
import { type AuditFilter, findAuditEvent, iterateAuditEvents } from './auditRepo';
import { verifyChain } from './verify';
import { type AuditContext, appendAudit } from './writer';

const DAY_MS = 86_400_000;

/** Supervisors' questions about the trail; reading the trail's integrity or exporting it is itself audited. */

export function verifyAuditTrail(deps: AppDeps, ctx: AuditContext) {
  const report = verifyChain(deps.sqlite, deps.keys.auditKey);
  inTransaction(deps.db, (tx) =>
    appendAudit(tx, ctx, { action: 'audit.verify', outcome: 'success', details: { ...report } }),
  );
  return report;
}

export const CSV_COLUMNS: (keyof AuditEvent)[] = [
  'id',
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
  'hash',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records the export, then yields the CSV line by line so any size streams in constant memory. */
export function* exportAuditTrail(deps: AppDeps, ctx: AuditContext, filter: AuditFilter): Generator<string> {
  inTransaction(deps.db, (tx) =>
    appendAudit(tx, ctx, { action: 'audit.export', outcome: 'success', details: { filter } }),
  );
  yield `${CSV_COLUMNS.join(',')}\n`;
  for (const row of iterateAuditEvents(deps.db, filter)) {
    yield `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\n`;
  }
}

export function auditEvent(deps: AppDeps, id: number): AuditEvent {
  const event = findAuditEvent(deps.db, id);
  if (!event) throw AppError.notFound('Audit event');
  return event;
}

/** Activity per staff member; the window defaults to the last 7 days. */
export function agentActivityReport(deps: AppDeps, window: { from?: number; to?: number }) {
  const to = window.to ?? deps.now();
  return agentActivity(deps.db, { from: window.from ?? to - 7 * DAY_MS, to });
}
