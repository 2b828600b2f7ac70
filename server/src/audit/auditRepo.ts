import { and, asc, count, desc, eq, gt, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { searchWords } from '../db/auditWords';
import type { DbOrTx } from '../db/client';
import type { PgDbOrTx } from '../db/pg';
import { auditEvents as pgAuditEvents } from '../db/pgSchema';
import { auditEventWords } from '../db/pgSearch';
import { isPg, rawAll, rawGet } from '../db/rows';
import type { AuditEvent } from '../db/schema';
import { AppError } from '../http/errors';

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
  /** Free text: whole words of the reason, actor, action or target id (FTS index, every word required). */
  q?: string;
};

export const AUDIT_SORTABLE = ['id', 'at', 'action', 'actorUsername', 'outcome'] as const;
export type AuditSort = (typeof AUDIT_SORTABLE)[number];

/**
 * Above this many matching rows a page's total is reported as "at least" (Content-Range `…/1000+`, the
 * console shows partial pagination): counting two million rows exactly costs a scan, counting to the cap
 * a bounded index walk. At 10,000 that walk was 0.5-0.9 ms per page at 2,000,000 events, most of a
 * list request's SQL; at 1,000 it is about a tenth of that (issue 9).
 */
export const AUDIT_COUNT_CAP = 1_000;

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

/**
 * Each word of free text as a quoted whole-word term, all required: user input never reaches FTS syntax, and
 * Chinese asks for its character pairs (db/auditWords.ts). Whole words, not prefixes (`"word"*`): FTS5 answers
 * a prefix by merging the full doclist of every term that starts with it before it returns the first row
 * (61 ms for "unlocking" at 2,000,000 events, 0.7 s for "agent"), while a whole word's doclist is read lazily,
 * newest first, only as far as the page and the capped count need (0.1-0.3 ms). better-sqlite3 is
 * synchronous, so that merge froze every request.
 */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  return words.length ? words.map((w) => `"${w}"`).join(' ') : null;
}

/**
 * PostgreSQL's spelling of ftsQuery: every word a required whole word (`'word'`, as FTS5's `"word"`)
 * against the GIN-indexed expression of db/pgSearch.ts. Words are letters and digits only, so they
 * cannot carry tsquery syntax.
 */
