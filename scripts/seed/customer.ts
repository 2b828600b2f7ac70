import type { AccountIdentity } from '../../server/src/accounts/accountImport';
import type { AccountStatus, LockReason } from '../../server/src/db/schema';
import { COUNTRIES, type CountryProfile, mobileNumber } from './countries';
import { DAY, type History, historyFor, type Scenario } from './history';
import { emailFor, personName } from './names';
import { nationalIdFor } from './nationalIds';
import { Rng, WeightedPicker } from './random';

/** One generated customer: identity (as an import line would carry it), state and history. */
export type SeedCustomer = {
  id: number;
  identity: AccountIdentity;
  scenario: Scenario;
  status: AccountStatus;
  lockReason: LockReason | null;
  lockedBy: number | null;
  twoFactorEnabled: boolean;
  socialProvider: string | null;
  createdAt: number;
  passwordChangedAt: number;
  history: History;
  transactions: SeedTransaction[];
};
export type SeedTransaction = { amount: number; currency: string; at: number; counterparty: string };
export type SeedStaff = { agents: number[]; supervisors: number[] };

const COUNTRY_PICKER = new WeightedPicker(COUNTRIES.map((c) => ({ value: c, weight: c.weight })));

/** ~85% active; every lock reason present; a few closed. */
const SCENARIOS = new WeightedPicker<Scenario>([
  { value: 'active', weight: 85 },
  { value: 'failed_attempts', weight: 6 },
  { value: 'suspicious_activity', weight: 3 },
  { value: 'terms_violation', weight: 1.5 },
  { value: 'customer_request', weight: 2.5 },
  { value: 'closed', weight: 2 },
]);

const SHOPS_ZH = ['美团外卖', '滴滴出行', '京东', '淘宝', '星巴克', '中国移动充值', '盒马鲜生', '转账给朋友'];
const SHOPS = [
  'Amazon',
  'Uber',
  'Starbucks',
  'Netflix',
  'Apple Store',
  'Carrefour',
  'Lidl',
  'Zara',
  'Shell',
  'Top-up from bank',
  'Transfer to friend',
];

// Account numbers are a bijection of the index (multiplier coprime to 9·10^9), so they are unique
// without a lookup; the seed shifts the sequence. Safe in doubles up to MAX_SEED_ACCOUNTS.
const NUMBER_SPACE = 9_000_000_000;
const NUMBER_STEP = 2_654_435_761;
export const MAX_SEED_ACCOUNTS = 3_000_000;

function accountNumber(seed: number, index: number): string {
  const offset = (seed * 104_729) % NUMBER_SPACE;
  return `OK${1_000_000_000 + ((index * NUMBER_STEP + offset) % NUMBER_SPACE)}`;
}

function dateOfBirth(rng: Rng): string {
  const from = Date.UTC(1940, 0, 1);
  const to = Date.UTC(2006, 11, 31);
  return new Date(from + Math.floor(rng.next() * (to - from))).toISOString().slice(0, 10);
}

function transactionsFor(
  rng: Rng,
  country: CountryProfile,
  chinese: boolean,
  until: number,
): SeedTransaction[] {
  const count = rng.int(5, 12);
  const list: SeedTransaction[] = [];
  for (let i = 0; i < count; i++) {
    const usd = Math.exp(Math.log(2) + rng.next() * Math.log(400));
    const local = usd * country.spendScale;
    list.push({
      amount: country.wholeAmounts ? Math.round(local) : Math.round(local * 100) / 100,
      currency: country.currency,
      at: until - rng.int(1, 120 * 24 * 60) * 60_000,
      counterparty: rng.pick(chinese ? SHOPS_ZH : SHOPS),
    });
  }
  return list.sort((a, b) => a.at - b.at);
}

export function generateCustomer(seed: number, index: number, now: number, staff: SeedStaff): SeedCustomer {
  const rng = new Rng(seed, index);
  const country = COUNTRY_PICKER.pick(rng);
  const name = personName(rng, country);
  const dob = dateOfBirth(rng);
  const scenario = SCENARIOS.pick(rng);
  const createdAt = now - rng.int(scenario === 'closed' ? 800 : 60, 3000) * DAY - rng.int(0, DAY - 1);
  const history = historyFor(rng, scenario, country, createdAt, now);
  const locked = scenario !== 'active' && scenario !== 'closed';
  const lockedBy =
    scenario === 'terms_violation'
      ? (rng.pick(staff.supervisors) ?? null)
      : scenario === 'customer_request'
        ? (rng.pick(staff.agents) ?? null)
        : null;
  const chinese = /\p{Script=Han}/u.test(name.fullName);
  return {
    id: index + 1,
    identity: {
      accountNumber: accountNumber(seed, index),
      fullName: name.fullName,
      dateOfBirth: dob,
      phone: mobileNumber(rng, country),
      email: emailFor(rng, name, country, index),
      nationalId: nationalIdFor(rng, country.code, dob),
      country: country.code,
    },
    scenario,
    status: locked ? 'locked' : scenario === 'closed' ? 'closed' : 'active',
    lockReason: locked ? (scenario as LockReason) : null,
    lockedBy,
    twoFactorEnabled: rng.chance(0.3),
    socialProvider: rng.chance(0.15)
      ? country.code === 'CN'
        ? 'wechat'
        : rng.pick(['google', 'apple'])
      : null,
    createdAt,
    passwordChangedAt: createdAt + rng.int(0, 50) * DAY,
    history,
    // Nothing is spent after an account was locked or closed.
    transactions: transactionsFor(
      rng,
      country,
      chinese,
      scenario === 'active' ? now : history.lastActivityAt,
    ),
  };
}
