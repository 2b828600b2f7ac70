import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { type AuditFilter, findAuditEvent } from './auditRepo';
import type { CsvLanguage } from './csv';
import { type LabelledAuditEvent, labelAuditEvents } from './labels';
import { readOffThread } from './offThread';
import { readInPages } from './pagedReads';
import type { ReadResult, ReadTask } from './readTasks';
import { type AuditContext, appendAudit } from './writer';

const DAY_MS = 86_400_000;

/**
 * A long read off the agents' path: on SQLite a worker thread on its own connection to the file
 * (SQLite only: deps.sqlite), on PostgreSQL keyset pages on the pool that yield between pages.
 */
function longRead<T extends ReadTask>(
  deps: AppDeps,
  task: T,
  options: { signal?: AbortSignal; onChunk?: (chunk: string | Uint8Array) => Promise<void> },
): Promise<ReadResult<T>> {
  if (deps.sqlite) return readOffThread(deps.sqlite, deps.keys.auditKey, task, options);
  return readInPages(deps.db, deps.keys.auditKey, task, options);
}

/** Supervisors' questions about the trail; reading the trail's integrity or exporting it is itself audited. */

/**
 * A long read's caller: a signal that stops the work when the client leaves, and where CSV goes: UTF-8
 * bytes from SQLite's read worker (written as they are), text from PostgreSQL's pages.
 */
export type LongRead = { signal?: AbortSignal; write?: (chunk: string | Uint8Array) => Promise<void> };

/** Walks the whole chain off the agents' path (seconds at millions of rows), then records that it did. */
export async function verifyAuditTrail(deps: AppDeps, ctx: AuditContext, read: LongRead = {}) {
  const report = await longRead(deps, { kind: 'verify' }, { signal: read.signal });
  await inTransaction(deps.db, (tx) =>
    appendAudit(tx, ctx, { action: 'audit.verify', outcome: 'success', details: { ...report } }),
  );
  return report;
}

/**
 * Records the export, then streams the CSV in constant memory (a worker's own connection on SQLite,
 * keyset pages on PostgreSQL), and `write` paces it to the client's socket.
 */
export async function exportAuditTrail(
  deps: AppDeps,
  ctx: AuditContext,
  filter: AuditFilter,
  lang: CsvLanguage,
  read: LongRead & { write: (chunk: string | Uint8Array) => Promise<void> },
) {
  await inTransaction(deps.db, (tx) =>
    appendAudit(tx, ctx, { action: 'audit.export', outcome: 'success', details: { filter, lang } }),
  );
  return longRead(deps, { kind: 'export', filter, lang }, { signal: read.signal, onChunk: read.write });
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
  return longRead(deps, task, { signal: read.signal });
}
