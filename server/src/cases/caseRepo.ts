import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
import { firstRow } from '../db/rows';
import {
  type Case,
  type CaseChannel,
  caseHandoffs,
  cases,
  transactions,
  type VerificationCheck,
  type VerificationFactor,
  verificationChecks,
} from '../db/tables';
import type { EscalationState } from '../policy/caseRules';

/** Amounts of the account's most recent transactions (the private-knowledge factor). */
export async function recentTransactionAmounts(db: DbOrTx, accountId: number, limit = 5): Promise<number[]> {
  const rows = await db
    .select({ amount: transactions.amount })
    .from(transactions)
    .where(eq(transactions.accountId, accountId))
    .orderBy(desc(transactions.at), desc(transactions.id))
    .limit(limit);
  return rows.map((r) => r.amount);
}

export async function insertCase(
  tx: DbOrTx,
  values: { accountId: number; openedBy: number; channel: CaseChannel; subject: string | null; at: number },
): Promise<Case> {
  const { at, ...rest } = values;
  return (await firstRow(
    tx
      .insert(cases)
      .values({ ...rest, ownerId: values.openedBy, openedAt: at, updatedAt: at })
      .returning(),
  ))!;
}

/** The open case this staff member owns on the account, if any (at most one: openCase reuses it). */
export async function findOpenCaseOf(
  db: DbOrTx,
  accountId: number,
  staffId: number,
): Promise<Case | undefined> {
  return firstRow(
    db
      .select()
      .from(cases)
      .where(and(eq(cases.accountId, accountId), eq(cases.ownerId, staffId), eq(cases.status, 'open')))
      .orderBy(desc(cases.id))
      .limit(1),
  );
}

const caseById = hotQuery('case_by_id', (db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.id, sql.placeholder('id')))
    .limit(1),
);

export async function findCase(db: DbOrTx, id: number): Promise<Case | undefined> {
  return (await caseById(db, { id }))[0];
}

export async function updateCase(
  tx: DbOrTx,
  id: number,
  patch: Partial<
    Pick<
      Case,
      | 'level'
      | 'mismatchCount'
      | 'verificationFrozen'
      | 'troubleshooting'
      | 'status'
      | 'resolution'
      | 'closedAt'
      | 'updatedAt'
      | 'ownerId'
      | 'escalation'
      | 'escalatedBy'
      | 'escalatedAt'
      | 'escalationReason'
      | 'takenAt'
    >
  >,
): Promise<Case> {
  return (await firstRow(tx.update(cases).set(patch).where(eq(cases.id, id)).returning()))!;
}

export async function insertCheck(
  tx: DbOrTx,
  values: {
    caseId: number;
    factor: VerificationFactor;
    matched: boolean;
    source: 'typed' | 'lookup';
    staffId: number;
    at: number;
  },
): Promise<VerificationCheck> {
  return (await firstRow(tx.insert(verificationChecks).values(values).returning()))!;
}

const checksOfCase = hotQuery('checks_of_case', (db) =>
  db
    .select()
    .from(verificationChecks)
    .where(eq(verificationChecks.caseId, sql.placeholder('caseId')))
    .orderBy(asc(verificationChecks.id)),
);

export async function checksOf(db: DbOrTx, caseId: number): Promise<VerificationCheck[]> {
  return checksOfCase(db, { caseId });
}

/**
 * The cases a staff member may read without being a supervisor: the ones they own now, opened, or
 * held before a hand-off (docs/design.md, Case ownership and escalation). Each branch has its index.
 */
export function visibleTo(staffId: number): SQL {
  const handedOn = sql`${cases.id} IN (SELECT ${caseHandoffs.caseId} FROM ${caseHandoffs} WHERE ${caseHandoffs.fromStaff} = ${staffId}
    UNION SELECT ${caseHandoffs.caseId} FROM ${caseHandoffs} WHERE ${caseHandoffs.toStaff} = ${staffId})`;
  return or(eq(cases.ownerId, staffId), eq(cases.openedBy, staffId), handedOn)!;
}

export const CASE_SORTABLE = [
  'id',
  'openedAt',
  'updatedAt',
  'status',
  'level',
  'accountId',
  'channel',
  'escalatedAt',
] as const;
export type CaseSort = (typeof CASE_SORTABLE)[number];

export type CaseListQuery = {
  ids?: number[];
  accountId?: number[];
  status?: 'open' | 'closed';
  /** Only cases whose verification is frozen, waiting for a supervisor. */
  frozen?: true;
  openedBy?: number[];
  ownerId?: number[];
  escalatedBy?: number[];
  escalation?: EscalationState;
  /** An agent's own id: ANDed with every other filter, so a filter can never widen what they see. */
  onlyVisibleTo?: number;
  sort: CaseSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export async function listCases(db: DbOrTx, q: CaseListQuery): Promise<{ rows: Case[]; total: number }> {
  const conditions: SQL[] = [];
  if (q.ids) conditions.push(inArray(cases.id, q.ids));
  if (q.accountId) conditions.push(inArray(cases.accountId, q.accountId));
  if (q.status) conditions.push(eq(cases.status, q.status));
  if (q.frozen) conditions.push(eq(cases.verificationFrozen, true));
  if (q.openedBy) conditions.push(inArray(cases.openedBy, q.openedBy));
  if (q.ownerId) conditions.push(inArray(cases.ownerId, q.ownerId));
  if (q.escalatedBy) conditions.push(inArray(cases.escalatedBy, q.escalatedBy));
  if (q.escalation) conditions.push(eq(cases.escalation, q.escalation));
  if (q.onlyVisibleTo !== undefined) conditions.push(visibleTo(q.onlyVisibleTo));
  const where = conditions.length ? and(...conditions) : undefined;
  const column = cases[q.sort];
  const rows = await db
    .select()
    .from(cases)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(cases.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(cases).where(where).limit(1)))?.n ?? 0;
  return { rows, total };
}

/** Every open case on the account, whoever owns it: a mismatch of the account counts in each. */
export async function openCasesOfAccount(db: DbOrTx, accountId: number): Promise<Case[]> {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.accountId, accountId), eq(cases.status, 'open')));
}
