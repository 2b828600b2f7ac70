import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditPg, verifyChainPg } from '../../src/audit/pgAppend';
import { createPgDb, migratePg, type PgHandle } from '../../src/db/pg';
import { messages } from '../../src/db/pgSchema';
import { START_LOCK } from './fixtures/startLine';
import { addPgAccounts } from './pgFactories';
import { pgAvailable, usePgCluster } from './pgHarness';

const ROOT = resolve(import.meta.dirname, '../../..');
const AUDIT_KEY = 'k'.repeat(40);

// fixtures/pgWorker.ts bundled once to plain JS (packages stay external, so it sits under node_modules to
// find them): a worker then starts in plain node in a fraction of tsx's start-up time.
const WORKER_JS = join(ROOT, 'node_modules/.cache/recovery-desk', `pgWorker-${process.pid}.mjs`);

/** Runs one fixtures/pgWorker.ts as its own OS process: a second server instance, as far as PostgreSQL can tell. */
function worker(args: string[]): Promise<{ label: string; ids: number[] }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WORKER_JS, ...args], {
      cwd: ROOT,
      env: { ...process.env, AUDIT_KEY },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(JSON.parse(out.trim())) : fail(new Error(`worker ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

/**
 * Holds the start line: both workers connect and wait on a shared advisory lock this test holds
 * exclusively, and are let go together once both are waiting.
 */
async function startTogether<T>(url: string, run: () => Promise<T>[]): Promise<T[]> {
  const gate = new pg.Client({ connectionString: url });
  await gate.connect();
  await gate.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
  const running = run();
  let failed: unknown = null;
  for (const r of running) r.catch((error) => (failed ??= error));
  try {
    for (let waited = 0; ; waited += 50) {
      const { rows } = await gate.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
      );
      if (rows[0]!.n >= running.length) break;
      if (failed) throw failed;
      if (waited > 30_000) throw new Error('the workers never reached the start line');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await gate.query('SELECT pg_advisory_unlock($1)', [START_LOCK]);
    await gate.end();
  }
  return Promise.all(running);
}

describe.skipIf(!pgAvailable('pg-concurrency.test.ts'))(
  'PostgreSQL: several server processes at once',
  () => {
    const pgc = usePgCluster();
    let url: string;
    let handle: PgHandle;

    beforeAll(async () => {
      await build({
        entryPoints: [join(import.meta.dirname, 'fixtures/pgWorker.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outfile: WORKER_JS,
        logLevel: 'error',
      });
      url = await pgc.database('concurrency');
      handle = createPgDb(url, { max: 3 });
      await migratePg(handle.db);
    });
    afterAll(async () => {
      rmSync(WORKER_JS, { force: true });
      await handle?.close();
    });

    it('when two processes append to the audit chain at once, then every row is kept, none forks, and the chain verifies with the same key and hashing as SQLite', async () => {
      const key = Buffer.from(AUDIT_KEY);
      const ctx = { actor: null, ip: null, userAgent: null, requestId: null, auditKey: key, now: Date.now };
      await handle.db.transaction((tx) =>
        appendAuditPg(tx, ctx, { action: 'audit.verify', outcome: 'success' }),
      );
      const PER_WORKER = 150;
      const [a, b] = await startTogether(url, () => [
        worker(['append', url, 'a', String(PER_WORKER), '4']),
        worker(['append', url, 'b', String(PER_WORKER), '4']),
      ]);
      expect(a!.ids).toHaveLength(PER_WORKER);
      expect(b!.ids).toHaveLength(PER_WORKER);
      // Interleaved, so the two really raced for the head rather than running one after the other.
      const all = [...a!.ids.map((id) => ({ id, w: 'a' })), ...b!.ids.map((id) => ({ id, w: 'b' }))].sort(
        (x, y) => x.id - y.id,
      );
      const switches = all.filter((row, i) => i > 0 && row.w !== all[i - 1]!.w).length;
      expect(switches).toBeGreaterThan(5);
      const report = await verifyChainPg(handle.db, key);
      expect(report).toEqual({ ok: true, checked: 1 + 2 * PER_WORKER, firstBrokenId: null, headOk: true });
      // Another key does not verify: the HMAC, not only the links, was checked.
      expect((await verifyChainPg(handle.db, Buffer.from('x'.repeat(40)))).ok).toBe(false);
    }, 90_000);

    it('when a row of the chain is altered by someone who can bypass the triggers, then verification names it', async () => {
      const key = Buffer.from(AUDIT_KEY);
      const { rows } = await handle.pool.query<{ id: number }>(
        'SELECT id FROM audit_events ORDER BY id OFFSET 10 LIMIT 1',
      );
      const victim = Number(rows[0]!.id); // bigint arrives as text from a raw query
      // The owner can switch the triggers off; the HMAC key is what it does not have.
      const tampered = await handle.pool.connect();
      try {
        await tampered.query('BEGIN');
        await tampered.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await tampered.query("UPDATE audit_events SET reason = 'rewritten' WHERE id = $1", [victim]);
        await tampered.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await tampered.query('COMMIT');
      } finally {
        tampered.release();
      }
      const report = await verifyChainPg(handle.db, key);
      expect(report).toMatchObject({ ok: false, firstBrokenId: victim, checked: 10 });
    });

    it('when two processes claim the outbox at once, then every due message is claimed exactly once (FOR UPDATE SKIP LOCKED)', async () => {
      const [accountId] = await addPgAccounts(handle.db, ['Outbox Owner']);
      const TOTAL = 600;
      const now = Date.now() - 1_000;
      await handle.db.insert(messages).values(
        Array.from({ length: TOTAL }, (_, i) => ({
          accountId: accountId!,
          channel: 'email' as const,
          template: 'unlock_notice',
          recipient: `c${i}@example.com`,
          recipientMasked: 'c***@example.com',
          language: 'en' as const,
          subject: 's',
          body: 'b',
          status: i % 5 === 0 ? ('failed' as const) : ('queued' as const),
          nextAttemptAt: now - i,
        })),
      );
      // Not due: sent, or failed with no retry left, or a retry still in the future.
      await handle.db.insert(messages).values(
        (['sent', 'failed', 'queued'] as const).map((status, i) => ({
          accountId: accountId!,
          channel: 'sms' as const,
          template: 'unlock_notice',
          recipient: '+8613800000000',
          recipientMasked: '+86*******00',
          language: 'zh' as const,
          subject: 's',
          body: 'b',
          status,
          nextAttemptAt: i === 2 ? Date.now() + 3_600_000 : null,
        })),
      );
      const [a, b] = await startTogether(url, () => [
        worker(['claim', url, 'a', '7']),
        worker(['claim', url, 'b', '7']),
      ]);
      const both = [...a!.ids, ...b!.ids];
      expect(a!.ids.length).toBeGreaterThan(0);
      expect(b!.ids.length).toBeGreaterThan(0);
      expect(new Set(both).size).toBe(both.length);
      expect(both.length).toBe(TOTAL);
      const { rows } = await handle.pool.query<{ attempts: number; n: number }>(
        'SELECT attempts, count(*)::int AS n FROM messages GROUP BY attempts ORDER BY attempts',
      );
      // Each claimed once (one attempt counted), the three not due untouched.
      expect(rows).toEqual([
        { attempts: 0, n: 3 },
        { attempts: 1, n: TOTAL },
      ]);
    }, 90_000);
  },
);
