import type { Server } from 'node:http';
import { betweenTransactions } from '../db/client';
import { type PgDb, poolWork } from '../db/pg';
import type { AppDeps } from '../deps';
import { markDraining, noRequestsInFlight, requestsInFlight } from './lifecycle';

export type ShutdownParts = {
  deps: AppDeps;
  server: Server;
  /** Stops the background work; resolves once the outbox batch being sent is marked sent or failed. */
  stopBackground: () => Promise<void>;
  /** Runs last, after the WAL checkpoint: closes the database (ends the PostgreSQL pool), releases the lock file. */
  close: () => void | Promise<void>;
  timeoutMs: number;
};

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);

/** Resolves once `idle()` has held for `quietMs` in a row (checked every 10 ms), or false after `ms`. */
async function quietFor(idle: () => boolean, quietMs: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  let since = idle() ? Date.now() : null;
  while (since === null || Date.now() - since < quietMs) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (!idle()) since = null;
    else since ??= Date.now();
  }
  return true;
}

/**
 * SIGTERM: stop accepting connections (readiness says so), let requests in flight finish for at
 * most `timeoutMs` (until each handler has answered, not only until its connection closed: see
 * lifecycle.ts trackRequests), let the outbox finish the batch it is sending, let the database's last
 * queries finish, checkpoint the WAL into the database file, close. Resolves with the drain time; main
 * exits 0 afterwards. Every answer a client received was committed before it was sent, so nothing acknowledged is lost even when the
 * bound cuts a slow request off (that client got no answer and may retry).
 */
export async function shutDown(parts: ShutdownParts): Promise<{ drainMs: number; forced: boolean }> {
  const { deps, server, timeoutMs } = parts;
  const started = Date.now();
  markDraining(deps);
  const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const background = parts.stopBackground();
  const drained = await within(Promise.all([httpClosed, noRequestsInFlight(deps)]), timeoutMs);
  if (!drained) {
    deps.logger.warn('shutdown: requests still running after the drain bound, closing their connections', {
      timeoutMs,
      inFlight: requestsInFlight(deps),
    });
    server.closeAllConnections();
  }
  const outboxDone = await within(background, Math.max(timeoutMs - (Date.now() - started), 1_000));
  if (!outboxDone) {
    deps.logger.warn('shutdown: outbox delivery still running; its messages are retried after their lease');
  }
  // PostgreSQL: what still holds or waits for a pool connection (work a handler or a response's 'close'
  // listener started after answering) finishes first; after end() the pool refuses it. 50 ms of quiet
  // covers a handler stepping from one query to the next.
  const pool = deps.sqlite ? null : (deps.db as unknown as PgDb).$client;
  const remainingMs = Math.max(timeoutMs - (Date.now() - started), 1_000);
  const queriesDone = !pool || (await quietFor(() => poolWork(pool) === 0, 50, remainingMs));
  if (!queriesDone)
    deps.logger.warn('shutdown: database queries still running after the bound; ending the pool anyway', {
      running: poolWork(pool!),
    });
  try {
    // SQLite only: the WAL folded into the database file before it closes (after the last batch commits).
    if (deps.sqlite)
      await betweenTransactions(deps.db, () => deps.sqlite!.pragma('wal_checkpoint(TRUNCATE)'));
  } catch (error) {
    deps.logger.warn('shutdown: WAL checkpoint failed', { error: (error as Error).message });
  }
  await parts.close();
  const drainMs = Date.now() - started;
  const forced = !drained || !outboxDone || !queriesDone;
  deps.logger.info('shutdown complete', { drainMs, forced });
  return { drainMs, forced };
}
