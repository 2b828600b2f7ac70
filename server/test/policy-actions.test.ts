import { describe, expect, it } from 'vitest';
import { LOCK_REASONS, type LockReason } from '../src/db/schema';
import {
  decide,
  decideAll,
  POLICY_ACTIONS,
  type PolicyAccount,
  type PolicyAction,
  type PolicyCase,
  type PolicyInput,
} from '../src/policy/actionPolicy';

const AGENT = { id: 10, role: 'agent' as const };
const SUPERVISOR = { id: 20, role: 'supervisor' as const };
const account = (over: Partial<PolicyAccount> = {}): PolicyAccount => ({
  id: 1,
  status: 'active',
  lockReason: null,
  ...over,
});
const locked = (lockReason: LockReason) => account({ status: 'locked', lockReason });
const kase = (over: Partial<PolicyCase> = {}): PolicyCase => ({
  id: 5,
  accountId: 1,
  openedBy: AGENT.id,
  ownerId: AGENT.id,
  status: 'open',
  level: 0,
  verificationFrozen: false,
  ...over,
});

/** docs/design.md's action policy table written out as data: the test's own reading of the table. */
type Need = { level: number; supervisor?: boolean; status?: 'locked' | 'active' };
const UNLOCK_NEEDS: Record<LockReason, Need> = {
  failed_attempts: { level: 2, status: 'locked' },
  customer_request: { level: 2, status: 'locked' },
  suspicious_activity: { level: 3, supervisor: true, status: 'locked' },
  terms_violation: { level: 0, supervisor: true, status: 'locked' },
};
function needOf(action: PolicyAction, a: PolicyAccount): Need {
  if (action === 'unlock') return a.lockReason ? UNLOCK_NEEDS[a.lockReason] : { level: 2, status: 'locked' };
  if (action === 'hold') return { level: 1, status: 'active' };
  if (action === 'reveal') return { level: 2 };
  if (action === 'email_change') return { level: 3 };
  return { level: 1 };
}

const ACCOUNTS: Array<[string, PolicyAccount]> = [
  ['active', account()],
  ['closed', account({ status: 'closed' })],
  ...LOCK_REASONS.map((r): [string, PolicyAccount] => [`locked ${r}`, locked(r)]),
];
/** Each case as the actor meets it: their own unless the row says otherwise. */
type MakeCase = (level: number, ownerId: number) => PolicyCase | null;
const CASES: Array<[string, MakeCase, string[]]> = [
  ['own open case', (level, ownerId) => kase({ level, ownerId }), []],
  ['no case', () => null, ['case:required']],
  ['closed case', (level, ownerId) => kase({ level, ownerId, status: 'closed' }), ['case:open']],
  [
    'case of another account',
    (level, ownerId) => kase({ level, ownerId, accountId: 2 }),
    ['case:same_account'],
  ],
  [
    'frozen case',
    (level, ownerId) => kase({ level, ownerId, verificationFrozen: true }),
    ['case:not_frozen'],
  ],
  ['case owned by someone else', (level) => kase({ level, openedBy: 99, ownerId: 99 }), ['case:own']],
  // Opened by the actor, then transferred or taken from the queue: the opener no longer acts.
  [
    'case handed on by the actor',
    (level, ownerId) => kase({ level, openedBy: ownerId, ownerId: 98 }),
    ['case:own'],
  ],
];

