import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import cliProgress from 'cli-progress';
import { hashPassword } from '../../server/src/shared/passwords';
import { CliError, openDatabase } from '../lib/cli';
import { createStaffMember, staffExists } from '../lib/staffAdmin';
import { generateCustomer, type SeedCustomer, type SeedStaff } from './customer';
import type { Scenario } from './history';
import { createSeedWriter, type RowCounts } from './writer';

export const DEMO_CUSTOMER_PASSWORD = 'Wallet-demo-2026';
export const DEFAULT_STAFF_PASSWORD = 'Desk-demo-2026!';
export const DEMO_STAFF = [
  { username: 'agent', fullName: 'Alex Agent', role: 'agent' },
  { username: 'agent2', fullName: '李静 (Agent)', role: 'agent' },
  { username: 'supervisor', fullName: 'Sam Supervisor', role: 'supervisor' },
  { username: 'supervisor2', fullName: 'María Núñez (Supervisor)', role: 'supervisor' },
] as const;

const BATCH = 5_000;
const EXAMPLES_PER_SCENARIO = 3;

export type SeedOptions = {
  dbFile: string;
  accounts: number;
  seed: number;
  staffPassword: string;
  staffTotpSecret: string | null;
  reset: boolean;
  now: number;
  /** Draw a progress bar (only when stderr is a terminal). */
  progress: boolean;
};

export type SeedSummary = {
  counts: RowCounts;
  seconds: number;
  staffCreated: string[];
  examples: Partial<Record<Scenario, SeedExample[]>>;
};

/**
 * A demo customer as a newcomer plays the caller: what the owner would say on the phone (name, phone,
 * date of birth, the amount of their latest transaction). Demo data only: real customers' details
 * never leave the database.
 */
export type SeedExample = {
  accountNumber: string;
  fullName: string;
  phone: string;
  dateOfBirth: string;
  recentAmount: string | null;
};

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

function countAccounts(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
}

export function removeDatabaseFiles(dbFile: string) {
  // The key files beside the database are kept: other copies and backups still need them.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
}

async function ensureDemoStaff(
  handle: ReturnType<typeof openDatabase>['handle'],
  keys: ReturnType<typeof openDatabase>['keys'],
  o: SeedOptions,
): Promise<{ staff: SeedStaff; created: string[] }> {
  const hash = await hashPassword(o.staffPassword);
  const created: string[] = [];
  for (const member of DEMO_STAFF) {
    if (staffExists(handle, member.username)) continue;
    await createStaffMember(
      handle,
      keys,
      'seed',
      { ...member, password: o.staffPassword, totpSecret: o.staffTotpSecret },
      hash,
    );
    created.push(member.username);
  }
  const ids = handle.sqlite.prepare('SELECT id, role FROM staff WHERE disabled = 0 ORDER BY id').all() as {
    id: number;
    role: string;
  }[];
  const staff = {
    agents: ids.filter((s) => s.role === 'agent').map((s) => s.id),
    supervisors: ids.filter((s) => s.role === 'supervisor').map((s) => s.id),
  };
  return { staff, created };
}

/**
 * Seeds a database: demo staff, then N customers written in id order in transactions of BATCH
 * accounts. Account i depends only on (seed, i, now), so the same options give the same rows.
 */
export async function seedDatabase(o: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  if (o.reset) removeDatabaseFiles(o.dbFile);
  const fresh = !existsSync(o.dbFile);
  const { handle, keys } = openDatabase(o.dbFile);
  try {
    const existing = fresh ? 0 : countAccounts(handle.sqlite);
    if (existing > 0) {
      throw new CliError(`${o.dbFile} already holds ${existing} accounts; run with --reset to start over`);
    }
    const { staff, created } = await ensureDemoStaff(handle, keys, o);
    // Customer passwords: argon2id costs ~50 ms a hash, so a million hashes would take hours. The
    // demo password is hashed a few times (distinct salts) and those hashes are reused; every
    // seeded customer signs in with DEMO_CUSTOMER_PASSWORD.
    const passwordHashes = await Promise.all([1, 2, 3, 4].map(() => hashPassword(DEMO_CUSTOMER_PASSWORD)));

    // A bulk load may skip fsyncs (a crash means re-running with --reset); the server's own
    // connections keep synchronous=NORMAL.
    // Foreign keys are not re-checked per row either: every reference the generator writes points at
    // an account it has just inserted or a staff id read above.
    handle.sqlite.pragma('synchronous = OFF');
    handle.sqlite.pragma('foreign_keys = OFF');
    handle.sqlite.pragma('cache_size = -262144');
    handle.sqlite.pragma('temp_store = MEMORY');

    const writer = createSeedWriter(handle.sqlite, keys, passwordHashes);
    const examples: SeedSummary['examples'] = {};
    const bar = o.progress
      ? new cliProgress.SingleBar(
          { stream: process.stderr, etaBuffer: 20 },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(o.accounts, 0);
    const writeBatch = handle.sqlite.transaction((from: number, to: number) => {
      for (let index = from; index < to; index++) {
        const customer = generateCustomer(o.seed, index, o.now, staff);
        writer.write(customer);
        const list = examples[customer.scenario] ?? [];
        if (list.length < EXAMPLES_PER_SCENARIO) {
          list.push(exampleOf(customer));
          examples[customer.scenario] = list;
        }
      }
    });
    for (let from = 0; from < o.accounts; from += BATCH) {
      const to = Math.min(from + BATCH, o.accounts);
      writeBatch(from, to);
      bar?.update(to);
    }
    bar?.stop();
    // Cheap sampled statistics so the lookup queries pick the right index from the first request.
    handle.sqlite.pragma('foreign_keys = ON');
    handle.sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      counts: writer.counts,
      seconds: (performance.now() - started) / 1000,
      staffCreated: created,
      examples,
    };
  } finally {
    handle.close();
  }
}
