import { z } from 'zod';
import { inTransaction } from '../db/client';
import { AUDIT_OUTCOMES, type AuditEvent } from '../db/schema';
import type { AppDeps } from '../deps';
import { auditContext, idParam } from '../http/context';
import { AppError, parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { defineRoutes, SUPERVISORS } from '../http/routes';
import { agentActivity } from './agentActivity';
import {
  AUDIT_SORTABLE,
  type AuditFilter,
  findAuditEvent,
  iterateAuditEvents,
  listAuditEvents,
} from './auditRepo';
import { verifyChain } from './verify';
import { appendAudit } from './writer';

const AuditFilterSchema = z
  .object({
    id: idList.optional(),
    actorId: z.coerce.number().int().positive().optional(),
    action: z.string().max(64).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    targetType: z.string().max(32).optional(),
    targetId: z.coerce.string().max(64).optional(),
    caseId: z.coerce.number().int().positive().optional(),
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
  })
  .strict();

const DAY_MS = 86_400_000;
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

const CSV_COLUMNS: (keyof AuditEvent)[] = [
  'id',
  'at',
  'actorId',
  'actorUsername',
  'actorRole',
  'action',
  'targetType',
  'targetId',
  'caseId',
  'reason',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/audit-events',
      resource: 'audit-events',
      access: SUPERVISORS,
      sortable: AUDIT_SORTABLE,
      defaultSort: ['id', 'DESC'],
      filter: AuditFilterSchema,
      list: (_req, q) => listAuditEvents(deps.db, { ...q, filter: toFilter(q.filter) }),
    }),
    {
      method: 'get',
      path: '/agent-activity',
      access: SUPERVISORS,
      handler: (req, res) => {
        const { filter } = parse(z.object({ filter: z.string().optional() }).loose(), req.query, 'query');
        const window = parse(ActivityWindow, jsonFilter(filter), 'filter');
        const to = window.to ?? deps.now();
        const rows = agentActivity(deps.db, { from: window.from ?? to - 7 * DAY_MS, to });
        res.set('Content-Range', `agent-activity 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
        return rows;
      },
    },
    {
      method: 'get',
      path: '/audit-events/verify',
      access: SUPERVISORS,
      handler: (req) => {
        const report = verifyChain(deps.sqlite, deps.keys.auditKey);
        inTransaction(deps.db, (tx) =>
          appendAudit(tx, auditContext(req, deps), {
            action: 'audit.verify',
            outcome: 'success',
            details: { ...report },
          }),
        );
        return report;
      },
    },
    {
      method: 'get',
      path: '/audit-events/export',
      access: SUPERVISORS,
      handler: async (req, res) => {
        const { filter } = parse(z.object({ filter: z.string().optional() }), req.query, 'query');
        const f = toFilter(parse(AuditFilterSchema, jsonFilter(filter), 'filter'));
        inTransaction(deps.db, (tx) =>
          appendAudit(tx, auditContext(req, deps), {
            action: 'audit.export',
            outcome: 'success',
            details: { filter: f },
          }),
        );
        res.set('Content-Type', 'text/csv; charset=utf-8');
        res.set('Content-Disposition', 'attachment; filename="audit-events.csv"');
        res.write(`${CSV_COLUMNS.join(',')}\n`);
        for (const row of iterateAuditEvents(deps.db, f)) {
          const ok = res.write(`${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\n`);
          // Respect back-pressure so a million-row export does not buffer in memory.
          if (!ok) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      },
    },
    {
      method: 'get',
      path: '/audit-events/:id',
      access: SUPERVISORS,
      handler: (req) => {
        const event = findAuditEvent(deps.db, idParam(req));
        if (!event) throw AppError.notFound('Audit event');
        return event;
      },
    },
  ]);
}
