import { z } from 'zod';
import { SIGN_IN_OUTCOMES } from '../db/schema';
import type { AppDeps } from '../deps';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { transactionsForAgent } from './activity';
import {
  DEVICE_SORTABLE,
  LOGIN_EVENT_SORTABLE,
  listDevices,
  listLoginEvents,
  TRANSACTION_SORTABLE,
} from './activityRepo';
import { accountTimeline, TIMELINE_KINDS } from './timeline';

// Each list belongs to one account: there is no browsing sign-ins or payments across customers.
const accountId = z.coerce.number().int().positive();
const LoginEventFilter = z
  .object({ accountId, id: idList.optional(), outcome: z.enum(SIGN_IN_OUTCOMES).optional() })
  .strict();
const DeviceFilter = z.object({ accountId, id: idList.optional(), active: z.boolean().optional() }).strict();
const TransactionFilter = z.object({ accountId, id: idList.optional() }).strict();
const TimelineFilter = z
  .object({
    accountId,
    kind: z.union([z.enum(TIMELINE_KINDS), z.array(z.enum(TIMELINE_KINDS)).max(4)]).optional(),
  })
  .strict();

export function activityRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/login-events',
      resource: 'login-events',
      access: AGENTS_AND_SUPERVISORS,
      sortable: LOGIN_EVENT_SORTABLE,
      defaultSort: ['at', 'DESC'],
      filter: LoginEventFilter,
      list: (_req, { filter: { id, ...filter }, ...q }) =>
        listLoginEvents(deps.db, { ...q, ...filter, ids: toIdArray(id) }),
    }),
    listRoute({
      path: '/devices',
      resource: 'devices',
      access: AGENTS_AND_SUPERVISORS,
      sortable: DEVICE_SORTABLE,
      defaultSort: ['lastSeenAt', 'DESC'],
      filter: DeviceFilter,
      list: (_req, { filter: { id, ...filter }, ...q }) =>
        listDevices(deps.db, { ...q, ...filter, ids: toIdArray(id) }),
    }),
    listRoute({
      path: '/transactions',
      resource: 'transactions',
      access: AGENTS_AND_SUPERVISORS,
      sortable: TRANSACTION_SORTABLE,
      defaultSort: ['at', 'DESC'],
      filter: TransactionFilter,
      list: (_req, { filter: { id, ...filter }, ...q }) =>
        transactionsForAgent(deps.db, { ...q, ...filter, ids: toIdArray(id) }),
    }),
    listRoute({
      // docs/design.md, Account timeline: sign-ins, staff actions, messages and email-change steps, newest first.
      path: '/account-timeline',
      resource: 'account-timeline',
      access: AGENTS_AND_SUPERVISORS,
      sortable: ['at'],
      defaultSort: ['at', 'DESC'],
      filter: TimelineFilter,
      list: (_req, { filter, offset, limit }) =>
        accountTimeline(deps.sqlite, {
          accountId: filter.accountId,
          kinds: filter.kind === undefined ? undefined : [filter.kind].flat(),
          offset,
          limit,
        }),
    }),
  ]);
}
