import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../db/schema';
import type { AppDeps } from '../deps';
import { auditContext, idParam } from '../http/context';
import { AppError, parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { defineRoutes, SUPERVISORS } from '../http/routes';
import { AUDIT_SORTABLE, type AuditFilter, listAuditEvents } from './auditRepo';
import { agentActivityReport, auditEvent, exportAuditTrail, verifyAuditTrail } from './auditTrail';
import { CSV_LANGUAGES, csvLanguage } from './csv';
import { labelAuditEvents } from './labels';
import { abortWhenClientLeaves, writePaced } from './offThread';

const AuditFilterSchema = z
  .object({
    id: idList.optional(),
    actorId: z.coerce.number().int().positive().optional(),
    action: z.string().max(64).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    targetType: z.string().max(32).optional(),
    targetId: z.coerce.string().max(64).optional(),
    q: z.string().trim().max(200).optional(),
    caseId: z.coerce.number().int().positive().optional(),
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
  })
  .strict();

const ActivityWindow = z
  .object({
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
  })
  .strict();

function jsonFilter(raw: string | undefined): unknown {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    throw AppError.field('filter', 'is not valid JSON');
  }
}

const toFilter = (f: z.infer<typeof AuditFilterSchema>): AuditFilter => ({ ...f, id: toIdArray(f.id) });

export function auditRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/audit-events',
      resource: 'audit-events',
      access: SUPERVISORS,
      sortable: AUDIT_SORTABLE,
      defaultSort: ['at', 'DESC'],
      filter: AuditFilterSchema,
      list: async (_req, q) => {
        const page = await listAuditEvents(deps.db, { ...q, filter: toFilter(q.filter) });
        return { ...page, rows: await labelAuditEvents(deps.db, page.rows) };
      },
    }),
    {
      method: 'get',
      path: '/agent-activity',
      access: SUPERVISORS,
      handler: async (req, res) => {
        const { filter } = parse(z.object({ filter: z.string().optional() }).loose(), req.query, 'query');
        const window = parse(ActivityWindow, jsonFilter(filter), 'filter');
        const rows = await agentActivityReport(deps, window, { signal: abortWhenClientLeaves(res) });
        res.set('Content-Range', `agent-activity 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
        return rows;
      },
    },
    {
      method: 'get',
      path: '/audit-events/verify',
      access: SUPERVISORS,
      handler: (req, res) =>
        verifyAuditTrail(deps, auditContext(req, deps), { signal: abortWhenClientLeaves(res) }),
    },
    {
      method: 'get',
      path: '/audit-events/export',
      access: SUPERVISORS,
      handler: async (req, res) => {
        const { filter, lang } = parse(
          z.object({ filter: z.string().optional(), lang: z.enum(CSV_LANGUAGES).optional() }),
          req.query,
          'query',
        );
        const f = toFilter(parse(AuditFilterSchema, jsonFilter(filter), 'filter'));
        res.set('Content-Type', 'text/csv; charset=utf-8');
        res.set('Content-Disposition', 'attachment; filename="audit-events.csv"');
        const language = csvLanguage(lang, req.get('accept-language'));
        await exportAuditTrail(deps, auditContext(req, deps), f, language, {
          signal: abortWhenClientLeaves(res),
          write: (chunk) => writePaced(res, chunk),
        });
        res.end();
      },
    },
    {
      method: 'get',
      path: '/audit-events/:id',
      access: SUPERVISORS,
      handler: (req) => auditEvent(deps, idParam(req)),
    },
  ]);
}
