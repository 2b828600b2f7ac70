import type { DbOrTx } from '../db/client';
import { rawAll, rawGet } from '../db/rows';
import { NOT_READING_ACTION } from '../db/schema';

/**
 * The dashboards' reads (docs/design.md, Dashboards). Every statement is a seek on an index that leads
 * with what it filters on, or reads the per-day counters (`audit_daily_counts`) instead of the trail:
 * server/test/dashboard-plans.test.ts replays each under EXPLAIN QUERY PLAN and refuses a scan.
 */

export const DASHBOARD_SQL = {
  myOpenCases: `SELECT c.id, c.account_id AS accountId, c.level, c.opened_at AS openedAt, c.escalation,
      c.verification_frozen AS frozen, a.account_number AS accountNumber, a.full_name AS fullName,
      a.status AS accountStatus, a.lock_reason AS lockReason
    FROM cases c JOIN accounts a ON a.id = c.account_id
    WHERE c.owner_id = ? AND c.status = 'open' ORDER BY c.opened_at ASC, c.id ASC LIMIT ?`,
  myOpenCaseCount: `SELECT count(*) AS n FROM cases WHERE owner_id = ? AND status = 'open'`,
  // Only the newest code of a case and channel works (docs/design.md, Verification levels).
  myCodesSent: `SELECT o.id, o.case_id AS caseId, o.channel, o.created_at AS at, o.expires_at AS until,
      c.account_id AS accountId, a.account_number AS accountNumber, a.full_name AS fullName
    FROM cases c JOIN one_time_codes o ON o.case_id = c.id JOIN accounts a ON a.id = c.account_id
    WHERE c.owner_id = ? AND c.status = 'open' AND o.used_at IS NULL AND o.expires_at > ?
      AND o.id = (SELECT max(n.id) FROM one_time_codes n WHERE n.case_id = o.case_id AND n.channel = o.channel)
    ORDER BY o.created_at ASC LIMIT ?`,
  myAwaitingConfirmation: `SELECT e.id, e.case_id AS caseId, e.decided_at AS at, e.account_id AS accountId,
      a.account_number AS accountNumber, a.full_name AS fullName
    FROM email_changes e JOIN accounts a ON a.id = e.account_id
    WHERE e.status = 'awaiting_confirmation' AND e.requested_by = ? AND e.decided_at > ?
    ORDER BY e.created_at ASC LIMIT ?`,
  // What the member did, not what they read: views, lookups and signing in are in the trail, not here.
  myLastActions: `SELECT id, at, action, outcome, target_type AS targetType, target_id AS targetId,
      case_id AS caseId
    FROM audit_events
    WHERE actor_id = ? AND at > ? AND ${NOT_READING_ACTION}
    ORDER BY at DESC, id DESC LIMIT ?`,

  actionsPerDay: `SELECT day, action, sum(count) AS n FROM audit_daily_counts
    WHERE day BETWEEN ? AND ? GROUP BY day, action`,
  lockedNow: `SELECT lock_reason AS reason, count(*) AS n FROM accounts WHERE status = 'locked'
    GROUP BY lock_reason`,
  unlocksByReason: `SELECT subject AS reason, sum(count) AS n FROM audit_daily_counts
    WHERE action = 'account.unlock' AND day BETWEEN ? AND ? AND outcome = 'success' GROUP BY subject`,
  pendingApprovalCount: `SELECT count(*) AS n FROM email_changes WHERE status = 'pending_approval' AND created_at > ?`,
  pendingApprovals: `SELECT e.id, e.case_id AS caseId, e.created_at AS at, e.account_id AS accountId,
      a.account_number AS accountNumber, a.full_name AS fullName, s.full_name AS staffName
    FROM email_changes e JOIN accounts a ON a.id = e.account_id JOIN staff s ON s.id = e.requested_by
    WHERE e.status = 'pending_approval' AND e.created_at > ? ORDER BY e.created_at ASC LIMIT ?`,
  frozenCount: `SELECT count(*) AS n FROM cases WHERE verification_frozen = true AND status = 'open'`,
  frozen: `SELECT c.id, c.id AS caseId, c.updated_at AS at, c.account_id AS accountId,
      a.account_number AS accountNumber, a.full_name AS fullName, s.full_name AS staffName
    FROM cases c JOIN accounts a ON a.id = c.account_id LEFT JOIN staff s ON s.id = c.owner_id
    WHERE c.verification_frozen = true AND c.status = 'open' ORDER BY c.updated_at ASC LIMIT ?`,
  lookupsAndCases: `SELECT actor_id AS actorId,
      sum(CASE WHEN action = 'account.lookup' THEN count ELSE 0 END) AS lookups,
      sum(CASE WHEN action = 'case.open' AND outcome = 'success' THEN count ELSE 0 END) AS casesOpened
    FROM audit_daily_counts
    WHERE action IN ('account.lookup', 'case.open') AND day BETWEEN ? AND ? AND actor_id > 0
    GROUP BY actor_id`,
  refusedLookupsPerDay: `SELECT day, sum(count) AS n FROM audit_daily_counts
    WHERE action = 'account.lookup' AND day BETWEEN ? AND ? AND outcome = 'denied' GROUP BY day`,
} as const;

