import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import cliProgress from 'cli-progress';
import { hashPassword } from '../../server/src/shared/passwords';
import { CliError, openDatabase } from '../lib/cli';
import { createStaffMember, staffExists } from '../lib/staffAdmin';
import { EXAMPLES_PER_SCENARIO, type SeedExample } from './batch';
import { buildInline, buildInWorkers, bulkLoadPragmas } from './builders';
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
/** Two builders keep one SQLite writer busy (measured: building costs more than writing). */
const BUILDERS = 2;

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
  /** Builder threads (see builders.ts); 0 builds inline. Default: BUILDERS when over one batch. */
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
 * Loads the (empty) accounts table without its secondary indexes and its name-search (FTS) trigger,
 * then builds them from the loaded rows: one sort per index instead of a random B-tree insert per
 * row and index (at scale the seven account indexes and the FTS index were most of the seed's SQLite
 * time). The definitions are read back from sqlite_master, so what is rebuilt is exactly what the
 * migrations made; a UNIQUE index still refuses duplicates when built. The history tables keep
 * their (account_id, at) indexes: rows arrive in that order, so those inserts only append.
 * Rebuilds after a failure too, so a half-written seed still has its indexes.
 */
async function withIndexesBuiltAfter<T>(sqlite: Database.Database, load: () => Promise<T>): Promise<T> {
  const deferred = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE tbl_name = 'accounts' AND sql IS NOT NULL
         AND (type = 'index' OR (type = 'trigger' AND name = 'accounts_name_fts_insert'))`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of deferred) sqlite.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);
  try {
    return await load();
  } finally {
    sqlite.transaction(() => {
      for (const d of deferred) sqlite.exec(d.sql);
      // The external-content FTS table re-reads every account's name forms.
      sqlite.exec(`INSERT INTO accounts_name_fts(accounts_name_fts) VALUES ('rebuild')`);
    })();
  }
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
    // connections keep synchronous=FULL.
    // Foreign keys are not re-checked per row either: every reference the generator writes points at
    // an account it has just inserted or a staff id read above.
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
    const builders = o.builders ?? (o.accounts > size ? BUILDERS : 0);
    const built = await withIndexesBuiltAfter(handle.sqlite, () =>
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
