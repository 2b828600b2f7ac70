import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { bulkLoadPragmas } from '../lib/bulkLoad';
import { buildSeedBatch } from './batch';
import { type BuilderData, TURN_ABORTED, type WorkerReport } from './builders';
import { createSeedWriter } from './writer';

/**
 * One of the seed's builder threads (see builders.ts): builds batches k, k+count, ... and writes
 * each on its own connection when the turn counter says the batches before it are committed, so
 * rows (and their autoincrement ids) land in the same order as a single-threaded seed writes them.
 */
const data = workerData as BuilderData;
const turn = new Int32Array(data.turn);
const sqlite = new Database(data.dbFile);
bulkLoadPragmas(sqlite);
sqlite.pragma('busy_timeout = 60000');
const writer = createSeedWriter(sqlite);
const writeBatch = sqlite.transaction(writer.write);

function waitForTurn(k: number): boolean {
  for (;;) {
    const now = Atomics.load(turn, 0);
    if (now === TURN_ABORTED) return false;
    if (now === k) return true;
    Atomics.wait(turn, 0, now, 1000);
  }
}

try {
  for (let k = data.index; k * data.size < data.total; k += data.count) {
    const from = k * data.size;
    const to = Math.min(from + data.size, data.total);
    const batch = buildSeedBatch(data.input, from, to);
    if (!waitForTurn(k)) break;
    writeBatch.immediate(batch);
    Atomics.store(turn, 0, k + 1);
    Atomics.notify(turn, 0);
    parentPort?.postMessage({ k, to, examples: batch.examples } satisfies WorkerReport);
  }
  parentPort?.postMessage({ done: writer.counts } satisfies WorkerReport);
} finally {
  sqlite.close();
}
