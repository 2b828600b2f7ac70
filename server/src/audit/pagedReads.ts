import type { Db } from '../db/client';
import type { PgDb } from '../db/pg';
import { ClientGone } from '../http/errors';
import { agentActivity } from './agentActivity';
import { auditEventPagesPg } from './auditRepo';
import type { ChainReport } from './chain';
import { countedLongRead } from './offThread';
import { verifyChainPg } from './pgAppend';
import { exportCsv, type ReadResult, type ReadTask } from './readTasks';

/** Export rows read, labelled and formatted between two yields to the event loop. */
const EXPORT_PAGE = 100;

/**
 * PostgreSQL's long reads (there is no file for a read worker to open): the same tasks as
 * readTasks.ts, read in keyset pages on the server's pool. Between pages the read yields to the event
 * loop (setImmediate), so the HMAC and CSV work of one page is the longest an agent's request waits,
 * and it stops there once its client has gone.
 */
export function readInPages<T extends ReadTask>(
  db: Db,
  auditKey: Buffer,
  task: T,
  options: { signal?: AbortSignal; onChunk?: (chunk: string) => Promise<void> } = {},
): Promise<ReadResult<T>> {
  const { signal, onChunk } = options;
  const between = async () => {
    if (signal?.aborted) throw new ClientGone();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new ClientGone();
  };
  // A write to a socket that has gone may never drain: the departed client ends the wait, as it
  // terminates the worker on SQLite.
  const gone = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(new ClientGone());
    signal?.addEventListener('abort', () => reject(new ClientGone()), { once: true });
  });
  gone.catch(() => undefined);
  const emit = async (chunk: string) => {
    await Promise.race([onChunk?.(chunk), gone]);
    await between();
  };
  return countedLongRead(async () => {
    await between();
    return (await run(db, auditKey, task, between, emit)) as ReadResult<T>;
  });
}

/** The verify report of audit/verify.ts, on PostgreSQL: a trail cut off at its end (the head names a row that is gone) is broken too. */
export async function verifyTrailPg(
  db: Db,
  auditKey: Buffer,
  between?: () => Promise<void>,
): Promise<ChainReport> {
  const { headOk, ...report } = await verifyChainPg(db as unknown as PgDb, auditKey, { between });
  return { ...report, ok: report.ok && headOk };
}

async function run(
  db: Db,
  auditKey: Buffer,
  task: ReadTask,
  between: () => Promise<void>,
  emit: (chunk: string) => Promise<void>,
): Promise<unknown> {
  const pg = db as unknown as PgDb;
  switch (task.kind) {
    case 'verify':
      return verifyTrailPg(db, auditKey, between);
    case 'agentActivity': {
      // One GROUP BY that PostgreSQL computes; nothing of it runs on our event loop.
      const rows = await agentActivity(db, task.window);
      await between();
      return rows;
    }
    case 'export': {
      const { filter } = task;
      async function* paced() {
        for await (const page of auditEventPagesPg(pg, filter, EXPORT_PAGE)) {
          yield page;
          await between();
        }
      }
      return exportCsv(db, paced(), task.lang, emit);
    }
  }
}
