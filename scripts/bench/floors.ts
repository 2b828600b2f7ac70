import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';

const median = (times: number[]) => {
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
};

/** Median cost of one call, in microseconds, after a warm-up (hot pages cached, as in a running server). */
export function microseconds(fn: (i: number) => unknown, runs = 2_000): number {
  for (let i = 0; i < Math.min(200, runs); i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return median(times);
}

/** The same for a domain function on the async data layer: each call awaited before the clock stops. */
export async function microsecondsAwaited(
  fn: (i: number) => Promise<unknown>,
  runs = 2_000,
): Promise<number> {
  for (let i = 0; i < Math.min(200, runs); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return median(times);
}

/** The raw SQL of one statement through better-sqlite3, prepared once: the floor under its HTTP figure. */
export function rawSql(
  sqlite: Database.Database,
  sql: string,
  params: (i: number) => unknown[],
  runs?: number,
) {
  const stmt = sqlite.prepare(sql);
  return microseconds((i) => (stmt.reader ? stmt.all(...params(i)) : stmt.run(...params(i))), runs);
}

/**
 * Durable commits per second on the benchmark database's own disk: a scratch file beside it in WAL
 * with synchronous=FULL (as the server runs), one small row per transaction. Every request that
 * writes (a lookup's audit row, a command) commits once, so this is their ceiling in the same run.
 */
export function durableCommits(beside: string, commits = 500): { perSec: number; us: number } {
  const file = `${beside}.commit-floor`;
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  };
  remove();
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = sqlite.transaction(() => insert.run('x'.repeat(400)));
    for (let i = 0; i < 20; i++) commit.immediate();
    const started = process.hrtime.bigint();
    for (let i = 0; i < commits; i++) commit.immediate();
    const us = Number(process.hrtime.bigint() - started) / 1000 / commits;
    return { perSec: Math.round(1_000_000 / us), us: Math.round(us * 10) / 10 };
  } finally {
    sqlite.close();
    remove();
  }
}
