import { z } from 'zod';
import { ChangeBody } from '../accounts/commandSchemas';
import { MESSAGE_STATUSES } from '../db/schema';
import type { AppDeps } from '../deps';
import { callerOf, idParam } from '../http/context';
import { AppError, parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { findMessageView, listMessages, MESSAGE_SORTABLE } from './messageRepo';
import { resendMessage } from './resend';
import { TEMPLATE_NAMES, type TemplateName } from './templates';

const ResendBody = ChangeBody.pick({ caseId: true, reason: true }).strict();

/**
 * Messages are listed per customer (the account page's "messages sent" tab) or by id (getMany);
 * there is deliberately no way to browse every customer's messages at once.
 */
const MessageFilter = z
  .object({
    accountId: z.coerce.number().int().positive().optional(),
    id: idList.optional(),
    status: z.enum(MESSAGE_STATUSES).optional(),
    channel: z.enum(['email', 'sms']).optional(),
    // e.g. the account page's "tried self-service" (self_service_reset_link).
    template: z.enum(TEMPLATE_NAMES as [TemplateName, ...TemplateName[]]).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.accountId === undefined && f.id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'is required' });
    }
  });

export function messageRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/messages',
      resource: 'messages',
      access: AGENTS_AND_SUPERVISORS,
      sortable: MESSAGE_SORTABLE,
      defaultSort: ['createdAt', 'DESC'],
      filter: MessageFilter,
      list: (_req, { filter: { id, ...filter }, ...q }) =>
        listMessages(deps.db, { ...q, ...filter, ids: toIdArray(id) }),
    }),
    {
      method: 'get',
      path: '/messages/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: async (req) => {
        const message = await findMessageView(deps.db, idParam(req));
        if (!message) throw AppError.notFound('Message');
        return message;
      },
    },
    {
      method: 'post',
      path: '/messages/:id/resend',
      access: AGENTS_AND_SUPERVISORS,
      status: 202,
      handler: (req) => {
        const input = parse(ResendBody, req.body);
        return resendMessage(callerOf(req, deps), idParam(req), input);
      },
    },
  ]);
}
