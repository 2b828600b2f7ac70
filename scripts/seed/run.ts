import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import cliProgress from 'cli-progress';
import { hashPassword } from '../../server/src/shared/passwords';
import { bulkLoadPragmas, withIndexesBuiltAfter } from '../lib/bulkLoad';
import { CliError, openDatabase } from '../lib/cli';
import { createStaffMember, staffExists } from '../lib/staffAdmin';
import { EXAMPLES_PER_SCENARIO, type SeedExample } from './batch';
import { buildInline, buildInWorkers } from './builders';
import type { SeedStaff } from './customer';
import type { Scenario } from './history';
import type { RowCounts } from './writer';

export type { SeedExample } from './batch';

export const DEMO_CUSTOMER_PASSWORD = 'Wallet-demo-2026';
export const DEFAULT_STAFF_PASSWORD = 'Desk-demo-2026!';
export const DEMO_STAFF = [
  { username: 'agent', fullName: 'Alex Agent', role: 'agent' },
  { username: 'agent2', fullName: '李静 (Agent)', role: 'agent' },
  { username: 'supervisor', fullName: 'Sam Supervisor', role: 'supervisor' },
  { username: 'supervisor2', fullName: 'María Núñez (Supervisor)', role: 'supervisor' },
] as const;

const BATCH = 5_000;
/**
 * Two builders keep one SQLite writer busy (building costs more than writing), from a size where
 * their start-up (~3 s of CPU each: loading the phone metadata, pinyin and script dictionaries) pays.
 */
const BUILDERS = 2;
const BUILDERS_FROM = 200_000;

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
  /** Builder threads (see builders.ts); 0 builds inline. Default: BUILDERS from BUILDERS_FROM accounts. */
  builders?: number;
  /** Accounts per transaction (default BATCH). */
  batch?: number;
};

export type SeedSummary = {
  counts: RowCounts;
  seconds: number;
  staffCreated: string[];
  examples: Partial<Record<Scenario, SeedExample[]>>;
};

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
    if (await staffExists(handle, member.username)) continue;
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

    bulkLoadPragmas(handle.sqlite);
    const bar = o.progress
      ? new cliProgress.SingleBar(
          { stream: process.stderr, etaBuffer: 20 },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(o.accounts, 0);
    const progress = (to: number) => bar?.update(to);
    const input = { seed: o.seed, now: o.now, staff, piiKey: new Uint8Array(keys.piiKey), passwordHashes };
    const size = o.batch ?? BATCH;
    const builders = o.builders ?? (o.accounts >= BUILDERS_FROM ? BUILDERS : 0);
    // The account indexes and name search are built after the load; the history tables keep their
    // (account_id, at) indexes: their rows arrive in that order, so those inserts only append.
    const names = { table: 'accounts', fts: 'accounts_name_fts' };
    const built = await withIndexesBuiltAfter(handle.sqlite, names, () =>
      builders > 0
        ? buildInWorkers(o.dbFile, input, o.accounts, size, builders, progress)
        : Promise.resolve(buildInline(handle.sqlite, input, o.accounts, size, progress)),
    );
    const examples: SeedSummary['examples'] = {};
    for (const batch of built.examples) {
      for (const [scenario, list] of Object.entries(batch) as [Scenario, SeedExample[]][]) {
        examples[scenario] = [...(examples[scenario] ?? []), ...list].slice(0, EXAMPLES_PER_SCENARIO);
      }
    }
    bar?.stop();
    // Cheap sampled statistics so the lookup queries pick the right index from the first request.
    handle.sqlite.pragma('foreign_keys = ON');
    handle.sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      counts: built.counts,
      seconds: (performance.now() - started) / 1000,
      staffCreated: created,
      examples,
    };
  } finally {
    handle.close();
  }
}
