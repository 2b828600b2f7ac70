import { chainHash, GENESIS_HASH } from '../../src/audit/chain';
import type { TestApp } from '../harness';

const ACTIONS = ['account.lookup', 'account.view', 'case.open', 'account.unlock', 'account.hold'] as const;
const OUTCOMES = ['success', 'success', 'success', 'denied', 'error'] as const;

/**
 * Appends n valid, chained audit rows straight to the table (the writer's own hash, at bulk speed):
 * a trail big enough that verifying or exporting it takes a while. Actors 1-5, targets 1-500.
 */
export function appendBulkTrail(t: TestApp, n: number, start = t.deps.now() - n) {
  const sqlite = t.deps.sqlite!;
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
      const row = {
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
