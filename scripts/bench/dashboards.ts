import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import {
  actionsPerDay,
  agentDashboard,
  locksAndUnlocks,
  lookupOutliers,
  supervisorQueues,
} from '../../server/src/dashboard/dashboard';
import type { AppDeps } from '../../server/src/deps';
import { microsecondsAwaited } from './floors';
import { allAnswered, type LoadResult } from './load';
import type { Row } from './report';

/** Issue 11: every dashboard endpoint stays under 50 ms p99 at 2,000,000 audit events. */
export const DASHBOARD_P99_MS = 50;

/**
 * One row per dashboard endpoint: the HTTP run (autocannon, as the supervisor or the agent) and, as its floor,
 * the same domain function called in-process on a read connection (SQLite only: this process's tables
 * are SQLite's, so on PostgreSQL, sqlite null, the floor column stays empty).
 */
export async function dashboardRows(
  sqlite: Database.Database | null,
  run: (who: 'agent' | 'supervisor', path: string) => Promise<LoadResult>,
  httpRow: (scenario: string, r: LoadResult, extra: Partial<Row>) => Row,
  floor: number,
  agentId: number,
): Promise<Row[]> {
  const deps = (sqlite ? { db: drizzle(sqlite), sqlite, now: () => Date.now() } : null) as unknown as AppDeps;
  const endpoints: [string, 'agent' | 'supervisor', () => Promise<unknown>][] = [
    ['/api/dashboard/agent', 'agent', () => agentDashboard(deps, { id: agentId })],
    ['/api/dashboard/actions', 'supervisor', () => actionsPerDay(deps)],
    ['/api/dashboard/locks', 'supervisor', () => locksAndUnlocks(deps)],
    ['/api/dashboard/queues', 'supervisor', () => supervisorQueues(deps)],
    ['/api/dashboard/lookups', 'supervisor', () => lookupOutliers(deps)],
  ];
  const rows: Row[] = [];
  for (const [path, who, inProcess] of endpoints) {
    process.stderr.write(`bench: ${path}...\n`);
    const sqlUs = sqlite ? await microsecondsAwaited(inProcess, 300) : undefined;
    const r = await run(who, path);
    rows.push(
      httpRow(`GET ${path}`, r, {
        ofFloor: r.reqPerSec / floor,
        sqlUs,
        target: `p99 <= ${DASHBOARD_P99_MS} ms`,
        met: allAnswered(r) && r.p99 <= DASHBOARD_P99_MS,
      }),
    );
  }
  return rows;
}
