import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { toPgText } from '../../server/src/db/rows';
import { loadKeys } from '../../server/src/keys';
import { startPgCluster } from '../pg-cluster';
import { microsecondsAwaited } from './floors';
import { withoutDatabaseSettings } from './server';

// Side effect: bigint and numeric come back as JS numbers, as the server reads them.
import '../../server/src/db/pg';

/**
 * The PostgreSQL side of `npm run bench -- --engine pg`: the database (a throw-away cluster with
 * durable settings unless --pg-url names one), filled from the SQLite bench database by db:copy,
 * and the raw-SQL floors through a pg client, as floors.ts measures them through better-sqlite3.
 */

export type PgCopy = {
  seconds: number;
  rows: number;
  /** VACUUM (ANALYZE) and CHECKPOINT after the copy (settle): not part of db:copy's own time. */
  settleSeconds: number;
};

export type BenchPg = {
  url: string;
  /** The copy this run made, or null when the database already held the bench data. */
  copy: PgCopy | null;
  /** Settings that decide what a commit costs, as the server reported them. */
  settings: Record<string, string>;
  stop: () => Promise<void>;
};

/**
 * The cluster's settings for a benchmark: every commit on disk before it is acknowledged (unlike the
 * tests' cluster), a cache that holds the hot indexes, and room for two instances' pools plus the bench.
 */
const BENCH_CLUSTER = {
  durable: true,
  settings: { shared_buffers: '512MB', max_connections: 100, effective_cache_size: '4GB' },
} as const;

export async function preparePg(o: { dbFile: string; url?: string; accounts: number }): Promise<BenchPg> {
  const cluster = o.url ? null : await startPgCluster(BENCH_CLUSTER);
  try {
    const url = o.url ?? (await cluster!.createDatabase('bench'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let copy: PgCopy | null = null;
    try {
      const held = await accountsHeld(client);
      if (held === null || held === 0) {
        const copied = await copyInto(o.dbFile, url);
        copy = { ...copied, settleSeconds: await settle(client) };
      } else if (held !== o.accounts)
        throw new Error(
          `bench: ${url} holds ${held} accounts, not ${o.accounts}: give an empty database (or none, for a throw-away cluster)`,
        );
      const { rows } = await client.query(
        "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections', 'server_version')",
      );
      const settings = Object.fromEntries(
        rows.map((r: { name: string; setting: string }) => [r.name, r.setting]),
      );
      return {
        url,
        copy,
        settings,
        stop: async () => {
          cluster?.stop();
        },
      };
    } finally {
      await client.end();
    }
  } catch (error) {
    cluster?.stop();
    throw error;
  }
}

async function accountsHeld(client: pg.Client): Promise<number | null> {
  const { rows } = await client.query("SELECT to_regclass('public.accounts') IS NOT NULL AS present");
  if (!rows[0].present) return null;
  return Number((await client.query('SELECT count(*) AS n FROM accounts')).rows[0].n);
}

/**
 * What an operator does after a bulk load, before taking traffic: planner statistics and the visibility
 * map for every copied table (VACUUM (ANALYZE)), then the dirty pages written out (CHECKPOINT). Without
 * it autovacuum and the checkpointer do the same work minutes later, in the middle of whatever runs
 * then (with --engine both, the SQLite part, since the copy is made before it), and the first
 * PostgreSQL scenarios are planned without statistics. CHECKPOINT needs a privileged role: skipped on
 * a --pg-url whose user lacks it.
 */
async function settle(client: pg.Client): Promise<number> {
  process.stderr.write('bench: VACUUM (ANALYZE) and CHECKPOINT after the copy...\n');
  const started = performance.now();
  await client.query('VACUUM (ANALYZE)');
  await client.query('CHECKPOINT').catch(() => undefined);
  return (performance.now() - started) / 1000;
}

/** `npm run db:copy` as an operator runs it (its own process, its own checks): the copy's wall time and rows. */
async function copyInto(dbFile: string, url: string): Promise<Omit<PgCopy, 'settleSeconds'>> {
  process.stderr.write(`bench: db:copy ${dbFile} -> PostgreSQL...\n`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve('scripts/db-copy.ts'), '--from', dbFile, '--to', url],
    { stdio: ['ignore', 'pipe', 'inherit'], env: withoutDatabaseSettings(process.env) },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`bench: db:copy exited with ${code}`);
  const copied = /copied (\d+) rows/.exec(output);
  if (!copied) throw new Error('bench: db:copy did not say how many rows it copied');
  return { seconds, rows: Number(copied[1]) };
}

/**
 * The keys the server needs on PostgreSQL, from the files beside the SQLite bench database (which
 * seeded the chain and the ID hashes): every instance must sign and check with the same ones.
 */
export function keysOf(dbFile: string): Record<string, string> {
  loadKeys(dbFile, {}); // creates any key file still missing
  const read = (kind: string) => readFileSync(`${dbFile}.${kind}-key`, 'utf8').trim();
  return {
    AUDIT_KEY: read('audit'),
    PII_KEY: read('pii'),
    SESSION_SECRET: read('session'),
    MESSAGE_KEY: read('message'),
  };
}

/** A read connection for the bench's own questions (samples, ids): SQLite-spelled SQL translated as the server does. */
export async function pgReader(url: string) {
  // As the server's pool (db/pg.ts): no JIT, so the raw figures are the statements the server runs.
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC -c jit=off' });
  await client.connect();
  return {
    client,
    all: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query(toPgText(sql), params)).rows as T[],
    close: () => client.end(),
  };
}

/** Median µs of one statement through the pg client, prepared once (a named statement), after a warm-up. */
export function pgRawSql(
  client: pg.Client,
  name: string,
  text: string,
  params: (i: number) => unknown[],
  runs = 2_000,
): Promise<number> {
  return microsecondsAwaited((i) => client.query({ name, text, values: params(i) }), runs);
}

/**
 * Durable commits per second on the bench database: one small row per transaction (BEGIN, INSERT,
 * COMMIT, as the SQLite floor does), into a scratch table dropped afterwards. With fsync and
 * synchronous_commit on, each COMMIT waits for the WAL flush: the ceiling of any request that writes.
 */
export async function pgDurableCommits(
  client: pg.Client,
  commits = 500,
): Promise<{ perSec: number; us: number; synchronousCommit: string }> {
  await client.query('DROP TABLE IF EXISTS bench_commit_floor');
  await client.query('CREATE TABLE bench_commit_floor (id bigserial PRIMARY KEY, v text NOT NULL)');
  try {
    const synchronousCommit = (await client.query('SHOW synchronous_commit')).rows[0].synchronous_commit;
    const v = 'x'.repeat(400);
    const commit = async () => {
      await client.query('BEGIN');
      await client.query({
        name: 'bench_commit',
        text: 'INSERT INTO bench_commit_floor (v) VALUES ($1)',
        values: [v],
      });
      await client.query('COMMIT');
    };
    for (let i = 0; i < 20; i++) await commit();
    const started = process.hrtime.bigint();
    for (let i = 0; i < commits; i++) await commit();
    const us = Number(process.hrtime.bigint() - started) / 1000 / commits;
    return { perSec: Math.round(1_000_000 / us), us: Math.round(us * 10) / 10, synchronousCommit };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_commit_floor');
  }
}

/** The bench staff's authenticator on the PostgreSQL copy (a reused database keeps the last run's used step). */
export async function enrolBenchStaffPg(url: string, secret: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      "UPDATE staff SET totp_secret = $1, totp_last_step = NULL WHERE username IN ('agent', 'supervisor')",
      [secret],
    );
  } finally {
    await client.end();
  }
}
