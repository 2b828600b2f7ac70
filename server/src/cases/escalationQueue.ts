import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import { accounts, cases, impostorReports, staff, verificationChecks } from '../db/tables';
import type { EscalationState } from '../policy/caseRules';
import { presentNote } from './caseView';
import { listNotes } from './noteRepo';

export const ESCALATION_SORTABLE = ['escalatedAt', 'openedAt', 'level', 'id'] as const;

export type EscalationQuery = {
  state: EscalationState;
  sort: (typeof ESCALATION_SORTABLE)[number];
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

/**
 * The supervisors' queue (docs/design.md, Case ownership and escalation): open escalated cases with
 * what a supervisor reads before taking one — the account's status and lock reason, the level and
 * each check (never a value), the notes, the risk signals this module knows (impostor reports), who
 * escalated and since when. One query per kind of detail for the whole page, not per row.
 */
export async function listEscalations(db: DbOrTx, q: EscalationQuery) {
  const where = and(eq(cases.status, 'open'), eq(cases.escalation, q.state));
  const column = cases[q.sort];
  const rows = await db
    .select({
      id: cases.id,
      accountId: cases.accountId,
      accountNumber: accounts.accountNumber,
      fullName: accounts.fullName,
      accountStatus: accounts.status,
      lockReason: accounts.lockReason,
      level: cases.level,
      verificationFrozen: cases.verificationFrozen,
      channel: cases.channel,
      openedAt: cases.openedAt,
      escalatedAt: cases.escalatedAt,
      escalationReason: cases.escalationReason,
      escalatedBy: cases.escalatedBy,
      escalatedByUsername: staff.username,
      ownerId: cases.ownerId,
      takenAt: cases.takenAt,
    })
    .from(cases)
    .innerJoin(accounts, eq(accounts.id, cases.accountId))
    .leftJoin(staff, eq(staff.id, cases.escalatedBy))
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), asc(cases.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(cases).where(where).limit(1)))?.n ?? 0;
  const caseIds = rows.map((r) => r.id);
  const accountIds = [...new Set(rows.map((r) => r.accountId))];
  const checks = caseIds.length
    ? await db
        .select({
          caseId: verificationChecks.caseId,
          factor: verificationChecks.factor,
          matched: verificationChecks.matched,
        })
        .from(verificationChecks)
        .where(inArray(verificationChecks.caseId, caseIds))
        .orderBy(asc(verificationChecks.id))
    : [];
  const notes = caseIds.length
    ? (await listNotes(db, { caseId: caseIds, order: 'asc', offset: 0, limit: 50 * caseIds.length })).rows
    : [];
  const reported = accountIds.length
    ? await db
        .select({ accountId: impostorReports.accountId, n: count() })
        .from(impostorReports)
        .where(inArray(impostorReports.accountId, accountIds))
        .groupBy(impostorReports.accountId)
    : [];
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      checks: checks.filter((c) => c.caseId === r.id).map(({ factor, matched }) => ({ factor, matched })),
      notes: notes.filter((n) => n.caseId === r.id).map(presentNote),
      riskSignals: reported.some((x) => x.accountId === r.accountId) ? ['impostor_suspected'] : [],
    })),
  };
}
