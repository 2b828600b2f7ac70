import type { AppDeps } from '../deps';
import { currentUser } from '../http/context';
import { AGENTS_AND_SUPERVISORS, defineRoutes, SUPERVISORS } from '../http/routes';
import {
  actionsPerDay,
  agentDashboard,
  locksAndUnlocks,
  lookupOutliers,
  supervisorQueues,
} from './dashboard';

/** The dashboards' aggregate reads (docs/design.md, Dashboards); each tile asks its own, so one slow tile waits alone. */
export function dashboardRoutes(deps: AppDeps) {
  return defineRoutes([
    {
      method: 'get',
      path: '/dashboard/agent',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => agentDashboard(deps, currentUser(req)),
    },
    { method: 'get', path: '/dashboard/actions', access: SUPERVISORS, handler: () => actionsPerDay(deps) },
    { method: 'get', path: '/dashboard/locks', access: SUPERVISORS, handler: () => locksAndUnlocks(deps) },
    { method: 'get', path: '/dashboard/queues', access: SUPERVISORS, handler: () => supervisorQueues(deps) },
    { method: 'get', path: '/dashboard/lookups', access: SUPERVISORS, handler: () => lookupOutliers(deps) },
  ]);
}
