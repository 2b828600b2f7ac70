import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_COUNT_CAP,
  AUDIT_MAX_OFFSET,
  type AuditFilter,
  type AuditListQuery,
  auditListStatements,
  countWalksOnlyMatches,
  ftsQuery,
  sortServedByIndex,
  tsWordsQuery,
} from '../src/audit/auditRepo';
import { itSqliteOnly } from './engine/testDatabase';
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
