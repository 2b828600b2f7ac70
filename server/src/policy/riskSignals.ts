import type { RiskSignalCode } from '../../../shared/domain';

/**
 * Takeover risk signals (docs/design.md, Risk signals), pure: the account's own recent facts in, the
 * signals out. Help-desk recovery is where SIM swaps and fake callers take accounts over; each signal is
 * a warning sign an agent should see before acting, and the action policy reacts to them.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** How far back each signal looks. */
export const RISK_WINDOWS = {
  phone_changed: 7 * DAY_MS,
  email_changed: 7 * DAY_MS,
  password_reset: DAY_MS,
  new_device: DAY_MS,
  new_country: 7 * DAY_MS,
  email_change_reverted: 30 * DAY_MS,
  several_agents: 7 * DAY_MS,
  failed_verifications: DAY_MS,
  impostor_suspected: 30 * DAY_MS,
} as const satisfies Record<RiskSignalCode, number>;

/** Cases by this many different staff members in a week: one caller shopping for a softer agent. */
export const SEVERAL_AGENTS = 3;

/**
 * What the signals are computed from, already narrowed by the repository to the longest window
 * (older facts may be passed too: every rule applies its own window).
 */
export type RiskFacts = {
  /** The account's own country: sign-ins from it are never "new". */
  homeCountry: string;
  phoneChangedAt: number | null;
  /** When the registered email last changed (an email change confirmed, or reverted). */
  emailChangedAt: number[];
  /** Password resets completed (a reset link or code redeemed). */
  passwordResetAt: number[];
  deviceFirstSeenAt: number[];
  /** Successful sign-ins inside the window, with their country. */
  recentSignIns: Array<{ at: number; country: string }>;
  /** Countries of successful sign-ins before the window. */
  earlierCountries: string[];
  emailChangeRevertedAt: number[];
  /** Cases opened on the account: who opened each and when. */
  cases: Array<{ openedBy: number; openedAt: number }>;
  /** Verification checks on the account that did not match. */
  failedChecksAt: number[];
  impostorReportsAt: number[];
};

export type RiskSignal = {
  code: RiskSignalCode;
  /** The latest time behind the signal (for "since 09:10"). */
  at: number;
  /** How many facts raised it (devices, agents, failed checks, ...). */
  count: number;
  /** For new_country: the countries seen. */
  countries?: string[];
};

/** An unknown country (no edge header) says nothing. */
const UNKNOWN_COUNTRY = 'ZZ';

function within(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => t <= now && now - t < windowMs);
}

function fromTimes(code: RiskSignalCode, times: number[]): RiskSignal | null {
  return times.length ? { code, at: Math.max(...times), count: times.length } : null;
}

function newCountry(facts: RiskFacts, now: number): RiskSignal | null {
  const known = new Set([facts.homeCountry, ...facts.earlierCountries, UNKNOWN_COUNTRY]);
  const fresh = facts.recentSignIns.filter(
    (s) => s.at <= now && now - s.at < RISK_WINDOWS.new_country && !known.has(s.country),
  );
  if (!fresh.length) return null;
  const countries = [...new Set(fresh.map((s) => s.country))].sort();
  return { code: 'new_country', at: Math.max(...fresh.map((s) => s.at)), count: fresh.length, countries };
}

function severalAgents(facts: RiskFacts, now: number): RiskSignal | null {
  const recent = facts.cases.filter(
    (c) => c.openedAt <= now && now - c.openedAt < RISK_WINDOWS.several_agents,
  );
  const staff = new Set(recent.map((c) => c.openedBy));
  if (staff.size < SEVERAL_AGENTS) return null;
  return { code: 'several_agents', at: Math.max(...recent.map((c) => c.openedAt)), count: staff.size };
}

/** Every signal the facts raise at `now`, in the vocabulary's order. */
export function riskSignals(facts: RiskFacts, now: number): RiskSignal[] {
  const w = RISK_WINDOWS;
  const phone = facts.phoneChangedAt === null ? [] : [facts.phoneChangedAt];
  return [
    fromTimes('phone_changed', within(phone, now, w.phone_changed)),
    fromTimes('email_changed', within(facts.emailChangedAt, now, w.email_changed)),
    fromTimes('password_reset', within(facts.passwordResetAt, now, w.password_reset)),
    fromTimes('new_device', within(facts.deviceFirstSeenAt, now, w.new_device)),
    newCountry(facts, now),
    fromTimes('email_change_reverted', within(facts.emailChangeRevertedAt, now, w.email_change_reverted)),
    severalAgents(facts, now),
    fromTimes('failed_verifications', within(facts.failedChecksAt, now, w.failed_verifications)),
    fromTimes('impostor_suspected', within(facts.impostorReportsAt, now, w.impostor_suspected)),
  ].filter((s): s is RiskSignal => s !== null);
}

/** The longest window: how far back the repository needs to read. */
export const RISK_LOOKBACK_MS = Math.max(...Object.values(RISK_WINDOWS));
