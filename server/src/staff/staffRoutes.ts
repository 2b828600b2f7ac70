import { z } from 'zod';
import { ReasonBody, reason } from '../accounts/commandSchemas';
import { STAFF_ROLES } from '../db/tables';
import type { AppDeps } from '../deps';
import { callerOf, idParam } from '../http/context';
import { parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { defineRoutes, SUPERVISORS } from '../http/routes';
import {
  createStaff,
  disableStaff,
  enableStaff,
  resetStaffMfa,
  resetStaffPassword,
  showStaffMember,
  staffMemberView,
  unlockStaff,
  updateStaffMember,
} from './staffLifecycle';
import { listStaff, STAFF_USERNAME } from './staffRepo';

const StaffFilter = z
  .object({
    id: idList.optional(),
    q: z.string().max(64).optional(),
    role: z.enum(STAFF_ROLES).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const fullName = z.string().trim().min(1).max(100);

const CreateBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(STAFF_USERNAME, 'must be 2-40 letters, digits, dots, dashes or underscores'),
    fullName,
    role: z.enum(STAFF_ROLES),
    reason,
  })
  .strict();

// ra-data-simple-rest's update sends the whole record back: the fields it cannot change are let through
// and ignored, the two it can are read.
const UpdateBody = z
  .object({ fullName: fullName.optional(), role: z.enum(STAFF_ROLES).optional(), reason })
  .loose();

/** docs/design.md, Staff lifecycle. Supervisors only; every step takes a reason and is audited. */
export function staffRoutes(deps: AppDeps) {
  const admin = (req: Parameters<typeof callerOf>[0]) => callerOf(req, deps);
  const step = (path: string, run: (a: ReturnType<typeof admin>, id: number, why: string) => unknown) => ({
    method: 'post' as const,
    path: `/staff/:id/${path}`,
    access: SUPERVISORS,
    handler: (req: Parameters<typeof callerOf>[0]) => {
      const id = idParam(req);
      return run(admin(req), id, parse(ReasonBody, req.body).reason);
    },
  });
  return defineRoutes([
    listRoute({
      path: '/staff',
      resource: 'staff',
      access: SUPERVISORS,
      sortable: ['username'],
      defaultSort: ['username', 'ASC'],
      filter: StaffFilter,
      list: async (_req, q) => {
        const page = await listStaff(deps.db, {
          ids: toIdArray(q.filter.id),
          q: q.filter.q,
          role: q.filter.role,
          disabled: q.filter.disabled,
          offset: q.offset,
          limit: q.limit,
          order: q.order,
        });
        return {
          rows: await Promise.all(page.rows.map((row) => staffMemberView(deps, row))),
          total: page.total,
        };
      },
    }),
    {
      method: 'post',
      path: '/staff',
      access: SUPERVISORS,
      status: 201,
      handler: (req) => createStaff(admin(req), parse(CreateBody, req.body)),
    },
    {
      method: 'get',
      path: '/staff/:id',
      access: SUPERVISORS,
      handler: (req) => showStaffMember(deps, idParam(req)),
    },
    {
      method: 'put',
      path: '/staff/:id',
      access: SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        const { fullName: name, role, reason: why } = parse(UpdateBody, req.body);
        return updateStaffMember(admin(req), id, { fullName: name, role, reason: why });
      },
    },
    step('disable', disableStaff),
    step('enable', enableStaff),
    step('reset-password', resetStaffPassword),
    step('unlock', unlockStaff),
    step('reset-mfa', resetStaffMfa),
  ]);
}
