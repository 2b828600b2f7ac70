import { and, eq, gt, gte, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { changedRows, firstRow, isPg, rawAll, rawGet } from '../db/rows';
import { signInThrottle, staffNetworks } from '../db/tables';

export type ThrottleRule = {
  /** Attempts allowed in one window; the one that reaches it may lock (see lockMs). */
  limit: number;
  /** A counter older than this (and not locked) starts again from 1. */
  windowMs: number;
  /** When set, reaching `limit` locks the key for this long; otherwise the window alone holds it. */
  lockMs?: number;
};

export type Reservation = { attempt: number; windowStart: number; lockedUntil: number | null };

// Hand-written and prepared once per connection (db/prepared.ts): every lookup reserves two of these,
// and the query builder's per-call build and prepare was a tenth of a lookup's CPU (issue 9 profile).
// Every SET expression reads the row as it was before this attempt (qualified: PostgreSQL also sees
// `excluded` there).
const EXPIRED =
  '((t.locked_until IS NOT NULL AND t.locked_until <= ?) OR (t.locked_until IS NULL AND t.window_start <= ?))';
const RESERVE = `INSERT INTO sign_in_throttle AS t (key, failures, window_start, locked_until) VALUES (?, 1, ?, ?)
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN ${EXPIRED} THEN 1 ELSE t.failures + 1 END,
    window_start = CASE WHEN ${EXPIRED} THEN ? ELSE t.window_start END,
    locked_until = CASE WHEN ${EXPIRED} THEN ? WHEN t.locked_until IS NULL AND t.failures + 1 >= ? THEN ? ELSE t.locked_until END
  RETURNING failures AS attempt, window_start AS windowStart, locked_until AS lockedUntil`;

/**
 * Counts one attempt on `key` and answers which one it is, in a single UPSERT … RETURNING: the
 * count is never read, awaited on and written back, so forty parallel requests are forty counts.
 * An attempt that reaches the limit sets the lock; only `clearThrottle` (a success) lifts it early.
 */
export async function reserveAttempt(
  db: DbOrTx,
  key: string,
  rule: ThrottleRule,
  now: number,
): Promise<Reservation> {
  const lockAt = rule.lockMs === undefined ? null : now + rule.lockMs;
  const firstLock = rule.limit <= 1 ? lockAt : null;
  const expired = [now, now - rule.windowMs];
  const row = await rawGet<{
    attempt: number;
    windowStart: number | string;
    lockedUntil: number | string | null;
  }>(db, RESERVE, [
    key,
    now,
    firstLock,
    ...expired,
    ...expired,
    now,
    ...expired,
    firstLock,
    rule.limit,
    lockAt,
  ]);
  // PostgreSQL answers bigint columns as text.
  return {
    attempt: Number(row!.attempt),
    windowStart: Number(row!.windowStart),
    lockedUntil: row!.lockedUntil === null ? null : Number(row!.lockedUntil),
  };
}

/** One counter of reserveWindows: a key and its window (no lock: the window alone holds it). */
export type WindowCounter = { key: string; windowMs: number };

const reserveWindowsSql = new Map<number, string>();
/** The text of reserveWindows for n counters: one VALUES row each, and each key's own window start by CASE. */
function reserveWindowsText(n: number): string {
  let text = reserveWindowsSql.get(n);
  if (text) return text;
  const rows = Array.from({ length: n }, () => '(?, 1, ?, NULL)').join(', ');
  // The oldest window start that is still running, per key (`excluded` holds only the table's columns).
  // CAST: PostgreSQL would type a CASE of bare parameters as text.
  const since = `CASE t.key ${Array.from({ length: n }, () => 'WHEN ? THEN CAST(? AS BIGINT)').join(' ')} END`;
  const expired = `((t.locked_until IS NOT NULL AND t.locked_until <= excluded.window_start) OR (t.locked_until IS NULL AND t.window_start <= ${since}))`;
  text = `INSERT INTO sign_in_throttle AS t (key, failures, window_start, locked_until) VALUES ${rows}
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN ${expired} THEN 1 ELSE t.failures + 1 END,
    window_start = CASE WHEN ${expired} THEN excluded.window_start ELSE t.window_start END,
    locked_until = CASE WHEN ${expired} THEN NULL ELSE t.locked_until END
  RETURNING key, failures AS attempt, window_start AS windowStart`;
  reserveWindowsSql.set(n, text);
  return text;
}

/**
 * reserveAttempt for several window counters at once (a lookup's per-minute and per-hour limits), in one
 * UPSERT … RETURNING: one statement instead of one per window, each counter still counted atomically and
 * started again when its own window has passed. Answers in the order of `counters`, whose keys must differ
 * (PostgreSQL refuses an upsert that would change one row twice).
 */
export async function reserveWindows(
  db: DbOrTx,
  counters: readonly WindowCounter[],
  now: number,
): Promise<Reservation[]> {
  const since = counters.flatMap((c) => [c.key, now - c.windowMs]);
  const rows = await rawAll<{ key: string; attempt: number; windowStart: number | string }>(
    db,
    reserveWindowsText(counters.length),
    [...counters.flatMap((c) => [c.key, now]), ...since, ...since, ...since],
  );
  // RETURNING's order is unspecified (SQLite says so): matched by key. PostgreSQL answers bigint as text.
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return counters.map((c) => {
    const row = byKey.get(c.key)!;
    return { attempt: Number(row.attempt), windowStart: Number(row.windowStart), lockedUntil: null };
  });
}

/** A success on this key: the counter and any lock go. */
export async function clearThrottle(db: DbOrTx, key: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

/** Takes back one reserved attempt (it turned out right), never below zero; a lock stays. */
export async function releaseAttempt(db: DbOrTx, key: string) {
  const less = sql`${signInThrottle.failures} - 1`;
  await db
    .update(signInThrottle)
    // SQLite's two-argument MAX is PostgreSQL's GREATEST.
    .set({ failures: isPg(db) ? sql`GREATEST(${less}, 0)` : sql`MAX(${less}, 0)` })
    .where(eq(signInThrottle.key, key));
}

/** Every counter whose key starts with `prefix` (a supervisor unlocking a staff member clears them all). */
export async function clearThrottlePrefix(db: DbOrTx, prefix: string): Promise<number> {
  return changedRows(
    await db.delete(signInThrottle).where(like(signInThrottle.key, `${prefix.replace(/[%_]/g, '')}%`)),
  );
}

/** The latest lock still running among the counters whose key starts with `prefix`, or null. */
export async function lockedUntilUnder(db: DbOrTx, prefix: string, now: number): Promise<number | null> {
  // A range on the primary key rather than LIKE: SQLite's LIKE ignores case and so skips the index.
  // PostgreSQL compares text by the database's collation, under which a code-point range is no
  // prefix (en_US skips punctuation): there starts_with says it exactly.
  const underPrefix = isPg(db)
    ? sql`starts_with(${signInThrottle.key}, ${prefix})`
    : and(gte(signInThrottle.key, prefix), lt(signInThrottle.key, `${prefix}\u{10ffff}`));
  const row = await firstRow(
    db
      .select({ until: sql<number | null>`max(${signInThrottle.lockedUntil})` })
      .from(signInThrottle)
      .where(and(underPrefix, gt(signInThrottle.lockedUntil, now)))
      .limit(1),
  );
  return row?.until ?? null;
}

export async function readThrottle(db: DbOrTx, key: string) {
  return firstRow(db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).limit(1));
}

export async function rememberNetwork(db: DbOrTx, staffId: number, ip: string, now: number) {
  await db
    .insert(staffNetworks)
    .values({ staffId, ip, lastSuccessAt: now })
    .onConflictDoUpdate({
      target: [staffNetworks.staffId, staffNetworks.ip],
      set: { lastSuccessAt: now },
    });
}

export async function isKnownNetwork(
  db: DbOrTx,
  staffId: number,
  ip: string,
  since: number,
): Promise<boolean> {
  return Boolean(
    await firstRow(
      db
        .select({ ip: staffNetworks.ip })
        .from(staffNetworks)
        .where(
          and(
            eq(staffNetworks.staffId, staffId),
            eq(staffNetworks.ip, ip),
            gte(staffNetworks.lastSuccessAt, since),
          ),
        )
        .limit(1),
    ),
  );
}
