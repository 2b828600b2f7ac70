import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
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

/** Chunks in flight to the event loop before the worker waits for an ack (4 × 32 K characters: a few sockets' worth). */
const CREDITS = 4;

/**
 * The nice value of this thread: on a 2-core box a verify or export keeps a core busy for seconds, and the
 * scheduler then made the event loop wait its turn (health probes up to 183 ms in issue 9's bench, with the
 * main thread itself idle). At a lower priority the read yields the core whenever a request needs it, and
 * still has every idle cycle.
 */
const LONG_READ_NICE = 10;

/** Linux: /proc/thread-self names this thread's id, and a thread's priority is its own. */
function lowerThisThreadsPriority() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, LONG_READ_NICE);
  } catch {
    // Elsewhere the read shares the cores evenly, as before.
  }
}

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

lowerThisThreadsPriority();
// SQLite only: the worker reads the server's file on its own connection (no pg variant yet).
const sqlite = new Database(input.dbFile, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
// 2 MB of page cache (better-sqlite3's default is 16 MB): a long read passes through the file once, and
// the larger cache only added to the server's RSS (measured: +15 MB, no faster).
sqlite.pragma('cache_size = -2000');
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
