import type { DbOrTx } from '../db/client';
import { rawAll } from '../db/rows';

/**
 * One account's story, newest first (docs/design.md, Account timeline): its sign-ins, what staff did to it
 * (the audit trail, without the reads), the messages it was sent and the steps of its email changes — what an
 * agent reads in ten seconds when the caller asks "what happened to my account?". Each kind is read through
 * its own (account, time) index, at most one page deep, and merged here.
 */
export const TIMELINE_KINDS = ['sign_in', 'action', 'message', 'email_change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineEntry = {
  /** `<kind>-<row id>[-<step>]`: unique across kinds, for react-admin's list keys. */
  id: string;
  kind: TimelineKind;
  at: number;
  /** sign_in: the outcome; action: the audit action; message: the template; email_change: the step. */
  what: string;
  /** success | denied | error, a message's status, an email change's status. */
  outcome: string | null;
  actor: string | null;
  reason: string | null;
  caseId: number | null;
  /** Masked or non-personal context: IP, device and country; channel and masked recipient. */
  detail: string | null;
};

// Reads are not events in the customer's story; email-change steps come from the change itself.
const NOT_IN_STORY = [
  'account.view',
  'account.lookup',
  'account.activity_view',
  'account.email_change_request',
  'wallet.email_change_confirm',
  'wallet.email_change_revert',
  'wallet.email_change_cancel',
];

const SIGN_INS = `SELECT id, at, outcome, ip, device, country FROM login_events
  WHERE account_id = ? ORDER BY at DESC LIMIT ?`;
// Staff by full name (docs/design.md, Readable trail); a customer or the system keeps the stored name.
const ACTIONS = `SELECT a.id, a.at, a.action, a.outcome, coalesce(s.full_name, a.actor_username) AS actor, a.reason,
  a.case_id AS caseId
  FROM audit_events a LEFT JOIN staff s ON s.id = a.actor_id
  WHERE a.target_type = 'account' AND a.target_id = ? AND a.action NOT IN (${NOT_IN_STORY.map(() => '?').join(',')})
  ORDER BY a.at DESC LIMIT ?`;
// A two-factor reset's decisions target the reset, not the account (its request does): read through the same
// (target, time) index for the account's resets, so requested → approved (which completes it) or rejected
// shows as the account's own actions (docs/design.md, Two-factor reset).
const RESET_DECISIONS = `SELECT a.id, a.at, a.action, a.outcome, coalesce(s.full_name, a.actor_username) AS actor,
  a.reason, a.case_id AS caseId
  FROM audit_events a LEFT JOIN staff s ON s.id = a.actor_id
  WHERE a.target_type = 'two_factor_reset'
  AND a.target_id IN (SELECT CAST(id AS TEXT) FROM two_factor_resets WHERE account_id = ?)
  ORDER BY a.at DESC LIMIT ?`;
const MESSAGES = `SELECT id, created_at AS at, template, status, channel, recipient_masked AS recipient, case_id AS caseId
  FROM messages WHERE account_id = ? ORDER BY created_at DESC LIMIT ?`;
const EMAIL_CHANGES = `SELECT e.id, e.status, e.reason, e.case_id AS caseId, e.created_at AS createdAt,
  e.decided_at AS decidedAt, e.decision_reason AS decisionReason, e.confirmed_at AS confirmedAt,
  e.reverted_at AS revertedAt, e.updated_at AS updatedAt, r.full_name AS requester, d.full_name AS decider
  FROM email_changes e LEFT JOIN staff r ON r.id = e.requested_by LEFT JOIN staff d ON d.id = e.decided_by
  WHERE e.account_id = ? ORDER BY e.created_at DESC LIMIT ?`;

type EmailChangeRow = {
  id: number;
  status: string;
  reason: string;
  caseId: number | null;
  createdAt: number;
  decidedAt: number | null;
  decisionReason: string | null;
  confirmedAt: number | null;
  revertedAt: number | null;
  updatedAt: number;
  requester: string | null;
  decider: string | null;
};

