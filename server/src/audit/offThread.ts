import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Response } from 'express';
import { ClientGone } from '../http/errors';
import type { ReadResult, ReadTask } from './readTasks';
import type { WorkerInput, WorkerMessage } from './readWorker';

let running = 0;
/** Long reads alive right now, a worker each on SQLite, paged on PostgreSQL (tests assert a departed client's work stops). */
export const activeReadWorkers = () => running;

/** Counts a long read that runs in pages on the event loop (PostgreSQL) as a live read worker until it settles. */
export function countedLongRead<T>(read: () => Promise<T>): Promise<T> {
  running++;
  return read().finally(() => running--);
}

/**
 * From source (tsx, vitest) the worker is TypeScript and needs tsx's loader in its own thread; in
 * the bundle, esbuild writes readWorker.js beside main.js.
 */
function spawn(workerData: WorkerInput): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const url = new URL('./readWorker.ts', here).href;
    const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(url)}, ${JSON.stringify(here)}))`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(new URL('./readWorker.js', here), { workerData });
}

/**
 * Runs a long read in a worker thread with its own connection; `onChunk` gets streamed output and
 * its promise paces the worker. Aborting the signal (the client disconnected) terminates the worker
 * at once, so no work continues for nobody.
 */
export function readOffThread<T extends ReadTask>(
  // SQLite only: the worker opens this connection's file itself (deps.sqlite).
  sqlite: Database.Database,
  auditKey: Buffer,
  task: T,
  options: { signal?: AbortSignal; onChunk?: (chunk: string) => Promise<void> } = {},
): Promise<ReadResult<T>> {
  if (sqlite.memory) throw new Error('long reads need a database file a worker can open');
  if (options.signal?.aborted) return Promise.reject(new ClientGone());
  const worker = spawn({ dbFile: sqlite.name, auditKey: new Uint8Array(auditKey), task });
  running++;
  worker.once('exit', () => running--);
  return new Promise<ReadResult<T>>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', cancel);
      fn();
      void worker.terminate();
    };
    const cancel = () => finish(() => reject(new ClientGone()));
    options.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'chunk') {
        const paced = options.onChunk?.(message.data) ?? Promise.resolve();
        paced.then(
          () => !settled && worker.postMessage('ack'),
          (error: unknown) => finish(() => reject(error)),
        );
      } else if (message.type === 'done') finish(() => resolve(message.result as ReadResult<T>));
      else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`read worker exited with code ${code}`))));
  });
}

/** An AbortSignal that fires when the response's connection closes before the answer was sent. */
export function abortWhenClientLeaves(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Writes a chunk and resolves once the socket can take more (back-pressure). */
export function writePaced(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('close', done);
      res.off('drain', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
