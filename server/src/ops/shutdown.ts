import type { Server } from 'node:http';
import { betweenTransactions } from '../db/client';
import type { AppDeps } from '../deps';
import { markDraining } from './lifecycle';

export type ShutdownParts = {
  deps: AppDeps;
  server: Server;
  /** Stops the background work; resolves once the outbox batch being sent is marked sent or failed. */
  stopBackground: () => Promise<void>;
  /** Runs last, after the WAL checkpoint: closes the database, releases the lock file. */
  close: () => void | Promise<void>;
  timeoutMs: number;
};

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);

/**
 * SIGTERM: stop accepting connections (readiness says so), let requests in flight finish for at
 * most `timeoutMs`, let the outbox finish the batch it is sending, checkpoint the WAL into the
 * database file, close. Resolves with the drain time; main exits 0 afterwards. Every answer a
 * client received was committed before it was sent, so nothing acknowledged is lost even when the
 * bound cuts a slow request off (that client got no answer and may retry).
 */
export async function shutDown(parts: ShutdownParts): Promise<{ drainMs: number; forced: boolean }> {
  const { deps, server, timeoutMs } = parts;
  const started = Date.now();
  markDraining(deps);
  const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const background = parts.stopBackground();
  const drained = await within(httpClosed, timeoutMs);
  if (!drained) {
    deps.logger.warn('shutdown: requests still running after the drain bound, closing their connections', {
      timeoutMs,
    });
    server.closeAllConnections();
  }
  const outboxDone = await within(background, Math.max(timeoutMs - (Date.now() - started), 1_000));
  if (!outboxDone) {
    deps.logger.warn('shutdown: outbox delivery still running; its messages are retried after their lease');
  }
  try {
    // SQLite only: the WAL folded into the database file before it closes (after the last batch commits).
    if (deps.sqlite)
      await betweenTransactions(deps.db, () => deps.sqlite!.pragma('wal_checkpoint(TRUNCATE)'));
  } catch (error) {
    deps.logger.warn('shutdown: WAL checkpoint failed', { error: (error as Error).message });
  }
  await parts.close();
  const drainMs = Date.now() - started;
  deps.logger.info('shutdown complete', { drainMs, forced: !drained || !outboxDone });
  return { drainMs, forced: !drained || !outboxDone };
}
