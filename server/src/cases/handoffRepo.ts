import { and, asc, eq, getTableColumns, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import {
  aliasOf,
  type Case,
  type CaseHandoff,
  caseHandoffs,
  cases,
  type HandoffKind,
  type StaffRole,
  staff,
} from '../db/tables';

export async function insertHandoff(
  tx: DbOrTx,
  values: {
    caseId: number;
    kind: HandoffKind;
    fromStaff: number;
    toStaff: number | null;
    reason: string | null;
    at: number;
  },
): Promise<CaseHandoff> {
  return (await firstRow(tx.insert(caseHandoffs).values(values).returning()))!;
}

export type HandoffRow = CaseHandoff & { fromUsername: string; toUsername: string | null };

const fromStaff = aliasOf(staff, 'from_staff_row');
const toStaff = aliasOf(staff, 'to_staff_row');

/** A case's hand-offs, oldest first, with both sides' usernames (the trail keeps both). */
export async function handoffsOf(db: DbOrTx, caseId: number): Promise<HandoffRow[]> {
  return db
    .select({
      ...getTableColumns(caseHandoffs),
      fromUsername: fromStaff.username,
      toUsername: toStaff.username,
    })
    .from(caseHandoffs)
    .innerJoin(fromStaff, eq(fromStaff.id, caseHandoffs.fromStaff))
    .leftJoin(toStaff, eq(toStaff.id, caseHandoffs.toStaff))
    .where(eq(caseHandoffs.caseId, caseId))
    .orderBy(asc(caseHandoffs.id));
}

/** Whether the staff member opened the case or held it at some point (an earlier owner reads it). */
export async function wasOwner(
  db: DbOrTx,
  kase: Pick<Case, 'id' | 'openedBy'>,
  staffId: number,
): Promise<boolean> {
  if (kase.openedBy === staffId) return true;
  const row = await firstRow(
    db
      .select({ id: caseHandoffs.id })
      .from(caseHandoffs)
      .where(
        and(
          eq(caseHandoffs.caseId, kase.id),
          or(eq(caseHandoffs.fromStaff, staffId), eq(caseHandoffs.toStaff, staffId)),
        ),
      )
      .limit(1),
  );
  return row !== undefined;
}

/**
 * The take itself, conditional on the case still waiting: of two supervisors racing, the second
 * changes no row (undefined) even if both read "waiting" before either wrote.
 */
export async function claimEscalated(
  tx: DbOrTx,
  caseId: number,
  supervisorId: number,
  now: number,
): Promise<Case | undefined> {
  return firstRow(
    tx
      .update(cases)
      .set({ ownerId: supervisorId, escalation: 'taken', takenAt: now, updatedAt: now })
      .where(and(eq(cases.id, caseId), eq(cases.escalation, 'waiting'), eq(cases.status, 'open')))
      .returning(),
  );
}

/** Active staff a case may be handed to, by role: names only, for the transfer picker. */
export async function activeAssignees(db: DbOrTx, roles: readonly StaffRole[]) {
  return db
    .select({ id: staff.id, username: staff.username, fullName: staff.fullName, role: staff.role })
    .from(staff)
    .where(and(eq(staff.disabled, false), inArray(staff.role, [...roles])))
    .orderBy(asc(staff.username));
}
