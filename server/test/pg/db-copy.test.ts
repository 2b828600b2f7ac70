import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STAFF_PASSWORD, seedDatabase } from '../../../scripts/seed/run';
import { appendAuditPg, verifyChainPg } from '../../src/audit/pgAppend';
import { appendAudit } from '../../src/audit/writer';
import { createDb, inTransaction } from '../../src/db/client';
import { createPgDb, migratePg } from '../../src/db/pg';
import { accounts, auditEvents } from '../../src/db/pgSchema';
import { loadKeys } from '../../src/keys';
import { runScript, tempDir } from '../cli-harness';
import { pgAvailable, usePgCluster } from './pgHarness';

// Text COPY must escape: its own separators and escapes, the NULL marker spelled as data, the end-of-data
// marker, quotes (special only in CSV), empty vs NULL, control and non-BMP characters, Chinese names.
const AWKWARD_TEXT = [
  'tab\tinside',
  'line\nbreak',
  'crlf\r\nend\r',
  'back\\slash',
  '\\N',
  'NULL',
  '\\.',
  '\\',
  'trailing backslash\\',
  '\\t is not a tab',
  `"double" 'single' ,;| quotes`,
  '',
  ' ',
  '𠮷野家 🧧',
  '王小明',
  '張偉（繁體）',
  '\u0001\u0008\u000b\u000c\u001b\u001f\u007f',
  '\u2028\u2029\ufeff\u00a0',
  'e\u0301 vs \u00e9',
  '\t\n\r\\\t',
];

