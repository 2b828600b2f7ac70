import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type ReadTask, runReadTask } from './readTasks';

/**
 * Worker thread entry: opens its own read-only connection to the same file (WAL lets it read a
 * consistent snapshot while the server keeps writing) and runs one long read, so the event loop that
 * answers agents never waits for it. Messages to the parent: {chunk} (then waits for an 'ack' once
 * CREDITS chunks are unacknowledged), {done, result} or {error}.
 */
export type WorkerInput = { dbFile: string; auditKey: Uint8Array; task: ReadTask };
export type WorkerMessage =
  | { type: 'chunk'; data: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; message: string };

const CREDITS = 4;

const port = parentPort;
if (!port) throw new Error('readWorker runs as a worker thread');
const input = workerData as WorkerInput;

let credits = CREDITS;
let wake: (() => void) | null = null;
port.on('message', (message) => {
  if (message !== 'ack') return;
  credits++;
  wake?.();
  wake = null;
});

async function emit(data: string) {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port!.postMessage({ type: 'chunk', data } satisfies WorkerMessage);
}

// SQLite only: the worker reads the server's file on its own connection (no pg variant yet).
const sqlite = new Database(input.dbFile, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
runReadTask(sqlite, Buffer.from(input.auditKey), input.task, emit)
  .then(
    (result) => port.postMessage({ type: 'done', result } satisfies WorkerMessage),
    (error: unknown) =>
      port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  )
  .finally(() => {
    sqlite.close();
    port.close();
  });
