import { describe, expect, it } from 'vitest';
import {
  LOCK_REASONS,
  type LockReason,
  RISK_SIGNALS,
  type RiskSignalCode,
  type VerificationFactor,
} from '../src/db/schema';
import {
  decideAll as decideAllPolicy,
  decide as decidePolicy,
  POLICY_ACTIONS,
  type PolicyAccount,
  type PolicyAction,
  type PolicyCase,
  type PolicyInput,
} from '../src/policy/actionPolicy';
import { assuranceLevel, type CheckResult } from '../src/policy/assurance';

/** Matched factors that reach each level the plain way (knowledge first, then an email code). */
const CHECKS_FOR_LEVEL: VerificationFactor[][] = [
  [],
  ['full_name', 'phone'],
  ['full_name', 'phone', 'recent_transaction'],
  ['full_name', 'phone', 'recent_transaction', 'email_otp'],
];
type Given = Omit<PolicyInput, 'checks' | 'signals'> & Partial<Pick<PolicyInput, 'checks' | 'signals'>>;
/** The input as the server builds it; rows that do not name checks or signals get the case's own level and none. */
const full = (input: Given): PolicyInput => ({
  checks: asChecks(CHECKS_FOR_LEVEL[input.case?.level ?? 0] ?? []),
  signals: [],
  ...input,
});
const decide = (action: PolicyAction, input: Given) => decidePolicy(action, full(input));
const decideAll = (input: Given) => decideAllPolicy(full(input));

