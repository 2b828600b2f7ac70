import type Database from 'better-sqlite3';
import { accountRowFor } from '../../server/src/accounts/accountImport';
import type { Keys } from '../../server/src/keys';
import type { SeedCustomer } from './customer';

/**
 * Writes generated customers with raw prepared statements: a million accounts and ~20 million
 * related rows are far beyond what a query builder per row can do in minutes. The identity columns
 * still come from accountRowFor, the same derivation accounts:import uses.
 */
export type RowCounts = { accounts: number; devices: number; loginEvents: number; transactions: number };

export function createSeedWriter(
  sqlite: Database.Database,
  keys: Pick<Keys, 'piiKey'>,
  passwordHashes: string[],
) {
  const insertAccount = sqlite.prepare(
    `INSERT INTO accounts (id, account_number, full_name, name_key, name_latin, name_latin_key, date_of_birth, phone, email, email_norm,
       national_id_hash, national_id_last4, country, password_hash, two_factor_enabled, social_provider,
       status, lock_reason, locked_at, locked_until, locked_by, failed_sign_in_count, password_changed_at,
       must_change_password, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)`,
  );
  const insertDevice = sqlite.prepare(
    `INSERT INTO devices (account_id, label, last_ip, last_country, first_seen_at, last_seen_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insertEvent = sqlite.prepare(
    'INSERT INTO login_events (account_id, at, outcome, ip, device, country) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertTransaction = sqlite.prepare(
    'INSERT INTO transactions (account_id, amount, currency, at, counterparty) VALUES (?, ?, ?, ?, ?)',
  );
  const counts: RowCounts = { accounts: 0, devices: 0, loginEvents: 0, transactions: 0 };

  function write(c: SeedCustomer) {
    const row = accountRowFor(keys, c.identity);
    const lock = c.history.lock;
    insertAccount.run(
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
      passwordHashes[c.id % passwordHashes.length],
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
      insertDevice.run(c.id, d.label, d.ip, d.country, d.firstSeenAt, d.lastSeenAt);
    }
    for (const e of c.history.events) {
      insertEvent.run(c.id, e.at, e.outcome, e.ip, e.device, e.country);
    }
    for (const t of c.transactions) {
      insertTransaction.run(c.id, t.amount, t.currency, t.at, t.counterparty);
    }
    counts.accounts++;
    counts.devices += c.history.devices.length;
    counts.loginEvents += c.history.events.length;
    counts.transactions += c.transactions.length;
  }

  return { write, counts };
}
