import { z } from 'zod';
import { SIGN_IN_OUTCOMES } from '../db/schema';
import type { AppDeps } from '../deps';
import { idList, parseListQuery, sendPage, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { transactionsForAgent } from './activity';
import {
  DEVICE_SORTABLE,
  LOGIN_EVENT_SORTABLE,
  listDevices,
  listLoginEvents,
  TRANSACTION_SORTABLE,
} from './activityRepo';

// Each list belongs to one account: there is no browsing sign-ins or payments across customers.
const accountId = z.coerce.number().int().positive();
const LoginEventFilter = z
  .object({ accountId, id: idList.optional(), outcome: z.enum(SIGN_IN_OUTCOMES).optional() })
  .strict();
const DeviceFilter = z.object({ accountId, id: idList.optional(), active: z.boolean().optional() }).strict();
const TransactionFilter = z.object({ accountId, id: idList.optional() }).strict();

export function activityRoutes(deps: AppDeps) {
  return defineRoutes([
    {
      method: 'get',
      path: '/login-events',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req, res) => {
        const q = parseListQuery(req.query, {
          sortable: LOGIN_EVENT_SORTABLE,
          defaultSort: ['at', 'DESC'],
          filter: LoginEventFilter,
        });
        const { accountId, id, outcome } = q.filter;
        const { rows, total } = listLoginEvents(deps.db, { ...q, accountId, ids: toIdArray(id), outcome });
        sendPage(res, 'login-events', q, rows, total);
      },
    },
    {
      method: 'get',
      path: '/devices',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req, res) => {
        const q = parseListQuery(req.query, {
          sortable: DEVICE_SORTABLE,
          defaultSort: ['lastSeenAt', 'DESC'],
          filter: DeviceFilter,
        });
        const { accountId, id, active } = q.filter;
        const { rows, total } = listDevices(deps.db, { ...q, accountId, ids: toIdArray(id), active });
        sendPage(res, 'devices', q, rows, total);
      },
    },
    {
      method: 'get',
      path: '/transactions',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req, res) => {
        const q = parseListQuery(req.query, {
          sortable: TRANSACTION_SORTABLE,
          defaultSort: ['at', 'DESC'],
          filter: TransactionFilter,
        });
        const { accountId, id } = q.filter;
        const { rows, total } = transactionsForAgent(deps.db, { ...q, accountId, ids: toIdArray(id) });
        sendPage(res, 'transactions', q, rows, total);
      },
    },
  ]);
}
