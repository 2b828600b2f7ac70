import type { Request } from 'express';
import { z } from 'zod';
import { ChangeBody, ReasonBody } from '../accounts/commandSchemas';
import { TWO_FACTOR_RESET_STATUSES } from '../db/schema';
import type { AppDeps } from '../deps';
import type { Decision } from '../emailChanges/emailChangeService';
import { callerOf, currentUser, idParam } from '../http/context';
import { parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes, SUPERVISORS } from '../http/routes';
import { TWO_FACTOR_RESET_SORTABLE } from './twoFactorResetRepo';
import {
  decideTwoFactorReset,
  getTwoFactorResetView,
  listTwoFactorResetViews,
  requestTwoFactorReset,
} from './twoFactorResetService';

const Filter = z
  .object({
    id: idList.optional(),
    accountId: z.coerce.number().int().positive().optional(),
    status: z.enum(TWO_FACTOR_RESET_STATUSES).optional(),
    requestedBy: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** Lost two-factor device (docs/design.md, Two-factor reset): filed by an agent, decided by another supervisor. */
export function twoFactorResetRoutes(deps: AppDeps) {
  const caller = (req: Request) => callerOf(req, deps);
  const decide = (decision: Decision) => ({
    method: 'post' as const,
    path: `/two-factor-resets/:id/${decision}`,
    access: SUPERVISORS,
    handler: (req: Request) =>
      decideTwoFactorReset(caller(req), idParam(req), decision, parse(ReasonBody, req.body).reason),
  });
  return defineRoutes([
    {
      method: 'post',
      path: '/accounts/:id/reset-2fa',
      access: AGENTS_AND_SUPERVISORS,
      status: 201,
      handler: (req) =>
        requestTwoFactorReset(caller(req), idParam(req), parse(ChangeBody.strict(), req.body)),
    },
    listRoute({
      path: '/two-factor-resets',
      resource: 'two-factor-resets',
      access: AGENTS_AND_SUPERVISORS,
      sortable: TWO_FACTOR_RESET_SORTABLE,
      defaultSort: ['createdAt', 'DESC'],
      filter: Filter,
      list: (req, { filter: { id, ...filter }, ...q }) =>
        listTwoFactorResetViews(deps, currentUser(req), { ...q, ...filter, ids: toIdArray(id) }),
    }),
    {
      method: 'get',
      path: '/two-factor-resets/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => getTwoFactorResetView(deps, currentUser(req), idParam(req)),
    },
    decide('approve'),
    decide('reject'),
  ]);
}
