import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { registerAuditWords } from '../db/auditWords';
import { type ReadTask, runReadTask } from './readTasks';

/**
 * Worker thread entry: opens its own read-only connection to the same file (WAL lets it read a
 * consistent snapshot while the server keeps writing) and runs one long read, so the event loop that
 * answers agents never waits for it. Messages to the parent: {chunk}, {done, result} or {error}; the
 * parent answers each chunk with an {ack} once it is done with its bytes.
 *
 * A chunk is UTF-8 bytes in one of CREDITS buffers that move between the threads (transferred, never
 * copied): the event loop writes them to the socket as they are, with no string on its heap and no
 * encoding, and hands each buffer back with its ack for the next chunk. Fresh buffers each time were
 * off-heap memory that the event loop, allocating little, collected late (+79 MB RSS at 2 M rows);
 * recycled, the export's output holds CREDITS × CHUNK_BYTES whatever its length.
 */
export type WorkerInput = { dbFile: string; auditKey: Uint8Array; task: ReadTask };
export type WorkerMessage =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done'; result: unknown }
  | { type: 'error'; message: string };
/** The parent's answer to a chunk: its buffer, back for the next one. */
export type WorkerAck = { type: 'ack'; buffer: ArrayBuffer };

/** Buffers of output, each in the worker (filling) or with the event loop (being written): a few sockets' worth. */
const CREDITS = 4;
const CHUNK_BYTES = 128 * 1024;

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

const free: ArrayBuffer[] = Array.from({ length: CREDITS }, () => new ArrayBuffer(CHUNK_BYTES));
let wake: (() => void) | null = null;
port.on('message', (message: WorkerAck) => {
  if (message?.type !== 'ack') return;
  free.push(message.buffer);
  wake?.();
  wake = null;
});

const encoder = new TextEncoder();
let filling: Uint8Array | null = null;
let used = 0;

/** Sends the buffer being filled, if it holds anything; its ack brings it back. */
function send() {
  if (!filling || used === 0) return;
  const buffer = filling.buffer as ArrayBuffer;
  port!.postMessage({ type: 'chunk', data: new Uint8Array(buffer, 0, used) } satisfies WorkerMessage, [
    buffer,
  ]);
  filling = null;
  used = 0;
}

/** Encodes text into the buffer being filled, sending each full one; waits while every buffer is out (back-pressure). */
async function emit(text: string) {
  let rest = text;
  for (;;) {
    while (!filling) {
      const buffer = free.pop();
      if (buffer) filling = new Uint8Array(buffer);
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    // encodeInto stops before a character that does not fit whole, so `read` is where the rest begins.
    const { read, written } = encoder.encodeInto(rest, used ? filling.subarray(used) : filling);
    used += written;
    if (read === rest.length) return;
    send();
    rest = rest.slice(read);
  }
}

lowerThisThreadsPriority();
// SQLite only: the worker reads the server's file on its own connection (no pg variant yet).
const sqlite = new Database(input.dbFile, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
// A text filter reads the word index, whose content view calls it if FTS5 ever reads that content.
registerAuditWords(sqlite);
// 2 MB of page cache (better-sqlite3's default is 16 MB): a long read passes through the file once, and
// the larger cache only added to the server's RSS (measured: +15 MB, no faster).
sqlite.pragma('cache_size = -2000');
runReadTask(sqlite, Buffer.from(input.auditKey), input.task, emit)
  .then(
    (result) => {
      send();
      port.postMessage({ type: 'done', result } satisfies WorkerMessage);
    },
    (error: unknown) =>
      port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  )
  .finally(() => {
    sqlite.close();
    port.close();
  });
