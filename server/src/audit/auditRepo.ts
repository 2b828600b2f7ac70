import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  lte,
  type SQL,
  sql,
} from 'drizzle-orm';
import { searchWords } from '../db/auditWords';
import type { DbOrTx } from '../db/client';
import type { PgDb, PgDbOrTx } from '../db/pg';
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
 * How many of the newest events a free-text search mixed with another filter reads row by row on
 * PostgreSQL before the planner's own plan (auditListQueriesPg `recent`). Computing a row's words costs
 * 10-20 µs on a busy 2-core box, so the walk costs at most ~5-10 ms, and it serves any word in 5% or more
 * of recent events. Words alone never take it: they walk the word index by block (pgWordWalk).
 */
export const AUDIT_TEXT_WALK = 500;

/**
 * Ids per block in the word index's first column, `id / 4096` (drizzle/pg/0017_audit_words_by_block.sql,
 * which must say the same number). A word AND one block is answered by GIN skipping through the word's
 * postings to that block: for a block without the word 20 µs (a rare word) to 65 µs (a common one: a page
 * of its postings decoded) at 2,166,474 events, load 1-3, plus ~0.5-2 µs per matching row fetched.
 * Smaller blocks cost more blocks to cross a gap; larger ones fetch more rows of a common word past the
 * page (a block of "account" is 3,725 rows, 2-3 ms).
 */
export const AUDIT_WORD_BLOCK = 4096;

/** Blocks the text walk reads from the trail's newest (oldest) end before it weighs the rest. */
export const AUDIT_WORD_FIRST_BLOCKS = 16;

/**
 * Blocks walked past the first for several common words before the rest is read through the word index
 * alone (wordSearchPg): words that meet are found within them, words that never meet cost no more.
 */
export const AUDIT_WORD_PAIR_BLOCKS = 48;

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
     * Free text mixed with another filter: the page among the newest AUDIT_TEXT_WALK events only (the
     * oldest, oldest first), read in id order and stopping at the page's last row. A full page here is the
     * page; otherwise `page` (pgListStatements). Words alone take pgWordWalk instead.
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

/** The word index's block of an event: its first column's expression, word for word. */
const wordBlock = sql.raw(`"audit_events"."id" / ${AUDIT_WORD_BLOCK}`);

/**
 * The free text's words as the word index's conditions, one per word (the rows pgWhere's one tsquery
 * finds): one GIN scan key per word, each skipping to the block's and the others' next posting (a block
 * of "view unlocking", words that never meet: 0.37 ms, 0.56 ms as one tsquery), and one estimate each
 * (pgWordsAllListed).
 */
function pgWordConditions(f: AuditFilter): SQL[] {
  const text = f.q ? tsWordsQuery(f.q) : null;
  if (!text) throw new Error('no words to search');
  return text.split(' & ').map((word) => sql`${auditEventWords} @@ to_tsquery('simple', ${word})`);
}
const pgWords = (f: AuditFilter): SQL => and(...pgWordConditions(f))!;

/** Every column of an event under its property name, so raw rows read as drizzle's (bigints as numbers, db/pg.ts). */
const EVENT_COLUMNS = sql.join(
  Object.entries(getTableColumns(pa)).map(([key, column]) => sql`${column} AS ${sql.identifier(key)}`),
  sql`, `,
);

/** One walk's answer: where it stopped, what it counted, the page's ids so far, and their rows when found. */
type WordWalkRow = AuditEvent & {
  next: number | null;
  end: number | null;
  seen: number | null;
  ids: string[];
};

/**
 * Free text alone on PostgreSQL: one statement that reads the word index block by block from the
 * trail's newest end (its oldest, oldest first), each block one GIN AND of the words and `id / 4096`
 * (drizzle/pg/0017), and stops once `cap` matches are counted, after `blocks` blocks (null: no bound) or
 * at the trail's other end. Each block's matches are counted and, while the page is not full, their first
 * ids kept; a block without the word costs 20-70 µs and reads no row. Starts at block `from` (null: the
 * trail's end). Answers one row per event of the page when the walk found all `need` ids (else one row
 * without an event), each with where the walk stopped (`next`: the next block to read, null for an empty
 * trail; `end`: the trail's last block), the matches counted in the blocks read (`seen`, the last block
 * counted whole, so it may pass the cap) and the first `need` ids in the list's order (`ids`).
 *
 * Each block's read is under a `LIMIT` the planner cannot read ahead, `(SELECT 4096)` (the block's size:
 * no block holds more), which it prices at a tenth of the rows: a recursive statement is costed as ten
 * rounds of its step, so a common word's walk was estimated at 119,888, past jit_above_cost (100,000), and
 * compiling it took 25-95 ms of a 3 ms walk ("account"; 12,694 with this LIMIT, no JIT).
 */
