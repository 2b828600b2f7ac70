import type { RiskSignalCode } from '../../../shared/domain';
import type { Account, Case, VerificationFactor } from '../db/schema';
import type { Actor } from '../staff/actor';
import { type AssuranceLevel, assuranceLevel, type CheckResult } from './assurance';

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
  'sign_out_device',
  'reset_2fa',
] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export type PolicyAccount = Pick<Account, 'id' | 'status' | 'lockReason' | 'twoFactorEnabled'>;
export type PolicyCase = Pick<
  Case,
  'id' | 'accountId' | 'openedBy' | 'ownerId' | 'status' | 'level' | 'verificationFrozen'
>;

export type PolicyInput = {
  actor: Pick<Actor, 'id' | 'role'>;
  account: PolicyAccount;
  case: PolicyCase | null;
  /** The case's verification checks: which factors matched, so a risk signal can take one out. */
  checks: readonly CheckResult[];
  /** The account's takeover risk signals now (policy/riskSignals.ts). */
  signals: readonly RiskSignalCode[];
};
export type Decision =
  | { allowed: true; missing: [] }
  | { allowed: false; missing: string[]; message: string };

type Requirement = {
  level: AssuranceLevel;
  supervisor: boolean;
  status?: 'locked' | 'active';
  /** reset_2fa: the account must have a second factor to reset. */
  twoFactor?: boolean;
};

const L1_ACTIONS: readonly PolicyAction[] = [
  'email_hint',
  'password_reset',
  'resend_message',
  'sign_out_devices',
  'sign_out_device',
];

/** With this many risk signals on the account, L2 actions need L3 and a failed_attempts unlock a supervisor. */
export const ELEVATING_SIGNALS = 2;

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
  if (action === 'reset_2fa') return { level: 3, supervisor: false, twoFactor: true };
  // email_change; its (and reset_2fa's) second-person approval is checked where it is decided.
  return { level: 3, supervisor: false };
}

/**
 * A possession factor that does not count for this action on this account, and the need that says why:
 * a code to a phone that changed hands in the last week proves nothing (SIM swap); a second factor
 * being reset because the phone is lost cannot be proven with that phone.
 */
function discountedFactors(action: PolicyAction, signals: readonly RiskSignalCode[]) {
  const out: Array<{ factor: VerificationFactor; why: string }> = [];
  if (signals.includes('phone_changed')) out.push({ factor: 'sms_otp', why: 'risk:phone_changed' });
  if (action === 'reset_2fa') out.push({ factor: 'sms_otp', why: 'possession:email_otp' });
  return out;
}

/** The requirement once the account's signals are taken into account, with the signals that raised it. */
function requirementUnderRisk(action: PolicyAction, input: PolicyInput) {
  const base = requirementFor(action, input.account);
  if (input.signals.length < ELEVATING_SIGNALS) return { need: base, raisedBy: [] as string[] };
  const raisedBy = input.signals.map((s) => `risk:${s}`);
  const lock = input.account.status === 'locked' ? input.account.lockReason : null;
  if (action === 'unlock' && lock === 'failed_attempts')
    return { need: { ...base, level: 3 as const, supervisor: true }, raisedBy };
  if (base.level === 2) return { need: { ...base, level: 3 as const }, raisedBy };
  return { need: base, raisedBy: [] as string[] };
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
  'account:two_factor_enabled': 'an account with two-factor sign-in turned on',
  'possession:email_otp': 'a code to the registered email (the lost phone cannot prove possession)',
  'risk:phone_changed': 'a code other than SMS (the phone changed in the last 7 days)',
};

function explain(need: string): string {
  const words = EXPLANATIONS[need];
  if (words) return words;
  if (need.startsWith('risk:')) return `more assurance (risk signal: ${need.slice(5).replace(/_/g, ' ')})`;
  return need;
}

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
  if (need.twoFactor && !account.twoFactorEnabled) return ['account:two_factor_enabled'];
  return [];
}

/** The case's level with the discounted factors taken out, and the needs of those that were matched. */
function levelUnderRisk(action: PolicyAction, input: PolicyInput) {
  const level = (input.case?.level ?? 0) as AssuranceLevel;
  const discounted = discountedFactors(action, input.signals);
  if (!input.case || discounted.length === 0) return { level, discountedBy: [] as string[] };
  const out = new Set(discounted.map((d) => d.factor));
  const counted = input.checks.filter((c) => !out.has(c.factor));
  const matched = new Set(input.checks.filter((c) => c.matched).map((c) => c.factor));
  const discountedBy = discounted.filter((d) => matched.has(d.factor)).map((d) => d.why);
  return { level: Math.min(level, assuranceLevel(counted)) as AssuranceLevel, discountedBy };
}

/** Every action goes through here: allowed, or what is missing (machine-readable) and why (for people). */
export function decide(action: PolicyAction, input: PolicyInput): Decision {
  const { need, raisedBy } = requirementUnderRisk(action, input);
  const gaps = [...caseGaps(input), ...accountGaps(input.account, need)];
  if (need.supervisor && input.actor.role !== 'supervisor') gaps.push('role:supervisor', ...raisedBy);
  const { level, discountedBy } = levelUnderRisk(action, input);
  if (level < need.level) gaps.push(`level:L${need.level}`, ...raisedBy, ...discountedBy);
  if (gaps.length === 0) return { allowed: true, missing: [] };
  // A signal that both raised the level and required a supervisor is named once.
  const missing = [...new Set(gaps)];
  const needs = missing.map(explain).join(', ');
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
