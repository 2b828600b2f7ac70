import { and, eq, gt, gte, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { signInThrottle, staffNetworks } from '../db/schema';

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
export function reserveAttempt(db: DbOrTx, key: string, rule: ThrottleRule, now: number): Reservation {
  const t = signInThrottle;
  const expired = sql`((${t.lockedUntil} IS NOT NULL AND ${t.lockedUntil} <= ${now}) OR (${t.lockedUntil} IS NULL AND ${t.windowStart} <= ${now - rule.windowMs}))`;
  const lockAt = rule.lockMs === undefined ? null : now + rule.lockMs;
  const firstLock = rule.limit <= 1 ? lockAt : null;
  const row = db
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
    .returning({ attempt: t.failures, windowStart: t.windowStart, lockedUntil: t.lockedUntil })
    .get();
  return row;
}

/** A success on this key: the counter and any lock go. */
export function clearThrottle(db: DbOrTx, key: string) {
  db.delete(signInThrottle).where(eq(signInThrottle.key, key)).run();
}

/** Takes back one reserved attempt (it turned out right), never below zero; a lock stays. */
export function releaseAttempt(db: DbOrTx, key: string) {
  db.update(signInThrottle)
    .set({ failures: sql`MAX(${signInThrottle.failures} - 1, 0)` })
    .where(eq(signInThrottle.key, key))
    .run();
}

/** Every counter whose key starts with `prefix` (a supervisor unlocking a staff member clears them all). */
export function clearThrottlePrefix(db: DbOrTx, prefix: string): number {
  return db
    .delete(signInThrottle)
    .where(like(signInThrottle.key, `${prefix.replace(/[%_]/g, '')}%`))
    .run().changes;
}

/** The latest lock still running among the counters whose key starts with `prefix`, or null. */
export function lockedUntilUnder(db: DbOrTx, prefix: string, now: number): number | null {
  // A range on the primary key rather than LIKE: SQLite's LIKE ignores case and so skips the index.
  const row = db
    .select({ until: sql<number | null>`max(${signInThrottle.lockedUntil})` })
    .from(signInThrottle)
    .where(
      and(
        gte(signInThrottle.key, prefix),
        lt(signInThrottle.key, `${prefix}\u{10ffff}`),
        gt(signInThrottle.lockedUntil, now),
      ),
    )
    .get();
  return row?.until ?? null;
}

export function readThrottle(db: DbOrTx, key: string) {
  return db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
}

export function rememberNetwork(db: DbOrTx, staffId: number, ip: string, now: number) {
  db.insert(staffNetworks)
    .values({ staffId, ip, lastSuccessAt: now })
    .onConflictDoUpdate({
      target: [staffNetworks.staffId, staffNetworks.ip],
      set: { lastSuccessAt: now },
    })
    .run();
}

export function isKnownNetwork(db: DbOrTx, staffId: number, ip: string, since: number): boolean {
  return Boolean(
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
      .get(),
  );
}
