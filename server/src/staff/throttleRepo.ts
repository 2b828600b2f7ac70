import { and, eq, gt, gte, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { changedRows, firstRow, isPg } from '../db/rows';
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
  const t = signInThrottle;
  const expired = sql`((${t.lockedUntil} IS NOT NULL AND ${t.lockedUntil} <= ${now}) OR (${t.lockedUntil} IS NULL AND ${t.windowStart} <= ${now - rule.windowMs}))`;
  const lockAt = rule.lockMs === undefined ? null : now + rule.lockMs;
  const firstLock = rule.limit <= 1 ? lockAt : null;
  const row = await firstRow(
    db
      .insert(t)
      .values({ key, failures: 1, windowStart: now, lockedUntil: firstLock })
      .onConflictDoUpdate({
        target: t.key,
        set: {
          failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.failures} + 1 END`,
          windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${t.windowStart} END`,
          lockedUntil: sql`CASE WHEN ${expired} THEN ${firstLock} WHEN ${t.lockedUntil} IS NULL AND ${t.failures} + 1 >= ${rule.limit} THEN ${lockAt} ELSE ${t.lockedUntil} END`,
        },
      })
      .returning({ attempt: t.failures, windowStart: t.windowStart, lockedUntil: t.lockedUntil }),
  );
  return row!;
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