export type AccountRef = { accountId: number; accountNumber: string; fullName: string };

export type OpenCaseRow = AccountRef & {
  id: number;
  level: number;
  openedAt: number;
  escalation: string | null;
  frozen: number | boolean;
  accountStatus: string;
  lockReason: string | null;
};
export type WaitingRow = AccountRef & {
  id: number;
  caseId: number;
  at: number;
  until?: number;
  channel?: string;
};
export type QueueRow = AccountRef & { id: number; caseId: number; at: number; staffName: string | null };
export type ActionRow = {
  id: number;
  at: number;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  caseId: number | null;
};

const all = <R>(db: DbOrTx, source: string, ...params: unknown[]) => rawAll<R>(db, source, params);
const one = async (db: DbOrTx, source: string, ...params: unknown[]) =>
  Number((await rawGet<{ n: number }>(db, source, params))?.n ?? 0);

export const dashboardRepo = {
  myOpenCases: (s: DbOrTx, staffId: number, limit: number) =>
    all<OpenCaseRow>(s, DASHBOARD_SQL.myOpenCases, staffId, limit),
  myOpenCaseCount: (s: DbOrTx, staffId: number) => one(s, DASHBOARD_SQL.myOpenCaseCount, staffId),
  myCodesSent: (s: DbOrTx, staffId: number, now: number, limit: number) =>
    all<WaitingRow>(s, DASHBOARD_SQL.myCodesSent, staffId, now, limit),
  myAwaitingConfirmation: (s: DbOrTx, staffId: number, decidedAfter: number, limit: number) =>
    all<WaitingRow>(s, DASHBOARD_SQL.myAwaitingConfirmation, staffId, decidedAfter, limit),
  myLastActions: (s: DbOrTx, staffId: number, after: number, limit: number) =>
    all<ActionRow>(s, DASHBOARD_SQL.myLastActions, staffId, after, limit),
  actionsPerDay: (s: DbOrTx, fromDay: number, toDay: number) =>
    all<{ day: number; action: string; n: number }>(s, DASHBOARD_SQL.actionsPerDay, fromDay, toDay),
  lockedNow: (s: DbOrTx) => all<{ reason: string | null; n: number }>(s, DASHBOARD_SQL.lockedNow),
  unlocksByReason: (s: DbOrTx, fromDay: number, toDay: number) =>
    all<{ reason: string; n: number }>(s, DASHBOARD_SQL.unlocksByReason, fromDay, toDay),
  pendingApprovalCount: (s: DbOrTx, createdAfter: number) =>
    one(s, DASHBOARD_SQL.pendingApprovalCount, createdAfter),
  pendingApprovals: (s: DbOrTx, createdAfter: number, limit: number) =>
    all<QueueRow>(s, DASHBOARD_SQL.pendingApprovals, createdAfter, limit),
  frozenCount: (s: DbOrTx) => one(s, DASHBOARD_SQL.frozenCount),
  frozen: (s: DbOrTx, limit: number) => all<QueueRow>(s, DASHBOARD_SQL.frozen, limit),
  lookupsAndCases: (s: DbOrTx, fromDay: number, toDay: number) =>
    all<{ actorId: number; lookups: number; casesOpened: number }>(
      s,
      DASHBOARD_SQL.lookupsAndCases,
      fromDay,
      toDay,
    ),
  refusedLookupsPerDay: (s: DbOrTx, fromDay: number, toDay: number) =>
    all<{ day: number; n: number }>(s, DASHBOARD_SQL.refusedLookupsPerDay, fromDay, toDay),
};
