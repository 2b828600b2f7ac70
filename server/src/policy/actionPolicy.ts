import type { Account, Case } from '../db/schema';
import type { Actor } from '../staff/actor';
import type { AssuranceLevel } from './assurance';

/**
 * The action policy (docs/design.md, Action policy), as one pure function. The server enforces it on every command
 * and the case view sends its answers to the console, which only mirrors it: both call `decide`.
 */

export const POLICY_ACTIONS = [
  'email_hint',
  'password_reset',
  'resend_message',
  'sign_out_devices',
  'hold',
  'reveal',
  'unlock',
  'email_change',
] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export type PolicyAccount = Pick<Account, 'id' | 'status' | 'lockReason'>;
export type PolicyCase = Pick<
  Case,
  'id' | 'accountId' | 'openedBy' | 'ownerId' | 'status' | 'level' | 'verificationFrozen'
>;

export type PolicyInput = {
  actor: Pick<Actor, 'id' | 'role'>;
  account: PolicyAccount;
  case: PolicyCase | null;
};
export type Decision =
  | { allowed: true; missing: [] }
  | { allowed: false; missing: string[]; message: string };

type Requirement = { level: AssuranceLevel; supervisor: boolean; status?: 'locked' | 'active' };

const L1_ACTIONS: readonly PolicyAction[] = [
  'email_hint',
  'password_reset',
  'resend_message',
  'sign_out_devices',
];

function unlockRequirement(account: PolicyAccount): Requirement {
  switch (account.status === 'locked' ? account.lockReason : 'failed_attempts') {
    case 'failed_attempts':
    case 'customer_request':
      return { level: 2, supervisor: false, status: 'locked' };
    case 'terms_violation':
      return { level: 0, supervisor: true, status: 'locked' };
    default:
      // suspicious_activity, and a lock whose reason is unknown: the strictest rule.
      return { level: 3, supervisor: true, status: 'locked' };
  }
}

/** What an action needs, given the account it acts on (unlock depends on why the account is locked). */
export function requirementFor(action: PolicyAction, account: PolicyAccount): Requirement {
  if (L1_ACTIONS.includes(action)) return { level: 1, supervisor: false };
  if (action === 'hold') return { level: 1, supervisor: false, status: 'active' };
  if (action === 'reveal') return { level: 2, supervisor: false };
  if (action === 'unlock') return unlockRequirement(account);
  return { level: 3, supervisor: false }; // email_change; its second-person approval is checked where it is decided
}

const EXPLANATIONS: Record<string, string> = {
  'case:required': 'an open case on this account',
  'case:open': 'the case to be open',
  'case:same_account': 'a case opened on this account',
  'case:own': 'a case you own now (opened, transferred to you or taken from the queue)',
  'case:not_frozen': 'a supervisor to review the frozen verification',
  'account:not_closed': 'an account that is not closed',
  'account:locked': 'the account to be locked',
  'account:active': 'the account to be active',
  'role:supervisor': 'a supervisor',
  'level:L1': 'verification level L1',
  'level:L2': 'verification level L2',
  'level:L3': 'verification level L3',
};

function caseGaps(input: PolicyInput): string[] {
  const { actor, account, case: kase } = input;
  if (!kase) return ['case:required'];
  const gaps: string[] = [];
  if (kase.status !== 'open') gaps.push('case:open');
  if (kase.accountId !== account.id) gaps.push('case:same_account');
  // Only the case's current owner acts, supervisors too: a supervisor acts in an agent's case by
  // taking it from the queue (or having it transferred), never beside its owner (docs/design.md).
  if ((kase.ownerId ?? kase.openedBy) !== actor.id) gaps.push('case:own');
  if (kase.verificationFrozen) gaps.push('case:not_frozen');
  return gaps;
}

function accountGaps(account: PolicyAccount, need: Requirement): string[] {
  if (account.status === 'closed') return ['account:not_closed'];
  if (need.status && account.status !== need.status) return [`account:${need.status}`];
  return [];
}

/** Every action goes through here: allowed, or what is missing (machine-readable) and why (for people). */
export function decide(action: PolicyAction, input: PolicyInput): Decision {
  const need = requirementFor(action, input.account);
  const missing = [...caseGaps(input), ...accountGaps(input.account, need)];
  if (need.supervisor && input.actor.role !== 'supervisor') missing.push('role:supervisor');
  const level = input.case?.level ?? 0;
  if (level < need.level) missing.push(`level:L${need.level}`);
  if (missing.length === 0) return { allowed: true, missing: [] };
  const needs = missing.map((m) => EXPLANATIONS[m] ?? m).join(', ');
  return { allowed: false, missing, message: `Not allowed: ${action.replace(/_/g, ' ')} needs ${needs}` };
}

/** The console's buttons: every action's decision for this actor, account and case. */
export function decideAll(input: PolicyInput): Record<PolicyAction, { allowed: boolean; missing: string[] }> {
  const out = {} as Record<PolicyAction, { allowed: boolean; missing: string[] }>;
  for (const action of POLICY_ACTIONS) {
    const d = decide(action, input);
    out[action] = { allowed: d.allowed, missing: d.missing };
  }
  return out;
}
