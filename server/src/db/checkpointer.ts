import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * WAL checkpoints off the event loop (docs/design.md, One write connection). SQLite checkpoints by
 * itself inside whichever COMMIT pushes the WAL past 1,000 pages: that commit then copies the pages
 * into the database file and syncs it, on the server's only thread, while every agent's request
 * waits. The server turns that off on its connection and runs PASSIVE checkpoints from a worker
 * thread with its own connection instead: they copy what no reader still needs and never block a
 * writer. Commits stay durable as before (synchronous = FULL syncs the WAL at every commit).
 */

// A commit-heavy minute writes a few thousand pages: checked often enough that the WAL stays near
// the size SQLite's own 1,000-page rule would keep it at.
export const CHECKPOINT_EVERY_MS = 500;

// Plain JavaScript evaluated in the worker (no loader needed from source or from the bundle); the
// driver's path is resolved here, so the worker loads the same better-sqlite3 as the server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = FULL');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  if (message !== 'checkpoint') return;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error && error.message || error) });
  }
});
`;

export type CheckpointResult = { busy: number; log: number; checkpointed: number };

export type Checkpointer = {
  /** Runs one PASSIVE checkpoint now and answers SQLite's counts (pages in the WAL, pages copied). */
  checkpointNow: () => Promise<CheckpointResult>;
  stop: () => Promise<void>;
};

/** Starts the worker for the server's connection and turns off the connection's own checkpoints. */
export function startCheckpointer(
  sqlite: Database.Database,
  options: { everyMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: sqlite.name } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');

  let running: Promise<CheckpointResult> | null = null;
  const checkpointNow = () => {
    running ??= new Promise<CheckpointResult>((resolve, reject) => {
      worker.once('message', (reply: { ok: boolean; result?: CheckpointResult; error?: string }) => {
        running = null;
        if (reply.ok) resolve(reply.result!);
        else reject(new Error(reply.error));
      });
      worker.postMessage('checkpoint');
    });
    return running;
  };
  const timer = setInterval(() => {
    // A checkpoint that fails (a long reader holds the WAL, the disk is full) is retried next tick;
    // the WAL only grows meanwhile, as it would under SQLite's own rule.
    checkpointNow().catch((error: Error) => options.onError?.(error.message));
  }, options.everyMs ?? CHECKPOINT_EVERY_MS);
  timer.unref();

  let stopped: Promise<void> | null = null;
  const stop = async () => {
    clearInterval(timer);
    await running?.catch(() => undefined);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Unref'd so it never keeps the server alive, but a shutdown waiting for it must: otherwise the loop
    // empties and the process exits mid-shutdown, before the database is closed.
    worker.ref();
    worker.postMessage('stop');
    await exited;
    // Back to SQLite's own rule for whoever keeps using the connection (tests, a CLI after the server).
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  return { checkpointNow, stop: () => (stopped ??= stop()) };
}
