import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DbOrTx } from '../db/client';
import type { AuditEvent } from '../db/schema';
import * as schema from '../db/schema';
import { type AgentActivity, agentActivity } from './agentActivity';
import { type AuditFilter, iterateAuditEvents } from './auditRepo';
import { type CsvLanguage, csvFormat } from './csv';
import { labelAuditEvents } from './labels';
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

const CHUNK_CHARS = 64 * 1024;
/** Rows labelled together (account numbers, names): a few seeks per batch, not per row. */
const LABEL_BATCH = 500;

async function* batchesOf(rows: Iterable<AuditEvent>): AsyncGenerator<AuditEvent[]> {
  let batch: AuditEvent[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length < LABEL_BATCH) continue;
    yield batch;
    batch = [];
  }
  if (batch.length) yield batch;
}

/**
 * The CSV of `batches` (each labelled at once), sent to `emit` in ~64 KB chunks: the same bytes
 * whichever engine the batches come from (the SQLite worker's statement, PostgreSQL's keyset pages).
 */
export async function exportCsv(
  db: DbOrTx,
  batches: AsyncIterable<AuditEvent[]>,
  lang: CsvLanguage,
  emit: (chunk: string) => Promise<void>,
): Promise<{ rows: number }> {
  const csv = csvFormat(lang);
  let buffer = csv.header;
  let rows = 0;
  for await (const batch of batches) {
    for (const row of await labelAuditEvents(db, batch)) buffer += csv.line(row);
    rows += batch.length;
    if (buffer.length >= CHUNK_CHARS) {
      await emit(buffer);
      buffer = '';
    }
  }
  if (buffer) await emit(buffer);
  return { rows };
}

/**
 * Runs one task against `sqlite`. `emit` receives CSV text in ~64 KB chunks and resolves when the
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
      return exportCsv(db, batchesOf(iterateAuditEvents(sqlite, task.filter)), task.lang, emit);
  }
}
