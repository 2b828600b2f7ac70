import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STAFF_PASSWORD, seedDatabase } from '../seed/run';
import type { BenchResult } from './types';

const ACCOUNTS = 20_000;

/**
 * Seeds 20k accounts into a temp database. The target is derived from the 1M-account requirement:
 * 1M in under 10 minutes on 2 cores needs ~1,700 accounts/s; the bench asks for 2,000.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rd-bench-seed-'));
  const dbFile = join(dir, 'bench.db');
  try {
    const summary = await seedDatabase({
      dbFile,
      accounts: ACCOUNTS,
      seed: 7,
      staffPassword: DEFAULT_STAFF_PASSWORD,
      staffTotpSecret: null,
      reset: true,
      now: Date.now(),
      progress: false,
    });
    const megabytes = statSync(dbFile).size / 1024 / 1024;
    const c = summary.counts;
    return [
      {
        name: 'seed: accounts per second',
        value: Math.round(c.accounts / summary.seconds),
        unit: 'accounts/s',
        target: { min: 2_000 },
        notes: `${c.accounts} accounts, ${c.loginEvents + c.transactions + c.devices} related rows, ${summary.seconds.toFixed(1)} s incl. staff/password hashing`,
      },
      {
        name: 'seed: database size',
        value: Math.round(megabytes * 10) / 10,
        unit: 'MB',
        target: { max: 60 },
        notes: `${((megabytes * 1024) / (c.accounts / 1000)).toFixed(0)} KB per 1000 accounts`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
