import { type AuditContext, appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { reserveWindows } from '../staff/throttleRepo';

/** Every how many refused lookups in one window the trail gets another row (the first always does). */
const AUDIT_EVERY_REFUSED = 100;

/**
 * docs/design.md, Lookup limits: lookups per staff member, a burst per minute and a ceiling per hour
 * (LOOKUP_LIMIT_PER_MINUTE, LOOKUP_LIMIT_PER_HOUR). Each lookup is counted before it runs by one atomic
 * upsert of both counters (staff/throttleRepo.ts reserveWindows), so 40 parallel lookups are 40 counts of
 * each. Over either: 429 with Retry-After, the first refusal of the window audited (`account.lookup`,
 * denied, why `throttled`) and every 100th after it, so a flood cannot flood the trail. The counter is the
 * staff member's, whichever session or network asks.
 * Runs in the lookup's own transaction (lookup.ts) and answers the refusal to commit before the 429,
 * or null: one commit (one fsync) per lookup instead of two.
 */
export async function admitLookup(
  tx: Tx,
  deps: Pick<AppDeps, 'config'>,
  ctx: AuditContext,
  staffId: number,
  now: number,
): Promise<AppError | null> {
  const windows = [
    { name: 'minute', limit: deps.config.LOOKUP_LIMIT_PER_MINUTE, windowMs: 60_000 },
    { name: 'hour', limit: deps.config.LOOKUP_LIMIT_PER_HOUR, windowMs: 3_600_000 },
  ] as const;
  // Both windows' counters in one statement. On SQLite it costs what the two did (the B-tree writes dominate:
  // 27-28 µs a pair either way); on PostgreSQL it is one round trip less inside the lookup's write transaction,
  // which holds the write lock (db/pgEngine.ts) meanwhile.
  const reserved = await reserveWindows(
    tx,
    windows.map((w) => ({ key: `lookup:${w.name}:${staffId}`, windowMs: w.windowMs })),
    now,
  );
  let refused: AppError | null = null;
  for (const [i, w] of windows.entries()) {
    const r = reserved[i]!;
    const over = r.attempt - w.limit;
    if (over <= 0 || refused) continue;
    const retryAfterMs = r.windowStart + w.windowMs - now;
    refused = AppError.tooMany(`Too many lookups: wait ${Math.ceil(retryAfterMs / 1000)} s`, retryAfterMs);
    if (over === 1 || over % AUDIT_EVERY_REFUSED === 0) {
      await appendAudit(tx, ctx, {
        action: 'account.lookup',
        outcome: 'denied',
        targetType: 'account',
        details: { why: 'throttled', window: w.name, limit: w.limit, refusedInWindow: over },
      });
    }
  }
  return refused;
}
