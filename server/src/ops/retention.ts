import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/writer';
import { retentionMs } from '../config';
import { betweenTransactions, type DbOrTx, inTransaction } from '../db/client';
import { type RawSql, rawAll, rawGet, rawRun } from '../db/rows';
import type { AppDeps } from '../deps';
import { systemAuditContext } from '../emailChanges/emailChangeExpiry';
import { VARIATION_WINDOW_MS } from '../lookup/lookupVariation';

/** Rows are examined in id ranges this wide: each step holds the event loop for a few milliseconds. */
const ID_STEP = 20_000;
const DAY_MS = 86_400_000;

export type RetentionCounts = {
  loginEvents: number;
  messages: number;
  oneTimeCodes: number;
  customerTokens: number;
  caseEvidence: number;
  lookupPins: number;
};

type Cutoffs = ReturnType<typeof cutoffsAt>;

function cutoffsAt(deps: Pick<AppDeps, 'config'>, now: number) {
  const keep = retentionMs(deps.config);
  return {
    loginEvents: now - keep.loginEvents,
    messages: now - keep.messages,
    tokens: now - keep.tokens,
    caseEvidence: now - keep.caseEvidence,
    // Lookup pins are read only inside the variation window (docs/design.md, Lookup limits): not a setting.
    lookupPins: now - VARIATION_WINDOW_MS,
  };
}

/**
 * One kind of expiring data: which rows of which table are past their time (a condition on the
 * row, with the cutoff bound to its one `?`), and what removing them means. Rows that are still
 * in use are never matched: a queued or retrying message, an unspent code, an open case.
 */
type Kind = {
  name: keyof RetentionCounts;
  table: string;
  expired: string;
  cutoff: (c: Cutoffs) => number;
  /** Removes the given ids' customer data; returns how many rows it removed or blanked. */
  remove: (tx: DbOrTx, ids: number[]) => Promise<number>;
};

/**
 * `column IN (the ids)`, the ids bound as one JSON array parameter (one statement text whatever the
 * batch size): SQLite reads it with json_each, PostgreSQL with jsonb_array_elements_text.
 */
const inIdList = (prefix: string): RawSql => ({
  sqlite: `${prefix} IN (SELECT value FROM json_each(?))`,
  pg: `${prefix} IN (SELECT value::bigint FROM jsonb_array_elements_text(?::jsonb))`,
});

const deleteIds = (table: string) => (tx: DbOrTx, ids: number[]) =>
  rawRun(tx, inIdList(`DELETE FROM ${table} WHERE id`), [JSON.stringify(ids)]);

const KINDS: Kind[] = [
  {
    name: 'loginEvents',
    table: 'login_events',
    expired: 'at < ?',
    cutoff: (c) => c.loginEvents,
    remove: deleteIds('login_events'),
  },
  {
    name: 'messages',
    table: 'messages',
    // Only messages that are finished with: sent, or failed with no retry left.
    expired: "created_at < ? AND (status = 'sent' OR (status = 'failed' AND next_attempt_at IS NULL))",
    cutoff: (c) => c.messages,
    remove: deleteIds('messages'),
  },
  {
    name: 'oneTimeCodes',
    table: 'one_time_codes',
    expired: 'COALESCE(used_at, expires_at) < ?',
    cutoff: (c) => c.tokens,
    remove: deleteIds('one_time_codes'),
  },
  {
    name: 'customerTokens',
    table: 'customer_tokens',
    expired: 'COALESCE(used_at, expires_at) < ?',
    cutoff: (c) => c.tokens,
    remove: deleteIds('customer_tokens'),
  },
  {
    // A closed case's evidence: what the caller was checked on, the codes sent, the free-text
    // subject. The case row itself stays (the audit trail names it), holding no customer data.
    name: 'caseEvidence',
    table: 'cases',
    expired:
      "status = 'closed' AND closed_at < ? AND (subject IS NOT NULL OR EXISTS (SELECT 1 FROM verification_checks v WHERE v.case_id = cases.id) OR EXISTS (SELECT 1 FROM one_time_codes o WHERE o.case_id = cases.id))",
    cutoff: (c) => c.caseEvidence,
    remove: async (tx, ids) => {
      const list = [JSON.stringify(ids)];
      await rawRun(tx, inIdList('DELETE FROM verification_checks WHERE case_id'), list);
      await rawRun(tx, inIdList('DELETE FROM one_time_codes WHERE case_id'), list);
      await rawRun(tx, inIdList('UPDATE cases SET subject = NULL WHERE id'), list);
      return ids.length;
    },
  },
  {
    // Keyed hashes of the details lookups gave about a pinned account: needed for 24 h, then only a liability.
    name: 'lookupPins',
    table: 'lookup_pins',
    expired: 'at < ?',
    cutoff: (c) => c.lookupPins,
    remove: deleteIds('lookup_pins'),
  },
];

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export type RetentionRun = { counts: RetentionCounts; cutoffs: Cutoffs; auditId: number };

