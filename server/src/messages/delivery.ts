import type { AppDeps } from '../deps';
import { claimDueMessages, type DueMessage, markAttemptFailed, markSent } from './messageRepo';
import type { MessageChannel } from './outbox';
import { openBody } from './sealedBody';
import { type Transports, transportsFromConfig } from './transports';

export const MAX_ATTEMPTS = 8;
export const UNREADABLE_SECRET =
  'Its link or code cannot be read with this server’s message key: resend issues a fresh one';
/** Wait after the 1st, 2nd, ... failed attempt; the last value repeats. */
const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000];
/** How long a claimed message is reserved for the worker sending it (see claimDueMessages). */
export const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 20;
const MAX_BATCHES_PER_RUN = 10;

/** When to try again after `attempts` failed tries, or null: give up and mark the message failed. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const wait = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0]!;
  return now + wait;
}

/**
 * A short reason for the console. SMTP servers echo the address back ("550 <x@y> unknown"), so
 * addresses and long digit runs are blanked: the console shows masked recipients only.
 */
export function describeError(error: unknown, recipient: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  const text = `${typeof code === 'string' ? `${code}: ` : ''}${raw}`
    .split(recipient)
    .join('<recipient>')
    .replace(/[^\s<>"'()]+@[^\s<>"'()]+/g, '<address>')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '<number>')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 197)}...` : text || 'Unknown error';
}

export type DeliveryReport = { sent: number; retrying: number; failed: number };

export type DeliveryOptions = {
  /** Told of every attempt's outcome (the worker's counters that /metrics reads). */
  onOutcome?: (channel: MessageChannel, outcome: 'sent' | 'failed') => void;
  /** Asked before each new batch is claimed: false stops the run (shutdown), with nothing left claimed. */
  keepGoing?: () => boolean;
};

async function deliverOne(
  deps: AppDeps,
  transports: Transports,
  m: DueMessage,
  report: DeliveryReport,
  options: DeliveryOptions,
) {
  const send = m.channel === 'email' ? transports.email : transports.sms;
  let body = m.body;
  if (m.sealedBody !== null) {
    try {
      body = openBody(deps.keys.messageKey, m.sealedBody, m);
    } catch {
      // Another key (MESSAGE_KEY changed, key file lost) or an altered row: never sent, never retried.
      await markAttemptFailed(deps.db, m.id, UNREADABLE_SECRET, null, deps.now());
      report.failed++;
      options.onOutcome?.(m.channel, 'failed');
      deps.logger.warn('message not delivered: its sealed text does not open', { messageId: m.id });
      return;
    }
  }
  try {
    await send({ id: m.id, template: m.template, to: m.recipient, subject: m.subject, body });
  } catch (error) {
    const retryAt = nextAttemptAt(m.attempts, deps.now());
    await markAttemptFailed(deps.db, m.id, describeError(error, m.recipient), retryAt, deps.now());
    report[retryAt === null ? 'failed' : 'retrying']++;
    options.onOutcome?.(m.channel, 'failed');
    deps.logger.warn('message delivery failed', {
      messageId: m.id,
      template: m.template,
      status: 'failed',
      retry: retryAt !== null,
      attempts: m.attempts,
    });
    return;
  }
  await markSent(deps.db, m.id, deps.now());
  report.sent++;
  options.onOutcome?.(m.channel, 'sent');
  deps.logger.info('message delivered', { messageId: m.id, template: m.template, status: 'sent' });
}

/**
 * Sends every message that is due (new, or failed with a retry time that has come), oldest first
 * in small batches, and records each outcome. Tests call this directly with their own transports;
 * production runs it from background.ts and from kickDelivery.
 */
export async function deliverDueMessages(
  deps: AppDeps,
  transports: Transports,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < MAX_BATCHES_PER_RUN && (options.keepGoing?.() ?? true); i++) {
    const batch = await claimDueMessages(deps.db, deps.now(), BATCH_SIZE, LEASE_MS);
    await Promise.all(batch.map((m) => deliverOne(deps, transports, m, report, options)));
    if (batch.length < BATCH_SIZE) break;
  }
  return report;
}

type ChannelCounts = Record<MessageChannel, number>;

/** What the worker is doing, for /api/ready and /metrics. */
export type DeliveryWorkerStatus = {
  started: boolean;
  stopped: boolean;
  /** Last time the timer fired (the worker is alive when this is recent). */
  lastTickAt: number | null;
  /** Start of the run in progress, null when idle (a run stuck for long means a hung transport). */
  runningSince: number | null;
  intervalMs: number;
  sent: ChannelCounts;
  failedAttempts: ChannelCounts;
};

type Runner = {
  transports: Transports;
  current: Promise<void> | null;
  again: boolean;
  status: DeliveryWorkerStatus;
};
const runners = new WeakMap<AppDeps, Runner>();

function runnerFor(deps: AppDeps): Runner {
  let runner = runners.get(deps);
  if (!runner) {
    runner = {
      transports: transportsFromConfig(deps.config, deps.now),
      current: null,
      again: false,
      status: {
        started: false,
        stopped: false,
        lastTickAt: null,
        runningSince: null,
        intervalMs: 0,
        sent: { email: 0, sms: 0 },
        failedAttempts: { email: 0, sms: 0 },
      },
    };
    runners.set(deps, runner);
  }
  return runner;
}

export function deliveryWorkerStatus(deps: AppDeps): DeliveryWorkerStatus {
  return runnerFor(deps).status;
}

async function runLoop(deps: AppDeps, runner: Runner): Promise<void> {
  const { status } = runner;
  status.runningSince = Date.now();
  const options: DeliveryOptions = {
    onOutcome: (channel, outcome) => {
      (outcome === 'sent' ? status.sent : status.failedAttempts)[channel]++;
    },
    keepGoing: () => !status.stopped,
  };
  try {
    do {
      runner.again = false;
      await deliverDueMessages(deps, runner.transports, options);
    } while (runner.again && !status.stopped);
  } catch (error) {
    // The database may be closing; claimed rows come back when their lease runs out.
    deps.logger.error('message delivery run failed', { error: String((error as Error)?.message ?? error) });
  } finally {
    status.runningSince = null;
    runner.current = null;
  }
}

/** One delivery run at a time per app; a wake-up during a run asks for one more run after it. */
function runOnce(deps: AppDeps): void {
  const runner = runnerFor(deps);
  if (runner.status.stopped) return;
  if (runner.current !== null) {
    runner.again = true;
    return;
  }
  runner.current = runLoop(deps, runner);
}

/**
 * Asks for delivery now instead of at the next tick, so a one-time code reaches the caller's
 * phone in seconds. Call it after the transaction that queued the message has committed.
 */
export function kickDelivery(deps: AppDeps): void {
  setImmediate(() => runOnce(deps));
}

/**
 * The periodic worker started by background.ts. Its stop function claims nothing more and
 * resolves once the batch being sent is marked sent or failed: a shutdown leaves no message
 * claimed but unsent.
 */
export function startDeliveryWorker(deps: AppDeps, intervalMs = 2_000): () => Promise<void> {
  const runner = runnerFor(deps);
  Object.assign(runner.status, { started: true, stopped: false, intervalMs, lastTickAt: Date.now() });
  const timer = setInterval(() => {
    runner.status.lastTickAt = Date.now();
    runOnce(deps);
  }, intervalMs);
  timer.unref();
  runOnce(deps);
  return async () => {
    clearInterval(timer);
    runner.status.stopped = true;
    await runner.current;
  };
}
