import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_COUNT_CAP,
  AUDIT_MAX_OFFSET,
  AUDIT_WORD_BLOCK,
  AUDIT_WORD_FIRST_BLOCKS,
  type AuditFilter,
  type AuditListQuery,
  auditListQueriesPg,
  auditListStatements,
  countWalksOnlyMatches,
  ftsQuery,
  listAuditEvents,
  sortServedByIndex,
  tsWordsQuery,
} from '../src/audit/auditRepo';
import { inTransaction } from '../src/db/client';
import type { PgDb } from '../src/db/pg';
import { rawAll, rawRun } from '../src/db/rows';
import { itSqliteOnly, TEST_ENGINE } from './engine/testDatabase';
import { appendBulkTrail } from './factories/auditTrail';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * better-sqlite3 is synchronous: one slow list query freezes every agent's request. So each audit list
 * request's work is bounded whatever the supervisor asks: the count stops at the cap (and is skipped when
 * the page ends the list), a sort no index serves runs only on few matches, pages start at most
 * AUDIT_MAX_OFFSET in, and free text reads whole-word doclists lazily instead of merging prefixes.
 */

// More rows than the cap, so "too many to sort" and "at least" are both reachable.
const TRAIL = AUDIT_COUNT_CAP + 1_500;
let t: TestApp;

beforeAll(async () => {
  t = makeTestApp();
  await appendBulkTrail(t, TRAIL, 0);
}, 120_000);
afterAll(() => t.close());

const list = async (query: { filter?: AuditFilter; sort?: [string, string]; range?: [number, number] }) => {
  const sup = await signedIn(t, 'supervisor');
  const params = new URLSearchParams();
  if (query.filter) params.set('filter', JSON.stringify(query.filter));
  if (query.sort) params.set('sort', JSON.stringify(query.sort));
  if (query.range) params.set('range', JSON.stringify(query.range));
  return sup.get(`/api/audit-events?${params}`);
};

// Case 7's rows: i % 7 === 0 and i % 50 === 6 in the bulk trail, a few with every action.
const CASE_7 = { caseId: 7 };

