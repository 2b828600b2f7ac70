import type { LockReason, SignInOutcome } from '../../server/src/db/schema';
import { COUNTRIES, type CountryProfile, ipAddress } from './countries';
import type { Rng } from './random';

/**
 * Devices and sign-in events that explain an account's state: an agent opening a locked account
 * sees the five failures (from which IPs and devices) or the two-country sign-ins behind the lock.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type SeedDevice = {
  label: string;
  ip: string;
  country: string;
  firstSeenAt: number;
  lastSeenAt: number;
};
export type SeedEvent = { at: number; outcome: SignInOutcome; ip: string; device: string; country: string };
export type Scenario = LockReason | 'active' | 'closed';
export type Lock = { lockedAt: number; lockedUntil: number | null; failedSignInCount: number };

const PHONES = [
  'iPhone 15',
  'iPhone 13',
  'Samsung Galaxy S23',
  'Pixel 8',
  'Huawei Mate 60',
  'Xiaomi 14',
  'OPPO Reno 11',
];
const DESKTOPS = ['Chrome on Windows', 'Safari on macOS', 'Edge on Windows', 'Firefox on Linux', 'iPad Air'];
const ALL_LABELS = [...PHONES, ...DESKTOPS];

export function ownDevices(
  rng: Rng,
  country: CountryProfile,
  count: number,
  createdAt: number,
): SeedDevice[] {
  const labels = new Set<string>([rng.pick(PHONES)]);
  while (labels.size < count) labels.add(rng.pick(ALL_LABELS));
  return [...labels].map((label) => {
    const firstSeenAt = createdAt + rng.int(0, 30) * DAY;
    return {
      label,
      ip: ipAddress(rng, country),
      country: country.code,
      firstSeenAt,
      lastSeenAt: firstSeenAt,
    };
  });
}

function otherCountry(rng: Rng, home: CountryProfile): CountryProfile {
  const others = COUNTRIES.filter((c) => c.code !== home.code);
  return rng.pick(others);
}

function strangerSource(rng: Rng, home: CountryProfile): SeedDevice {
  const country = rng.chance(0.3) ? otherCountry(rng, home) : home;
  return {
    label: rng.pick(ALL_LABELS),
    ip: ipAddress(rng, country),
    country: country.code,
    firstSeenAt: 0,
    lastSeenAt: 0,
  };
}

function eventFrom(source: SeedDevice, at: number, outcome: SignInOutcome): SeedEvent {
  return { at, outcome, ip: source.ip, device: source.label, country: source.country };
}

/** Everyday sign-ins between from and to: mostly successes, never five failures in a row. */
function everyday(rng: Rng, devices: SeedDevice[], count: number, from: number, to: number): SeedEvent[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(from + Math.floor(rng.next() * Math.max(to - from, 1)));
  times.sort((a, b) => a - b);
  let failuresInRow = 0;
  return times.map((at) => {
    const failed = failuresInRow < 2 && rng.chance(0.1);
    failuresInRow = failed ? failuresInRow + 1 : 0;
    return eventFrom(rng.pick(devices), at, failed ? 'failure' : 'success');
  });
}

/** Five wrong passwords 10–90 s apart from 1–3 sources; the fifth locks the account. */
function failureBurst(rng: Rng, sources: SeedDevice[], endAt: number): SeedEvent[] {
  const events: SeedEvent[] = [];
  let at = endAt;
  for (let i = 4; i >= 0; i--) {
    events.unshift(eventFrom(sources[i % sources.length]!, at, i === 4 ? 'locked_out' : 'failure'));
    at -= rng.int(10, 90) * 1000;
  }
  return events;
}

/** Devices last seen when they last signed in. */
function touchDevices(devices: SeedDevice[], events: SeedEvent[]) {
  for (const event of events) {
    const device = devices.find((d) => d.label === event.device && d.ip === event.ip);
    if (device && event.outcome === 'success' && event.at > device.lastSeenAt) device.lastSeenAt = event.at;
    if (device && event.at < device.firstSeenAt) device.firstSeenAt = event.at;
  }
}

export type History = {
  devices: SeedDevice[];
  events: SeedEvent[];
  lock: Lock | null;
  /** Wrong passwords since the last success (the lock's five, or an active account's recent slips). */
  failedSignInCount: number;
  lastActivityAt: number;
};

