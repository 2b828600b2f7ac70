import type { Request } from 'express';
import { z } from 'zod';
import { SIGN_IN_OUTCOMES } from '../db/schema';
import type { AppDeps } from '../deps';
import { callerOf } from '../http/context';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { transactionsForAgent } from './activity';
import { type ActivityPass, type ActivityResource, admitActivityRead } from './activityAccess';
import {
  DEVICE_SORTABLE,
  LOGIN_EVENT_SORTABLE,
  listDevices,
  listLoginEvents,
  TRANSACTION_SORTABLE,
} from './activityRepo';
import { reason as reasonText } from './commandSchemas';
import { accountTimeline, TIMELINE_KINDS, type TimelineKind } from './timeline';

// Each list belongs to one account: there is no browsing sign-ins or payments across customers. And each is
// read through a case on that account, or by a supervisor with a reason (accounts/activityAccess.ts).
const accountId = z.coerce.number().int().positive();
const pass = {
  accountId,
  caseId: z.coerce.number().int().positive().optional(),
  reason: reasonText.optional(),
};
const LoginEventFilter = z
  .object({ ...pass, id: idList.optional(), outcome: z.enum(SIGN_IN_OUTCOMES).optional() })
  .strict();
const DeviceFilter = z.object({ ...pass, id: idList.optional(), active: z.boolean().optional() }).strict();
const TransactionFilter = z.object({ ...pass, id: idList.optional() }).strict();
const TimelineFilter = z
  .object({
    ...pass,
    kind: z.union([z.enum(TIMELINE_KINDS), z.array(z.enum(TIMELINE_KINDS)).max(4)]).optional(),
  })
  .strict();

/** The filter without what only admitted the read. */
async function admitted<F extends ActivityPass>(
  req: Request,
  deps: AppDeps,
  filter: F,
  resource: ActivityResource,
): Promise<Omit<F, 'caseId' | 'reason'>> {
  const { caseId, reason, ...rest } = filter;
  await admitActivityRead(callerOf(req, deps), { accountId: filter.accountId, caseId, reason }, resource);
  return rest;
}

/**
 * The timeline without a case leaves out the sign-ins (IPs, devices): staff actions, messages and email-change
 * steps are what the account page shows anyway. Asking for sign-ins needs the case (or reason) like the lists.
 */
function timelineKinds(filter: { kind?: TimelineKind | TimelineKind[]; caseId?: number; reason?: string }) {
  const asked = filter.kind === undefined ? undefined : [filter.kind].flat();
  const admitted = filter.caseId !== undefined || filter.reason !== undefined;
  if (admitted || asked?.includes('sign_in')) return { kinds: asked, gate: true };
  return { kinds: asked ?? TIMELINE_KINDS.filter((k) => k !== 'sign_in'), gate: false };
}

export function activityRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/login-events',
      resource: 'login-events',
      access: AGENTS_AND_SUPERVISORS,
      sortable: LOGIN_EVENT_SORTABLE,
      defaultSort: ['at', 'DESC'],
      filter: LoginEventFilter,
      list: async (req, { filter: { id, ...filter }, ...q }) =>
        listLoginEvents(deps.db, {
          ...q,
          ...(await admitted(req, deps, filter, 'login-events')),
          ids: toIdArray(id),
        }),
    }),
    listRoute({
      path: '/devices',
      resource: 'devices',
      access: AGENTS_AND_SUPERVISORS,
      sortable: DEVICE_SORTABLE,
      defaultSort: ['lastSeenAt', 'DESC'],
      filter: DeviceFilter,
      list: async (req, { filter: { id, ...filter }, ...q }) =>
        listDevices(deps.db, {
          ...q,
          ...(await admitted(req, deps, filter, 'devices')),
          ids: toIdArray(id),
        }),
    }),
    listRoute({
      path: '/transactions',
      resource: 'transactions',
      access: AGENTS_AND_SUPERVISORS,
      sortable: TRANSACTION_SORTABLE,
      defaultSort: ['at', 'DESC'],
      filter: TransactionFilter,
      list: async (req, { filter: { id, ...filter }, ...q }) =>
        transactionsForAgent(deps.db, {
          ...q,
          ...(await admitted(req, deps, filter, 'transactions')),
          ids: toIdArray(id),
        }),
    }),
    listRoute({
      // docs/design.md, Account timeline: sign-ins, staff actions, messages and email-change steps, newest first.
      path: '/account-timeline',
      resource: 'account-timeline',
      access: AGENTS_AND_SUPERVISORS,
      sortable: ['at'],
      defaultSort: ['at', 'DESC'],
      filter: TimelineFilter,
      list: async (req, { filter, offset, limit }) => {
        const { kinds, gate } = timelineKinds(filter);
        if (gate) await admitted(req, deps, filter, 'account-timeline');
        return accountTimeline(deps.db, { accountId: filter.accountId, kinds, offset, limit });
      },
    }),
  ]);
}