export function pgWordWalk(
  db: PgDbOrTx,
  q: AuditListQuery,
  walk: { from: number | null; blocks: number | null; need: number; cap: number; rows: boolean },
) {
  const newest = q.order !== 'asc';
  const dir = sql.raw(newest ? 'DESC' : 'ASC');
  const trailEnd = (end: 'max' | 'min') =>
    sql`(SELECT ${sql.raw(end)}(id) FROM audit_events) / ${sql.raw(String(AUDIT_WORD_BLOCK))}`;
  const start = walk.from === null ? trailEnd(newest ? 'max' : 'min') : sql`${walk.from}`;
  const end = trailEnd(newest ? 'min' : 'max');
  return db.execute<WordWalkRow>(sql`
    WITH RECURSIVE walk(b, k, seen, ids) AS (
      SELECT (${start})::bigint, 0, 0::bigint, '{}'::bigint[]
      UNION ALL
      SELECT w.b ${sql.raw(newest ? '-' : '+')} 1, w.k + 1, w.seen + s.n, s.ids
      FROM walk w CROSS JOIN LATERAL (
        SELECT count(*) AS n,
          (array_agg(m.id ORDER BY m.id ${dir}))[1:greatest(${walk.need}::int - w.seen, 0)::int] AS ids
        FROM (SELECT ${pa.id} FROM ${pa} WHERE ${pgWords(q.filter)} AND ${wordBlock} = w.b
              LIMIT (SELECT ${sql.raw(String(AUDIT_WORD_BLOCK))})) m
      ) s
      WHERE w.seen < ${walk.cap}::bigint AND w.b ${sql.raw(newest ? '>=' : '<=')} ${end}
        ${walk.blocks === null ? sql`` : sql`AND w.k < ${walk.blocks}::int`}
    ),
    found AS (
      SELECT (SELECT b FROM walk ORDER BY k DESC LIMIT 1) AS next, ${end} AS "end", max(seen) AS seen,
        (SELECT coalesce(array_agg(i ORDER BY i ${dir}), '{}') FROM walk, unnest(walk.ids) i) AS ids
      FROM walk
    )
    ${
      walk.rows
        ? sql`SELECT f.next, f."end", f.seen, f.ids, e.*
          FROM found f LEFT JOIN LATERAL (
            SELECT ${EVENT_COLUMNS} FROM ${pa}
            WHERE cardinality(f.ids) >= ${walk.need}::int
              AND ${pa.id} = ANY(f.ids[${q.offset + 1}::int:${walk.need}::int])
          ) e ON true
          ORDER BY e.id ${dir}`
        : sql`SELECT * FROM found`
    }`);
}

/**
 * Free text alone, the blocks from `from` to the trail's end read through the word index alone: every
 * posting of the words (the whole list, whatever its order) and the rows at most `rest` matches. For a
 * word with few postings this is cheaper than walking the blocks left; `ids` are the first `need` in the
 * list's order only when fewer than `rest` matched (all were read). Run under pgWordIndexSettings.
 */
export function pgWordIndexBeyond(
  db: PgDbOrTx,
  q: AuditListQuery,
  beyond: { from: number; need: number; rest: number },
) {
  const newest = q.order !== 'asc';
  // `id + 0`: only the word index can find these rows, never the primary key walked computing words.
  const within = newest
    ? sql`${pa.id} + 0 < ${(beyond.from + 1) * AUDIT_WORD_BLOCK}`
    : sql`${pa.id} + 0 >= ${beyond.from * AUDIT_WORD_BLOCK}`;
  return db.execute<{ n: number; ids: string[] }>(sql`
    SELECT count(*) AS n,
      coalesce((array_agg(m.id ORDER BY m.id ${sql.raw(newest ? 'DESC' : 'ASC')}))[1:${beyond.need}::int], '{}') AS ids
    FROM (SELECT ${pa.id} FROM ${pa} WHERE ${pgWords(q.filter)} AND ${within} LIMIT ${beyond.rest}) m`);
}

