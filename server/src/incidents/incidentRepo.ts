import { and, asc, count, desc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { firstRow } from '../db/rows';
import { type Incident, incidents } from '../db/tables';

export type IncidentFields = Pick<
  Incident,
  'titleEn' | 'titleZh' | 'customerTextEn' | 'customerTextZh' | 'affected' | 'startsAt' | 'expectedEndAt'
>;

export async function insertIncident(
  tx: Tx,
  values: IncidentFields & { createdBy: number },
  now: number,
): Promise<Incident> {
  return (await firstRow(
    tx
      .insert(incidents)
      .values({ ...values, createdAt: now, updatedAt: now })
      .returning(),
  ))!;
}

export function findIncident(db: DbOrTx, id: number): Promise<Incident | undefined> {
  return firstRow(db.select().from(incidents).where(eq(incidents.id, id)).limit(1));
}

/** Changes an open incident only at the version the editor saw; undefined when it moved on or was resolved. */
export function updateIncidentAtVersion(
  tx: Tx,
  id: number,
  version: number,
  patch: IncidentFields,
  now: number,
): Promise<Incident | undefined> {
  return firstRow(
    tx
      .update(incidents)
      .set({ ...patch, version: sql`${incidents.version} + 1`, updatedAt: now })
      .where(and(eq(incidents.id, id), eq(incidents.version, version), isNull(incidents.resolvedAt)))
      .returning(),
  );
}

/** Resolves an open incident; undefined when it was already resolved (the second of two clicks). */
export function resolveOpenIncident(
  tx: Tx,
  id: number,
  by: number,
  now: number,
): Promise<Incident | undefined> {
  return firstRow(
    tx
      .update(incidents)
      .set({ resolvedAt: now, resolvedBy: by, version: sql`${incidents.version} + 1`, updatedAt: now })
      .where(and(eq(incidents.id, id), isNull(incidents.resolvedAt)))
      .returning(),
  );
}

/** Started and not resolved (index incidents_open). */
export function activeIncidents(db: DbOrTx, now: number): Promise<Incident[]> {
  return db
    .select()
    .from(incidents)
    .where(and(isNull(incidents.resolvedAt), lte(incidents.startsAt, now)))
    .orderBy(desc(incidents.startsAt), desc(incidents.id));
}

/**
 * Incidents whose window (start to resolution, or now) holds at least one failed sign-in of the account since
 * `since` (login_events_account_at seeks the account's events; incidents are few).
 */
export function incidentsDuringFailedSignIns(db: DbOrTx, accountId: number, since: number, now: number) {
  return db
    .select()
    .from(incidents)
    .where(
      and(
        lte(incidents.startsAt, now),
        sql`exists (select 1 from login_events e where e.account_id = ${accountId}
          and e.outcome in ('failure', 'locked_out', 'blocked') and e.at >= ${since}
          and e.at >= ${incidents.startsAt} and e.at <= coalesce(${incidents.resolvedAt}, ${now}))`,
      ),
    )
    .orderBy(desc(incidents.startsAt), desc(incidents.id));
}

export const INCIDENT_SORTABLE = ['startsAt', 'createdAt', 'updatedAt', 'resolvedAt', 'id'] as const;

export type IncidentQuery = {
  ids?: number[];
  /** true: started and not resolved; false: resolved or not started yet. */
  active?: boolean;
  sort: (typeof INCIDENT_SORTABLE)[number];
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export async function listIncidents(db: DbOrTx, q: IncidentQuery, now: number) {
  const conditions: (SQL | undefined)[] = [];
  if (q.ids) conditions.push(inArray(incidents.id, q.ids));
  if (q.active === true) conditions.push(isNull(incidents.resolvedAt), lte(incidents.startsAt, now));
  if (q.active === false)
    conditions.push(sql`(${incidents.resolvedAt} is not null or ${incidents.startsAt} > ${now})`);
  const where = and(...conditions);
  const column = incidents[q.sort];
  const rows = await db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(incidents.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(incidents).where(where)))?.n ?? 0;
  return { rows, total };
}