const AGENT = { id: 10, role: 'agent' as const };
const SUPERVISOR = { id: 20, role: 'supervisor' as const };
const account = (over: Partial<PolicyAccount> = {}): PolicyAccount => ({
  id: 1,
  status: 'active',
  lockReason: null,
  twoFactorEnabled: false,
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
type Need = { level: number; supervisor?: boolean; status?: 'locked' | 'active'; twoFactor?: boolean };
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
  if (action === 'reset_2fa') return { level: 3, twoFactor: true };
  return { level: 1 };
}

/** Matched factors a case may hold, each level reached in each way that matters to the signals. */
const CHECK_SETS: Array<[string, VerificationFactor[]]> = [
  ['nothing', []],
  ['name+phone', ['full_name', 'phone']],
  ['+transaction', ['full_name', 'phone', 'recent_transaction']],
  ['+sms', ['full_name', 'phone', 'sms_otp']],
  ['+email code', ['full_name', 'phone', 'email_otp']],
  ['+transaction+sms', ['full_name', 'phone', 'recent_transaction', 'sms_otp']],
  ['+transaction+email code', ['full_name', 'phone', 'recent_transaction', 'email_otp']],
];
const SIGNAL_SETS: RiskSignalCode[][] = [
  [],
  ['phone_changed'],
  ['new_device'],
  ['phone_changed', 'new_device'],
  ['several_agents', 'failed_verifications'],
  [...RISK_SIGNALS],
];
const asChecks = (factors: VerificationFactor[]): CheckResult[] =>
  factors.map((factor) => ({ factor, matched: true }));
/** The level a case holds when these factors matched, counting only what the rules let count. */
const levelOf = (factors: VerificationFactor[], except: VerificationFactor[] = []) =>
  assuranceLevel(asChecks(factors.filter((f) => !except.includes(f))));

const ACCOUNTS: Array<[string, PolicyAccount]> = [
  ['active', account()],
  ['active with 2FA', account({ twoFactorEnabled: true })],
  ['locked failed_attempts with 2FA', account({ ...locked('failed_attempts'), twoFactorEnabled: true })],
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
  it('for every action × role × account state × case state × matched factors × risk signals, the decision and what is missing match the table', () => {
    let combinations = 0;
    const wrong: unknown[] = [];
    for (const action of POLICY_ACTIONS)
      for (const actor of [AGENT, SUPERVISOR])
        for (const [, acc] of ACCOUNTS)
          for (const [caseName, makeCase, caseGaps] of CASES)
            for (const [checksName, factors] of CHECK_SETS)
              for (const signals of SIGNAL_SETS) {
                const level = levelOf(factors);
                const input: PolicyInput = {
                  actor,
                  account: acc,
                  case: makeCase(level, actor.id),
                  checks: asChecks(factors),
                  signals,
                };
                // Two or more signals: what needs L2 needs L3, and a failed_attempts unlock a supervisor.
                const need = { ...needOf(action, acc) };
                let raised = false;
                if (signals.length >= 2) {
                  if (
                    action === 'unlock' &&
                    acc.status === 'locked' &&
                    acc.lockReason === 'failed_attempts'
                  ) {
                    Object.assign(need, { level: 3, supervisor: true });
                    raised = true;
                  } else if (need.level === 2) {
                    need.level = 3;
                    raised = true;
                  }
                }
                const named = raised ? signals.map((s) => `risk:${s}`) : [];
                // An SMS code is no possession after a phone change, nor for resetting the lost phone's factor.
                const discounted: Array<[VerificationFactor, string]> = [];
                if (signals.includes('phone_changed')) discounted.push(['sms_otp', 'risk:phone_changed']);
                if (action === 'reset_2fa') discounted.push(['sms_otp', 'possession:email_otp']);
                const effective =
                  caseName === 'no case'
                    ? 0
                    : Math.min(
                        level,
                        levelOf(
                          factors,
                          discounted.map(([f]) => f),
                        ),
                      );
                const expected = [...caseGaps];
                if (acc.status === 'closed') expected.push('account:not_closed');
                else if (need.status && acc.status !== need.status) expected.push(`account:${need.status}`);
                else if (need.twoFactor && !acc.twoFactorEnabled) expected.push('account:two_factor_enabled');
                if (need.supervisor && actor.role !== 'supervisor')
                  expected.push('role:supervisor', ...named);
                if (effective < need.level) {
                  expected.push(`level:L${need.level}`, ...named);
                  const held = caseName === 'no case' ? [] : factors; // without a case, nothing was checked
                  for (const [factor, why] of discounted) if (held.includes(factor)) expected.push(why);
                }
                const want = [...new Set(expected)].sort();
                const d = decide(action, input);
                const got = [...d.missing].sort();
                // Collected rather than asserted one by one: 47,040 expect() calls take seconds.
                if (got.join() !== want.join() || d.allowed !== (want.length === 0)) {
                  const where = `${action} ${actor.role} ${acc.status}/${acc.lockReason}/2fa:${acc.twoFactorEnabled} ${caseName} ${checksName} [${signals}]`;
                  wrong.push({ where, got, want, allowed: d.allowed });
                }
                combinations++;
              }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(combinations).toBe(10 * 2 * 8 * 7 * 7 * 6);
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

  describe('risk signals', () => {
    const withFactors = (
      factors: VerificationFactor[],
      signals: RiskSignalCode[],
      over: Partial<Given> = {},
    ) => ({
      actor: AGENT,
      account: account(),
      case: kase({ level: levelOf(factors) }),
      checks: asChecks(factors),
      signals,
      ...over,
    });

    it('when the phone changed in the last 7 days, then an SMS code is not possession and the refusal names the signal', () => {
      const bySms = withFactors(['full_name', 'phone', 'sms_otp'], ['phone_changed']);
      expect(decide('reveal', bySms)).toMatchObject({
        allowed: false,
        missing: ['level:L2', 'risk:phone_changed'],
      });
      expect(decide('reveal', { ...bySms, signals: [] }).allowed).toBe(true);
      const byEmailCode = withFactors(['full_name', 'phone', 'email_otp'], ['phone_changed']);
      expect(decide('reveal', byEmailCode).allowed).toBe(true);
      const l3BySms = withFactors(['full_name', 'phone', 'recent_transaction', 'sms_otp'], ['phone_changed']);
      expect(decide('email_change', l3BySms).missing).toEqual(['level:L3', 'risk:phone_changed']);
      const d = decide('reveal', bySms);
      expect(d.allowed ? '' : d.message).toMatch(/other than SMS/);
    });

    it('when two or more signals are on the account, then L2 actions need L3 and a failed_attempts unlock needs a supervisor', () => {
      const l2 = ['full_name', 'phone', 'recent_transaction'] satisfies VerificationFactor[];
      const two: RiskSignalCode[] = ['new_device', 'password_reset'];
      expect(decide('reveal', withFactors(l2, two)).missing).toEqual([
        'level:L3',
        'risk:new_device',
        'risk:password_reset',
      ]);
      expect(decide('reveal', withFactors(l2, ['new_device'])).allowed).toBe(true);
      const l3 = [...l2, 'email_otp'] satisfies VerificationFactor[];
      const lockedAccount = locked('failed_attempts');
      expect(decide('unlock', withFactors(l3, two, { account: lockedAccount })).missing).toEqual([
        'role:supervisor',
        'risk:new_device',
        'risk:password_reset',
      ]);
      const supervisorCase = kase({ level: 3, ownerId: SUPERVISOR.id });
      const asSupervisor = { actor: SUPERVISOR, account: lockedAccount, case: supervisorCase };
      expect(decide('unlock', withFactors(l3, two, asSupervisor)).allowed).toBe(true);
      // customer_request: L3, still no supervisor; L1 actions are untouched.
      const held = locked('customer_request');
      expect(decide('unlock', withFactors(l3, two, { account: held })).allowed).toBe(true);
      expect(decide('email_hint', withFactors(['full_name', 'phone'], [...RISK_SIGNALS])).allowed).toBe(true);
    });

    it('when a lost two-factor device is reset, then L3 must be reached without the SMS code and the account must have 2FA', () => {
      const with2fa = account({ twoFactorEnabled: true });
      const bySms = withFactors(['full_name', 'phone', 'recent_transaction', 'sms_otp'], [], {
        account: with2fa,
      });
      expect(decide('reset_2fa', bySms).missing).toEqual(['level:L3', 'possession:email_otp']);
      const byEmail = withFactors(['full_name', 'phone', 'recent_transaction', 'email_otp'], [], {
        account: with2fa,
      });
      expect(decide('reset_2fa', byEmail).allowed).toBe(true);
      expect(decide('reset_2fa', { ...byEmail, account: account() }).missing).toEqual([
        'account:two_factor_enabled',
      ]);
      expect(decide('sign_out_device', withFactors(['full_name', 'phone'], [])).allowed).toBe(true);
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
