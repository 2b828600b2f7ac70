import { and, count, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
import { firstRow } from '../db/rows';
import { accounts, type ImpostorReport, impostorReports, staff } from '../db/tables';

export async function insertImpostorReport(
  tx: DbOrTx,
  values: { accountId: number; caseId: number; reportedBy: number; held: boolean; at: number },
): Promise<ImpostorReport> {
  return (await firstRow(tx.insert(impostorReports).values(values).returning()))!;
}

/**
 * The account's impostor reports since a time, newest first: the risk signal `impostor_suspected`
 * (the risk-signal module reads it through here).
 */
const impostorReportsSince = hotQuery('impostor_reports_since', (db) =>
  db
    .select()
    .from(impostorReports)
    .where(
      and(
        eq(impostorReports.accountId, sql.placeholder('accountId')),
        gte(impostorReports.at, sql.placeholder('since')),
      ),
    )
    .orderBy(desc(impostorReports.at), desc(impostorReports.id)),
);

export async function impostorReportsOf(db: DbOrTx, accountId: number, since = 0): Promise<ImpostorReport[]> {
  return impostorReportsSince(db, { accountId, since });
}

export type ImpostorReportQuery = { accountId?: number[]; since?: number; offset: number; limit: number };

/** For the supervisors' dashboard and the account page: newest first, with who reported and which account. */
export async function listImpostorReports(db: DbOrTx, q: ImpostorReportQuery) {
  const conditions: SQL[] = [];
  if (q.accountId) conditions.push(inArray(impostorReports.accountId, q.accountId));
  if (q.since !== undefined) conditions.push(gte(impostorReports.at, q.since));
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select({
      id: impostorReports.id,
      accountId: impostorReports.accountId,
      accountNumber: accounts.accountNumber,
      caseId: impostorReports.caseId,
      reportedBy: impostorReports.reportedBy,
      reportedByUsername: staff.username,
      held: impostorReports.held,
      at: impostorReports.at,
    })
    .from(impostorReports)
    .innerJoin(accounts, eq(accounts.id, impostorReports.accountId))
    .innerJoin(staff, eq(staff.id, impostorReports.reportedBy))
    .where(where)
    .orderBy(desc(impostorReports.at), desc(impostorReports.id))
    .limit(q.limit)
    .offset(q.offset);
  const total =
    (await firstRow(db.select({ n: count() }).from(impostorReports).where(where).limit(1)))?.n ?? 0;
  return { rows, total };
}