describe('action policy over the whole table of docs/design.md (pure)', () => {
  it('for every action × role × level × account state × case state, the decision and what is missing match the table', () => {
    let combinations = 0;
    for (const action of POLICY_ACTIONS)
      for (const actor of [AGENT, SUPERVISOR])
        for (const [, acc] of ACCOUNTS)
          for (const [caseName, makeCase, caseGaps] of CASES)
            for (const level of [0, 1, 2, 3]) {
              const input: PolicyInput = { actor, account: acc, case: makeCase(level, actor.id) };
              const need = needOf(action, acc);
              const expected = [...caseGaps];
              if (acc.status === 'closed') expected.push('account:not_closed');
              else if (need.status && acc.status !== need.status) expected.push(`account:${need.status}`);
              if (need.supervisor && actor.role !== 'supervisor') expected.push('role:supervisor');
              const effectiveLevel = caseName === 'no case' ? 0 : level;
              if (effectiveLevel < need.level) expected.push(`level:L${need.level}`);
              const d = decide(action, input);
              const where = `${action} ${actor.role} L${level} ${acc.status}/${acc.lockReason} ${caseName}`;
              expect([...d.missing].sort(), where).toEqual([...expected].sort());
              expect(d.allowed, where).toBe(expected.length === 0);
              combinations++;
            }
    expect(combinations).toBe(8 * 2 * 6 * 7 * 4);
  });

  describe('each row, allowed at its level and refused one level below', () => {
    it.each([
      ['email_hint', 1],
      ['password_reset', 1],
      ['resend_message', 1],
      ['sign_out_devices', 1],
      ['hold', 1],
      ['reveal', 2],
      ['email_change', 3],
    ] as Array<[PolicyAction, number]>)(
      'when an agent asks %s, then L%i is enough and one less is not',
      (action, level) => {
        expect(decide(action, { actor: AGENT, account: account(), case: kase({ level }) })).toEqual({
          allowed: true,
          missing: [],
        });
        const below = decide(action, { actor: AGENT, account: account(), case: kase({ level: level - 1 }) });
        expect(below.allowed).toBe(false);
        expect(below.missing).toEqual([`level:L${level}`]);
      },
    );

    it('when an account locked for failed attempts or at the customer request is unlocked, then L2 suffices for an agent', () => {
      for (const reason of ['failed_attempts', 'customer_request'] as const) {
        expect(
          decide('unlock', { actor: AGENT, account: locked(reason), case: kase({ level: 2 }) }).allowed,
        ).toBe(true);
        expect(
          decide('unlock', { actor: AGENT, account: locked(reason), case: kase({ level: 1 }) }).missing,
        ).toEqual(['level:L2']);
      }
    });

    it('when the lock is suspicious_activity, then an agent is refused even at L3 and a supervisor needs L3', () => {
      const input = { account: locked('suspicious_activity'), case: kase({ level: 3 }) };
      const agent = decide('unlock', { ...input, actor: AGENT });
      expect(agent).toMatchObject({ allowed: false, missing: ['role:supervisor'] });
      expect(agent.allowed ? '' : agent.message).toMatch(/supervisor/);
      const taken = kase({ level: 3, ownerId: SUPERVISOR.id });
      expect(decide('unlock', { ...input, case: taken, actor: SUPERVISOR }).allowed).toBe(true);
      const below = kase({ level: 2, ownerId: SUPERVISOR.id });
      expect(decide('unlock', { ...input, case: below, actor: SUPERVISOR }).missing).toEqual(['level:L3']);
    });

    it('when the lock is terms_violation, then only a supervisor may lift it, with no level but with a case', () => {
      const acc = locked('terms_violation');
      const own = kase({ level: 0, ownerId: SUPERVISOR.id });
      expect(decide('unlock', { actor: SUPERVISOR, account: acc, case: own }).allowed).toBe(true);
      expect(decide('unlock', { actor: AGENT, account: acc, case: kase({ level: 3 }) }).missing).toEqual([
        'role:supervisor',
      ]);
      expect(decide('unlock', { actor: SUPERVISOR, account: acc, case: null }).missing).toEqual([
        'case:required',
      ]);
    });

    it('when the account is not locked, then unlock says so; when it is not active, then hold says so', () => {
      expect(
        decide('unlock', { actor: AGENT, account: account(), case: kase({ level: 3 }) }).missing,
      ).toEqual(['account:locked']);
      expect(
        decide('hold', { actor: AGENT, account: locked('failed_attempts'), case: kase({ level: 3 }) })
          .missing,
      ).toEqual(['account:active']);
    });

    it('when the account is closed, then nothing is allowed, not even for a supervisor at L3', () => {
      for (const action of POLICY_ACTIONS) {
        const d = decide(action, {
          actor: SUPERVISOR,
          account: account({ status: 'closed' }),
          case: kase({ level: 3, ownerId: SUPERVISOR.id }),
        });
        expect(d.missing, action).toContain('account:not_closed');
      }
    });

    it('when a supervisor acts through an agent’s case they have not taken, then it is refused until they take it', () => {
      const agents = kase({ level: 3, openedBy: 77, ownerId: 77 });
      expect(decide('reveal', { actor: SUPERVISOR, account: account(), case: agents }).missing).toEqual([
        'case:own',
      ]);
      expect(decide('reveal', { actor: AGENT, account: account(), case: agents }).missing).toEqual([
        'case:own',
      ]);
      // Taken from the queue: the same case, the same level, now the supervisor's.
      const taken = { ...agents, ownerId: SUPERVISOR.id };
      expect(decide('reveal', { actor: SUPERVISOR, account: account(), case: taken }).allowed).toBe(true);
    });
  });

  it('when refused, then the message names each missing thing in words', () => {
    const d = decide('reveal', {
      actor: AGENT,
      account: account(),
      case: kase({ level: 1, verificationFrozen: true }),
    });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.missing).toEqual(['case:not_frozen', 'level:L2']);
      expect(d.message).toMatch(/reveal needs .*supervisor.*L2/);
    }
  });

  it('decideAll answers every action of the table with the same decisions as decide', () => {
    const input = { actor: AGENT, account: locked('failed_attempts'), case: kase({ level: 2 }) };
    const all = decideAll(input);
    expect(Object.keys(all).sort()).toEqual([...POLICY_ACTIONS].sort());
    for (const action of POLICY_ACTIONS) {
      const d = decide(action, input);
      expect(all[action]).toEqual({ allowed: d.allowed, missing: d.missing });
    }
    expect(all.unlock.allowed).toBe(true);
    expect(all.hold).toEqual({ allowed: false, missing: ['account:active'] });
  });
});
