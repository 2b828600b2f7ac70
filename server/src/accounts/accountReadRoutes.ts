import { z } from 'zod';
import type { AppDeps } from '../deps';
import { auditContext, idParam } from '../http/context';
import { AppError } from '../http/errors';
import { idList, parseListQuery, sendPage, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { viewAccount, viewAccountsByIds } from './accountRead';
import { ACCOUNT_SORTABLE } from './accountReadRepo';

const AccountFilter = z.object({ id: idList.optional() }).strict();

/** Accounts are found by lookup; this resource only opens one, or the few a reference field names. */
export function accountReadRoutes(deps: AppDeps) {
  return defineRoutes([
    {
      method: 'get',
      path: '/accounts',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req, res) => {
        const q = parseListQuery(req.query, {
          sortable: ACCOUNT_SORTABLE,
          defaultSort: ['id', 'ASC'],
          filter: AccountFilter,
        });
        const ids = toIdArray(q.filter.id);
        if (!ids?.length) {
          throw AppError.field('filter.id', 'is required: find customers with POST /api/lookup');
        }
        const sort = q.sort as (typeof ACCOUNT_SORTABLE)[number];
        const { rows, total } = viewAccountsByIds(deps, auditContext(req, deps.keys.auditKey), {
          ids,
          sort,
          order: q.order,
          offset: q.offset,
          limit: q.limit,
        });
        sendPage(res, 'accounts', q, rows, total);
      },
    },
    {
      method: 'get',
      path: '/accounts/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => viewAccount(deps, auditContext(req, deps.keys.auditKey), idParam(req)),
    },
  ]);
}