function trailingFailures(events: SeedEvent[]): number {
  let n = 0;
  for (let i = events.length - 1; i >= 0 && events[i]!.outcome === 'failure'; i--) n++;
  return n;
}

export function historyFor(
  rng: Rng,
  scenario: Scenario,
  home: CountryProfile,
  createdAt: number,
  now: number,
): History {
  const devices = ownDevices(rng, home, rng.int(1, scenario === 'suspicious_activity' ? 2 : 3), createdAt);
  const count = rng.int(3, 15);
  const since = Math.max(createdAt, now - 90 * DAY);
  let events: SeedEvent[];
  let lock: Lock | null = null;
  let endedAt: number | null = null;

  if (scenario === 'failed_attempts') {
    const sources = [rng.pick(devices), strangerSource(rng, home), strangerSource(rng, home)].slice(
      0,
      rng.int(1, 3),
    );
    const lastBurst = now - rng.int(2, 360) * MINUTE;
    if (rng.chance(1 / 3)) {
      // Third lock within 24 h: stays locked until support unlocks it.
      const second = lastBurst - rng.int(2, 10) * HOUR;
      const first = second - rng.int(2, 10) * HOUR;
      events = [first, second, lastBurst].flatMap((end) => failureBurst(rng, sources, end));
      lock = { lockedAt: lastBurst, lockedUntil: null, failedSignInCount: 5 };
    } else {
      const burst = failureBurst(rng, sources, lastBurst);
      const before = everyday(rng, devices, Math.max(count - 5, 0), since, burst[0]!.at - HOUR);
      // The count of wrong passwords restarts at a success: the burst alone made the five.
      if (before.length > 0) before[before.length - 1]!.outcome = 'success';
      events = [...before, ...burst];
      lock = { lockedAt: lastBurst, lockedUntil: lastBurst + 30 * MINUTE, failedSignInCount: 5 };
    }
  } else if (scenario === 'suspicious_activity') {
    const secondAt = now - rng.int(10, 7 * 24 * 60) * MINUTE;
    const firstAt = secondAt - rng.int(5, 55) * MINUTE;
    const foreign = otherCountry(rng, home);
    const intruder: SeedDevice = {
      label: rng.pick(DESKTOPS),
      ip: ipAddress(rng, foreign),
      country: foreign.code,
      firstSeenAt: secondAt,
      lastSeenAt: secondAt,
    };
    events = [
      ...everyday(rng, devices, Math.max(count - 2, 1), since, firstAt - HOUR),
      eventFrom(devices[0]!, firstAt, 'success'),
      eventFrom(intruder, secondAt, 'success'),
    ];
    devices.push(intruder);
    lock = { lockedAt: secondAt + rng.int(1, 60) * 1000, lockedUntil: null, failedSignInCount: 0 };
  } else if (scenario === 'closed') {
    // Closed accounts are generated old enough (see customer.ts) to have a life before closing.
    const closedAt = Math.max(now - rng.int(100, 600) * DAY, createdAt + 120 * DAY);
    events = everyday(rng, devices, count, closedAt - 90 * DAY, closedAt - DAY);
    endedAt = closedAt;
  } else if (scenario === 'active') {
    events = everyday(rng, devices, count, since, now - rng.int(60, 30 * 24 * 60) * MINUTE);
  } else {
    // Locked by staff (terms_violation by a supervisor, customer_request by an agent); the customer's
    // later attempts show as blocked.
    const blocked = rng.int(0, 2);
    const lastSeen = now - rng.int(2, 60) * DAY;
    events = everyday(rng, devices, Math.max(count - blocked, 1), since, lastSeen);
    const lockedAt = lastSeen + rng.int(1, 24 * 60) * MINUTE;
    for (let i = 0; i < blocked; i++) {
      events.push(eventFrom(devices[0]!, lockedAt + (i + 1) * rng.int(1, 12) * HOUR, 'blocked'));
    }
    lock = { lockedAt, lockedUntil: null, failedSignInCount: 0 };
  }

  events.sort((a, b) => a.at - b.at);
  touchDevices(devices, events);
  const lastActivityAt = endedAt ?? Math.max(lock?.lockedAt ?? 0, events.at(-1)?.at ?? createdAt);
  const failedSignInCount = lock?.failedSignInCount ?? (scenario === 'active' ? trailingFailures(events) : 0);
  return { devices, events, lock, failedSignInCount, lastActivityAt };
}
