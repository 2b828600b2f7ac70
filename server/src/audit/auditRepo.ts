import { and, asc, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type AuditEvent, auditEvents } from '../db/schema';

export type AuditFilter = {
  id?: number[];
  actorId?: number;
  action?: string;
  outcome?: AuditEvent['outcome'];
  targetType?: string;
  targetId?: string;
  caseId?: number;
  from?: number;
  to?: number;
};

export const AUDIT_SORTABLE = ['id', 'at', 'action', 'actorUsername', 'outcome'] as const;

function whereOf(f: AuditFilter): SQL | undefined {
  const parts = [
    f.id ? inArray(auditEvents.id, f.id) : undefined,
    f.actorId !== undefined ? eq(auditEvents.actorId, f.actorId) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.outcome ? eq(auditEvents.outcome, f.outcome) : undefined,
    f.targetType ? eq(auditEvents.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditEvents.targetId, f.targetId) : undefined,
    f.caseId !== undefined ? eq(auditEvents.caseId, f.caseId) : undefined,
    f.from !== undefined ? gte(auditEvents.at, f.from) : undefined,
    f.to !== undefined ? lte(auditEvents.at, f.to) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return parts.length ? and(...parts) : undefined;
}

export function listAuditEvents(
  db: DbOrTx,
  q: {
    filter: AuditFilter;
    sort: (typeof AUDIT_SORTABLE)[number];
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  const where = whereOf(q.filter);
  const column = auditEvents[q.sort];
  const rows = db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(auditEvents.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function findAuditEvent(db: DbOrTx, id: number) {
  return db.select().from(auditEvents).where(eq(auditEvents.id, id)).get();
}

/** Rows in id order, one at a time, for a streamed export of any size. */
export function* iterateAuditEvents(db: DbOrTx, filter: AuditFilter): Generator<AuditEvent> {
  const where = whereOf(filter);
  let after = 0;
  for (;;) {
    const page = db
      .select()
      .from(auditEvents)
      .where(where ? and(where, gte(auditEvents.id, after + 1)) : gte(auditEvents.id, after + 1))
      .orderBy(asc(auditEvents.id))
      .limit(1000)
      .all();
    if (!page.length) return;
    yield* page;
    after = page[page.length - 1]!.id;
  }
}
