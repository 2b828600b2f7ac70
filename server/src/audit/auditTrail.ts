import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { type AuditFilter, findAuditEvent } from './auditRepo';
import type { CsvLanguage } from './csv';
import { type LabelledAuditEvent, labelAuditEvents } from './labels';
import { readOffThread } from './offThread';
import { type AuditContext, appendAudit } from './writer';

const DAY_MS = 86_400_000;

/** SQLite only: the read worker opens this connection's file (PostgreSQL reads in pages instead: step 2). */
function workerSource(deps: AppDeps) {
  if (!deps.sqlite) throw new Error('the audit read worker runs on SQLite only');
  return deps.sqlite;
}

/** Supervisors' questions about the trail; reading the trail's integrity or exporting it is itself audited. */

/** A long read's caller: a signal that stops the work when the client leaves, and where CSV goes. */
export type LongRead = { signal?: AbortSignal; write?: (chunk: string) => Promise<void> };

/** Walks the whole chain in a worker thread (seconds at millions of rows), then records that it did. */
export async function verifyAuditTrail(deps: AppDeps, ctx: AuditContext, read: LongRead = {}) {
  // SQLite only: the read worker opens deps.sqlite's file.
  const report = await readOffThread(workerSource(deps), deps.keys.auditKey, { kind: 'verify' }, read);
  await inTransaction(deps.db, (tx) =>
    appendAudit(tx, ctx, { action: 'audit.verify', outcome: 'success', details: { ...report } }),
  );
  return report;
}

/**
 * Records the export, then streams the CSV from a worker thread in constant memory: the rows are
 * read on the worker's own connection, and `write` paces it to the client's socket.
 */
export async function exportAuditTrail(
  deps: AppDeps,
  ctx: AuditContext,
  filter: AuditFilter,
  lang: CsvLanguage,
  read: LongRead & { write: (chunk: string) => Promise<void> },
) {
  await inTransaction(deps.db, (tx) =>
    appendAudit(tx, ctx, { action: 'audit.export', outcome: 'success', details: { filter, lang } }),
  );
  // SQLite only: the read worker opens deps.sqlite's file.
  return readOffThread(
    workerSource(deps),
    deps.keys.auditKey,
    { kind: 'export', filter, lang },
    {
      signal: read.signal,
      onChunk: read.write,
    },
  );
}

export async function auditEvent(deps: AppDeps, id: number): Promise<LabelledAuditEvent> {
  const event = await findAuditEvent(deps.db, id);
  if (!event) throw AppError.notFound('Audit event');
  return (await labelAuditEvents(deps.db, [event]))[0]!;
}

/** Activity per staff member; the window defaults to the last 7 days. */
export function agentActivityReport(
  deps: AppDeps,
  window: { from?: number; to?: number },
  read: LongRead = {},
) {
  const to = window.to ?? deps.now();
  const task = { kind: 'agentActivity', window: { from: window.from ?? to - 7 * DAY_MS, to } } as const;
  // SQLite only: the read worker opens deps.sqlite's file.
  return readOffThread(workerSource(deps), deps.keys.auditKey, task, read);
}
