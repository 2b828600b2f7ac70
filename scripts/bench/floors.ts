import type Database from 'better-sqlite3';

/** Median cost of one call, in microseconds, after a warm-up (hot pages cached, as in a running server). */
export function microseconds(fn: (i: number) => unknown, runs = 2_000): number {
  for (let i = 0; i < Math.min(200, runs); i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
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
