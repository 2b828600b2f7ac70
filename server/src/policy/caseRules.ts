import {
  CASE_RESOLUTIONS,
  type CaseResolution,
  ESCALATION_STATES,
  type EscalationState,
} from '../../../shared/domain';
import type { StaffRole } from '../db/schema';

export { CASE_RESOLUTIONS, type CaseResolution, ESCALATION_STATES, type EscalationState };

/**
 * Who may do what with a case itself (docs/design.md, Case ownership and escalation). Pure, like the
 * action policy: the routes ask it, the case view sends its answers to the console, the tests walk
 * the whole table. The account commands ask the action policy, which checks ownership the same way.
 *
 * A case has one owner at a time: the agent who opened it, then whoever it was transferred to or the
 * supervisor who took it from the queue. Only the owner acts. Everyone who owned it before keeps
 * reading it; supervisors read every case.
 */

export const CASE_ACTIONS = ['read', 'act', 'escalate', 'take', 'return', 'transfer'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type CaseRulesActor = { id: number; role: StaffRole };
export type CaseRulesCase = {
  status: 'open' | 'closed';
  ownerId: number;
  escalation: EscalationState | null;
  escalatedBy: number | null;
};
/** pastOwner: the actor opened the case or owned it before a hand-off (from the case's hand-off history). */
export type CaseRulesInput = { actor: CaseRulesActor; case: CaseRulesCase; pastOwner: boolean };

export type CaseDecision =
  | { allowed: true; missing: [] }
  | { allowed: false; missing: string[]; message: string };

const EXPLANATIONS: Record<string, string> = {
  'case:visible': 'a case you own, owned before, or a supervisor',
  'case:open': 'the case to be open',
  'case:owner': 'the case to be yours now (its current owner acts; earlier owners only read)',
  'role:agent': 'an agent (supervisors hand cases on with transfer)',
  'role:supervisor': 'a supervisor',
  'escalation:none': 'the case not to be waiting in the supervisors’ queue',
  'escalation:waiting': 'the case to be waiting in the supervisors’ queue (someone may have taken it)',
  'escalation:taken': 'the case to have been taken from the queue',
};

/** Gaps that are the case's state, not the caller's rights: answered 409 (someone else got there first). */
const CONFLICT_GAPS: ReadonlySet<string> = new Set([
  'case:open',
  'escalation:none',
  'escalation:waiting',
  'escalation:taken',
]);

function canRead({ actor, case: kase, pastOwner }: CaseRulesInput): boolean {
  return actor.role === 'supervisor' || kase.ownerId === actor.id || pastOwner;
}

function gapsOf(action: CaseAction, input: CaseRulesInput): string[] {
  if (!canRead(input)) return ['case:visible'];
  if (action === 'read') return [];
  const { actor, case: kase } = input;
  const gaps: string[] = [];
  if (kase.status !== 'open') gaps.push('case:open');
  const owner = kase.ownerId === actor.id;
  switch (action) {
    case 'act':
      if (!owner) gaps.push('case:owner');
      break;
    case 'escalate':
      if (!owner) gaps.push('case:owner');
      if (actor.role !== 'agent') gaps.push('role:agent');
      if (kase.escalation === 'waiting') gaps.push('escalation:none');
      break;
    case 'take':
      if (actor.role !== 'supervisor') gaps.push('role:supervisor');
      if (kase.escalation !== 'waiting') gaps.push('escalation:waiting');
      break;
    case 'return':
      if (!owner) gaps.push('case:owner');
      if (kase.escalation !== 'taken' || kase.escalatedBy === null) gaps.push('escalation:taken');
      break;
    case 'transfer':
      // A supervisor runs the desk and may hand any case on; an agent only their own.
      if (!owner && actor.role !== 'supervisor') gaps.push('case:owner');
      if (kase.escalation === 'waiting') gaps.push('escalation:none');
      break;
  }
  return gaps;
}

export function decideCase(action: CaseAction, input: CaseRulesInput): CaseDecision {
  const missing = gapsOf(action, input);
  if (missing.length === 0) return { allowed: true, missing: [] };
  const needs = missing.map((m) => EXPLANATIONS[m] ?? m).join(', ');
  return { allowed: false, missing, message: `Not allowed: ${action} needs ${needs}` };
}

/** Every case action's answer for the console's buttons (read is implied: the actor is looking at it). */
export function decideAllCase(
  input: CaseRulesInput,
): Record<Exclude<CaseAction, 'read'>, { allowed: boolean; missing: string[] }> {
  const out = {} as Record<Exclude<CaseAction, 'read'>, { allowed: boolean; missing: string[] }>;
  for (const action of CASE_ACTIONS) {
    if (action === 'read') continue;
    const d = decideCase(action, input);
    out[action] = { allowed: d.allowed, missing: d.missing };
  }
  return out;
}

/** The HTTP status of a refusal: unseen cases do not exist (404), a state race is 409, the rest 403. */
export function refusalStatus(missing: readonly string[]): 404 | 409 | 403 {
  if (missing.includes('case:visible')) return 404;
  return missing.every((m) => CONFLICT_GAPS.has(m)) ? 409 : 403;
}

export type TransferTarget = { id: number; role: StaffRole; disabled: boolean } | undefined;

/**
 * Whom a case may go to: an active staff member other than its owner; an agent hands on only to
 * another agent (the way to a supervisor is the queue), a supervisor to anyone. A problem is
 * the staffId field's fault (400), named by its message.
 */
export function transferTargetProblem(
  actor: CaseRulesActor,
  kase: Pick<CaseRulesCase, 'ownerId'>,
  target: TransferTarget,
): string | null {
  if (!target) return 'no such staff member';
  if (target.disabled) return 'this staff member is disabled';
  if (target.id === kase.ownerId) return 'the case already belongs to this staff member';
  if (actor.role === 'agent' && target.role !== 'agent') {
    return 'an agent hands a case to another agent; escalate it to reach a supervisor';
  }
  return null;
}
