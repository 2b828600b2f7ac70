import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { addressMatcher } from '../config';
import { sqliteCommitStats } from '../db/client';
import { rawAll, rawGet } from '../db/rows';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { deliveryWorkerStatus } from '../messages/delivery';

/** Audit actions are code constants; anything else would be folded, so a label can never carry input. */
const ACTION_NAME = /^[a-z_]{1,40}(\.[a-z_0-9]{1,40}){1,3}$/;
const MAX_ACTIONS = 200;
/** Audit rows read per step when catching up (a scrape after a busy minute). */
const TAIL_STEP = 5_000;

type AuditTailRow = { id: number; action: string; outcome: string };

/**
 * The app's Prometheus registry. Labels are route patterns, methods, statuses, action names,
 * outcomes and channels — never a path with an id, a username or a customer detail.
 *
 * Actions, lookups and denied attempts are counted from the audit trail itself (rows past the
 * highest id seen at start): every action already writes exactly one row in its own transaction,
 * so a rolled-back action is never counted and no domain code has to remember to count.
 */
export function createMetrics(deps: AppDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const actions = new Counter({
    name: 'recovery_desk_actions_total',
    help: 'Audited actions (commands, views, sign-ins, jobs) by action and outcome',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });
  const lookups = new Counter({
    name: 'recovery_desk_lookups_total',
    help: 'Customer lookups by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const denied = new Counter({
    name: 'recovery_desk_denied_attempts_total',
    help: 'Refused attempts (policy, role, verification) by action',
    labelNames: ['action'] as const,
    registers: [registry],
  });
  const seenActions = new Set<string>();
  const foldAction = (action: string) => {
    if (!ACTION_NAME.test(action)) return 'other';
    if (!seenActions.has(action) && seenActions.size >= MAX_ACTIONS) return 'other';
    seenActions.add(action);
    return action;
  };
  // Read now, at start (the query runs before this returns on SQLite); awaited by the first scrape.
  const auditAtStart = rawGet<{ id: number | null }>(deps.db, 'SELECT max(id) AS id FROM audit_events').then(
    (row) => row?.id ?? 0,
  );
  auditAtStart.catch(() => undefined);
  let auditSeen: number | null = null;
  const readAuditTail = async () => {
    auditSeen ??= await auditAtStart;
    for (;;) {
      const rows: AuditTailRow[] = await rawAll<AuditTailRow>(
        deps.db,
        'SELECT id, action, outcome FROM audit_events WHERE id > ? ORDER BY id LIMIT ?',
        [auditSeen, TAIL_STEP],
      );
      for (const r of rows) {
        const action = foldAction(r.action);
        actions.inc({ action, outcome: r.outcome });
        if (r.action === 'account.lookup') lookups.inc({ outcome: r.outcome });
        if (r.outcome === 'denied') denied.inc({ action });
      }
      if (rows.length) auditSeen = rows[rows.length - 1]!.id;
      if (rows.length < TAIL_STEP) return;
    }
  };

  const outboxDepth = new Gauge({
    name: 'recovery_desk_outbox_queue_depth',
    help: 'Messages waiting to be delivered (new or failed with a retry pending)',
    registers: [registry],
  });
  const outboxOldest = new Gauge({
    name: 'recovery_desk_outbox_oldest_queued_age_seconds',
    help: 'Age of the oldest message still waiting to be delivered (0 when none)',
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'recovery_desk_message_deliveries_total',
    help: 'Delivery attempts by channel and outcome (sent, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  const deliveryFailures = new Counter({
    name: 'recovery_desk_message_delivery_failures_total',
    help: 'Failed delivery attempts by channel (each will be retried with backoff until attempts run out)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  for (const channel of ['email', 'sms'] as const) {
    // Zero from the start, so a rate() alert works on the first failure.
    deliveryFailures.inc({ channel }, 0);
    for (const outcome of ['sent', 'failed']) deliveries.inc({ channel, outcome }, 0);
  }
  const counted = { sent: { email: 0, sms: 0 }, failedAttempts: { email: 0, sms: 0 } };
  const readDeliveries = () => {
    const worker = deliveryWorkerStatus(deps);
    for (const channel of ['email', 'sms'] as const) {
      const sent = worker.sent[channel] - counted.sent[channel];
      const failed = worker.failedAttempts[channel] - counted.failedAttempts[channel];
      if (sent > 0) deliveries.inc({ channel, outcome: 'sent' }, sent);
      if (failed > 0) {
        deliveries.inc({ channel, outcome: 'failed' }, failed);
        deliveryFailures.inc({ channel }, failed);
      }
      counted.sent[channel] = worker.sent[channel];
      counted.failedAttempts[channel] = worker.failedAttempts[channel];
    }
  };

  const chainLength = new Gauge({
    name: 'recovery_desk_audit_chain_length',
    help: 'Rows in the audit hash chain (append-only: the highest row id)',
    registers: [registry],
  });
  const sessions = new Gauge({
    name: 'recovery_desk_active_staff_sessions',
    help: 'Staff sessions that have not expired',
    registers: [registry],
  });

  // Group commit (db/client.ts): transactions per commit is the batching the load allows; 1 means every
  // write pays its own fsync.
  const sqliteCommits = new Gauge({
    name: 'recovery_desk_sqlite_commits',
    help: 'SQLite commits since start (each one fsync of the WAL)',
    registers: [registry],
  });
  const sqliteCommittedTransactions = new Gauge({
    name: 'recovery_desk_sqlite_committed_transactions',
    help: 'SQLite write transactions those commits carried since start (group commit)',
    registers: [registry],
  });

  /** Brings the database-derived figures up to date; called on each scrape. */
  const refreshOnce = async () => {
    await readAuditTail();
    readDeliveries();
    const queue = (await rawGet<{ depth: number; oldest: number | null }>(
      deps.db,
      "SELECT count(*) AS depth, min(created_at) AS oldest FROM messages WHERE status IN ('queued', 'failed') AND next_attempt_at IS NOT NULL",
    ))!;
    outboxDepth.set(queue.depth);
    outboxOldest.set(queue.oldest === null ? 0 : Math.max(0, (deps.now() - queue.oldest) / 1000));
    chainLength.set(auditSeen ?? 0);
    const active = (await rawGet<{ n: number }>(
      deps.db,
      'SELECT count(*) AS n FROM sessions WHERE expires_at > ?',
      [Date.now()],
    ))!;
    sessions.set(active.n);
    const commitStats = sqliteCommitStats();
    sqliteCommits.set(commitStats.commits);
    sqliteCommittedTransactions.set(commitStats.bodies);
  };
  // One refresh at a time: two scrapes at once must not count the same audit rows twice.
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = () => {
    const run = refreshing.then(refreshOnce);
    refreshing = run.catch(() => undefined);
    return run;
  };

  /** Counts every request by its route pattern (`/api/accounts/:id/unlock`), never its concrete path. */
  const httpMiddleware: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      const pattern = req.route?.path;
      // An error leaves the routers before 'finish', taking their mount path off req.baseUrl;
      // every router here is mounted at /api.
      const base = req.baseUrl || (req.originalUrl.startsWith('/api/') ? '/api' : '');
      const route =
        typeof pattern === 'string'
          ? `${base}${pattern}`
          : pattern
            ? 'client'
            : res.statusCode === 404
              ? 'unmatched'
              : 'static';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      httpRequests.inc(labels);
      end(labels);
    });
    next();
  };

  const allowed = addressMatcher(deps.config.METRICS_ALLOW);
  /**
   * `GET /metrics`, only for METRICS_ALLOW. The socket's peer is checked, and so is every
   * X-Forwarded-For hop: a reverse proxy on the same host would otherwise make the whole
   * internet look like loopback.
   */
  const handler: RequestHandler = async (req, res, next) => {
    const forwarded = (req.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const peers = [req.socket.remoteAddress ?? '', ...forwarded];
    if (!peers.every(allowed) || req.get('forwarded')) {
      return next(
        AppError.forbidden('address_not_allowed', 'Metrics are only served to METRICS_ALLOW addresses', [
          'address:METRICS_ALLOW',
        ]),
      );
    }
    try {
      await refresh();
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  };

  return { registry, httpMiddleware, handler };
}
