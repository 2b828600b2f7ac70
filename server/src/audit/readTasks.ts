import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DbOrTx } from '../db/client';
import type { AuditEvent } from '../db/schema';
import * as schema from '../db/schema';
import { type AgentActivity, agentActivity } from './agentActivity';
import { type AuditFilter, auditListStatements } from './auditRepo';
import { CHAINED_FIELDS } from './chain';
import { type CsvLanguage, csvFormat } from './csv';
import { type LabelledAuditEvent, labelInPlace } from './labels';
import { type ChainReport, verifyChain } from './verify';

/** The long reads that run in a worker thread on their own read connection (see readWorker.ts). */
export type ReadTask =
  | { kind: 'verify' }
  | { kind: 'export'; filter: AuditFilter; lang: CsvLanguage }
  | { kind: 'agentActivity'; window: { from: number; to: number } };

export type ReadResult<T extends ReadTask> = T extends { kind: 'verify' }
  ? ChainReport
  : T extends { kind: 'export' }
    ? { rows: number }
    : AgentActivity[];

/**
 * A chunk's size in characters, checked after every row (it was checked per batch of 500 rows, so chunks
 * were ~160 K characters). Each chunk is copied into a string on the event loop's heap; under 64 K
 * characters (128 KB as two-byte text) it is an ordinary young object there, not a large object that
 * only a full collection of the server's heap frees.
 */
const CHUNK_CHARS = 32 * 1024;
/** Rows labelled together (account numbers, names): a few seeks per batch, not per row. */
const LABEL_BATCH = 500;

/** auditRepo's row columns in its SELECT order: the export reads them as arrays (raw) and names them here. */
const EXPORT_COLUMNS = ['id', ...CHAINED_FIELDS, 'hash'] as const satisfies ReadonlyArray<keyof AuditEvent>;

/**
 * Every matching row oldest first (the list's statement in ascending time order, unbounded), in batches
 * of LABEL_BATCH, from one statement in constant memory. Rows come as arrays and are shaped here, label
 * fields included: better-sqlite3's own row objects, then a labelled copy of each, cost several times
 * what the CSV formatting does (issue 9 profile).
 */
function* sqliteExportBatches(sqlite: Database.Database, filter: AuditFilter): Generator<AuditEvent[]> {
  const { page } = auditListStatements({ filter, sort: 'at', order: 'asc', offset: 0, limit: -1 });
  const statement = sqlite.prepare(page.sql).raw(true);
  const names = statement.columns().map((c) => c.name);
  if (names.join() !== EXPORT_COLUMNS.join())
    throw new Error(`export: the trail's columns changed (${names.join()}); update EXPORT_COLUMNS`);
  let batch: LabelledAuditEvent[] = [];
  for (const r of statement.iterate(...page.params) as IterableIterator<unknown[]>) {
    batch.push({
      id: r[0] as number,
      at: r[1] as number,
      actorId: r[2] as number | null,
      actorUsername: r[3] as string | null,
      actorRole: r[4] as string | null,
      action: r[5] as string,
      targetType: r[6] as string | null,
      targetId: r[7] as string | null,
      caseId: r[8] as number | null,
      reason: r[9] as string | null,
      outcome: r[10] as AuditEvent['outcome'],
      ip: r[11] as string | null,
      userAgent: r[12] as string | null,
      requestId: r[13] as string | null,
      details: r[14] as string,
      prevHash: r[15] as string,
      hash: r[16] as string,
      // Filled in by labelInPlace: present from the start, so every row keeps one shape.
      actorName: null,
      account: null,
      targetName: null,
    });
    if (batch.length < LABEL_BATCH) continue;
    yield batch;
    batch = [];
  }
  if (batch.length) yield batch;
}

/**
 * The CSV of `batches` (each labelled at once, in place: the batches are the export's own), sent to
 * `emit` in chunks of CHUNK_CHARS: the same bytes whichever engine the batches come from (the SQLite worker's
 * statement, PostgreSQL's keyset pages).
 */
export async function exportCsv(
  db: DbOrTx,
  batches: AsyncIterable<AuditEvent[]> | Iterable<AuditEvent[]>,
  lang: CsvLanguage,
  emit: (chunk: string) => Promise<void>,
): Promise<{ rows: number }> {
  const csv = csvFormat(lang);
  let buffer = csv.header;
  let rows = 0;
  for await (const batch of batches) {
    for (const row of await labelInPlace(db, batch)) {
      buffer += csv.line(row);
      if (buffer.length < CHUNK_CHARS) continue;
      await emit(buffer);
      buffer = '';
    }
    rows += batch.length;
  }
  if (buffer) await emit(buffer);
  return { rows };
}

/**
 * Runs one task against `sqlite`. `emit` receives CSV text in chunks of CHUNK_CHARS and resolves when the
 * receiver wants more (back-pressure all the way to the client's socket).
 */
export async function runReadTask(
  // SQLite only: the worker's own read connection (the PostgreSQL step gives these reads a pg variant).
  sqlite: Database.Database,
  auditKey: Buffer,
  task: ReadTask,
  emit: (chunk: string) => Promise<void>,
): Promise<unknown> {
  const db = drizzle(sqlite, { schema });
  switch (task.kind) {
    case 'verify':
      return verifyChain(sqlite, auditKey);
    case 'agentActivity':
      return agentActivity(db, task.window);
    case 'export':
      return exportCsv(db, sqliteExportBatches(sqlite, task.filter), task.lang, emit);
  }
}
