import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Response } from 'express';
import { ClientGone } from '../http/errors';
import type { ReadResult, ReadTask } from './readTasks';
import type { WorkerAck, WorkerInput, WorkerMessage } from './readWorker';

let running = 0;
/** Long reads alive right now, a worker each on SQLite, paged on PostgreSQL (tests assert a departed client's work stops). */
export const activeReadWorkers = () => running;

/** Counts a long read that runs in pages on the event loop (PostgreSQL) as a live read worker until it settles. */
export function countedLongRead<T>(read: () => Promise<T>): Promise<T> {
  running++;
  return read().finally(() => running--);
}

/**
 * The worker's script. The bundle (`npm run build:server`) has readWorker.js beside main.js. From source
 * (tsx, vitest, the bench) the worker is bundled here once per process with the same esbuild options, so
 * it runs what production runs: booting tsx's loader inside each worker cost ~50 MB of RSS and up to a
 * second of start-up per long read (issue 9 bench). The file goes under node_modules/.cache, where the
 * bundle's external packages (better-sqlite3, drizzle-orm) resolve.
 */
let workerScript: Promise<URL> | undefined;
function readWorkerScript(): Promise<URL> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return Promise.resolve(new URL('./readWorker.js', here));
  workerScript ??= (async () => {
    const { build } = await import('esbuild');
    const source = fileURLToPath(new URL('./readWorker.ts', here));
    const { outputFiles } = await build({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      logLevel: 'warning',
    });
    const code = outputFiles[0]!.contents;
    // Named by content: servers and test workers on the same source share one file, and nothing piles up.
    const cache = resolve(dirname(source), '../../../node_modules/.cache/recovery-desk');
    const file = resolve(
      cache,
      `readWorker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
    );
    if (!existsSync(file)) {
      await mkdir(cache, { recursive: true });
      const partial = `${file}.${process.pid}`;
      await writeFile(partial, code);
      await rename(partial, file);
    }
    return pathToFileURL(file);
  })();
  workerScript.catch(() => (workerScript = undefined));
  return workerScript;
}

// From source, bundle at start-up: the first long read then neither waits for esbuild nor loads it
// into the event loop's heap mid-request.
if (import.meta.url.endsWith('.ts')) readWorkerScript().catch(() => undefined);

/**
 * Heap bounds of a read worker: a long read streams, so what it keeps is its modules and one batch, and
 * V8's defaults let the old generation grow by tens of MB of garbage before collecting it. The young
 * generation is 6 MB since the export allocates no object per row: at 2 M rows that was +28-31 MB of RSS
 * against +41-47 MB at 16 MB, with no measurable change in the worker's CPU per row; at 4 MB the RSS grew
 * again (+40 MB, one run), and 2 MB cost +28% export time (earlier).
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 32 };

async function spawn(workerData: WorkerInput): Promise<Worker> {
  return new Worker(await readWorkerScript(), { workerData, resourceLimits: WORKER_HEAP });
}

/**
 * Runs a long read in a worker thread with its own connection; `onChunk` gets streamed output as UTF-8
 * bytes it may use until its promise resolves (the buffer then goes back to the worker), and that promise
 * paces the worker. Aborting the signal (the client disconnected) terminates the worker
 * at once, so no work continues for nobody.
 */
export function readOffThread<T extends ReadTask>(
  // SQLite only: the worker opens this connection's file itself (deps.sqlite).
  sqlite: Database.Database,
  auditKey: Buffer,
  task: T,
  options: { signal?: AbortSignal; onChunk?: (chunk: Uint8Array) => Promise<void> } = {},
): Promise<ReadResult<T>> {
  if (sqlite.memory) throw new Error('long reads need a database file a worker can open');
  if (options.signal?.aborted) return Promise.reject(new ClientGone());
  running++;
  return spawn({ dbFile: sqlite.name, auditKey: new Uint8Array(auditKey), task }).then(
    (worker) => {
      worker.once('exit', () => running--);
      return settleWith<T>(worker, options);
    },
    (error: unknown) => {
      running--;
      throw error;
    },
  );
}

function settleWith<T extends ReadTask>(
  worker: Worker,
  options: { signal?: AbortSignal; onChunk?: (chunk: Uint8Array) => Promise<void> },
): Promise<ReadResult<T>> {
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
    if (options.signal?.aborted) return cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'chunk') {
        // onChunk resolves once it is done with the bytes (written to the socket), which then go back.
        const paced = options.onChunk?.(message.data) ?? Promise.resolve();
        const buffer = message.data.buffer as ArrayBuffer;
        paced.then(
          () => !settled && worker.postMessage({ type: 'ack', buffer } satisfies WorkerAck, [buffer]),
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

/**
 * Writes a chunk and resolves once the socket can take more (back-pressure). Bytes (a read worker's
 * buffer, lent) are held by the socket until written, so for them it resolves only then: the buffer
 * goes back to the worker to be filled again.
 */
export function writePaced(res: Response, chunk: string | Uint8Array): Promise<void> {
  if (typeof chunk !== 'string')
    return new Promise((resolve) => {
      const done = () => {
        res.off('close', done);
        resolve();
      };
      res.once('close', done);
      res.write(chunk, done);
    });
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
