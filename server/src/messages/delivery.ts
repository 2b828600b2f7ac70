import type { AppDeps } from '../deps';
import { claimDueMessages, type DueMessage, markAttemptFailed, markSent } from './messageRepo';
import { type Transports, transportsFromConfig } from './transports';

export const MAX_ATTEMPTS = 8;
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

async function deliverOne(deps: AppDeps, transports: Transports, m: DueMessage, report: DeliveryReport) {
  const send = m.channel === 'email' ? transports.email : transports.sms;
  try {
    await send({ id: m.id, template: m.template, to: m.recipient, subject: m.subject, body: m.body });
  } catch (error) {
    const retryAt = nextAttemptAt(m.attempts, deps.now());
    markAttemptFailed(deps.db, m.id, describeError(error, m.recipient), retryAt, deps.now());
    report[retryAt === null ? 'failed' : 'retrying']++;
    const status = retryAt === null ? 'failed' : 'queued';
    deps.logger.warn('message delivery failed', {
      messageId: m.id,
      template: m.template,
      status,
      attempts: m.attempts,
    });
    return;
  }
  markSent(deps.db, m.id, deps.now());
  report.sent++;
  deps.logger.info('message delivered', { messageId: m.id, template: m.template, status: 'sent' });
}

/**
 * Sends every queued message that is due, oldest first in small batches, and records each
 * outcome. Tests call this directly with their own transports; production runs it from
 * background.ts and from kickDelivery.
 */
export async function deliverDueMessages(deps: AppDeps, transports: Transports): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const batch = claimDueMessages(deps.db, deps.now(), BATCH_SIZE, LEASE_MS);
    await Promise.all(batch.map((m) => deliverOne(deps, transports, m, report)));
    if (batch.length < BATCH_SIZE) break;
  }
  return report;
}

type Runner = { transports: Transports; running: boolean; again: boolean };
const runners = new WeakMap<AppDeps, Runner>();

function runnerFor(deps: AppDeps): Runner {
  let runner = runners.get(deps);
  if (!runner) {
    runner = { transports: transportsFromConfig(deps.config, deps.now), running: false, again: false };
    runners.set(deps, runner);
  }
  return runner;
}

/** One delivery run at a time per app; a wake-up during a run asks for one more run after it. */
async function runOnce(deps: AppDeps): Promise<void> {
  const runner = runnerFor(deps);
  if (runner.running) {
    runner.again = true;
    return;
  }
  runner.running = true;
  try {
    do {
      runner.again = false;
      await deliverDueMessages(deps, runner.transports);
    } while (runner.again);
  } catch (error) {
    // The database may be closing (shutdown); queued rows stay queued for the next run.
    deps.logger.error('message delivery run failed', { error: String((error as Error)?.message ?? error) });
  } finally {
    runner.running = false;
  }
}

/**
 * Asks for delivery now instead of at the next tick, so a one-time code reaches the caller's
 * phone in seconds. Call it after the transaction that queued the message has committed.
 */
export function kickDelivery(deps: AppDeps): void {
  setImmediate(() => void runOnce(deps));
}

/** The periodic worker started by background.ts; returns its stop function. */
export function startDeliveryWorker(deps: AppDeps, intervalMs = 2_000): () => void {
  const timer = setInterval(() => void runOnce(deps), intervalMs);
  timer.unref();
  void runOnce(deps);
  return () => clearInterval(timer);
}
