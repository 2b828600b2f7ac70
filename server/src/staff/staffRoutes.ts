import { z } from 'zod';
import type { AppDeps } from '../deps';
import { idParam } from '../http/context';
import { AppError } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { defineRoutes, SUPERVISORS } from '../http/routes';
import { listStaff } from './staffRepo';

const StaffFilter = z.object({ id: idList.optional(), q: z.string().max(64).optional() }).strict();

export function staffRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/staff',
      resource: 'staff',
      access: SUPERVISORS,
      sortable: ['username'],
      defaultSort: ['username', 'ASC'],
      filter: StaffFilter,
      list: (_req, q) =>
        listStaff(deps.db, { ids: toIdArray(q.filter.id), q: q.filter.q, offset: q.offset, limit: q.limit }),
    }),
    {
      method: 'get',
      path: '/staff/:id',
      access: SUPERVISORS,
      handler: (req) => {
        const { rows } = listStaff(deps.db, { ids: [idParam(req)], offset: 0, limit: 1 });
        if (!rows[0]) throw AppError.notFound('Staff member');
        return rows[0];
      },
    },
  ]);
}
