import { rawGet } from '../db/rows';
import type { AppDeps } from '../deps';

/** How long an unchanged answer is reused: time-bound parts (windows, ages, a code running out) drift at most this. */
export const DASHBOARD_CACHE_MS = 2_000;
/** Agents' desks are one entry each: past this many the memo starts over rather than grow. */
const MAX_ENTRIES = 2_000;

const TRAIL_HEAD = 'SELECT max(id) AS n FROM audit_events';

/**
 * A short per-process memo of the dashboards' answers (docs/design.md, Dashboards). Every change a tile counts is
 * audited in its own transaction (DESIGN §2, Audit trail), so the trail's head — its last id, one seek on the
 * rowid — names the state the answer was computed at: a new audited event, from this process or another on the
 * same file, makes the next request compute afresh. What changes with time alone (a window closing, an age) is at
 * most DASHBOARD_CACHE_MS old. Twenty supervisors opening the console then cost one computation, not twenty.
 */
export function dashboardCache(deps: Pick<AppDeps, 'db' | 'now'>, ttlMs = DASHBOARD_CACHE_MS) {
  const entries = new Map<string, { head: number; at: number; value: unknown }>();
  const head = async () => Number((await rawGet<{ n: number | null }>(deps.db, TRAIL_HEAD))?.n ?? 0);
  return async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = deps.now();
    const trail = await head();
    const hit = entries.get(key);
    if (hit && hit.head === trail && now >= hit.at && now - hit.at < ttlMs) return hit.value as T;
    const value = await compute();
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { head: trail, at: now, value });
    return value;
  };
}
