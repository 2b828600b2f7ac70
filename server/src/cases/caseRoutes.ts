import type { Request } from 'express';
import { z } from 'zod';
import { ReasonBody } from '../accounts/commandSchemas';
import { CASE_CHANNELS, VERIFICATION_FACTORS } from '../db/schema';
import type { AppDeps } from '../deps';
import { callerOf, idParam } from '../http/context';
import { parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes, SUPERVISORS } from '../http/routes';
import { LookupBody } from '../lookup/lookupQuery';
import { CASE_RESOLUTIONS, ESCALATION_STATES } from '../policy/caseRules';
import { CASE_SORTABLE } from './caseRepo';
import { findCases, openCase, saveTroubleshooting, showCase, unfreezeCase } from './caseService';
import { submitCheck } from './checks';
import { closeCase } from './closing';
import { sendOtp } from './otp';

const OpenCase = z
  .object({
    accountId: z.number().int().positive(),
    channel: z.enum(CASE_CHANNELS),
    subject: z.string().trim().max(200).optional(),
    // The lookup's own body: what the caller said there is carried into the case as checks.
    callerDetails: LookupBody.optional(),
  })
  .strict();

const Check = z
  .object({ factor: z.enum(VERIFICATION_FACTORS), value: z.string().trim().min(1).max(200) })
  .strict();
const Otp = z.object({ channel: z.enum(['sms', 'email']) }).strict();
const Steps = z
  .object({ network: z.boolean(), browserCache: z.boolean(), serviceStatus: z.boolean() })
  .strict();
const Close = z
  .object({
    resolution: z.enum(CASE_RESOLUTIONS),
    hold: z.boolean().optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();

const CaseFilter = z
  .object({
    id: idList.optional(),
    accountId: idList.optional(),
    openedBy: idList.optional(),
    ownerId: idList.optional(),
    escalatedBy: idList.optional(),
    escalation: z.enum(ESCALATION_STATES).optional(),
    scope: z.enum(['mine', 'escalated_by_me']).optional(),
    status: z.enum(['open', 'closed']).optional(),
    // The supervisors' "frozen verifications" tile links here (docs/design.md, Dashboards).
    frozen: z.literal(true).optional(),
  })
  .strict();

export function caseRoutes(deps: AppDeps) {
  const caller = (req: Request) => callerOf(req, deps);
  return defineRoutes([
    {
      method: 'post',
      path: '/cases',
      access: AGENTS_AND_SUPERVISORS,
      status: 201,
      handler: async (req, res) => {
        const opened = await openCase(caller(req), parse(OpenCase, req.body));
        // The agent's case already open on that account comes back as it is: 200, nothing created.
        if (!opened.created) res.status(200).json(opened.case);
        else return opened.case;
      },
    },
    listRoute({
      path: '/cases',
      resource: 'cases',
      access: AGENTS_AND_SUPERVISORS,
      sortable: CASE_SORTABLE,
      defaultSort: ['openedAt', 'DESC'],
      filter: CaseFilter,
      list: (req, { filter, ...q }) =>
        findCases(caller(req), {
          ...q,
          ids: toIdArray(filter.id),
          accountId: toIdArray(filter.accountId),
          openedBy: toIdArray(filter.openedBy),
          ownerId: toIdArray(filter.ownerId),
          escalatedBy: toIdArray(filter.escalatedBy),
          escalation: filter.escalation,
          scope: filter.scope,
          status: filter.status,
          frozen: filter.frozen,
        }),
    }),
    {
      method: 'get',
      path: '/cases/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => showCase(caller(req), idParam(req)),
    },
    {
      method: 'post',
      path: '/cases/:id/checks',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        return submitCheck(caller(req), id, parse(Check, req.body));
      },
    },
    {
      method: 'post',
      path: '/cases/:id/otp',
      access: AGENTS_AND_SUPERVISORS,
      status: 202,
      handler: (req) => {
        const id = idParam(req);
        const { channel } = parse(Otp, req.body);
        return sendOtp(caller(req), id, channel);
      },
    },
    {
      method: 'put',
      path: '/cases/:id/troubleshooting',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => saveTroubleshooting(caller(req), idParam(req), parse(Steps, req.body)),
    },
    {
      method: 'post',
      path: '/cases/:id/close',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        return closeCase(caller(req), id, parse(Close, req.body));
      },
    },
    {
      method: 'post',
      path: '/cases/:id/unfreeze',
      access: SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        const { reason } = parse(ReasonBody, req.body);
        return unfreezeCase(caller(req), id, reason);
      },
    },
  ]);
}
