import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  type Case,
  type CaseChannel,
  cases,
  transactions,
  type VerificationCheck,
  type VerificationFactor,
  verificationChecks,
} from '../db/schema';

/** Amounts of the account's most recent transactions (the private-knowledge factor). */
export function recentTransactionAmounts(db: DbOrTx, accountId: number, limit = 5): number[] {
  return db
    .select({ amount: transactions.amount })
    .from(transactions)
    .where(eq(transactions.accountId, accountId))
    .orderBy(desc(transactions.at), desc(transactions.id))
    .limit(limit)
    .all()
    .map((r) => r.amount);
}

export function insertCase(
  tx: DbOrTx,
  values: { accountId: number; openedBy: number; channel: CaseChannel; subject: string | null; at: number },
): Case {
  const { at, ...rest } = values;
  return tx
    .insert(cases)
    .values({ ...rest, openedAt: at, updatedAt: at })
    .returning()
    .get();
}

/** The case this staff member still has open on the account, if any (at most one: openCase reuses it). */
export function findOpenCaseOf(db: DbOrTx, accountId: number, staffId: number): Case | undefined {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.accountId, accountId), eq(cases.openedBy, staffId), eq(cases.status, 'open')))
    .orderBy(desc(cases.id))
    .get();
}

export function findCase(db: DbOrTx, id: number): Case | undefined {
  return db.select().from(cases).where(eq(cases.id, id)).get();
}

export function updateCase(
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
    >
  >,
): Case {
  return tx.update(cases).set(patch).where(eq(cases.id, id)).returning().get()!;
}

export function insertCheck(
  tx: DbOrTx,
  values: {
    caseId: number;
    factor: VerificationFactor;
    matched: boolean;
    source: 'typed' | 'lookup';
    staffId: number;
    at: number;
  },
): VerificationCheck {
  return tx.insert(verificationChecks).values(values).returning().get();
}

export function checksOf(db: DbOrTx, caseId: number): VerificationCheck[] {
  return db
    .select()
    .from(verificationChecks)
    .where(eq(verificationChecks.caseId, caseId))
    .orderBy(asc(verificationChecks.id))
    .all();
}

/** The checks of several cases at once (a list page), grouped by case, each in the order done. */
export function checksOfCases(db: DbOrTx, caseIds: number[]): Map<number, VerificationCheck[]> {
  const byCase = new Map<number, VerificationCheck[]>(caseIds.map((id) => [id, []]));
  if (!caseIds.length) return byCase;
  const rows = db
    .select()
    .from(verificationChecks)
    .where(inArray(verificationChecks.caseId, caseIds))
    .orderBy(asc(verificationChecks.id))
    .all();
  for (const row of rows) byCase.get(row.caseId)?.push(row);
  return byCase;
}

export const CASE_SORTABLE = [
  'id',
  'openedAt',
  'updatedAt',
  'status',
  'level',
  'accountId',
  'channel',
] as const;
export type CaseSort = (typeof CASE_SORTABLE)[number];

export type CaseListQuery = {
  ids?: number[];
  accountId?: number[];
  status?: 'open' | 'closed';
  openedBy?: number[];
  /** An agent's own id: ANDed with every other filter, so a filter can never widen what they see. */
  onlyOpenedBy?: number;
  sort: CaseSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export function listCases(db: DbOrTx, q: CaseListQuery): { rows: Case[]; total: number } {
  const conditions: SQL[] = [];
  if (q.ids) conditions.push(inArray(cases.id, q.ids));
  if (q.accountId) conditions.push(inArray(cases.accountId, q.accountId));
  if (q.status) conditions.push(eq(cases.status, q.status));
  if (q.openedBy) conditions.push(inArray(cases.openedBy, q.openedBy));
  if (q.onlyOpenedBy !== undefined) conditions.push(eq(cases.openedBy, q.onlyOpenedBy));
  const where = conditions.length ? and(...conditions) : undefined;
  const column = cases[q.sort];
  const rows = db
    .select()
    .from(cases)
    .where(where)
    .orderBy(q.order === 'asc' ? asc(column) : desc(column), desc(cases.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
  return { rows, total };
}