/** Doubles whose shortest text form must read back to the same bits. */
const AWKWARD_AMOUNTS = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -123.456, 1e21, 2 ** 53 + 2, 1 / 3];

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

  const withSource = <T>(use: (sqlite: ReturnType<typeof createDb>['sqlite']) => T): T => {
    const handle = createDb(file);
    try {
      return use(handle.sqlite);
    } finally {
      handle.close();
    }
  };

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

    // The foreign keys and indexes dropped for the load are back, exactly as the migrations make them.
    const fresh = createPgDb(await pgc.database('fresh'), { max: 1 });
    const copiedDb = createPgDb(url, { max: 1 });
    try {
      await migratePg(fresh.db);
      const schemaObjects = async (handle: typeof fresh) => ({
        indexes: (
          await handle.pool.query(
            'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1',
          )
        ).rows,
        constraints: (
          await handle.pool.query(
            `SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS definition, convalidated
               FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2`,
          )
        ).rows,
      });
      const expected = await schemaObjects(fresh);
      expect(
        expected.constraints.filter((c) => c.definition.startsWith('FOREIGN KEY')).length,
      ).toBeGreaterThan(10);
      expect(expected.indexes.some((i) => i.indexdef.includes('gin_trgm_ops'))).toBe(true);
      expect(await schemaObjects(copiedDb)).toEqual(expected);
    } finally {
      await fresh.close();
      await copiedDb.close();
    }

    // Copying again into the same (now full) database is refused and changes nothing.
    const again = await runScript('db-copy.ts', ['--from', file, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the target is not empty \(\w+ has rows\)/);
  }, 90_000);

  it('when names, counterparties and the trail hold tabs, newlines, backslashes, quotes, \\N, empty strings and non-BMP characters, then they arrive byte for byte and NULL stays apart from empty', async () => {
    // Rows at the start of each table, so the first test's newest-account checks are untouched.
    const { accountIds, transactionIds, sourceHex } = withSource((sqlite) => {
      const accountIds = (
        sqlite.prepare('SELECT id FROM accounts ORDER BY id LIMIT ?').all(AWKWARD_TEXT.length) as {
          id: number;
        }[]
      ).map((r) => r.id);
      const transactionIds = (
        sqlite.prepare('SELECT id FROM transactions ORDER BY id LIMIT ?').all(AWKWARD_TEXT.length) as {
          id: number;
        }[]
      ).map((r) => r.id);
      expect(transactionIds).toHaveLength(AWKWARD_TEXT.length);
      const setAccount = sqlite.prepare(
        'UPDATE accounts SET full_name = ?, name_latin = ?, social_provider = ?, locked_at = ? WHERE id = ?',
      );
      const setTransaction = sqlite.prepare(
        'UPDATE transactions SET counterparty = ?, amount = ? WHERE id = ?',
      );
      AWKWARD_TEXT.forEach((text, i) => {
        // name_latin: the text, NULL, or the empty string, so both kinds of "nothing" occur.
        const latin = i % 3 === 0 ? null : i % 3 === 1 ? text : '';
        // An integer past 2^53 must not pass through a double on the way.
        const lockedAt = i === 0 ? 2n ** 62n + 1n : null;
        setAccount.run(text, latin, i % 2 ? '' : null, lockedAt, accountIds[i]);
        setTransaction.run(
          i % 2 ? text : null,
          AWKWARD_AMOUNTS[i % AWKWARD_AMOUNTS.length],
          transactionIds[i],
        );
      });
      const sourceHex = (table: string, columns: string[], ids: number[]) =>
        sqlite
          .prepare(
            `SELECT id, ${columns.map((c) => `CASE WHEN ${c} IS NULL THEN NULL ELSE lower(hex(${c})) END AS ${c}`).join(', ')}
             FROM ${table} WHERE id IN (${ids.join(', ')}) ORDER BY id`,
          )
          .all();
      return {
        accountIds,
        transactionIds,
        sourceHex: {
          accounts: sourceHex('accounts', ['full_name', 'name_latin', 'social_provider'], accountIds),
          transactions: sourceHex('transactions', ['counterparty'], transactionIds),
        },
      };
    });
    // And through the real writer into the chain, whose HMAC covers the details' exact bytes.
    {
      const { db, close } = createDb(file);
      const ctx = {
        actor: null,
        ip: null,
        userAgent: 'test\tagent\n',
        requestId: null,
        auditKey: loadKeys(file).auditKey,
        now: Date.now,
      };
      await inTransaction(db, async (tx) =>
        appendAudit(tx, ctx, {
          action: 'bench.command',
          outcome: 'success',
          details: { texts: AWKWARD_TEXT },
        }),
      );
      close();
    }

    const url = await pgc.database('awkward');
    const copied = await runScript('db-copy.ts', ['--from', file, '--to', url]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/audit chain verified on the target with the same key/);

    const target = createPgDb(url, { max: 2 });
    try {
      const targetHex = async (table: string, columns: string[], ids: number[]) =>
        (
          await target.pool.query(
            `SELECT id, ${columns.map((c) => `encode(convert_to(${c}, 'UTF8'), 'hex') AS ${c}`).join(', ')}
             FROM ${table} WHERE id = ANY($1) ORDER BY id`,
            [ids],
          )
        ).rows;
      expect(await targetHex('accounts', ['full_name', 'name_latin', 'social_provider'], accountIds)).toEqual(
        sourceHex.accounts,
      );
      expect(await targetHex('transactions', ['counterparty'], transactionIds)).toEqual(
        sourceHex.transactions,
      );
      // The same seen as strings, so a failure shows which text broke.
      const names = await target.pool.query(
        'SELECT full_name, name_latin FROM accounts WHERE id = ANY($1) ORDER BY id',
        [accountIds],
      );
      expect(names.rows.map((r) => r.full_name)).toEqual(AWKWARD_TEXT);
      expect(names.rows.map((r) => r.name_latin)).toEqual(
        AWKWARD_TEXT.map((text, i) => (i % 3 === 0 ? null : i % 3 === 1 ? text : '')),
      );
      const amounts = await target.pool.query(
        'SELECT amount FROM transactions WHERE id = ANY($1) ORDER BY id',
        [transactionIds],
      );
      expect(amounts.rows.map((r) => r.amount)).toEqual(
        AWKWARD_TEXT.map((_, i) => AWKWARD_AMOUNTS[i % AWKWARD_AMOUNTS.length]),
      );
      const big = await target.pool.query('SELECT locked_at::text AS t FROM accounts WHERE id = $1', [
        accountIds[0],
      ]);
      expect(big.rows[0].t).toBe(String(2n ** 62n + 1n));
      const [last] = await target.db
        .select({ details: auditEvents.details, userAgent: auditEvents.userAgent })
        .from(auditEvents)
        .orderBy(desc(auditEvents.id))
        .limit(1);
      expect(JSON.parse(last!.details)).toEqual({ texts: AWKWARD_TEXT });
      expect(last!.userAgent).toBe('test\tagent\n');
    } finally {
      await target.close();
    }
  }, 90_000);

  it('when a value PostgreSQL cannot store comes late in the copy, then it is named by table, column and row, and the target is left empty for a retry', async () => {
    const victim = withSource((sqlite) => {
      const row = sqlite
        .prepare('SELECT id, counterparty FROM transactions ORDER BY id DESC LIMIT 1')
        .get() as {
        id: number;
        counterparty: string | null;
      };
      sqlite.prepare('UPDATE transactions SET counterparty = ? WHERE id = ?').run('nul\0byte', row.id);
      return row;
    });
    const url = await pgc.database('refused');
    let refused: Awaited<ReturnType<typeof runScript>>;
    try {
      refused = await runScript('db-copy.ts', ['--from', file, '--to', url]);
    } finally {
      withSource((sqlite) =>
        sqlite
          .prepare('UPDATE transactions SET counterparty = ? WHERE id = ?')
          .run(victim.counterparty, victim.id),
      );
    }
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `transactions.counterparty of the row whose first column is ${victim.id} holds a NUL character`,
    );
    const target = createPgDb(url, { max: 2 });
    try {
      // accounts and staff were streamed before transactions: the one transaction took them back.
      for (const table of ['staff', 'accounts', 'transactions', 'audit_events']) {
        const { rows } = await target.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect(rows[0].n, table).toBe(0);
      }
    } finally {
      await target.close();
    }
    const retried = await runScript('db-copy.ts', ['--from', file, '--to', url]);
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
  }, 90_000);
});
