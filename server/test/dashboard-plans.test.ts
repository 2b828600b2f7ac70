import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_SQL } from '../src/dashboard/dashboardRepo';
import { inTransaction } from '../src/db/client';
import { rawAll, rawRun, toPgText } from '../src/db/rows';
import { describeSqliteOnly, TEST_ENGINE } from './engine/testDatabase';
import { appendBulkTrail } from './factories/auditTrail';
import { makeTestApp, type TestApp } from './harness';

/**
 * The dashboards must stay instant at millions of audit events (issue 11: p99 < 50 ms at 2,000,000), and a
 * missing index only shows at scale. So each dashboard statement is planned here with EXPLAIN QUERY PLAN: none
 * may scan a table (only the tiny staff table may be read by id), and none but "my last actions" reads the trail
 * itself: the charts read the per-day counters.
 */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const PARAMS: Record<keyof typeof DASHBOARD_SQL, unknown[]> = {
  myOpenCases: [1, 10],
  myOpenCaseCount: [1],
  myCodesSent: [1, 0, 10],
  myAwaitingConfirmation: [1, 0, 10],
  myLastActions: [1, 0, 10],
  actionsPerDay: [20_000, 20_014],
  lockedNow: [],
  unlocksByReason: [20_000, 20_014],
  pendingApprovalCount: [0],
  pendingApprovals: [0, 5],
  frozenCount: [],
  frozen: [5],
  lookupsAndCases: [20_000, 20_007],
  refusedLookupsPerDay: [20_000, 20_007],
};

const plan = (sql: string, params: unknown[]) =>
  (t.deps.sqlite!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
    (r) => r.detail,
  );
// Walking a partial index is reading exactly the rows asked for (the frozen, open cases), not a scan.
const PARTIAL_INDEXES = ['cases_frozen_open'];
const scans = (lines: string[]) =>
  lines.filter(
    (l) => /^SCAN (?!CONSTANT ROW)/.test(l) && !PARTIAL_INDEXES.some((i) => l.endsWith(`INDEX ${i}`)),
  );

describeSqliteOnly(
  'dashboard query plans',
  'EXPLAIN QUERY PLAN of the SQLite statements of DASHBOARD_SQL',
  () => {
    it('when the checker meets a statement that scans, then it reports it (the test can fail)', () => {
      expect(scans(plan('SELECT count(*) FROM audit_events WHERE reason = ?', ['x']))).not.toEqual([]);
      expect(scans(plan("SELECT count(*) FROM cases WHERE status = 'open'", []))).not.toEqual([]);
    });

    it('when each dashboard statement is planned over a real trail, then each seeks an index and only "my last actions" touches audit_events', async () => {
      await appendBulkTrail(t, 3_000);
      t.deps.sqlite!.exec('ANALYZE');
      for (const [name, sql] of Object.entries(DASHBOARD_SQL)) {
        const lines = plan(sql, PARAMS[name as keyof typeof DASHBOARD_SQL]);
        const text = `${name}\n${lines.join('\n')}`;
        expect(scans(lines), text).toEqual([]);
        expect(lines.join('\n'), text).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
        if (name === 'myLastActions')
          // The partial index of actions only: the member's lookups and views are not walked past.
          expect(lines.join('\n'), text).toMatch(/audit_events USING INDEX audit_events_actor_actions\b/);
        else expect(sql, name).not.toMatch(/\baudit_events\b/);
      }
    });
  },
);

if (TEST_ENGINE === 'pg')
  describe('dashboard query plans on PostgreSQL', () => {
    it('when each dashboard statement is EXPLAINed with sequential scans priced out, then none has to scan a table but the tiny staff table', async () => {
      await appendBulkTrail(t, 3_000);
      // A Seq Scan left with enable_seqscan off is one that no index can replace.
      const explain = (sql: string, params: unknown[]) =>
        inTransaction(t.deps.db, async (tx) => {
          await rawRun(tx, { sqlite: '', pg: 'SET LOCAL enable_seqscan = off' });
          const rows = await rawAll<{ 'QUERY PLAN': string }>(
            tx,
            { sqlite: '', pg: `EXPLAIN ${toPgText(sql)}` },
            params,
          );
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      // The checker can fail: nothing indexes a reason.
      expect(await explain('SELECT count(*) FROM audit_events WHERE reason = ?', ['x'])).toMatch(
        /Seq Scan on audit_events/,
      );
      for (const [name, sql] of Object.entries(DASHBOARD_SQL)) {
        const text = await explain(sql, PARAMS[name as keyof typeof DASHBOARD_SQL]);
        expect(text, `${name}\n${text}`).not.toMatch(/Seq Scan on (?!staff\b)/);
      }
    });
  });
