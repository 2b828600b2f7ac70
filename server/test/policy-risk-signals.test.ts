import { describe, expect, it } from 'vitest';
import { RISK_SIGNALS } from '../src/db/schema';
import { DAY_MS, HOUR_MS, type RiskFacts, riskSignals, SEVERAL_AGENTS } from '../src/policy/riskSignals';

const NOW = Date.UTC(2026, 11, 1, 12);
const none = (): RiskFacts => ({
  homeCountry: 'CN',
  phoneChangedAt: null,
  emailChangedAt: [],
  passwordResetAt: [],
  deviceFirstSeenAt: [],
  recentSignIns: [],
  earlierCountries: [],
  emailChangeRevertedAt: [],
  cases: [],
  failedChecksAt: [],
  impostorReportsAt: [],
});
const codes = (facts: Partial<RiskFacts>) => riskSignals({ ...none(), ...facts }, NOW).map((s) => s.code);

describe('takeover risk signals (pure)', () => {
  it('when the account has no recent facts, then it has no signal', () => {
    expect(riskSignals(none(), NOW)).toEqual([]);
  });

  it.each([
    ['phone_changed', (at: number) => ({ phoneChangedAt: at }), 7 * DAY_MS],
    ['email_changed', (at: number) => ({ emailChangedAt: [at] }), 7 * DAY_MS],
    ['password_reset', (at: number) => ({ passwordResetAt: [at] }), DAY_MS],
    ['new_device', (at: number) => ({ deviceFirstSeenAt: [at] }), DAY_MS],
    ['email_change_reverted', (at: number) => ({ emailChangeRevertedAt: [at] }), 30 * DAY_MS],
    ['failed_verifications', (at: number) => ({ failedChecksAt: [at] }), DAY_MS],
    ['impostor_suspected', (at: number) => ({ impostorReportsAt: [at] }), 30 * DAY_MS],
  ] as Array<[string, (at: number) => Partial<RiskFacts>, number]>)(
    'when %s happened inside its window, then it is a signal; at the window’s edge or in the future, it is not',
    (code, fact, windowMs) => {
      expect(codes(fact(NOW - windowMs + 60_000))).toEqual([code]);
      expect(codes(fact(NOW - windowMs))).toEqual([]);
      expect(codes(fact(NOW + HOUR_MS))).toEqual([]);
    },
  );

  it('when facts repeat, then the signal counts them and carries the latest time', () => {
    const [signal] = riskSignals({ ...none(), failedChecksAt: [NOW - 3 * HOUR_MS, NOW - HOUR_MS] }, NOW);
    expect(signal).toEqual({ code: 'failed_verifications', at: NOW - HOUR_MS, count: 2 });
  });

  it('when a sign-in comes from a country that is neither home nor seen before, then it is a new country; unknown ZZ never is', () => {
    const recent = (country: string) => ({ at: NOW - DAY_MS, country });
    expect(codes({ recentSignIns: [recent('CN')] })).toEqual([]);
    expect(codes({ recentSignIns: [recent('ZZ')] })).toEqual([]);
    expect(codes({ recentSignIns: [recent('DE')], earlierCountries: ['DE'] })).toEqual([]);
    const [signal] = riskSignals(
      { ...none(), recentSignIns: [recent('DE'), recent('RU'), recent('CN')] },
      NOW,
    );
    expect(signal).toMatchObject({ code: 'new_country', count: 2, countries: ['DE', 'RU'] });
    expect(codes({ recentSignIns: [{ at: NOW - 8 * DAY_MS, country: 'DE' }] })).toEqual([]);
  });

  it('when cases in a week were opened by several different staff members, then it is a signal; the same agent calling back is not', () => {
    const byStaff = (ids: number[]) =>
      ids.map((openedBy, i) => ({ openedBy, openedAt: NOW - (i + 1) * DAY_MS }));
    expect(SEVERAL_AGENTS).toBe(3);
    expect(codes({ cases: byStaff([1, 1, 1, 1]) })).toEqual([]);
    expect(codes({ cases: byStaff([1, 2]) })).toEqual([]);
    expect(codes({ cases: byStaff([1, 2, 3]) })).toEqual(['several_agents']);
    // The third agent's case is older than a week: only two agents inside it.
    expect(codes({ cases: [...byStaff([1, 2]), { openedBy: 3, openedAt: NOW - 8 * DAY_MS }] })).toEqual([]);
  });

  it('when every fact is present, then every signal of the vocabulary is raised, in its order', () => {
    const at = NOW - HOUR_MS;
    expect(
      codes({
        phoneChangedAt: at,
        emailChangedAt: [at],
        passwordResetAt: [at],
        deviceFirstSeenAt: [at],
        recentSignIns: [{ at, country: 'US' }],
        emailChangeRevertedAt: [at],
        cases: [1, 2, 3].map((openedBy) => ({ openedBy, openedAt: at })),
        failedChecksAt: [at],
        impostorReportsAt: [at],
      }),
    ).toEqual([...RISK_SIGNALS]);
  });
});
