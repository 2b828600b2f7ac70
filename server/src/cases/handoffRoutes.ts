import type { Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf, currentUser, idParam } from '../http/context';
import { AppError, parse } from '../http/errors';
import { idList, listRoute, toIdArray } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes, SUPERVISORS } from '../http/routes';
import { ESCALATION_STATES } from '../policy/caseRules';
import { SECRET_MESSAGES, secretIn } from '../policy/secretText';
import { ESCALATION_SORTABLE, listEscalations } from './escalationQueue';
import { activeAssignees } from './handoffRepo';
import { escalateCase, returnCase, takeCase, transferCase } from './handoffs';
import { listImpostorReports } from './impostorRepo';
import { addNote, findNotes } from './notes';

/** Free text kept on a case: bounded, and never what the caller must keep secret. */
const caseText = (min: number, max: number) => z.string().trim().min(min).max(max);

/** 400 naming the field when a text looks like a one-time code, a password or a card number. */
function refuseSecrets(fields: Record<string, string>) {
  for (const [field, text] of Object.entries(fields)) {
    const kind = secretIn(text);
    if (kind) {
      const message = SECRET_MESSAGES[kind];
      throw new AppError(400, message, { errors: { [field]: message }, code: 'secret_in_text', kind });
    }
  }
}

const Note = z.object({ text: caseText(1, 2000) }).strict();
const Escalate = z.object({ reason: caseText(5, 500) }).strict();
const Return = z.object({ note: caseText(1, 2000) }).strict();
const Transfer = z.object({ staffId: z.number().int().positive(), reason: caseText(5, 500) }).strict();

const EscalationFilter = z.object({ state: z.enum(ESCALATION_STATES).optional() }).strict();
const NoteFilter = z.object({ accountId: idList.optional(), caseId: idList.optional() }).strict();
const ReportFilter = z
  .object({ accountId: idList.optional(), since: z.number().int().nonnegative().optional() })
  .strict();

/** Notes, the supervisors' queue and hand-offs of cases (docs/design.md, Case ownership and escalation). */
export function handoffRoutes(deps: AppDeps) {
  const who = (req: Request) => currentUser(req);
  const caller = (req: Request) => callerOf(req, deps);
  return defineRoutes([
    {
      method: 'post',
      path: '/cases/:id/notes',
      access: AGENTS_AND_SUPERVISORS,
      status: 201,
      handler: (req) => {
        const id = idParam(req);
        const { text } = parse(Note, req.body);
        refuseSecrets({ text });
        return addNote(caller(req), id, text);
      },
    },
    {
      method: 'post',
      path: '/cases/:id/escalate',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        const { reason } = parse(Escalate, req.body);
        refuseSecrets({ reason });
        return escalateCase(caller(req), id, reason);
      },
    },
    {
      method: 'post',
      path: '/cases/:id/take',
      access: SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        parse(z.object({}).strict(), req.body);
        return takeCase(caller(req), id);
      },
    },
    {
      method: 'post',
      path: '/cases/:id/return',
      access: SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        const { note } = parse(Return, req.body);
        refuseSecrets({ note });
        return returnCase(caller(req), id, note);
      },
    },
    {
      method: 'post',
      path: '/cases/:id/transfer',
      access: AGENTS_AND_SUPERVISORS,
      handler: (req) => {
        const id = idParam(req);
        const body = parse(Transfer, req.body);
        refuseSecrets({ reason: body.reason });
        return transferCase(caller(req), id, body);
      },
    },
    {
      // Whom the caller may hand a case to: another agent for an agent, anyone for a supervisor.
      method: 'get',
      path: '/case-assignees',
      access: AGENTS_AND_SUPERVISORS,
      handler: async (req) => {
        const me = who(req);
        const roles = me.role === 'supervisor' ? (['agent', 'supervisor'] as const) : (['agent'] as const);
        return (await activeAssignees(deps.db, roles)).filter((s) => s.id !== me.id);
      },
    },
    listRoute({
      path: '/escalations',
      resource: 'escalations',
      access: SUPERVISORS,
      sortable: ESCALATION_SORTABLE,
      defaultSort: ['escalatedAt', 'ASC'],
      filter: EscalationFilter,
      list: (_req, { filter, ...q }) => listEscalations(deps.db, { ...q, state: filter.state ?? 'waiting' }),
    }),
    listRoute({
      path: '/case-notes',
      resource: 'case-notes',
      access: AGENTS_AND_SUPERVISORS,
      sortable: ['createdAt'],
      defaultSort: ['createdAt', 'DESC'],
      filter: NoteFilter,
      list: (req, { filter, order, offset, limit }) =>
        findNotes(caller(req), {
          accountId: toIdArray(filter.accountId),
          caseId: toIdArray(filter.caseId),
          order,
          offset,
          limit,
        }),
    }),
    listRoute({
      path: '/impostor-reports',
      resource: 'impostor-reports',
      access: AGENTS_AND_SUPERVISORS,
      sortable: ['at'],
      defaultSort: ['at', 'DESC'],
      filter: ReportFilter,
      list: (req, { filter, offset, limit }) => {
        // An agent reads the signal of the account in front of them, not the desk's whole list.
        if (who(req).role !== 'supervisor' && !filter.accountId) {
          throw AppError.field('filter.accountId', 'is required for agents');
        }
        return listImpostorReports(deps.db, {
          accountId: toIdArray(filter.accountId),
          since: filter.since,
          offset,
          limit,
        });
      },
    }),
  ]);
}
