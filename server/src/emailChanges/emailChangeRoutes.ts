import type { Request } from 'express';
import { z } from 'zod';
import { ChangeBody, ReasonBody } from '../accounts/commandSchemas';
import { EMAIL_CHANGE_STATUSES } from '../db/schema';
import type { AppDeps } from '../deps';
import { auditContext, callerOf, currentUser, idParam } from '../http/context';
import { parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes, PUBLIC, SUPERVISORS } from '../http/routes';
import { normalizeEmail } from '../policy/normalize';
import { confirmEmailChange, revertEmailChange } from './emailChangeRedemption';
import { EMAIL_CHANGE_SORTABLE } from './emailChangeRepo';
import {
  type Decision,
  decideEmailChange,
  getEmailChangeView,
  listEmailChangeViews,
  requestEmailChange,
} from './emailChangeService';

const emailFormat = z.email();

const RequestBody = ChangeBody.extend({
  newEmail: z
    .string()
    .max(254)
    .refine((v) => emailFormat.safeParse(normalizeEmail(v)).success, 'must be an email address'),
}).strict();
const TokenBody = z.object({ token: z.string().trim().min(1, 'is required').max(256) }).strict();

const EmailChangeFilter = z
  .object({
    id: idList.optional(),
    accountId: z.coerce.number().int().positive().optional(),
    status: z.enum(EMAIL_CHANGE_STATUSES).optional(),
    requestedBy: z.coerce.number().int().positive().optional(),
  })
  .strict();

/**
 * Journey 2: agents file a change of registered email, another supervisor decides it, and the
 * customer confirms (new address) or reverts (old address) through the public wallet links.
 */
export function emailChangeRoutes(deps: AppDeps) {
  const caller = (req: Request) => callerOf(req, deps);
  const decide = (decision: Decision) => ({
    method: 'post' as const,
    path: `/email-changes/:id/${decision}`,
    access: SUPERVISORS,
    handler: (req: Request) =>
      decideEmailChange(caller(req), idParam(req), decision, parse(ReasonBody, req.body).reason),
  });
  type Redeem = (deps: AppDeps, ctx: ReturnType<typeof auditContext>, input: { token: string }) => unknown;
  const redemption = (path: string, redeem: Redeem) => ({
    method: 'post' as const,
    path: `/wallet/email-change/${path}`,
    access: PUBLIC,
    handler: (req: Request) => redeem(deps, auditContext(req, deps), parse(TokenBody, req.body)),
  });

  return defineRoutes([
    {
      method: 'post',
      path: '/accounts/:id/email-change',
      access: AGENTS_AND_SUPERVISORS,
      status: 201,
      handler: (req) => requestEmailChange(caller(req), idParam(req), parse(RequestBody, req.body)),
    },
    listRoute({
      path: '/email-changes',
      resource: 'email-changes',
      access: AGENTS_AND_SUPERVISORS,
      sortable: EMAIL_CHANGE_SORTABLE,
      defaultSort: ['createdAt', 'DESC'],
      filter: EmailChangeFilter,
      list: (req, { filter: { id, ...filter }, ...q }) =>
        listEmailChangeViews(deps, currentUser(req), { ...q, ...filter, ids: toIdArray(id) }),
    }),
    {
      method: 'get',
      path: '/email-changes/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => getEmailChangeView(deps, currentUser(req), idParam(req)),
    },
    decide('approve'),
    decide('reject'),
    redemption('confirm', confirmEmailChange),
    redemption('revert', revertEmailChange),
  ]);
}
