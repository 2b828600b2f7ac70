import { sql } from 'drizzle-orm';
import type { PgDbOrTx } from '../db/pg';
import type { DueMessage } from './messageRepo';

/**
 * messageRepo.claimDueMessages on PostgreSQL, for the async data layer to call: one statement picks
 * the due messages (queued, or failed with a retry time that has come; oldest first) with
 * `FOR UPDATE SKIP LOCKED` and leases them (attempt counted, next attempt moved to now + lease). A
 * second instance claiming at the same moment skips the rows the first has locked instead of waiting
 * for them or taking them too, so two instances never send one message twice at once.
 */
export async function claimDueMessagesPg(
  db: PgDbOrTx,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<DueMessage[]> {
  const claimed = await db.execute<{
    id: number;
    channel: DueMessage['channel'];
    template: string;
    recipient: string;
    subject: string;
    body: string;
    sealedBody: string | null;
    attempts: number;
  }>(sql`
    WITH due AS (
      SELECT id FROM messages
      WHERE status IN ('queued', 'failed') AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE messages AS m
    SET attempts = m.attempts + 1, next_attempt_at = ${now + leaseMs}, updated_at = ${now}
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.channel, m.template, m.recipient, m.subject, m.body, m.sealed_body AS "sealedBody", m.attempts`);
  return claimed.rows.sort((a, b) => a.id - b.id);
}