describe('audit list: bounded work per request', () => {
  it('when the count is capped, then Content-Range says at least the cap, and the console reads the "+"', async () => {
    const res = await list({ range: [0, 24] });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe(`audit-events 0-24/${AUDIT_COUNT_CAP}+`);
  });

  it('when a page ends the list, then its total is exact, and a page past the end still counts', async () => {
    const first = await list({ filter: CASE_7, range: [0, 99] });
    expect(first.status).toBe(200);
    const n = (first.body as unknown[]).length;
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(100);
    expect(first.headers['content-range']).toBe(`audit-events 0-${n - 1}/${n}`);
    // The last row alone, then nothing: both still know the list holds n rows.
    expect((await list({ filter: CASE_7, range: [n - 1, n + 23] })).headers['content-range']).toBe(
      `audit-events ${n - 1}-${n - 1}/${n}`,
    );
    const past = await list({ filter: CASE_7, range: [n + 50, n + 74] });
    expect(past.body).toEqual([]);
    expect(past.headers['content-range']).toBe(`audit-events ${n + 50}-${n + 50}/${n}`);
  });

  it('when a full page matches a mix of filters no one index answers, then its total is "at least" without counting; a short page is exact', async () => {
    // Actor 1's successes: one index holds the actor, the outcome is read row by row.
    const mix = { actorId: 1, outcome: 'success' as const };
    expect(countWalksOnlyMatches(mix)).toBe(false);
    const full = await list({ filter: mix, range: [25, 49] });
    expect(full.status).toBe(200);
    expect(full.body).toHaveLength(25);
    expect(full.headers['content-range']).toBe('audit-events 25-49/50+');
    // Case 7 with its own outcome is a short page: the list ends there, so the total is exact.
    const caseRows = (await list({ filter: CASE_7, range: [0, 99] })).body as { outcome: string }[];
    const outcome = caseRows[0]!.outcome as 'success';
    const short = await list({ filter: { ...CASE_7, outcome }, range: [0, 99] });
    const n = caseRows.filter((e) => e.outcome === outcome).length;
    expect(short.headers['content-range']).toBe(`audit-events 0-${n - 1}/${n}`);
    // One index answers these whole, so they are still counted to the cap.
    for (const exact of [{ actorId: 1, from: 0 }, { targetType: 'account', targetId: '42' }, { q: 'refund' }])
      expect(countWalksOnlyMatches(exact), JSON.stringify(exact)).toBe(true);
    expect(countWalksOnlyMatches({ q: 'refund', from: 0 })).toBe(false);
  });

  it('when a sort no index serves meets few matches, then the page is sorted; with more than the cap, a 400 names the sort', async () => {
    // Ten rows by id: the bulk trail's actions cycle, so they hold several.
    const ten = { id: Array.from({ length: 10 }, (_, i) => i + 1) };
    const few = await list({ filter: ten, sort: ['action', 'ASC'], range: [0, 99] });
    expect(few.status).toBe(200);
    const actions = (few.body as { action: string }[]).map((e) => e.action);
    expect(new Set(actions).size).toBeGreaterThan(1);
    expect(actions).toEqual([...actions].sort());

    const many = await list({ filter: { outcome: 'success' }, sort: ['actorUsername', 'DESC'] });
    expect(many.status).toBe(400);
    expect(many.body.errors).toHaveProperty('sort');
    expect(many.body.errors.sort).toContain(String(AUDIT_COUNT_CAP));

    // A mix of filters is not counted to decide (the count could walk the whole index): refused too.
    const mix = await list({ filter: { caseId: 7, outcome: 'success' }, sort: ['action', 'ASC'] });
    expect(mix.status).toBe(400);
    expect(mix.body.errors).toHaveProperty('sort');

    // A sort an index serves is never refused, however many rows match.
    const indexed = await list({ sort: ['action', 'DESC'] });
    expect(indexed.status).toBe(200);
    expect(indexed.headers['content-range']).toBe(`audit-events 0-24/${AUDIT_COUNT_CAP}+`);
  });

  it('when a page starts deeper than the offset bound, then a 400 names the range; at the bound it answers', async () => {
    const deep = await list({ range: [AUDIT_MAX_OFFSET + 1, AUDIT_MAX_OFFSET + 25] });
    expect(deep.status).toBe(400);
    expect(deep.body.errors).toHaveProperty('range');
    const atBound = await list({ range: [AUDIT_MAX_OFFSET, AUDIT_MAX_OFFSET + 24] });
    expect(atBound.status).toBe(200);
  });

  it("when searching words, then each is a whole word on both engines: a word's beginning alone finds nothing", async () => {
    expect(ftsQuery('Refund unlock')).toBe('"Refund" "unlock"');
    expect(tsWordsQuery('Refund sign_in')).toBe("'refund' & 'sign' & 'in'");
    const whole = await list({ filter: { q: 'refund' }, range: [0, 4] });
    expect(whole.status).toBe(200);
    expect(whole.body).toHaveLength(5);
    const part = await list({ filter: { q: 'refun' }, range: [0, 4] });
    expect(part.status).toBe(200);
    expect(part.body).toEqual([]);
    expect(part.headers['content-range']).toBe('audit-events 0-0/0');
  });
});

const query = (filter: AuditFilter, sort: AuditListQuery['sort']): AuditListQuery => ({
  filter,
  sort,
  order: 'desc',
  offset: 0,
  limit: 25,
});

