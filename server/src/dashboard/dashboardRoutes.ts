import type { AppDeps } from '../deps';
import { currentUser } from '../http/context';
import { AGENTS_AND_SUPERVISORS, defineRoutes, SUPERVISORS } from '../http/routes';
import { dashboardCache } from './answerCache';
import {
  actionsPerDay,
  agentDashboard,
  locksAndUnlocks,
  lookupOutliers,
  supervisorQueues,
} from './dashboard';

/** The dashboards' aggregate reads (docs/design.md, Dashboards); each tile asks its own, so one slow tile waits alone. */
export function dashboardRoutes(deps: AppDeps) {
  // One memo per app: answers are reused only while the trail has not moved (answerCache.ts).
  const cached = dashboardCache(deps);
  const tile =
    <T>(name: string, answer: (d: AppDeps) => Promise<T>) =>
    () =>
      cached(name, () => answer(deps));
  return defineRoutes([
    {
      method: 'get',
      path: '/dashboard/agent',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => {
        const me = currentUser(req);
        return cached(`agent:${me.id}`, () => agentDashboard(deps, me));
      },
    },
    {
      method: 'get',
      path: '/dashboard/actions',
      access: SUPERVISORS,
      handler: tile('actions', actionsPerDay),
    },
    { method: 'get', path: '/dashboard/locks', access: SUPERVISORS, handler: tile('locks', locksAndUnlocks) },
    {
      method: 'get',
      path: '/dashboard/queues',
      access: SUPERVISORS,
      handler: tile('queues', supervisorQueues),
    },
    {
      method: 'get',
      path: '/dashboard/lookups',
      access: SUPERVISORS,
      handler: tile('lookups', lookupOutliers),
    },
  ]);
}