/**
 * The settings pgWordIndexBeyond runs under (its transaction's): no sequential scan, the planner's one
 * other plan (computing every row's words until `rest` match), no parallel workers (their start-up is
 * most of a small read on two busy cores). No JIT is the pool's own setting (db/pg.ts).
 */
export const pgWordIndexSettings = sql`SELECT set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;

/**
 * A lexeme no event holds: the indexed text has every `.` turned into a space (db/pgSearch.ts). The
 * planner's estimate for it is its estimate for any word its statistics do not list.
 */
const UNLISTED_WORD = "'no.such.word'";

/**
 * Whether the planner's statistics list every word of the free text among the trail's common ones: its
 * estimate of each word's matches (never exact) against its estimate for a word it does not know. A word
 * they do not list has few postings (it would be listed otherwise, unless it came after the last ANALYZE;
 * a new index has no statistics until analysed, which migration 0017 does),
 * so the word index reads them all at once for less than walking the blocks left.
 */
async function pgWordsAllListed(db: PgDbOrTx, q: AuditListQuery): Promise<boolean> {
  const key = tsWordsQuery(q.filter.q ?? '')!;
  const known = listedWords.get(key);
  if (known && known.until > Date.now()) return known.listed;
  if (listedWords.size >= LISTED_WORDS_KEPT) listedWords.clear();
  const listed = await estimateWordsListed(db, q);
  listedWords.set(key, { listed, until: Date.now() + LISTED_WORDS_MS });
  return listed;
}

/**
 * pgWordsAllListed's answers, kept a minute per process: planning the estimate is 0.4-1.2 ms (the words'
 * statistics sorted and searched), as much as the walk it chooses for a word searched again (the next
 * page, another supervisor). Statistics change at ANALYZE, and a stale answer only picks the slower read.
 */
const listedWords = new Map<string, { listed: boolean; until: number }>();
const LISTED_WORDS_MS = 60_000;
const LISTED_WORDS_KEPT = 1_000;

async function estimateWordsListed(db: PgDbOrTx, q: AuditListQuery): Promise<boolean> {
  type Plan = { 'Plan Rows': number; Plans?: Plan[] };
  const probes = [
    ...pgWordConditions(q.filter),
    sql`${auditEventWords} @@ to_tsquery('simple', ${UNLISTED_WORD})`,
  ].map((word) => sql`(SELECT 1 FROM ${pa} WHERE ${word})`);
  const { rows } = await db.execute<{ 'QUERY PLAN': [{ Plan: Plan }] }>(
    sql`EXPLAIN (FORMAT JSON) ${sql.join(probes, sql` UNION ALL `)}`,
  );
  const estimates = rows[0]!['QUERY PLAN'][0].Plan.Plans!.map((p) => p['Plan Rows']);
  const unlisted = estimates.pop()!;
  return estimates.every((e) => e > unlisted);
}

/**
 * Free text alone on PostgreSQL: the page and the capped count, both exactly those of the plain
 * statements (auditListQueriesPg page and count). First AUDIT_WORD_FIRST_BLOCKS blocks from the trail's
 * end (a word common among recent events ends there, in one statement); then, if not done, the rest
 * either through the word index alone (a word the planner's statistics do not list: a rare word, an
 * absent one) or walked on block by block (a common word absent from the newest events: "unlocking").
 * The statistics only choose the cheaper read; both are exact.
 */
async function wordSearchPg(db: PgDbOrTx, q: AuditListQuery, cap: number) {
  const need = q.offset + q.limit;
  const newest = q.order !== 'asc';
  const walk = async (from: number | null, blocks: number | null, want: number, upTo: number) => {
    const rows = (await pgWordWalk(db, q, { from, blocks, need: want, cap: upTo, rows: from === null })).rows;
    const r = rows[0]!;
    return {
      next: r.next === null ? null : Number(r.next),
      end: r.end === null ? null : Number(r.end),
      seen: Number(r.seen ?? 0),
      ids: r.ids.map(Number),
      events: rows
        .filter((e) => e.id !== null && e.id !== undefined)
        .map(({ next: _n, end: _e, seen: _s, ids: _i, ...e }) => e as AuditEvent),
    };
  };
  const first = await walk(null, AUDIT_WORD_FIRST_BLOCKS, need, cap);
  let { seen, ids, next } = first;
  const { end } = first;
  const left = () =>
    next === null || end === null ? 0 : Math.max(0, newest ? next - end + 1 : end - next + 1);
  /** The blocks from `next` on, walked: at most `blocks` of them (null: to the cap or the trail's end). */
  const walkOn = async (blocks: number | null, want: number, upTo: number) => {
    const more = await walk(next, blocks, want, upTo);
    ids = ids.concat(more.ids);
    next = more.next;
    return more.seen;
  };
  /** The blocks from `next` on, through the word index alone. */
  const readRest = async () => {
    const rest = cap - seen;
    const beyond = await (db as PgDb).transaction(async (tx) => {
      await tx.execute(pgWordIndexSettings);
      return (await pgWordIndexBeyond(tx, q, { from: next!, need: need - ids.length, rest })).rows[0]!;
    });
    const n = Number(beyond.n);
    seen += n;
    if (n < rest) ids = ids.concat(beyond.ids.map(Number));
    // The count is reached and the page is not: its rows are the next blocks' first.
    else if (ids.length < need) await walkOn(null, need - ids.length, need - ids.length);
  };
  if (seen < cap && left() > 0) {
    // A word the statistics do not list: its few postings at once ("refund", an account number: 0.1-0.3
    // ms), where walking on would read every block left (20 µs each, 10 ms at 2,166,474 events).
    if (!(await pgWordsAllListed(db, q))) await readRest();
    else if (pgWordConditions(q.filter).length === 1)
      // One common word: its matches are spread as its statistics say, so the walk ends soon after
      // the newest blocks without it ("unlocking": 45 blocks, 2.2 ms; "reveal", 40,212 postings at
      // once: 20 ms).
      seen += await walkOn(null, need - ids.length, cap - seen);
    else {
      // Common words that may never meet ("view unlocking"): a block of them costs ~170 µs (the
      // words' postings skipped through, 90 ms for the whole trail), their whole postings at once
      // 14-18 ms. Walked as far as a pair that does meet takes ("unlocking phone": 46 blocks), then read.
      seen += await walkOn(AUDIT_WORD_PAIR_BLOCKS, need - ids.length, cap - seen);
      if (seen < cap && left() > 0) await readRest();
    }
  }
  const total = Math.min(seen, cap);
  if (first.ids.length >= need) return { rows: first.events, total };
  const page = ids.slice(q.offset, need);
  const rows = page.length
    ? ((await db
        .select()
        .from(pa)
        .where(inArray(pa.id, page))
        .orderBy((newest ? desc : asc)(pa.id))) as AuditEvent[])
    : [];
  return { rows, total };
}

function pgListStatements(db: PgDbOrTx, q: AuditListQuery): ListStatements {
  const s = auditListQueriesPg(db, q);
  let counted: Promise<number> | undefined;
  // Run once: the text page may need it first, and listAuditEvents then reads the same total.
  const count = () => {
    counted ??= s.count.then((r) => Number(r[0]!.n));
    return counted;
  };
  if (s.recent && countWalksOnlyMatches(q.filter)) {
    // Words alone: the page and the count come from one walk of the word index.
    let searched: ReturnType<typeof wordSearchPg> | undefined;
    const search = () => {
      searched ??= wordSearchPg(db, q, s.cap);
      return searched;
    };
    return {
      page: async () => (await search()).rows,
      count: async () => (await search()).total,
      cap: s.cap,
    };
  }
  return {
    page: async () => {
      if (s.recent) {
        // The newest events' first matches are the list's first matches: a full page is exact.
        const rows = (await s.recent) as AuditEvent[];
        if (rows.length === q.limit) return rows;
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
