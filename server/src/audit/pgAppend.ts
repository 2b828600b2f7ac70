import { and, asc, gt, lte, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { PgDbOrTx, PgTx } from '../db/pg';
import { auditDailyCounts, auditEvents } from '../db/pgSchema';
import { type ChainReport, chainHash, chainWalker } from './chain';
import { dailyCountKey } from './dailyCounts';
import { type AuditContext, type AuditEntry, chainedRow } from './writer';

/**
 * The audit chain on PostgreSQL, for the async data layer to call (README, Running on PostgreSQL).
 * Several server processes append at once, so the previous hash cannot be "the newest row": two
 * appenders would read the same one and fork the chain. Every append locks the one chain-head row
 * (`SELECT … FOR UPDATE`, drizzle/pg/0001_audit_append_only.sql) for the rest of its transaction, so
 * appenders take turns, each reading the head the previous one committed (READ COMMITTED re-reads a
 * row it waited for). The row, its HMAC and the canonical form are writer.ts's and chain.ts's own;
 * a unique index on prev_hash refuses a fork even if this lock were bypassed.
 */
export async function appendAuditPg(tx: PgTx, ctx: AuditContext, entry: AuditEntry): Promise<number> {
  const head = await tx.execute<{ hash: string }>(
    sql`SELECT hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
  );
  const prevHash = head.rows[0]?.hash;
  if (!prevHash) throw new Error('audit_chain_head has no row: are the PostgreSQL migrations applied?');
  const row = chainedRow(ctx, entry, prevHash);
  const hash = chainHash(ctx.auditKey, prevHash, row);
  const [inserted] = await tx
    .insert(auditEvents)
    .values({ ...row, hash })
    .returning({ id: auditEvents.id });
  await tx.execute(sql`UPDATE audit_chain_head SET last_id = ${inserted!.id}, hash = ${hash} WHERE id = 1`);
  await tx
    .insert(auditDailyCounts)
    .values({ ...dailyCountKey(row), count: 1 })
    .onConflictDoUpdate({
      target: [
        auditDailyCounts.day,
        auditDailyCounts.action,
        auditDailyCounts.outcome,
        auditDailyCounts.actorId,
        auditDailyCounts.subject,
      ],
      set: { count: sql`${auditDailyCounts.count} + 1` },
    });
  return inserted!.id;
}

/** Moves the chain head to the newest row, on a pg client inside the caller's transaction (db:copy wrote the rows itself). */
export async function resetChainHeadPg(client: Pick<pg.ClientBase, 'query'>): Promise<void> {
  await client.query(`UPDATE audit_chain_head
    SET (last_id, hash) = (SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1)
    WHERE id = 1 AND EXISTS (SELECT 1 FROM audit_events)`);
}

const VERIFY_PAGE = 250;
/** Rows hashed between two awaits of `between`: a few milliseconds of HMAC on a busy machine. */
const VERIFY_SLICE = 50;

export type PagedReadOptions = {
  pageSize?: number;
  /** Awaited every few rows: the caller yields to the event loop there and stops when its client left. */
  between?: () => Promise<void>;
};

/**
 * Recomputes the whole chain in id order, a page at a time by keyset (constant memory), with
 * chain.ts's walker: the same verdict audit/verify.ts gives on SQLite. The head is read first and the
 * walk stops at the row it names: appenders that commit meanwhile extend the chain past the snapshot
 * and are checked next time, and rows cut off the end of the trail (by someone with the owner's
 * rights) do not pass, because the head still names the row that was cut.
 */
export async function verifyChainPg(
  db: PgDbOrTx,
  auditKey: Buffer,
  options: PagedReadOptions = {},
): Promise<ChainReport & { headOk: boolean }> {
  const pageSize = options.pageSize ?? VERIFY_PAGE;
  const head = (
    await db.execute<{ lastId: number | null; hash: string }>(
      sql`SELECT last_id AS "lastId", hash FROM audit_chain_head WHERE id = 1`,
    )
  ).rows[0];
  const lastId = head?.lastId === null || head?.lastId === undefined ? 0 : Number(head.lastId);
  const walker = chainWalker(auditKey);
  let after = 0;
  let lastHash: string | null = null;
  page: for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, after), lte(auditEvents.id, lastId)))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    for (const [i, row] of rows.entries()) {
      if (!walker.check(row)) break page;
      lastHash = row.hash;
      if (i % VERIFY_SLICE === VERIFY_SLICE - 1) await options.between?.();
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.id;
  }
  const report = walker.report();
  const headOk = !report.ok || head?.hash === (lastHash ?? '0'.repeat(64));
  return { ...report, headOk };
}
