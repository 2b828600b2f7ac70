import { desc } from 'drizzle-orm';
import type pg from 'pg';
import { type ChainedFields, chainHash, GENESIS_HASH } from '../../src/audit/chain';
import { resetChainHeadPg } from '../../src/audit/pgAppend';
import type { AuditContext } from '../../src/audit/writer';
import { inTransaction } from '../../src/db/client';
import { rawRun } from '../../src/db/rows';
import { auditEvents } from '../../src/db/tables';
import type { Actor } from '../../src/staff/actor';
import type { TestApp } from '../harness';

/** Who the tests' own audit rows are from: a staff member (default: agent 1) or nobody, on the app's key and clock. */
export function auditContext(
  t: TestApp,
  actor: Actor | null = { id: 1, username: 'agent', role: 'agent' },
): AuditContext {
  return {
    actor,
    ip: '127.0.0.1',
    userAgent: 'test',
    requestId: 'r1',
    auditKey: t.deps.keys.auditKey,
    now: t.deps.now,
  };
}

const ACTIONS = ['account.lookup', 'account.view', 'case.open', 'account.unlock', 'account.hold'] as const;
const OUTCOMES = ['success', 'success', 'success', 'denied', 'error'] as const;

/**
 * Appends n valid, chained audit rows straight to the table (the writer's own hash, at bulk speed):
 * a trail big enough that verifying or exporting it takes a while. Actors 1-5, targets 1-500.
 */
export async function appendBulkTrail(t: TestApp, n: number, start = t.deps.now() - n): Promise<void> {
  if (!t.deps.sqlite) return appendBulkTrailPg(t, n, start);
  const sqlite = t.deps.sqlite;
  const last = sqlite.prepare('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as
    | { hash: string }
    | undefined;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const insert = sqlite.prepare(
    `INSERT INTO audit_events (at, actor_id, actor_username, actor_role, action, target_type, target_id, case_id,
       reason, outcome, ip, user_agent, request_id, details, prev_hash, hash)
     VALUES (?, ?, ?, 'agent', ?, 'account', ?, ?, ?, ?, '127.0.0.1', 'bulk', NULL, '{}', ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const row = bulkRow(i, start, prevHash);
      const hash = chainHash(t.deps.keys.auditKey, prevHash, row);
      insert.run(
        row.at,
        row.actorId,
        row.actorUsername,
        row.action,
        row.targetId,
        row.caseId,
        row.reason,
        row.outcome,
        prevHash,
        hash,
      );
      prevHash = hash;
    }
  })();
  sqlite.exec('ANALYZE');
}

function bulkRow(i: number, start: number, prevHash: string): ChainedFields {
  return {
    at: start + i,
    actorId: (i % 5) + 1,
    actorUsername: `bulk${(i % 5) + 1}`,
    actorRole: 'agent',
    action: ACTIONS[i % ACTIONS.length]!,
    targetType: 'account',
    targetId: String((i % 500) + 1),
    caseId: i % 7 === 0 ? (i % 50) + 1 : null,
    reason: i % 3 === 0 ? `caller asked ${i % 11 === 0 ? 'refund' : 'unlock'}` : null,
    outcome: OUTCOMES[i % OUTCOMES.length]!,
    ip: '127.0.0.1',
    userAgent: 'bulk',
    requestId: null,
    details: '{}',
    prevHash,
  };
}

/** PostgreSQL: the same rows and hashes in one transaction, then the chain head moved to the newest row. */
async function appendBulkTrailPg(t: TestApp, n: number, start: number) {
  await inTransaction(t.deps.db, async (tx) => {
    const [last] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.id))
      .limit(1);
    let prevHash = last?.hash ?? GENESIS_HASH;
    for (let from = 0; from < n; from += 1_000) {
      const rows = [];
      for (let i = from; i < Math.min(n, from + 1_000); i++) {
        const row = bulkRow(i, start, prevHash);
        prevHash = chainHash(t.deps.keys.auditKey, prevHash, row);
        rows.push({ ...row, hash: prevHash });
      }
      await tx.insert(auditEvents).values(rows);
    }
    const client = { query: (text: string) => rawRun(tx, text) };
    await resetChainHeadPg(client as unknown as Pick<pg.ClientBase, 'query'>);
  });
  await rawRun(t.deps.db, 'ANALYZE audit_events');
}
