import type Database from 'better-sqlite3';
import type { DbOrTx } from '../db/client';
import { rawAll, rawGet } from '../db/rows';
import type { AuditEvent } from '../db/schema';

export type AuditFilter = {
  id?: number[];
  actorId?: number;
  action?: string;
  outcome?: AuditEvent['outcome'];
  targetType?: string;
  targetId?: string;
  caseId?: number;
  from?: number;
  to?: number;
  /** Free text: words of the reason, actor, action or target id (FTS index, prefix match per word). */
  q?: string;
};

export const AUDIT_SORTABLE = ['id', 'at', 'action', 'actorUsername', 'outcome'] as const;
export type AuditSort = (typeof AUDIT_SORTABLE)[number];

/**
 * Above this many matching rows a page's total is reported as "at least" (Content-Range `…/10000+`):
 * counting two million rows exactly costs a scan, counting to the cap costs a bounded index walk.
 */
export const AUDIT_COUNT_CAP = 10_000;

const COLUMNS = `a.id, a.at, a.actor_id AS actorId, a.actor_username AS actorUsername, a.actor_role AS actorRole,
  a.action, a.target_type AS targetType, a.target_id AS targetId, a.case_id AS caseId, a.reason, a.outcome,
  a.ip, a.user_agent AS userAgent, a.request_id AS requestId, a.details, a.prev_hash AS prevHash, a.hash`;

const SORT_SQL: Record<AuditSort, (dir: 'ASC' | 'DESC') => string> = {
  // Newest first is (at, id): every filter's index ends with `at`, and the rowid trails it.
  at: (d) => `a.at ${d}, a.id ${d}`,
  id: (d) => `a.id ${d}`,
  action: (d) => `a.action ${d}, a.at ${d}, a.id ${d}`,
  actorUsername: (d) => `a.actor_username ${d}, a.at ${d}, a.id ${d}`,
  outcome: (d) => `a.outcome ${d}, a.at ${d}, a.id ${d}`,
};

/** Each word of free text as a quoted prefix term, all required: user input never reaches FTS syntax. */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

type Where = { from: string; conditions: string[]; params: unknown[]; viaText: boolean };

function whereOf(f: AuditFilter): Where {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  const text = f.q ? ftsQuery(f.q) : null;
  if (text) add('audit_events_fts MATCH ?', text);
  if (f.id) add(`a.id IN (${f.id.map(() => '?').join(',') || 'NULL'})`, ...f.id);
  if (f.actorId !== undefined) add('a.actor_id = ?', f.actorId);
  if (f.action) add('a.action = ?', f.action);
  if (f.outcome) add('a.outcome = ?', f.outcome);
  if (f.targetType) add('a.target_type = ?', f.targetType);
  if (f.targetId) add('a.target_id = ?', f.targetId);
  if (f.caseId !== undefined) add('a.case_id = ?', f.caseId);
  if (f.from !== undefined) add('a.at >= ?', f.from);
  if (f.to !== undefined) add('a.at <= ?', f.to);
  // A text search walks the word index newest row first and joins each hit by rowid.
  const from = text
    ? 'audit_events_fts JOIN audit_events a ON a.id = audit_events_fts.rowid'
    : 'audit_events a';
  return { from, conditions, params, viaText: text !== null };
}

const whereSql = (w: Where) => (w.conditions.length ? ` WHERE ${w.conditions.join(' AND ')}` : '');

export type AuditListQuery = {
  filter: AuditFilter;
  sort: AuditSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export function auditListStatements(q: AuditListQuery) {
  const w = whereOf(q.filter);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  // Text hits come in the word index's rowid order (id), whatever the requested sort: sorting all hits
  // of a common word would cost what the index saves.
  const order = w.viaText ? `audit_events_fts.rowid ${dir}` : SORT_SQL[q.sort](dir);
  const cap = Math.max(AUDIT_COUNT_CAP, q.offset + q.limit) + 1;
  return {
    page: {
      sql: `SELECT ${COLUMNS} FROM ${w.from}${whereSql(w)} ORDER BY ${order} LIMIT ? OFFSET ?`,
      params: [...w.params, q.limit, q.offset],
    },
    count: {
      // Words alone are counted in the word index, without joining each hit to its row.
      sql:
        w.viaText && w.conditions.length === 1
          ? 'SELECT count(*) AS n FROM (SELECT 1 FROM audit_events_fts WHERE audit_events_fts MATCH ? LIMIT ?)'
          : `SELECT count(*) AS n FROM (SELECT 1 FROM ${w.from}${whereSql(w)} LIMIT ?)`,
      params: [...w.params, cap],
    },
    cap,
  };
}

/** One page, plus its total: exact up to the cap, else `{ total: cap - 1, capped: true }` ("at least"). */
export async function listAuditEvents(db: DbOrTx, q: AuditListQuery) {
  const s = auditListStatements(q);
  const rows = await rawAll<AuditEvent>(db, s.page.sql, s.page.params);
  const n = (await rawGet<{ n: number }>(db, s.count.sql, s.count.params))!.n;
  return n >= s.cap ? { rows, total: s.cap - 1, capped: true } : { rows, total: n, capped: false };
}

export function findAuditEvent(db: DbOrTx, id: number): Promise<AuditEvent | undefined> {
  return rawGet<AuditEvent>(db, `SELECT ${COLUMNS} FROM audit_events a WHERE a.id = ?`, [id]);
}

/**
 * Every matching row oldest first, streamed from one statement (constant memory). Meant for a
 * worker's own read connection: the read transaction it holds does not block writers (WAL).
 * SQLite only: the read worker (audit/readWorker.ts) opens its own better-sqlite3 connection.
 */
export function iterateAuditEvents(
  sqlite: Database.Database,
  filter: AuditFilter,
): IterableIterator<AuditEvent> {
  const w = whereOf(filter);
  const order = w.viaText ? 'audit_events_fts.rowid ASC' : SORT_SQL.at('ASC');
  return sqlite
    .prepare(`SELECT ${COLUMNS} FROM ${w.from}${whereSql(w)} ORDER BY ${order}`)
    .iterate(...w.params) as IterableIterator<AuditEvent>;
}
