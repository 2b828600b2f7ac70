import { z } from 'zod';
import type { AppDeps } from '../deps';
import { auditContext, idParam } from '../http/context';
import { AppError } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { viewAccount, viewAccountsByIds } from './accountRead';
import { ACCOUNT_SORTABLE } from './accountReadRepo';

const AccountFilter = z.object({ id: idList.optional() }).strict();

/** Accounts are found by lookup; this resource only opens one, or the few a reference field names. */
export function accountReadRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/accounts',
      resource: 'accounts',
      access: AGENTS_AND_SUPERVISORS,
      sortable: ACCOUNT_SORTABLE,
      defaultSort: ['id', 'ASC'],
      filter: AccountFilter,
      list: (req, { filter, ...q }) => {
        const ids = toIdArray(filter.id);
        if (!ids?.length) {
          throw AppError.field('filter.id', 'is required: find customers with POST /api/lookup');
        }
        return viewAccountsByIds(deps, auditContext(req, deps), { ...q, ids });
      },
    }),
    {
      method: 'get',
      path: '/accounts/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => viewAccount(deps, auditContext(req, deps), idParam(req)),
    },
  ]);
}