export function tsWordsQuery(text: string): string | null {
  // `_` splits here as it does in the indexed text (db/pgSearch.ts): "sign_in" is sign and in.
  const words = searchWords(text).flatMap((w) => w.toLowerCase().split('_').filter(Boolean));
  return words.length ? words.map((w) => `'${w}'`).join(' & ') : null;
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

/**
 * The deepest page start the list serves: OFFSET walks every skipped entry of the index (12 ms at 100,000
 * on the bench database, and the count walks as far), so deeper pages would stall the event loop. The
 * console pages 25 at a time; a supervisor that far back narrows the time range instead.
 */
export const AUDIT_MAX_OFFSET = 10_000;

/**
 * Whether an index hands the page over in the requested order, so it stops after `limit` rows: newest
 * first with any filter (every filter's index ends with `at`), a text search in rowid order whatever the
 * sort, and by id, action or outcome only unfiltered or filtered by that same column. Any other pairing
 * must sort every match first (SQLite's temp B-tree: 0.4-2.3 s at 2,000,000 events for one actor or none).
 */
export function sortServedByIndex(q: AuditListQuery): boolean {
  if (q.sort === 'at' || q.filter.q) return true;
  const filtered = (Object.keys(q.filter) as (keyof AuditFilter)[]).filter((k) => q.filter[k] !== undefined);
  if (q.sort === 'id') return filtered.length === 0;
  if (q.sort === 'action' || q.sort === 'outcome') return filtered.every((k) => k === q.sort);
  return false;
}

/**
 * Whether one index answers every condition of the filter, so counting to the cap walks at most cap
 * entries: a single filter (with or without a time range: each filter's index ends with `at`), target type
 * and id together, a list of ids (at most 25), or words alone (counted in the word index). With any other
 * mix the index answers one condition and every entry it holds must be read to test the others: counting
 * one busy actor's denied events walked 80 ms at 2,000,000 events before reaching the cap.
 */
export function countWalksOnlyMatches(f: AuditFilter): boolean {
  if (f.id) return true;
  const given = (Object.keys(f) as (keyof AuditFilter)[]).filter((k) => f[k] !== undefined);
  // Words are counted in the word index, which holds no time: a time range is tested row by row.
  if (f.q) return given.length === 1;
  const conditions = given.filter((k) => k !== 'from' && k !== 'to');
  return conditions.length <= 1 || (conditions.length === 2 && !!f.targetType && !!f.targetId);
}

/** One engine's way to run the list's two statements. */
type ListStatements = { page: () => Promise<AuditEvent[]>; count: () => Promise<number>; cap: number };

/**
 * One page, plus its total: exact up to the cap, else `{ total: cap - 1, capped: true }` ("at least").
 * Every count's work is bounded: a page that is not full ends the list, so its total needs no count; a
 * full page of a filter no one index answers is "at least" without counting; a sort no index serves is
 * sorted only when one index answers the filter and the capped count says the matches are few (else a 400
 * naming the sort); a page past
 * AUDIT_MAX_OFFSET is a 400 naming the range.
 */
export async function listAuditEvents(db: DbOrTx, q: AuditListQuery) {
  if (q.offset > AUDIT_MAX_OFFSET)
    throw AppError.field(
      'range',
      `must start at most ${AUDIT_MAX_OFFSET} events in: narrow the filter (a time range) to see older events`,
    );
  const s: ListStatements = isPg(db)
    ? pgListStatements(db as unknown as PgDbOrTx, q)
    : sqliteListStatements(db, q);
  let matches: number | undefined;
  if (!sortServedByIndex(q)) {
    // Counted first, and only where the count is itself bounded (one index answers the whole filter).
    matches = countWalksOnlyMatches(q.filter) ? await s.count() : Number.POSITIVE_INFINITY;
    if (matches > AUDIT_COUNT_CAP)
      throw AppError.field(
        'sort',
        `sorting by ${q.sort} is offered for one filter matching at most ${AUDIT_COUNT_CAP} events: narrow the filter or sort by time`,
      );
  }
  const rows = await s.page();
  // A short page is the list's end (unless it starts past the end): the total is where it ends.
  if (matches === undefined && rows.length < q.limit && (rows.length > 0 || q.offset === 0))
    return { rows, total: q.offset + rows.length, capped: false };
  // A full page of a mix no one index answers: counting could walk the whole index, so the total is
  // "at least one more than this page" (`0-24/25+`, the console's partial pagination).
  if (matches === undefined && !countWalksOnlyMatches(q.filter))
    return { rows, total: q.offset + rows.length, capped: true };
  matches ??= await s.count();
  return matches >= s.cap
    ? { rows, total: s.cap - 1, capped: true }
    : { rows, total: matches, capped: false };
}

function sqliteListStatements(db: DbOrTx, q: AuditListQuery): ListStatements {
  const s = auditListStatements(q);
  return {
    page: () => rawAll<AuditEvent>(db, s.page.sql, s.page.params),
    count: async () => (await rawGet<{ n: number }>(db, s.count.sql, s.count.params))!.n,
    cap: s.cap,
  };
}

export function findAuditEvent(db: DbOrTx, id: number): Promise<AuditEvent | undefined> {
  return rawGet<AuditEvent>(db, `SELECT ${COLUMNS} FROM audit_events a WHERE a.id = ?`, [id]);
}

/**
 * How many of the newest events a free-text search on PostgreSQL reads row by row before it asks the
 * word index (auditListQueriesPg `recent`). Computing a row's words costs 10-20 µs on a busy 2-core box,
 * so the walk costs at most ~5-10 ms, and it serves any word in 5% or more of recent events.
 */
export const AUDIT_TEXT_WALK = 500;

// PostgreSQL: the same filters, order and capped count through drizzle's builders, the free text
// through the GIN index on db/pgSearch.ts's expression (drizzle/pg/0002_name_search.sql).
const pa = pgAuditEvents;

function pgWhere(f: AuditFilter): { where: SQL | undefined; viaText: boolean } {
  const conditions: SQL[] = [];
  const text = f.q ? tsWordsQuery(f.q) : null;
  if (text) conditions.push(sql`${auditEventWords} @@ to_tsquery('simple', ${text})`);
  if (f.id) conditions.push(f.id.length ? inArray(pa.id, f.id) : sql`false`);
  if (f.actorId !== undefined) conditions.push(eq(pa.actorId, f.actorId));
  if (f.action) conditions.push(eq(pa.action, f.action));
  if (f.outcome) conditions.push(eq(pa.outcome, f.outcome));
  if (f.targetType) conditions.push(eq(pa.targetType, f.targetType));
  if (f.targetId) conditions.push(eq(pa.targetId, f.targetId));
  if (f.caseId !== undefined) conditions.push(eq(pa.caseId, f.caseId));
  if (f.from !== undefined) conditions.push(gte(pa.at, f.from));
  if (f.to !== undefined) conditions.push(lte(pa.at, f.to));
  return { where: conditions.length ? and(...conditions) : undefined, viaText: text !== null };
}

const PG_SORT: Record<AuditSort, SQL[]> = {
  at: [sql`${pa.at}`, sql`${pa.id}`],
  id: [sql`${pa.id}`],
  action: [sql`${pa.action}`, sql`${pa.at}`, sql`${pa.id}`],
  actorUsername: [sql`${pa.actorUsername}`, sql`${pa.at}`, sql`${pa.id}`],
  outcome: [sql`${pa.outcome}`, sql`${pa.at}`, sql`${pa.id}`],
};

/** The list's statements on PostgreSQL (EXPLAIN tests read them as the SQLite ones read auditListStatements). */
export function auditListQueriesPg(db: PgDbOrTx, q: AuditListQuery) {
  const w = pgWhere(q.filter);
  const direction = q.order === 'asc' ? asc : desc;
  // As on SQLite: text hits in id order whatever the sort.
  const order = (w.viaText ? [sql`${pa.id}`] : PG_SORT[q.sort]).map((c) => direction(c));
  const cap = Math.max(AUDIT_COUNT_CAP, q.offset + q.limit) + 1;
  const matches = db.select({ one: sql`1` }).from(pa).where(w.where).limit(cap).as('matches');
  return {
    page: pageIdsFromIndex(q)
      ? // The page's ids from audit_events_outcome_other alone (index-only, in the list's order), then
        // its 25 rows by id: given the whole query, the planner walked the time index instead, testing
        // every row for the outcome (drizzle/pg/0016_audit_outcome_other_index.sql).
        db
          .select()
          .from(pa)
          .where(
            inArray(
              pa.id,
              db
                .select({ id: pa.id })
                .from(pa)
                .where(w.where)
                .orderBy(...order)
                .limit(q.limit)
                .offset(q.offset),
            ),
          )
          .orderBy(...order)
      : db
          .select()
          .from(pa)
          .where(w.where)
          .orderBy(...order)
          .limit(q.limit)
          .offset(q.offset),
    count: db.select({ n: count() }).from(matches),
    /**
     * Free text with few hits (the capped count says so): the same page, sorted by `id + 0` so that only
     * the word index (GIN) can find its rows. Ordered by plain id, the planner may walk the primary key
     * and compute each row's words until the page is full, as it expects of a word its statistics do not
     * know: 21-27 s for "refund" (no hit) at 2,064,185 events once the table had been ANALYZEd.
     */
    pageByWordIndex: w.viaText
      ? db
          .select()
          .from(pa)
          .where(w.where)
          .orderBy(direction(sql`${pa.id} + 0`))
          .limit(q.limit)
          .offset(q.offset)
      : null,
    /**
     * Free text: the page among the newest AUDIT_TEXT_WALK events only (the oldest, oldest first), read
     * in id order and stopping at the page's last row. A full page here is the page (0.25 ms for
     * "account"); otherwise `pageByWordIndex` or `page` (pgListStatements). So a word common among recent
     * events costs a short walk, and any other costs the walk (bounded) plus the word index.
     */
    recent: w.viaText
      ? db
          .select()
          .from(
            // Named as the table, so the filter's column names (audit_events.*) read the subquery's rows.
            db.select().from(pa).orderBy(direction(pa.id)).limit(AUDIT_TEXT_WALK).as('audit_events'),
          )
          .where(w.where)
          .orderBy(direction(sql`id`))
          .limit(q.limit)
          .offset(q.offset)
      : null,
    cap,
  };
}

/**
 * Whether PostgreSQL reads the page's ids from an index that holds them in the list's order before it
 * reads any row: newest first, filtered by an outcome other than success (with or without a time range).
 */
function pageIdsFromIndex(q: AuditListQuery): boolean {
  const { outcome, from: _from, to: _to, ...others } = q.filter;
  return (
    q.sort === 'at' &&
    outcome !== undefined &&
    outcome !== 'success' &&
    Object.values(others).every((v) => v === undefined)
  );
}

function pgListStatements(db: PgDbOrTx, q: AuditListQuery): ListStatements {
  const s = auditListQueriesPg(db, q);
  let counted: Promise<number> | undefined;
  // Run once: the text page may need it first, and listAuditEvents then reads the same total.
  const count = () => {
    counted ??= s.count.then((r) => Number(r[0]!.n));
    return counted;
  };
  return {
    page: async () => {
      if (s.recent) {
        // The newest events' first matches are the list's first matches: a full page is exact.
        const rows = (await s.recent) as AuditEvent[];
        if (rows.length === q.limit) return rows;
        // Words alone with fewer hits than the cap: the word index finds them all at once. A word with
        // more is one the statistics know as common, for which the planner's walk is the right plan.
        if (s.pageByWordIndex && countWalksOnlyMatches(q.filter) && (await count()) < s.cap)
          return (await s.pageByWordIndex) as AuditEvent[];
      }
      return (await s.page) as AuditEvent[];
    },
    count,
    cap: s.cap,
  };
}

/**
 * PostgreSQL's whole-trail read (SQLite's is the read worker's statement, readTasks.ts): every matching row in the same order, a page at a time by keyset
 * ((at, id), or id for text hits), so memory stays constant and no statement holds a snapshot for long.
 */
export async function* auditEventPagesPg(
  db: PgDbOrTx,
  filter: AuditFilter,
  pageSize: number,
): AsyncGenerator<AuditEvent[]> {
  const w = pgWhere(filter);
  let last: AuditEvent | undefined;
  for (;;) {
    const after = !last
      ? undefined
      : w.viaText
        ? gt(pa.id, last.id)
        : sql`(${pa.at}, ${pa.id}) > (${last.at}, ${last.id})`;
    const rows: AuditEvent[] = await db
      .select()
      .from(pa)
      .where(and(w.where, after))
      .orderBy(...(w.viaText ? [asc(pa.id)] : [asc(pa.at), asc(pa.id)]))
      .limit(pageSize);
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    last = rows.at(-1);
  }
}
