import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  type CaseAction,
  type CaseRulesCase,
  decideCase,
  type EscalationState,
  refusalStatus,
  transferTargetProblem,
} from '../src/policy/caseRules';

const ME = 10;
const OTHER = 99;
type Relation = 'owner' | 'past owner' | 'stranger';

/** docs/design.md, Case ownership and escalation, written out by the test in its own words. */
function expectedGaps(
  action: CaseAction,
  role: 'agent' | 'supervisor',
  relation: Relation,
  status: 'open' | 'closed',
  escalation: EscalationState | null,
): string[] {
  const readable = role === 'supervisor' || relation !== 'stranger';
  if (!readable) return ['case:visible'];
  if (action === 'read') return [];
  const gaps = status === 'closed' ? ['case:open'] : [];
  const owner = relation === 'owner';
  if (action === 'act' && !owner) gaps.push('case:owner');
  if (action === 'escalate') {
    if (!owner) gaps.push('case:owner');
    if (role !== 'agent') gaps.push('role:agent');
    if (escalation === 'waiting') gaps.push('escalation:none');
  }
  if (action === 'take') {
    if (role !== 'supervisor') gaps.push('role:supervisor');
    if (escalation !== 'waiting') gaps.push('escalation:waiting');
  }
  if (action === 'return') {
    if (!owner) gaps.push('case:owner');
    if (escalation !== 'taken') gaps.push('escalation:taken');
  }
  if (action === 'transfer') {
    if (!owner && role !== 'supervisor') gaps.push('case:owner');
    if (escalation === 'waiting') gaps.push('escalation:none');
  }
  return gaps;
}

describe('case rules over the whole table (pure)', () => {
  it('for every action × role × relation × status × escalation, what is missing matches the rules', () => {
    let combinations = 0;
    for (const action of CASE_ACTIONS)
      for (const role of ['agent', 'supervisor'] as const)
        for (const relation of ['owner', 'past owner', 'stranger'] as const)
          for (const status of ['open', 'closed'] as const)
            for (const escalation of [null, 'waiting', 'taken'] as const) {
              const kase: CaseRulesCase = {
                status,
                escalation,
                ownerId: relation === 'owner' ? ME : OTHER,
                escalatedBy: escalation ? 7 : null,
              };
              const d = decideCase(action, {
                actor: { id: ME, role },
                case: kase,
                pastOwner: relation === 'past owner',
              });
              const expected = expectedGaps(action, role, relation, status, escalation);
              const where = `${action} ${role} ${relation} ${status} ${escalation}`;
              expect([...d.missing].sort(), where).toEqual([...expected].sort());
              expect(d.allowed, where).toBe(expected.length === 0);
              combinations++;
            }
    expect(combinations).toBe(6 * 2 * 3 * 2 * 3);
  });

  it('when the previous owner of a transferred case asks, then they read it but cannot act, escalate or transfer it', () => {
    const input = {
      actor: { id: ME, role: 'agent' as const },
      case: { status: 'open' as const, ownerId: OTHER, escalation: null, escalatedBy: null },
      pastOwner: true,
    };
    expect(decideCase('read', input).allowed).toBe(true);
    for (const action of ['act', 'escalate', 'transfer', 'return'] as const) {
      expect(decideCase(action, input).missing, action).toContain('case:owner');
    }
  });

  it('when a second supervisor takes a case already taken, then the refusal is a 409, not a 403', () => {
    const d = decideCase('take', {
      actor: { id: ME, role: 'supervisor' },
      case: { status: 'open', ownerId: OTHER, escalation: 'taken', escalatedBy: 7 },
      pastOwner: false,
    });
    expect(d.missing).toEqual(['escalation:waiting']);
    expect(refusalStatus(d.missing)).toBe(409);
    expect(refusalStatus(['case:visible'])).toBe(404);
    expect(refusalStatus(['case:owner', 'case:open'])).toBe(403);
  });

  it('when a case is handed on, then an agent reaches only another active agent and a supervisor anyone active but the owner', () => {
    const agent = { id: ME, role: 'agent' as const };
    const boss = { id: ME, role: 'supervisor' as const };
    const kase = { ownerId: ME };
    const other = (role: 'agent' | 'supervisor', disabled = false) => ({ id: 50, role, disabled });
    expect(transferTargetProblem(agent, kase, other('agent'))).toBeNull();
    expect(transferTargetProblem(agent, kase, other('supervisor'))).toMatch(/escalate/);
    expect(transferTargetProblem(boss, kase, other('supervisor'))).toBeNull();
    expect(transferTargetProblem(boss, kase, other('agent', true))).toMatch(/disabled/);
    expect(transferTargetProblem(boss, kase, undefined)).toMatch(/no such/);
    expect(transferTargetProblem(agent, kase, { id: ME, role: 'agent', disabled: false })).toMatch(
      /already belongs/,
    );
  });
});
