import { accountRowFor } from '../../server/src/accounts/accountImport';
import { generateCustomer, type SeedCustomer, type SeedStaff } from './customer';
import type { Scenario } from './history';

/**
 * One transaction's worth of seeded rows, as flat value lists in column order (see writer.ts), so a
 * worker thread can build them and hand them over in one message. Account i depends only on
 * (seed, i, now), so the same options give the same rows wherever they are built.
 */
export type SeedBatchInput = {
  seed: number;
  now: number;
  staff: SeedStaff;
  piiKey: Uint8Array;
  passwordHashes: string[];
};

export type SeedExample = {
  accountNumber: string;
  fullName: string;
  phone: string;
  dateOfBirth: string;
  recentAmount: string | null;
};

export type SeedBatch = {
  accounts: unknown[];
  devices: unknown[];
  loginEvents: unknown[];
  transactions: unknown[];
  /** The batch's first EXAMPLES_PER_SCENARIO customers of each scenario, in id order. */
  examples: Partial<Record<Scenario, SeedExample[]>>;
};

export const EXAMPLES_PER_SCENARIO = 3;

/** Columns of each seeded table in the order of a batch's values; constants are the same for every row. */
export const SEED_COLUMNS = {
  accounts: [
    'id',
    'account_number',
    'full_name',
    'name_key',
    'name_latin',
    'name_latin_key',
    'date_of_birth',
    'phone',
    'email',
    'email_norm',
    'national_id_hash',
    'national_id_last4',
    'country',
    'password_hash',
    'two_factor_enabled',
    'social_provider',
    'status',
    'lock_reason',
    'locked_at',
    'locked_until',
    'locked_by',
    'failed_sign_in_count',
    'password_changed_at',
    'created_at',
    'updated_at',
  ],
  devices: ['account_id', 'label', 'last_ip', 'last_country', 'first_seen_at', 'last_seen_at'],
  loginEvents: ['account_id', 'at', 'outcome', 'ip', 'device', 'country'],
  transactions: ['account_id', 'amount', 'currency', 'at', 'counterparty'],
} as const;

function exampleOf(customer: SeedCustomer): SeedExample {
  const latest = [...customer.transactions].sort((a, b) => b.at - a.at)[0];
  return {
    accountNumber: customer.identity.accountNumber,
    fullName: customer.identity.fullName,
    phone: customer.identity.phone,
    dateOfBirth: customer.identity.dateOfBirth,
    recentAmount: latest ? `${Math.abs(latest.amount).toFixed(2)} ${latest.currency}` : null,
  };
}

/** Builds accounts [from, to): generated customers, their stored identity forms, their history rows. */
export function buildSeedBatch(input: SeedBatchInput, from: number, to: number): SeedBatch {
  const keys = { piiKey: Buffer.from(input.piiKey) };
  const batch: SeedBatch = { accounts: [], devices: [], loginEvents: [], transactions: [], examples: {} };
  for (let index = from; index < to; index++) {
    const c = generateCustomer(input.seed, index, input.now, input.staff);
    const row = accountRowFor(keys, c.identity);
    const lock = c.history.lock;
    batch.accounts.push(
      c.id,
      row.accountNumber,
      row.fullName,
      row.nameKey,
      row.nameLatin,
      row.nameLatinKey,
      row.dateOfBirth,
      row.phone,
      row.email,
      row.emailNorm,
      row.nationalIdHash,
      row.nationalIdLast4,
      row.country,
      input.passwordHashes[c.id % input.passwordHashes.length],
      c.twoFactorEnabled ? 1 : 0,
      c.socialProvider,
      c.status,
      c.lockReason,
      c.status === 'locked' ? (lock?.lockedAt ?? null) : null,
      c.status === 'locked' ? (lock?.lockedUntil ?? null) : null,
      c.lockedBy,
      c.history.failedSignInCount,
      c.passwordChangedAt,
      c.createdAt,
      c.history.lastActivityAt,
    );
    for (const d of c.history.devices) {
      batch.devices.push(c.id, d.label, d.ip, d.country, d.firstSeenAt, d.lastSeenAt);
    }
    for (const e of c.history.events)
      batch.loginEvents.push(c.id, e.at, e.outcome, e.ip, e.device, e.country);
    for (const t of c.transactions) batch.transactions.push(c.id, t.amount, t.currency, t.at, t.counterparty);
    const list = batch.examples[c.scenario] ?? [];
    if (list.length < EXAMPLES_PER_SCENARIO) {
      list.push(exampleOf(c));
      batch.examples[c.scenario] = list;
    }
  }
  return batch;
}