function emailChangeSteps(c: EmailChangeRow): TimelineEntry[] {
  const step = (what: string, at: number | null, actor: string | null, reason: string | null) =>
    at === null
      ? []
      : [
          {
            id: `email_change-${c.id}-${what}`,
            kind: 'email_change' as const,
            at,
            what,
            outcome: c.status,
            actor,
            reason,
            caseId: c.caseId,
            detail: null,
          },
        ];
  const decided = c.status === 'rejected' ? 'rejected' : 'approved';
  return [
    ...step('requested', c.createdAt, c.requester, c.reason),
    ...(c.status === 'expired'
      ? step('expired', c.updatedAt, null, null)
      : step(decided, c.decidedAt, c.decider, c.decisionReason)),
    ...step('confirmed', c.confirmedAt, null, null),
    // Undone before the new address confirmed is a cancellation by the old address (oldAddressNotice.ts).
    ...step(c.confirmedAt === null ? 'cancelled' : 'reverted', c.revertedAt, null, null),
  ];
}

export async function accountTimeline(
  db: DbOrTx,
  q: { accountId: number; kinds?: readonly TimelineKind[]; offset: number; limit: number },
): Promise<{ rows: TimelineEntry[]; total: number; capped: boolean }> {
  const wanted = new Set(q.kinds?.length ? q.kinds : TIMELINE_KINDS);
  const depth = q.offset + q.limit + 1;
  const entries: TimelineEntry[] = [];
  let complete = true;
  const read = <T>(rows: T[]) => {
    if (rows.length >= depth) complete = false;
    return rows;
  };
  if (wanted.has('sign_in')) {
    const rows = await rawAll<{
      id: number;
      at: number;
      outcome: string;
      ip: string;
      device: string;
      country: string;
    }>(db, SIGN_INS, [q.accountId, depth]);
    for (const r of read(rows))
      entries.push({
        id: `sign_in-${r.id}`,
        kind: 'sign_in',
        at: r.at,
        what: r.outcome,
        outcome: r.outcome,
        actor: null,
        reason: null,
        caseId: null,
        detail: `${r.ip} · ${r.device} · ${r.country}`,
      });
  }
  if (wanted.has('action')) {
    type ActionRow = {
      id: number;
      at: number;
      action: string;
      outcome: string;
      actor: string | null;
      reason: string | null;
      caseId: number | null;
    };
    const rows = [
      ...read(await rawAll<ActionRow>(db, ACTIONS, [String(q.accountId), ...NOT_IN_STORY, depth])),
      ...read(await rawAll<ActionRow>(db, RESET_DECISIONS, [q.accountId, depth])),
    ];
    for (const r of rows)
      entries.push({
        id: `action-${r.id}`,
        kind: 'action',
        at: r.at,
        what: r.action,
        outcome: r.outcome,
        actor: r.actor,
        reason: r.reason,
        caseId: r.caseId,
        detail: null,
      });
  }
  if (wanted.has('message')) {
    const rows = await rawAll<{
      id: number;
      at: number;
      template: string;
      status: string;
      channel: string;
      recipient: string;
      caseId: number | null;
    }>(db, MESSAGES, [q.accountId, depth]);
    for (const r of read(rows))
      entries.push({
        id: `message-${r.id}`,
        kind: 'message',
        at: r.at,
        what: r.template,
        outcome: r.status,
        actor: null,
        reason: null,
        caseId: r.caseId,
        detail: `${r.channel} · ${r.recipient}`,
      });
  }
  if (wanted.has('email_change')) {
    const rows = await rawAll<EmailChangeRow>(db, EMAIL_CHANGES, [q.accountId, depth]);
    for (const r of read(rows)) entries.push(...emailChangeSteps(r));
  }
  // Newest first; within one second the order of the kinds is the order things happen (sign-in, action,
  // message): a command queues its notice a few ms before its audit row is stamped, yet the notice follows it.
  const order: Record<TimelineKind, number> = { sign_in: 0, action: 1, email_change: 2, message: 3 };
  const second = (e: TimelineEntry) => Math.floor(e.at / 1000);
  entries.sort((a, b) => second(b) - second(a) || order[b.kind] - order[a.kind] || b.at - a.at);
  // A kind that filled its page may hold more: then the total is "at least" (Content-Range …/n+).
  return { rows: entries.slice(q.offset, q.offset + q.limit), total: entries.length, capped: !complete };
}
