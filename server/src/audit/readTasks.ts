import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DbOrTx } from '../db/client';
import type { AuditEvent } from '../db/schema';
import * as schema from '../db/schema';
import { type AgentActivity, agentActivity } from './agentActivity';
import { type AuditFilter, auditListStatements } from './auditRepo';
import { CHAINED_FIELDS } from './chain';
import { type CsvLanguage, csvFormat } from './csv';
import { type AccountLabel, type LabelledAuditEvent, labelInPlace, maskedName } from './labels';
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
 * were ~160 K characters). On PostgreSQL each chunk is a string on the event loop's heap; under 64 K
 * characters (128 KB as two-byte text) it is an ordinary young object there, not a large object that only
 * a full collection of the server's heap frees. The read worker encodes its chunks into recycled byte
 * buffers (readWorker.ts).
 */
const CHUNK_CHARS = 32 * 1024;

/** auditRepo's row columns in its SELECT order: the export reads them as arrays (raw) and names them here. */
const EXPORT_COLUMNS = ['id', ...CHAINED_FIELDS, 'hash'] as const satisfies ReadonlyArray<keyof AuditEvent>;
/** The account the export's statement joins to each row (labels.ts actionAccounts: the target, or the case's). */
const LABEL_COLUMNS = ['labelAccountId', 'labelAccountNumber', 'labelFullName'] as const;

/**
 * The export's statement on SQLite: the list's statement (ascending time, unbounded) as the outer loop, a
 * co-routine that walks its index in order, and each row's account joined by primary key in the same step
 * (its target when that is an account, else its case's account, as labels.ts actionAccounts). Seeking each
 * batch's accounts by `id IN (...)` instead was a fifth of the export's time (issue 9 profile). An account
 * target is compared as SQLite's numeric affinity reads the text ('42' = 42), as Number() does in
 * labels.ts; text only Number() reads ('0x2a') finds no row here and is seeked on its own.
 */
export function sqliteExportStatement(filter: AuditFilter): { sql: string; params: unknown[] } {
  const { page } = auditListStatements({ filter, sort: 'at', order: 'asc', offset: 0, limit: -1 });
  return {
    sql: `SELECT e.*, acc.id AS ${LABEL_COLUMNS[0]}, acc.account_number AS ${LABEL_COLUMNS[1]}, acc.full_name AS ${LABEL_COLUMNS[2]}
  FROM (${page.sql}) e
  LEFT JOIN cases c ON e.targetType IS NOT 'account' AND c.id = e.caseId
  LEFT JOIN accounts acc ON acc.id = CASE WHEN e.targetType = 'account' THEN e.targetId ELSE c.account_id END`,
    params: page.params,
  };
}

/** A positive safe integer, as labels.ts takes an id; anything else names no row. */
const rowId = (value: number) => (Number.isSafeInteger(value) && value > 0 ? value : 0);

/**
 * Staff full names by id, remembered for the export (the staff table is small and every row names its actor):
 * a seek on first sight, on the worker's connection, inside the export statement's read transaction, so the
 * same snapshot as the rows.
 */
function staffNameLookup(sqlite: Database.Database) {
  const byId = sqlite.prepare('SELECT full_name FROM staff WHERE id = ?').pluck();
  const memo = new Map<number, string | null>();
  return (id: number): string | null => {
    if (!id) return null;
    let name = memo.get(id);
    if (name === undefined) {
      name = (byId.get(id) as string | undefined) ?? null;
      memo.set(id, name);
    }
    return name;
  };
}

/**
 * The CSV of the trail on SQLite, read and formatted in the read worker: one statement in constant memory,
 * its rows as arrays (raw) shaped into one row object reused for every row (no object per row, issue 9
 * profile), labelled as labels.ts labelInPlace does, sent to `emit` in chunks of CHUNK_CHARS.
 */
async function exportCsvSqlite(
  sqlite: Database.Database,
  filter: AuditFilter,
  lang: CsvLanguage,
  emit: (chunk: string) => Promise<void>,
): Promise<{ rows: number }> {
  const { sql, params } = sqliteExportStatement(filter);
  const statement = sqlite.prepare(sql).raw(true);
  const names = statement.columns().map((c) => c.name);
  if (names.join() !== [...EXPORT_COLUMNS, ...LABEL_COLUMNS].join())
    throw new Error(`export: the trail's columns changed (${names.join()}); update EXPORT_COLUMNS`);
  const accountById = sqlite
    .prepare('SELECT id, account_number, full_name FROM accounts WHERE id = ?')
    .raw(true);
  const staffName = staffNameLookup(sqlite);
  const csv = csvFormat(lang);
  // One account label and one row, refilled for each row: csv.line reads them before the next.
  const account: AccountLabel = { accountId: 0, accountNumber: '', maskedName: '' };
  const row: LabelledAuditEvent = {
    id: 0,
    at: 0,
    actorId: null,
    actorUsername: null,
    actorRole: null,
    action: '',
    targetType: null,
    targetId: null,
    caseId: null,
    reason: null,
    outcome: 'success',
    ip: null,
    userAgent: null,
    requestId: null,
    details: '',
    prevHash: '',
    hash: '',
    actorName: null,
    account: null,
    targetName: null,
  };
  let text = csv.header;
  let rows = 0;
  for (const r of statement.iterate(...params) as IterableIterator<unknown[]>) {
    row.id = r[0] as number;
    row.at = r[1] as number;
    row.actorId = r[2] as number | null;
    row.actorUsername = r[3] as string | null;
    row.actorRole = r[4] as string | null;
    row.action = r[5] as string;
    row.targetType = r[6] as string | null;
    row.targetId = r[7] as string | null;
    row.caseId = r[8] as number | null;
    row.reason = r[9] as string | null;
    row.outcome = r[10] as AuditEvent['outcome'];
    row.ip = r[11] as string | null;
    row.userAgent = r[12] as string | null;
    row.requestId = r[13] as string | null;
    row.details = r[14] as string;
    row.prevHash = r[15] as string;
    row.hash = r[16] as string;
    let label = r as unknown[] | undefined;
    let at = 17;
    if (r[17] === null && row.targetType === 'account') {
      // Text the join's affinity did not read as a number but Number() does ('0x2a'): labels.ts would label it.
      const id = rowId(Number(row.targetId));
      label = id ? (accountById.get(id) as unknown[] | undefined) : undefined;
      at = 0;
    }
    if (label && label[at] !== null) {
      account.accountId = label[at] as number;
      account.accountNumber = label[at + 1] as string;
      account.maskedName = maskedName(label[at + 2] as string);
      row.account = account;
    } else row.account = null;
    row.actorName = row.actorId ? staffName(rowId(row.actorId)) : null;
    row.targetName = row.targetType === 'staff' ? staffName(rowId(Number(row.targetId))) : null;
    text += csv.line(row);
    rows++;
    if (text.length < CHUNK_CHARS) continue;
    await emit(text);
    text = '';
  }
  if (text) await emit(text);
  return { rows };
}

/**
 * The CSV of `batches` (each labelled at once, in place: the batches are the export's own), sent to
 * `emit` in chunks of CHUNK_CHARS: the same bytes as the SQLite worker's exportCsvSqlite (PostgreSQL's
 * keyset pages).
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
      return exportCsvSqlite(sqlite, task.filter, task.lang, emit);
  }
}