type RunOptions = { shouldStop?: () => boolean };

/**
 * Deletes every row past its retention period, kind by kind, in short id-range steps that yield
 * to requests in between (no index on the time columns is needed, and nothing long holds the
 * write lock). Deleted content is overwritten (secure_delete) and the WAL checkpointed, so
 * customer data is gone from the file, not merely unreachable (SQLite; PostgreSQL's own VACUUM
 * reclaims dead rows). The audit trail is never touched; the run itself is audited with its counts,
 * as an error row if it stops midway. Every instance may run it at once: a step finds and removes
 * its rows inside one write transaction (the desk's write lock on PostgreSQL), so what one instance
 * removed the next one no longer finds.
 */
export async function runRetention(deps: AppDeps, options: RunOptions = {}): Promise<RetentionRun> {
  const cutoffs = cutoffsAt(deps, deps.now());
  const counts: RetentionCounts = {
    loginEvents: 0,
    messages: 0,
    oneTimeCodes: 0,
    customerTokens: 0,
    caseEvidence: 0,
    lookupPins: 0,
  };
  const audit = (outcome: 'success' | 'error', error?: string) =>
    inTransaction(deps.db, async (tx) =>
      appendAudit(tx, systemAuditContext(deps), {
        action: 'retention.purge',
        outcome,
        actorUsername: 'system',
        details: {
          counts,
          keptDays: {
            loginEvents: deps.config.RETENTION_LOGIN_EVENTS_DAYS,
            messages: deps.config.RETENTION_MESSAGES_DAYS,
            tokensAndCodes: deps.config.RETENTION_TOKENS_DAYS,
            caseEvidence: deps.config.RETENTION_CASE_EVIDENCE_DAYS,
          },
          cutoffs,
          ...(error ? { error } : {}),
        },
      }),
    );
  try {
    for (const kind of KINDS) {
      const bounds = (await rawGet<{ lo: number | null; hi: number | null }>(
        deps.db,
        `SELECT min(id) AS lo, max(id) AS hi FROM ${kind.table}`,
      ))!;
      if (bounds.lo === null || bounds.hi === null) continue;
      const find = `SELECT id FROM ${kind.table} WHERE id >= ? AND id < ? AND ${kind.expired}`;
      for (let from = bounds.lo; from <= bounds.hi; from += ID_STEP) {
        if (options.shouldStop?.()) throw new Error('stopped by shutdown');
        const params = [from, from + ID_STEP, kind.cutoff(cutoffs)];
        counts[kind.name] += await removeStep(deps, async (tx) => {
          const ids = (await rawAll<{ id: number }>(tx, find, params)).map((row) => row.id);
          return ids.length ? kind.remove(tx, ids) : 0;
        });
        await yieldToRequests();
      }
    }
  } catch (error) {
    await audit('error', String((error as Error)?.message ?? error));
    throw error;
  }
  // SQLite only: the WAL checkpoint.
  if (deps.sqlite) await betweenTransactions(deps.db, () => checkpointQuietly(deps.sqlite!));
  return { counts, cutoffs, auditId: await audit('success') };
}

/** One step in its own write transaction, with deleted bytes overwritten rather than left in free pages. */
async function removeStep(deps: AppDeps, step: (tx: DbOrTx) => Promise<number>): Promise<number> {
  // SQLite only: secure_delete is a pragma of the connection (PostgreSQL does not reuse a deleted
  // row's bytes in place; VACUUM reclaims them).
  const { sqlite } = deps;
  sqlite?.pragma('secure_delete = ON');
  try {
    return await inTransaction(deps.db, step);
  } finally {
    sqlite?.pragma('secure_delete = OFF');
  }
}

/** Copies the WAL back and empties it (old page images in it still held deleted rows); skipped when readers hold it. */
function checkpointQuietly(sqlite: Database.Database) {
  const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 100');
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}

/**
 * The daily job: first run a minute after start (not during start-up), then every 24 h. Its stop
 * function ends a run between two steps and waits for it.
 */
export function startRetention(deps: AppDeps, { firstRunMs = 60_000, intervalMs = DAY_MS } = {}) {
  let stopped = false;
  let current: Promise<unknown> | null = null;
  const tick = () => {
    if (stopped || current !== null) return;
    current = runRetention(deps, { shouldStop: () => stopped })
      .then(
        (run) => deps.logger.info('retention run', { counts: run.counts }),
        (error) => {
          if (!stopped) deps.logger.error('retention run failed', { error: String(error?.message ?? error) });
        },
      )
      .finally(() => {
        current = null;
      });
  };
  const first = setTimeout(tick, firstRunMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await current;
  };
}
