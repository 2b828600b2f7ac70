import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { buildSeedBatch, type SeedBatchInput, type SeedExample } from './batch';
import type { Scenario } from './history';
import { createSeedWriter, type RowCounts } from './writer';

/**
 * Writes the seed's customers in batches of `size`, in id order. Building a batch (generating the
 * customers, parsing phones, HMAC of national IDs, name forms) costs more CPU than SQLite's inserts,
 * so a big seed runs `count` builder threads: each builds its batches (k, k+count, ...) in parallel
 * and writes them on its own connection in turn, batch k only once batch k-1 is committed (a shared
 * counter), so the rows and their autoincrement ids are exactly what one thread would write. The
 * rows never cross threads (copying ~20 values per row between threads cost more than it saved).
 * A small seed builds and writes inline.
 */
export type BuiltExamples = Partial<Record<Scenario, SeedExample[]>>;
export type BuilderData = {
  dbFile: string;
  input: SeedBatchInput;
  total: number;
  size: number;
  index: number;
  count: number;
  /** Int32 [0]: the next batch to commit, or TURN_ABORTED. */
  turn: SharedArrayBuffer;
};
export type WorkerReport = { k: number; to: number; examples: BuiltExamples } | { done: RowCounts };
export const TURN_ABORTED = -1;

type Progress = (to: number) => void;
export type BuildResult = { counts: RowCounts; examples: BuiltExamples[] };

export function buildInline(
  sqlite: Database.Database,
  input: SeedBatchInput,
  total: number,
  size: number,
  progress: Progress,
): BuildResult {
  const writer = createSeedWriter(sqlite);
  const writeBatch = sqlite.transaction(writer.write);
  const examples: BuiltExamples[] = [];
  for (let from = 0; from < total; from += size) {
    const to = Math.min(from + size, total);
    const batch = buildSeedBatch(input, from, to);
    writeBatch(batch);
    examples.push(batch.examples);
    progress(to);
  }
  return { counts: writer.counts, examples };
}

function spawn(workerData: BuilderData): Worker {
  // Scripts run from source under tsx: the worker needs tsx's loader in its own thread.
  const here = import.meta.url;
  const url = new URL('./batchWorker.ts', here).href;
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(url)}, ${JSON.stringify(here)}))`;
  return new Worker(boot, { eval: true, workerData });
}

export function buildInWorkers(
  dbFile: string,
  input: SeedBatchInput,
  total: number,
  size: number,
  count: number,
  progress: Progress,
): Promise<BuildResult> {
  const turn = new SharedArrayBuffer(4);
  const examples: BuiltExamples[] = [];
  const counts: RowCounts = { accounts: 0, devices: 0, loginEvents: 0, transactions: 0 };
  const workers: Worker[] = [];
  const stop = () => {
    Atomics.store(new Int32Array(turn), 0, TURN_ABORTED);
    Atomics.notify(new Int32Array(turn), 0);
  };
  const runs = Array.from({ length: count }, (_, index) => {
    const worker = spawn({ dbFile, input, total, size, index, count, turn });
    workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      let done = false;
      worker.on('message', (report: WorkerReport) => {
        if ('done' in report) {
          for (const key of Object.keys(counts) as (keyof RowCounts)[]) counts[key] += report.done[key];
          done = true;
        } else {
          examples[report.k] = report.examples;
          progress(report.to);
        }
      });
      worker.on('error', (error) => {
        stop();
        reject(error);
      });
      worker.on('exit', (code) => {
        if (done) resolve();
        else {
          stop();
          reject(new Error(`seed builder ${index} exited with code ${code} before finishing`));
        }
      });
    });
  });
  return Promise.all(runs).then(
    () => ({ counts, examples }),
    async (error: unknown) => {
      await Promise.allSettled(runs);
      throw error;
    },
  );
}
