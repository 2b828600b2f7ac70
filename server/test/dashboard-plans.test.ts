import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_SQL } from '../src/dashboard/dashboardRepo';
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

describe('dashboard query plans', () => {
  it('when the checker meets a statement that scans, then it reports it (the test can fail)', () => {
    expect(scans(plan('SELECT count(*) FROM audit_events WHERE reason = ?', ['x']))).not.toEqual([]);
    expect(scans(plan("SELECT count(*) FROM cases WHERE status = 'open'", []))).not.toEqual([]);
  });

  it('when each dashboard statement is planned over a real trail, then each seeks an index and only "my last actions" touches audit_events', () => {
    appendBulkTrail(t, 3_000);
    t.deps.sqlite!.exec('ANALYZE');
    for (const [name, sql] of Object.entries(DASHBOARD_SQL)) {
      const lines = plan(sql, PARAMS[name as keyof typeof DASHBOARD_SQL]);
      const text = `${name}\n${lines.join('\n')}`;
      expect(scans(lines), text).toEqual([]);
      expect(lines.join('\n'), text).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
      if (name === 'myLastActions')
        expect(lines.join('\n'), text).toMatch(/audit_events USING INDEX audit_events_actor/);
      else expect(sql, name).not.toMatch(/\baudit_events\b/);
    }
  });
});
