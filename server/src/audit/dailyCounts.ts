import type { DbOrTx } from '../db/client';
import { rawRun } from '../db/rows';
import type { ChainedFields } from './chain';

export const DAY_MS = 86_400_000;

/** The counter an event adds one to (docs/design.md, Dashboards); the backfill migrations apply the same rules. */
export type DailyCountKey = {
  day: number;
  action: string;
  outcome: string;
  actorId: number;
  subject: string;
};

/**
 * `details`: the entry's details object the row's JSON was made from, when the caller has it (the writer):
 * read as it is instead of parsing the JSON just written.
 */
export function dailyCountKey(
  row: Pick<ChainedFields, 'at' | 'action' | 'outcome' | 'actorId' | 'details'>,
  details?: Record<string, unknown>,
) {
  return {
    day: Math.floor(row.at / DAY_MS),
    action: row.action,
    outcome: row.outcome,
    actorId: row.actorId ?? 0,
    subject: row.action === 'account.unlock' ? unlockedReason(details ?? row.details) : '',
  } satisfies DailyCountKey;
}

/** An unlock's before-state names the lock it lifted: "unlocks by reason" reads it here, once. */
function unlockedReason(details: string | Record<string, unknown>): string {
  try {
    const parsed = (typeof details === 'string' ? JSON.parse(details) : details) as {
      before?: { lockReason?: unknown };
    };
    const reason = parsed.before?.lockReason;
    return typeof reason === 'string' ? reason : '';
  } catch {
    return '';
  }
}

const UPSERT = `INSERT INTO audit_daily_counts (day, action, outcome, actor_id, subject, count)
  VALUES (?, ?, ?, ?, ?, 1)
  ON CONFLICT (day, action, outcome, actor_id, subject) DO UPDATE SET count = audit_daily_counts.count + 1`;

/** Adds the event to its day's counter, inside the transaction that appends it. */
export async function countAuditEvent(tx: DbOrTx, key: DailyCountKey): Promise<void> {
  await rawRun(tx, UPSERT, [key.day, key.action, key.outcome, key.actorId, key.subject]);
}
