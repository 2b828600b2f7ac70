import Database from 'better-sqlite3';
import { afterAll, expect, it, vi } from 'vitest';
import { verifyChain } from '../src/audit/verify';
import { loadKeys } from '../src/keys';
import { verifyPassword } from '../src/shared/passwords';
import { hashNationalId } from '../src/shared/pii';
import { runScript, tempDir } from './cli-harness';
import { describeSqliteOnly } from './engine/testDatabase';

const SQLITE_FILE_SCRIPT =
  'the script runs on a SQLite file of its own (--db); its DATABASE_URL path is not exercised here';

// Each case spawns real CLI processes; a busy machine can take a few seconds per spawn.
vi.setConfig({ testTimeout: 90_000 });
const tmp = tempDir();
afterAll(() => tmp.remove());

const good = (over: Record<string, unknown> = {}) => ({
  fullName: 'Zoë Müller',
  dateOfBirth: '1988-07-14',
  phone: '0151 2345 6789',
  country: 'DE',
  email: 'Zoe.Mueller@Example.com',
  nationalId: 'T22000129',
  password: 'Import-secret-2026',
  ...over,
});

function query(db: string, sql: string, ...params: unknown[]) {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

describeSqliteOnly('accounts:import CLI', SQLITE_FILE_SCRIPT, () => {
  it('when some lines are bad, then good ones are kept, bad ones named by line and field without their values, exit 1', async () => {
    const db = tmp.file('mixed.db');
    const lines = [
      JSON.stringify(
        good({
          accountNumber: 'ok 12345 67890',
          status: 'locked',
          lockReason: 'customer_request',
          twoFactorEnabled: true,
          socialProvider: 'google',
          transactions: [
            { amount: 12.5, currency: 'EUR', at: '2026-01-02T10:00:00Z' },
            { amount: 99.99, currency: 'EUR', at: 1767434400000 },
          ],
        }),
      ),
      '{"fullName": "broken json", ',
      JSON.stringify(good({ fullName: '王小明', email: 'not-an-email', phone: '12345', country: 'CN' })),
      '',
      JSON.stringify(good({ email: 'ZOE.MUELLER@example.com', phone: '+49 1520 1234567' })),
      JSON.stringify(
        good({ fullName: 'Sekret Person', email: 'sekret@example.com', favouriteColour: 'teal' }),
      ),
      JSON.stringify(
        good({
          fullName: '李娜',
          phone: '138 1234 5678',
          country: 'CN',
          email: 'lina@163.com',
          nationalId: '110101199003051234',
        }),
      ),
      JSON.stringify(good({ email: 'held@example.com', status: 'locked' })),
    ];
    const result = await runScript('accounts-import.ts', ['--db', db, '--print-ids'], {
      input: lines.join('\n'),
    });

    expect(result.code).toBe(1);
    const printed = result.stdout.trim().split('\n');
    expect(printed).toHaveLength(2);
    expect(printed[0]).toBe('OK1234567890');
    expect(printed[1]).toMatch(/^OK\d{10}$/);
    const err = result.stderr;
    expect(err).toMatch(/line 2: rejected: \(line\) is not valid JSON/);
    expect(err).toMatch(/line 3: rejected: .*email.*phone/);
    expect(err).toMatch(/line 5: rejected: email is already registered/);
    expect(err).toMatch(/line 6: rejected: favouriteColour is not a known field/);
    expect(err).toMatch(/line 8: rejected: lockReason is required when status is locked/);
    expect(err).not.toMatch(/line (1|4|7):/);
    expect(err.match(/line \d+/g)).toEqual(['line 2', 'line 3', 'line 5', 'line 6', 'line 8']);
    expect(err).toMatch(/imported 2, rejected 5\n$/);
    for (const secret of [
      'broken json',
      '王小明',
      'not-an-email',
      '12345',
      'Sekret',
      'teal',
      'T22000129',
      'Import-secret',
      'MUELLER',
      'held@',
    ]) {
      expect(err).not.toContain(secret);
    }

    const [zoe, lina] = query(db, 'SELECT * FROM accounts ORDER BY id');
    expect(zoe).toMatchObject({
      account_number: 'OK1234567890',
      full_name: 'Zoë Müller',
      name_key: 'muller zoe',
      name_latin: null,
      phone: '+4915123456789',
      email: 'Zoe.Mueller@Example.com',
      email_norm: 'zoe.mueller@example.com',
      national_id_last4: '0129',
      national_id_hash: hashNationalId(loadKeys(db).piiKey, 'T22000129'),
      status: 'locked',
      lock_reason: 'customer_request',
      two_factor_enabled: 1,
      social_provider: 'google',
    });
    expect(await verifyPassword(String(zoe!.password_hash), 'Import-secret-2026')).toBe(true);
    expect(lina).toMatchObject({
      account_number: printed[1],
      phone: '+8613812345678',
      name_key: '娜 李',
      name_latin: 'li na',
      name_latin_key: 'lina',
      status: 'active',
    });
    const txs = query(
      db,
      'SELECT amount, currency, at FROM transactions WHERE account_id = ? ORDER BY at',
      zoe!.id,
    );
    expect(txs).toEqual([
      { amount: 12.5, currency: 'EUR', at: Date.parse('2026-01-02T10:00:00Z') },
      { amount: 99.99, currency: 'EUR', at: 1767434400000 },
    ]);

    const audit = query(
      db,
      'SELECT action, actor_id, actor_username, target_id FROM audit_events ORDER BY id',
    );
    expect(audit).toEqual([
      { action: 'account.import', actor_id: null, actor_username: 'cli', target_id: String(zoe!.id) },
      { action: 'account.import', actor_id: null, actor_username: 'cli', target_id: String(lina!.id) },
    ]);
    const sqlite = new Database(db, { readonly: true });
    expect(verifyChain(sqlite, loadKeys(db).auditKey).ok).toBe(true);
    sqlite.close();
  });

  it('when every line is good, then all are imported and the exit code is 0 without printing ids', async () => {
    const db = tmp.file('good.db');
    const input = [
      good(),
      good({
        fullName: 'José Núñez',
        email: 'jose@example.es',
        phone: '612 345 678',
        country: 'ES',
        nationalId: '12345678Z',
      }),
    ]
      .map((l) => JSON.stringify(l))
      .join('\r\n');
    const result = await runScript('accounts-import.ts', ['--db', db], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('imported 2, rejected 0\n');
    expect(query(db, 'SELECT count(*) AS n FROM accounts')[0]!.n).toBe(2);
  });
});
