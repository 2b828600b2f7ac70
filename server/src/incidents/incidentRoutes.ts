import type { Request } from 'express';
import { z } from 'zod';
import { ReasonBody } from '../accounts/commandSchemas';
import { INCIDENT_PARTS } from '../db/schema';
import type { AppDeps } from '../deps';
import { callerOf, idParam } from '../http/context';
import { parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes, PUBLIC, SUPERVISORS } from '../http/routes';
import { INCIDENT_SORTABLE } from './incidentRepo';
import {
  getIncidentView,
  listIncidentViews,
  postIncident,
  resolveIncident,
  serviceStatus,
  updateIncident,
} from './incidentService';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const time = z.number({ error: 'must be a time (UTC ms)' }).int().positive();

const Fields = {
  titleEn: text(120),
  titleZh: text(120),
  customerTextEn: text(1000),
  customerTextZh: text(1000),
  affected: z
    .array(z.enum(INCIDENT_PARTS))
    .min(1, 'choose at least one affected part')
    .refine((parts) => new Set(parts).size === parts.length, 'lists a part twice'),
  startsAt: time,
  expectedEndAt: time.nullable().optional(),
};
const IncidentBody = z.object(Fields).strict();
const IncidentUpdateBody = z.object({ ...Fields, version: z.number().int().positive() }).strict();

const Filter = z
  .object({
    id: idList.optional(),
    active: z.boolean().optional(),
    accountId: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** Service status (docs/design.md, Service status): supervisors post; staff read; the wallet reads /status. */
export function incidentRoutes(deps: AppDeps) {
  const caller = (req: Request) => callerOf(req, deps);
  return defineRoutes([
    { method: 'get', path: '/status', access: PUBLIC, handler: () => serviceStatus(deps) },
    listRoute({
      path: '/incidents',
      resource: 'incidents',
      access: AGENTS_AND_SUPERVISORS,
      sortable: INCIDENT_SORTABLE,
      defaultSort: ['startsAt', 'DESC'],
      filter: Filter,
      list: (_req, { filter: { id, ...filter }, ...q }) =>
        listIncidentViews(deps, { ...q, ...filter, ids: toIdArray(id) }),
    }),
    {
      method: 'get',
      path: '/incidents/:id',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => getIncidentView(deps, idParam(req)),
    },
    {
      method: 'post',
      path: '/incidents',
      access: SUPERVISORS,
      status: 201,
      handler: (req) => postIncident(caller(req), parse(IncidentBody, req.body)),
    },
    {
      method: 'put',
      path: '/incidents/:id',
      access: SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        return updateIncident(caller(req), id, parse(IncidentUpdateBody, req.body));
      },
    },
    {
      method: 'post',
      path: '/incidents/:id/resolve',
      access: SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        return resolveIncident(caller(req), id, parse(ReasonBody, req.body).reason);
      },
    },
  ]);
}