describe('audit list: which sorts an index serves', () => {
  // sortServedByIndex decides which sorts may run on any number of matches; the plan must agree with it
  // both ways (a served sort never sorts, an unserved one would), or the bound is wrong.
  const CASES: [AuditFilter, AuditListQuery['sort']][] = [
    [{}, 'at'],
    [{}, 'id'],
    [{}, 'action'],
    [{}, 'outcome'],
    [{}, 'actorUsername'],
    [{ action: 'account.view' }, 'action'],
    [{ outcome: 'denied' }, 'outcome'],
    [{ actorId: 3 }, 'id'],
    [{ actorId: 3 }, 'action'],
    [{ outcome: 'denied' }, 'action'],
    [{ action: 'account.view' }, 'outcome'],
    [{ caseId: 7 }, 'actorUsername'],
  ];
  for (const [filter, sort] of CASES)
    itSqliteOnly(
      `when sorted by ${sort} with ${JSON.stringify(filter)}, then the plan sorts exactly when sortServedByIndex says no index serves it`,
      'EXPLAIN QUERY PLAN of SQLite statements; PostgreSQL refuses the same pairs through the same rule',
      () => {
        const q = query(filter, sort);
        const s = auditListStatements(q);
        const plan = (
          t.deps.sqlite!.prepare(`EXPLAIN QUERY PLAN ${s.page.sql}`).all(...s.page.params) as {
            detail: string;
          }[]
        ).map((r) => r.detail);
        const sorts = plan.some((line) => /TEMP B-TREE/.test(line));
        expect(sorts, plan.join('\n')).toBe(!sortServedByIndex(q));
      },
    );
});

// PostgreSQL's (outcome, at) index holds no id, so the list's (at, id) order over it is a sort, and at two
// million events the planner walked the time index instead, testing each row's outcome: the newest 64,650
// rows of the bench trail held no denied event (54-90 ms). The page's ids now come from
// audit_events_outcome_other (outcome, at, id) alone (drizzle/pg/0016_audit_outcome_other_index.sql).
/** db/pgSearch.ts auditEventWords, as plain SQL (drizzle/pg/0014_audit_words_split.sql). */
const WORDS_SQL = `to_tsvector('simple', translate(coalesce(reason, '') || ' ' || coalesce(actor_username, '') || ' ' || action || ' ' || coalesce(target_id, ''), '._-:/@', '      '))`;

