import { type AuditEntry, appendAudit } from '../audit/writer';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Incident, IncidentPart } from '../db/schema';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import type { Caller } from '../staff/actor';
import {
  activeIncidents,
  findIncident,
  type IncidentFields,
  type IncidentQuery,
  incidentsDuringFailedSignIns,
  insertIncident,
  listIncidents,
  resolveOpenIncident,
  updateIncidentAtVersion,
} from './incidentRepo';
import {
  checkWindow,
  HINT_WINDOW_MS,
  type IncidentView,
  incidentView,
  publicIncident,
  readParts,
  SIGN_IN_PARTS,
  storeParts,
} from './incidentRules';

/**
 * Service status (docs/design.md, Service status): a supervisor posts, edits and resolves an incident, each
 * step audited in its own transaction; the console reads the active ones (banner) and the ones an account's
 * failed sign-ins fall inside (hint); the wallet's status page reads the public shape of the active ones.
 */

export type IncidentInput = Omit<IncidentFields, 'affected' | 'expectedEndAt'> & {
  affected: IncidentPart[];
  expectedEndAt?: number | null;
};

const toFields = (input: IncidentInput): IncidentFields => ({
  titleEn: input.titleEn,
  titleZh: input.titleZh,
  customerTextEn: input.customerTextEn,
  customerTextZh: input.customerTextZh,
  affected: storeParts(input.affected),
  startsAt: input.startsAt,
  expectedEndAt: input.expectedEndAt ?? null,
});

/** What the trail keeps of an incident: what customers read is public, so it is kept as it was. */
const audited = (i: IncidentFields) => ({ ...i, affected: readParts(i.affected) });

export function postIncident({ deps, ctx, actor }: Caller, input: IncidentInput): Promise<IncidentView> {
  const now = deps.now();
  checkWindow(input, now);
  return commitThenRefuse(deps.db, async (tx) => {
    const incident = await insertIncident(tx, { ...toFields(input), createdBy: actor.id }, now);
    await appendAudit(tx, ctx, {
      action: 'incident.post',
      outcome: 'success',
      targetType: 'incident',
      targetId: incident.id,
      details: { after: audited(incident) },
    });
    return incidentView(incident, now);
  });
}

export function updateIncident(
  { deps, ctx }: Caller,
  id: number,
  input: IncidentInput & { version: number },
): Promise<IncidentView> {
  const now = deps.now();
  checkWindow(input, now);
  return commitThenRefuse(deps.db, async (tx) => {
    const incident = await findIncident(tx, id);
    if (!incident) throw AppError.notFound('Incident');
    const base: Omit<AuditEntry, 'outcome'> = {
      action: 'incident.update',
      targetType: 'incident',
      targetId: id,
    };
    const refused = refusalOf(incident, input.version);
    if (refused) {
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: refused.details });
      return refused.error;
    }
    const fields = toFields(input);
    const after = (await updateIncidentAtVersion(tx, id, input.version, fields, now))!;
    const changed = (Object.keys(fields) as (keyof IncidentFields)[]).filter((k) => incident[k] !== after[k]);
    const pick = (i: Incident) =>
      Object.fromEntries(changed.map((k) => [k, k === 'affected' ? readParts(i[k]) : i[k]]));
    await appendAudit(tx, ctx, {
      ...base,
      outcome: 'success',
      details: {
        before: pick(incident),
        after: pick(after),
        version: { before: incident.version, after: after.version },
      },
    });
    return incidentView(after, now);
  });
}

/** A resolved incident is kept as it was; an edit made on a stale screen would undo someone else's. */
function refusalOf(incident: Incident, version?: number) {
  if (incident.resolvedAt !== null) {
    return {
      details: { why: 'resolved', resolvedAt: incident.resolvedAt },
      error: AppError.conflict('This incident is already resolved', { code: 'incident_resolved' }),
    };
  }
  if (version !== undefined && version !== incident.version) {
    return {
      details: { why: 'stale_version', version: { sent: version, current: incident.version } },
      error: AppError.conflict('The incident changed since you loaded it: reload and try again', {
        code: 'stale_version',
        currentVersion: incident.version,
      }),
    };
  }
  return undefined;
}

/** Resolves it now; resolving it again (a double click, a second supervisor) is 409, audited as denied. */
export function resolveIncident(
  { deps, ctx, actor }: Caller,
  id: number,
  reason: string | null,
): Promise<IncidentView> {
  const now = deps.now();
  return commitThenRefuse(deps.db, async (tx) => {
    const incident = await findIncident(tx, id);
    if (!incident) throw AppError.notFound('Incident');
    const base: Omit<AuditEntry, 'outcome'> = {
      action: 'incident.resolve',
      targetType: 'incident',
      targetId: id,
      reason,
    };
    const refused = refusalOf(incident);
    if (refused) {
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: refused.details });
      return refused.error;
    }
    const after = (await resolveOpenIncident(tx, id, actor.id, now))!;
    await appendAudit(tx, ctx, {
      ...base,
      outcome: 'success',
      details: { titleEn: incident.titleEn, startsAt: incident.startsAt, resolvedAt: now },
    });
    return incidentView(after, now);
  });
}

/**
 * The console's list: every incident, the active ones (`active: true`, the banner), or — with an account —
 * those whose window holds one of its failed sign-ins of the last day through a part a sign-in uses (the hint).
 */
export async function listIncidentViews(deps: AppDeps, q: IncidentQuery & { accountId?: number }) {
  const now = deps.now();
  if (q.accountId !== undefined) {
    const rows = (await incidentsDuringFailedSignIns(deps.db, q.accountId, now - HINT_WINDOW_MS, now)).filter(
      (i) => readParts(i.affected).some((p) => SIGN_IN_PARTS.includes(p)),
    );
    const page = rows.slice(q.offset, q.offset + q.limit);
    return { rows: page.map((i) => incidentView(i, now)), total: rows.length };
  }
  const { rows, total } = await listIncidents(deps.db, q, now);
  return { rows: rows.map((i) => incidentView(i, now)), total };
}

export async function getIncidentView(deps: AppDeps, id: number): Promise<IncidentView> {
  const incident = await findIncident(deps.db, id);
  if (!incident) throw AppError.notFound('Incident');
  return incidentView(incident, deps.now());
}

/** GET /api/status: the active incidents in their public shape, for the wallet's status page. */
export async function serviceStatus(deps: AppDeps) {
  const incidents = (await activeIncidents(deps.db, deps.now())).map(publicIncident);
  return { status: incidents.length ? ('incident' as const) : ('ok' as const), incidents };
}
