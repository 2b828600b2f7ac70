import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STAFF_PASSWORD, seedDatabase } from '../../../scripts/seed/run';
import { appendAuditPg, verifyChainPg } from '../../src/audit/pgAppend';
import { appendAudit } from '../../src/audit/writer';
import { createDb, inTransaction } from '../../src/db/client';
import { createPgDb } from '../../src/db/pg';
import { accounts, auditEvents } from '../../src/db/pgSchema';
import { loadKeys } from '../../src/keys';
import { runScript, tempDir } from '../cli-harness';
import { pgAvailable, usePgCluster } from './pgHarness';

describe.skipIf(!pgAvailable('db-copy.test.ts'))('npm run db:copy (SQLite → PostgreSQL)', () => {
  const pgc = usePgCluster();
  const tmp = tempDir();
  const file = tmp.file('source.db');
  let sourceCounts: Record<string, number>;
  let sourceAccount: Record<string, unknown>;

  beforeAll(async () => {
    // In-process (the CLI's own function): the copy below is the child process under test.
    await seedDatabase({
      dbFile: file,
      accounts: 150,
      seed: 7,
      staffPassword: DEFAULT_STAFF_PASSWORD,
      staffTotpSecret: null,
      reset: false,
      now: Date.now(),
      progress: false,
    });
    // A trail through the real writer, with the key file beside the database.
    const { db, sqlite, close } = createDb(file);
    const ctx = {
      actor: null,
      ip: '10.0.0.1',
      userAgent: 'test',
      requestId: null,
      auditKey: loadKeys(file).auditKey,
      now: Date.now,
    };
    for (let i = 0; i < 40; i++) {
      await inTransaction(db, async (tx) =>
        appendAudit(tx, ctx, {
          action: 'bench.command',
          outcome: i % 7 ? 'success' : 'denied',
          details: { i, name: '王小明' },
        }),
      );
    }
    sourceCounts = Object.fromEntries(
      ['accounts', 'staff', 'audit_events', 'transactions', 'login_events', 'messages'].map((t) => [
        t,
        (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      ]),
    );
    sourceAccount = sqlite.prepare('SELECT * FROM accounts ORDER BY id DESC LIMIT 1').get() as Record<
      string,
      unknown
    >;
    close();
  }, 60_000);
  afterAll(() => tmp.remove());

  it('when a seeded database is copied, then every table arrives with its ids, the sequences move past them, and the chain verifies on the target with the same key', async () => {
    const url = await pgc.database('copy');
    const copied = await runScript('db-copy.ts', ['--from', file, '--to', url]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    const trail = sourceCounts.audit_events!;
    expect(trail).toBeGreaterThanOrEqual(40);
    expect(copied.stdout).toContain(`audit chain verified on the target with the same key (${trail} rows)`);

    const target = createPgDb(url, { max: 2 });
    try {
      for (const [table, n] of Object.entries(sourceCounts)) {
        const { rows } = await target.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect(rows[0].n, table).toBe(n);
      }
      expect(sourceCounts.accounts).toBe(150);
      expect(sourceCounts.transactions).toBeGreaterThan(0);
      // One account field for field, booleans as booleans.
      const [copy] = await target.db
        .select()
        .from(accounts)
        .where(eq(accounts.id, sourceAccount.id as number));
      expect(copy).toMatchObject({
        accountNumber: sourceAccount.account_number,
        fullName: sourceAccount.full_name,
        nameKey: sourceAccount.name_key,
        nationalIdHash: sourceAccount.national_id_hash,
        twoFactorEnabled: sourceAccount.two_factor_enabled === 1,
        version: sourceAccount.version,
        createdAt: sourceAccount.created_at,
      });
      // The chain goes on where SQLite's stopped, with the same key.
      const key = loadKeys(file).auditKey;
      const ctx = { actor: null, ip: null, userAgent: null, requestId: null, auditKey: key, now: Date.now };
      const next = await target.db.transaction((tx) =>
        appendAuditPg(tx, ctx, { action: 'audit.export', outcome: 'success' }),
      );
      expect(next).toBe(trail + 1);
      expect(await verifyChainPg(target.db, key)).toEqual({
        ok: true,
        checked: trail + 1,
        firstBrokenId: null,
        headOk: true,
      });
      const [fresh] = await target.db
        .insert(accounts)
        .values({ ...copy!, id: undefined, accountNumber: 'OK9999999999', email: 'new@example.com' })
        .returning({ id: accounts.id });
      expect(fresh!.id).toBe((sourceAccount.id as number) + 1);
      const audited = await target.db
        .select({ details: auditEvents.details })
        .from(auditEvents)
        .where(eq(auditEvents.action, 'bench.command'));
      expect(JSON.parse(audited[1]!.details)).toEqual({ i: 1, name: '王小明' });
    } finally {
      await target.close();
    }

    // Copying again into the same (now full) database is refused and changes nothing.
    const again = await runScript('db-copy.ts', ['--from', file, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the target is not empty \(\w+ has rows\)/);
  }, 90_000);
});