if (TEST_ENGINE === 'pg')
  describe('audit list on PostgreSQL: an outcome or a word reads about a page, however the trail is spread', () => {
    type PlanNode = {
      'Node Type': string;
      'Index Name'?: string;
      'Actual Rows': number;
      'Actual Loops': number;
      'Rows Removed by Filter'?: number;
      Plans?: PlanNode[];
    };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    // The bench trail's shape: outcomes and reasons mixed in older rows, then a tail of newer rows that are
    // all successes without a reason (the bench run's own lookups and views), so a walk of the time index
    // (or of the ids) testing each row reads the whole tail before its first denied event or "unlock". The
    // tail is longer than the blocks the word walk reads first, so a word absent from it takes the rest.
    const TAIL = (AUDIT_WORD_FIRST_BLOCKS + 1) * AUDIT_WORD_BLOCK;
    let pgApp: TestApp;
    beforeAll(async () => {
      pgApp = makeTestApp();
      await appendBulkTrail(pgApp, 2_000, 0);
      await rawRun(
        pgApp.deps.db,
        `INSERT INTO audit_events (at, action, outcome, prev_hash, hash)
         SELECT 10000 + g, 'account.view', 'success', 'tail-' || g, 'tail' FROM generate_series(1, ${TAIL}) g`,
      );
      // Statistics as at millions of events, where only the trail's commonest words are listed (at
      // 2,166,474 events "refund" is not; here, with a few hundred distinct words, every one would be).
      await rawRun(pgApp.deps.db, {
        sqlite: '',
        pg: 'ALTER INDEX audit_events_words ALTER COLUMN 2 SET STATISTICS 1',
      });
      await rawRun(pgApp.deps.db, 'VACUUM ANALYZE audit_events');
    }, 120_000);
    afterAll(() => pgApp.close());
    const analyze = (statement: { toSQL(): { sql: string; params: unknown[] } }) =>
      inTransaction(pgApp.deps.db, async (tx) => {
        const { sql, params } = statement.toSQL();
        // The question is the plan at millions of rows, where a scan of the table is no option.
        await rawRun(tx, { sqlite: '', pg: 'SET LOCAL enable_seqscan = off' });
        const [row] = await rawAll<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          tx,
          { sqlite: '', pg: `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}` },
          params,
        );
        return nodes(row!['QUERY PLAN'][0].Plan);
      });

    for (const outcome of ['denied', 'error'] as const)
      it(`when the list is filtered by outcome ${outcome}, then the page's ids come from the outcome index alone and no step reads or sorts more than a page`, async () => {
        const q = { ...query({ outcome }, 'at'), offset: 25 };
        const s = auditListQueriesPg(pgApp.deps.db as unknown as PgDb, q);
        const plan = await analyze(s.page);
        const described = plan.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''} ${n['Actual Rows']}`);
        expect(
          plan.some(
            (n) => n['Node Type'] === 'Index Only Scan' && n['Index Name'] === 'audit_events_outcome_other',
          ),
          described.join('\n'),
        ).toBe(true);
        // Rows read per loop, kept or filtered out: the page and the rows skipped to reach it (offset 25),
        // never the outcome's every row (a Sort over them, or a walk of the time index testing each).
        for (const n of plan)
          expect(
            n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0),
            described.join('\n'),
          ).toBeLessThanOrEqual(q.offset + q.limit);
        // The same rows in the same order as the whole query run plainly.
        const rows = (await s.page) as { id: number; at: number; outcome: string }[];
        const plain = await rawAll<{ id: number }>(
          pgApp.deps.db,
          'SELECT id FROM audit_events WHERE outcome = ? ORDER BY at DESC, id DESC LIMIT 25 OFFSET 25',
          [outcome],
        );
        expect(rows.map((r) => r.id)).toEqual(plain.map((r) => r.id));
        expect(rows).toHaveLength(25);
      });
    // Words alone walk the word index by block (auditRepo.ts pgWordWalk, drizzle/pg/0017): every word's
    // page and capped count must be exactly the plain statements', whichever read the walk takes.
    const plainPage = async (words: string, order: 'asc' | 'desc', offset: number) => {
      const text = tsWordsQuery(words)!;
      const cap = Math.max(AUDIT_COUNT_CAP, offset + 25) + 1;
      return inTransaction(pgApp.deps.db, async (tx) => {
        await rawRun(tx, { sqlite: '', pg: 'SET LOCAL enable_indexscan = off' });
        const ids = await rawAll<{ id: number }>(
          tx,
          {
            sqlite: '',
            pg: `SELECT id FROM audit_events WHERE ${WORDS_SQL} @@ to_tsquery('simple', ?) ORDER BY id ${order} LIMIT 25 OFFSET ?`,
          },
          [text, offset],
        );
        const [{ n }] = (await rawAll<{ n: number }>(
          tx,
          {
            sqlite: '',
            pg: `SELECT count(*) AS n FROM (SELECT 1 FROM audit_events WHERE ${WORDS_SQL} @@ to_tsquery('simple', ?) LIMIT ?) m`,
          },
          [text, cap],
        )) as [{ n: number }];
        return { ids: ids.map((r) => Number(r.id)), matches: Number(n), cap };
      });
    };

    /** Every statement a call sends to PostgreSQL, with the settings of the transaction it ran in. */
    const statementsOf = async (call: () => Promise<unknown>) => {
      const sent: { text: string; values: unknown[]; settings: string[] }[] = [];
      let settings: string[] | null = null;
      const query = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const first = args[0] as string | { text: string; values?: unknown[] };
        const text = typeof first === 'string' ? first : first.text;
        const values =
          (Array.isArray(args[1]) ? args[1] : typeof first === 'string' ? [] : first.values) ?? [];
        if (/^begin/i.test(text)) settings = [];
        else if (/^(commit|rollback)/i.test(text)) settings = null;
        else if (/set_config/.test(text)) settings?.push(text);
        else sent.push({ text, values, settings: [...(settings ?? [])] });
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      try {
        await call();
      } finally {
        pg.Client.prototype.query = query;
      }
      return sent;
    };
    const analyzeSent = (s: { text: string; values: unknown[]; settings: string[] }) =>
      inTransaction(pgApp.deps.db, async (tx) => {
        await rawRun(tx, { sqlite: '', pg: 'SET LOCAL enable_seqscan = off' });
        for (const setting of s.settings) await rawAll(tx, { sqlite: '', pg: setting }, []);
        const [row] = await rawAll<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          tx,
          { sqlite: '', pg: `EXPLAIN (ANALYZE, FORMAT JSON) ${s.text.replace(/\$\d+/g, '?')}` },
          s.values,
        );
        return nodes(row!['QUERY PLAN'][0].Plan);
      });

    const WORDS = ['unlock', 'account', 'view', 'refund', '42', 'caller unlock', 'bulk3', 'nosuchword'];
    it(`when words alone are searched (${WORDS.join(', ')}), either way and at any page, then the page and its total are exactly the plain statements'`, async () => {
      for (const words of WORDS)
        for (const order of ['desc', 'asc'] as const)
          for (const offset of [0, 25, 900]) {
            const q = { ...query({ q: words }, 'at'), order, offset };
            const got = await listAuditEvents(pgApp.deps.db, q);
            const plain = await plainPage(words, order, offset);
            const label = `${words} ${order} ${offset}`;
            expect(
              got.rows.map((r) => r.id),
              label,
            ).toEqual(plain.ids);
            // A short page ends the list (its total is where it ends), else the count capped as ever.
            const short = plain.ids.length < 25 && (plain.ids.length > 0 || offset === 0);
            expect({ total: got.total, capped: got.capped }, label).toEqual(
              short
                ? { total: offset + plain.ids.length, capped: false }
                : plain.matches >= plain.cap
                  ? { total: plain.cap - 1, capped: true }
                  : { total: plain.matches, capped: false },
            );
            expect(got.rows.every((r) => typeof r.id === 'number' && typeof r.at === 'number')).toBe(true);
          }
    }, 60_000);

    it("when a word is common in the trail but absent from its newest blocks, then no statement walks the primary key or the table computing words: only the word index's blocks and the page's rows are read", async () => {
      // The tail (AUDIT_WORD_FIRST_BLOCKS blocks and more) holds no "unlock": the newest-first plans this
      // replaces walked it row by row (the primary key, or AUDIT_TEXT_WALK rows then the planner's walk).
      const q = query({ q: 'unlock' }, 'at');
      const sent = await statementsOf(() => listAuditEvents(pgApp.deps.db, q));
      const plain = await plainPage('unlock', 'desc', 0);
      expect(plain.ids).toHaveLength(25);
      let blocksRead = 0;
      for (const s of sent.filter((x) => !/^\s*EXPLAIN/i.test(x.text))) {
        const plan = await analyzeSent(s);
        const described = plan
          .map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''} ${n['Actual Rows']}x${n['Actual Loops']}`)
          .join('\n');
        expect(described, s.text).not.toMatch(/Seq Scan/);
        // The primary key is read for the trail's ends (one row) and the page's rows by id, never walked.
        for (const n of plan.filter((x) => x['Index Name'] === 'audit_events_pkey'))
          expect(n['Actual Rows'], `${s.text}\n${described}`).toBeLessThanOrEqual(q.limit);
        // Rows are read only where the word index says the words are: never more than hold them.
        const heapRows = plan
          .filter((n) => n['Node Type'] === 'Bitmap Heap Scan')
          .reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0);
        expect(heapRows, described).toBeLessThanOrEqual(plain.matches);
        blocksRead += plan
          .filter((n) => n['Node Type'] === 'Bitmap Index Scan' && n['Index Name'] === 'audit_events_words')
          .reduce((sum, n) => sum + n['Actual Loops'], 0);
      }
      // Every block of the trail at most once (the tail's empty blocks included), not a row at a time.
      const [{ blocks }] = (await rawAll<{ blocks: number }>(
        pgApp.deps.db,
        { sqlite: '', pg: `SELECT max(id) / ${AUDIT_WORD_BLOCK} + 1 AS blocks FROM audit_events` },
        [],
      )) as [{ blocks: number }];
      expect(blocksRead).toBeGreaterThan(AUDIT_WORD_FIRST_BLOCKS);
      expect(blocksRead).toBeLessThanOrEqual(Number(blocks));
      expect((await listAuditEvents(pgApp.deps.db, q)).rows.map((r) => r.id)).toEqual(plain.ids);
    });

    it('when a word is rare and old (one the statistics do not list), then after the first blocks its few postings are read at once, never the blocks left', async () => {
      const q = query({ q: 'refund' }, 'at');
      const sent = await statementsOf(() => listAuditEvents(pgApp.deps.db, q));
      const plain = await plainPage('refund', 'desc', 0);
      expect(plain.matches).toBeLessThan(plain.cap);
      let blocksRead = 0;
      let heapRows = 0;
      for (const s of sent.filter((x) => !/^\s*EXPLAIN/i.test(x.text))) {
        const plan = await analyzeSent(s);
        expect(plan.map((n) => n['Node Type'])).not.toContain('Seq Scan');
        blocksRead += plan
          .filter((n) => n['Node Type'] === 'Bitmap Index Scan' && n['Index Name'] === 'audit_events_words')
          .reduce((sum, n) => sum + n['Actual Loops'], 0);
        heapRows += plan
          .filter((n) => n['Node Type'] === 'Bitmap Heap Scan')
          .reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0);
      }
      // The first blocks one by one, then the word index once for the rest.
      expect(blocksRead).toBe(AUDIT_WORD_FIRST_BLOCKS + 1);
      expect(heapRows).toBeLessThanOrEqual(plain.matches);
      expect((await listAuditEvents(pgApp.deps.db, q)).rows.map((r) => r.id)).toEqual(plain.ids);
    });

    it('when events are appended, then they enter the word index at once: no pending list for every block probe to read again', async () => {
      // GIN's fastupdate queues new entries in a list that each search reads whole; the word walk probes the
      // index once per block, so 5,000 queued events made a common-old word 80-90 ms a list instead of 9.5.
      const [index] = await rawAll<{ options: string[] | null }>(pgApp.deps.db, {
        sqlite: '',
        pg: "SELECT reloptions AS options FROM pg_class WHERE relname = 'audit_events_words'",
      });
      expect(index?.options).toContain('fastupdate=off');
    });

    it('when a word is common among the newest rows, then one statement reads the newest blocks of the word index and answers the page with its rows', async () => {
      const q = { ...query({ q: 'view' }, 'at'), offset: 25 };
      const sent = await statementsOf(() => listAuditEvents(pgApp.deps.db, q));
      expect(sent).toHaveLength(1);
      const plan = await analyzeSent(sent[0]!);
      const probes = plan.filter((n) => n['Node Type'] === 'Bitmap Index Scan');
      // The newest block, and the next only if the newest (partly filled) holds fewer than the cap.
      expect(probes.map((n) => n['Index Name'])).toEqual(['audit_events_words']);
      expect(probes[0]!['Actual Loops']).toBeLessThanOrEqual(2);
      const { rows, total, capped } = await listAuditEvents(pgApp.deps.db, q);
      expect(rows).toHaveLength(25);
      const ids = rows.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(rows.every((r) => r.action === 'account.view')).toBe(true);
      expect({ total, capped }).toEqual({ total: AUDIT_COUNT_CAP, capped: true });
    });
  });
