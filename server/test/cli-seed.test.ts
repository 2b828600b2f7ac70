import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { verifyChain } from '../src/audit/verify';
import { loadKeys } from '../src/keys';
import { verifyPassword } from '../src/shared/passwords';
import { type CliResult, runScript, tempDir } from './cli-harness';
import { describeSqliteOnly } from './engine/testDatabase';

const SQLITE_FILE_SCRIPT =
  'the script runs on a SQLite file of its own (--db); its DATABASE_URL path is not exercised here';

const NOW = '2026-03-01T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
// Each case spawns real CLI processes; a busy machine can take a few seconds per spawn.
vi.setConfig({ testTimeout: 90_000 });
const tmp = tempDir();
const dbA = tmp.file('a.db');
const dbB = tmp.file('b.db');
const dbC = tmp.file('c.db');
let seedA: CliResult;

const seed = (db: string, seedValue: number, accounts: number, extra: string[] = []) =>
  runScript('seed.ts', [
    '--db',
    db,
    '--accounts',
    String(accounts),
    '--seed',
    String(seedValue),
    '--now',
    NOW,
    ...extra,
  ]);

type Row = Record<string, unknown>;
function rows(db: string, sql: string): Row[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).all() as Row[];
  } finally {
    sqlite.close();
  }
}
// Password hashes carry random salts and national-ID hashes a per-database key: everything else must match.
const ACCOUNT_COLUMNS =
  'id, account_number, full_name, name_key, date_of_birth, phone, email, email_norm, national_id_last4, country, two_factor_enabled, social_provider, status, lock_reason, locked_at, locked_until, locked_by, failed_sign_in_count, password_changed_at, created_at, updated_at';

afterAll(() => tmp.remove());

describeSqliteOnly('seed CLI', SQLITE_FILE_SCRIPT, () => {
  beforeAll(async () => {
    [seedA] = await Promise.all([
      seed(dbA, 42, 2000, ['--staff-totp-secret', TOTP, '--staff-password', 'Long-enough-secret-1']),
      // The same seed built by two threads writing small batches in turn (as a big seed runs).
      seed(dbB, 42, 2000, ['--builders', '2', '--batch', '300']),
      seed(dbC, 43, 300),
    ]);
  }, 120_000);

  it('when seeded twice with the same seed (inline, then by two builder threads), then accounts and their history are identical; another seed differs', () => {
    expect(seedA.code).toBe(0);
    const a = rows(dbA, `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id`);
    expect(a).toHaveLength(2000);
    expect(rows(dbB, `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id`)).toEqual(a);
    for (const sql of [
      'SELECT * FROM login_events ORDER BY id',
      'SELECT * FROM devices ORDER BY id',
      'SELECT * FROM transactions ORDER BY id',
    ]) {
      expect(rows(dbB, sql)).toEqual(rows(dbA, sql));
    }
    const c = rows(dbC, `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id`);
    const sameNumber = c.filter((row, i) => row.account_number === a[i]!.account_number);
    expect(sameNumber).toHaveLength(0);
    expect(c.map((r) => r.full_name)).not.toEqual(a.slice(0, 300).map((r) => r.full_name));
  });

  it('when 2000 accounts are seeded, then the mix is realistic: 85±5% active, every lock reason, scripts, namesakes, valid phones', () => {
    const accounts = rows(dbA, 'SELECT * FROM accounts');
    const active = accounts.filter((a) => a.status === 'active').length / accounts.length;
    expect(active).toBeGreaterThanOrEqual(0.8);
    expect(active).toBeLessThanOrEqual(0.9);
    const reasons = new Set(accounts.map((a) => a.lock_reason).filter(Boolean));
    expect([...reasons].sort()).toEqual([
      'customer_request',
      'failed_attempts',
      'suspicious_activity',
      'terms_violation',
    ]);
    expect(accounts.some((a) => a.status === 'closed')).toBe(true);

    const han = accounts.filter((a) => /\p{Script=Han}/u.test(String(a.full_name)));
    expect(han.length / accounts.length).toBeGreaterThan(0.3);
    expect(han.length / accounts.length).toBeLessThan(0.5);
    expect(accounts.some((a) => /[À-ž]/.test(String(a.full_name)))).toBe(true); // Latin with accents
    const traditional = /[陳張黃劉楊趙吳鄭謝馬孫韓馮鄧羅歐陽偉麗強軍艷傑濤蘭剛華國曉東鵬輝紅軒遠靜]/;
    expect(han.some((a) => a.country === 'HK' && traditional.test(String(a.full_name)))).toBe(true);
    expect(han.some((a) => a.country === 'CN' && traditional.test(String(a.full_name)))).toBe(false);
    const namesakes = (list: Row[]) => {
      const seen = new Map<unknown, number>();
      for (const a of list) seen.set(a.full_name, (seen.get(a.full_name) ?? 0) + 1);
      return [...seen.values()].filter((n) => n > 1).length;
    };
    expect(namesakes(han)).toBeGreaterThan(5);
    expect(namesakes(accounts.filter((a) => !han.includes(a)))).toBeGreaterThan(5);

    const countries = new Set(accounts.map((a) => a.country));
    expect(countries.size).toBe(13);
    for (const a of accounts) {
      const phone = parsePhoneNumberFromString(String(a.phone));
      expect(phone?.isValid(), `${a.phone} valid for ${a.country}`).toBe(true);
      expect(phone?.number).toBe(a.phone);
      expect(phone?.country === a.country || (a.country === 'US' && phone?.countryCallingCode === '1')).toBe(
        true,
      );
      expect(a.account_number).toMatch(/^OK\d{10}$/);
      expect(String(a.date_of_birth) >= '1940-01-01' && String(a.date_of_birth) <= '2006-12-31').toBe(true);
    }
    expect(new Set(accounts.map((a) => a.account_number)).size).toBe(accounts.length);
    expect(new Set(accounts.map((a) => a.email_norm)).size).toBe(accounts.length);
    expect(accounts.some((a) => String(a.email).endsWith('@163.com'))).toBe(true);
    expect(accounts.some((a) => String(a.email).endsWith('@qq.com'))).toBe(true);
    const twoFactor = accounts.filter((a) => a.two_factor_enabled === 1).length / accounts.length;
    expect(twoFactor).toBeGreaterThan(0.25);
    expect(twoFactor).toBeLessThan(0.35);
    const social = accounts.filter((a) => a.social_provider).length / accounts.length;
    expect(social).toBeGreaterThan(0.1);
    expect(social).toBeLessThan(0.2);
  });

  it('when an account is locked, then its sign-in history and lock fields explain why', () => {
    const accounts = rows(
      dbA,
      'SELECT a.*, s.role AS locker_role FROM accounts a LEFT JOIN staff s ON s.id = a.locked_by',
    );
    const events = rows(dbA, 'SELECT * FROM login_events ORDER BY account_id, at, id');
    const byAccount = new Map<unknown, Row[]>();
    for (const e of events) byAccount.set(e.account_id, [...(byAccount.get(e.account_id) ?? []), e]);
    let permanent = 0;
    for (const a of accounts) {
      const history = byAccount.get(a.id) ?? [];
      if (a.lock_reason === 'failed_attempts') {
        const burst = history.filter((e) => Number(e.at) <= Number(a.locked_at)).slice(-5);
        expect(burst.map((e) => e.outcome)).toEqual([
          'failure',
          'failure',
          'failure',
          'failure',
          'locked_out',
        ]);
        expect(burst.at(-1)!.at).toBe(a.locked_at);
        const before = history.filter((e) => Number(e.at) < Number(burst[0]!.at)).at(-1);
        expect(before?.outcome ?? 'success').not.toBe('failure');
        expect(new Set(burst.map((e) => e.ip)).size).toBeLessThanOrEqual(3);
        if (a.locked_until === null) permanent++;
        else expect(a.locked_until).toBe(Number(a.locked_at) + 30 * 60_000);
        expect(a.failed_sign_in_count).toBe(5);
      } else if (a.lock_reason === 'suspicious_activity') {
        const [first, second] = history.filter((e) => e.outcome === 'success').slice(-2);
        expect(first!.country).not.toBe(second!.country);
        expect(Number(second!.at) - Number(first!.at)).toBeLessThan(60 * 60_000);
        expect(Number(a.locked_at)).toBeGreaterThanOrEqual(Number(second!.at));
      } else if (a.lock_reason === 'terms_violation') {
        expect(a.locker_role).toBe('supervisor');
      } else if (a.lock_reason === 'customer_request') {
        expect(a.locker_role).toBe('agent');
      }
      if (a.status === 'locked') expect(Number(a.locked_at)).toBeLessThanOrEqual(NOW_MS);
      if (a.status === 'active') expect(a.failed_sign_in_count).toBeLessThan(5);
    }
    expect(permanent).toBeGreaterThan(0);
    const per = (table: string) =>
      rows(
        dbA,
        `SELECT count(*) AS n FROM accounts a LEFT JOIN ${table} t ON t.account_id = a.id GROUP BY a.id`,
      ).map((r) => Number(r.n));
    expect(Math.min(...per('devices'))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...per('devices'))).toBeLessThanOrEqual(3);
    expect(Math.min(...per('transactions'))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...per('transactions'))).toBeLessThanOrEqual(12);
    expect(Math.min(...per('login_events'))).toBeGreaterThanOrEqual(3);
    expect(Math.max(...per('login_events'))).toBeLessThanOrEqual(15);
    const amounts = rows(dbA, "SELECT amount FROM transactions WHERE currency <> 'JPY'").map((r) =>
      Number(r.amount),
    );
    expect(amounts.every((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6)).toBe(true);
  });

  it('when seeded, then demo staff exist with TOTP, their creation is audited by the cli, and the sign-ins are printed', async () => {
    const staff = rows(dbA, 'SELECT username, role, totp_secret, password_hash FROM staff ORDER BY id');
    expect(staff.map((s) => [s.username, s.role])).toEqual([
      ['agent', 'agent'],
      ['agent2', 'agent'],
      ['supervisor', 'supervisor'],
      ['supervisor2', 'supervisor'],
    ]);
    expect(staff.every((s) => s.totp_secret === TOTP)).toBe(true);
    expect(await verifyPassword(String(staff[0]!.password_hash), 'Long-enough-secret-1')).toBe(true);
    const audit = rows(dbA, 'SELECT action, actor_id, actor_username FROM audit_events');
    expect(audit).toEqual(Array(4).fill({ action: 'staff.create', actor_id: null, actor_username: 'cli' }));
    const sqlite = new Database(dbA, { readonly: true });
    expect(verifyChain(sqlite, loadKeys(dbA).auditKey)).toMatchObject({ ok: true, checked: 4 });
    sqlite.close();

    const customer = rows(dbA, 'SELECT password_hash FROM accounts WHERE id = 1')[0]!;
    expect(await verifyPassword(String(customer.password_hash), 'Wallet-demo-2026')).toBe(true);
    expect(seedA.stdout).toContain('supervisor2');
    expect(seedA.stdout).toContain('Long-enough-secret-1');
    expect(seedA.stdout).toContain('Wallet-demo-2026');
    for (const reason of ['failed_attempts', 'suspicious_activity', 'terms_violation', 'customer_request']) {
      expect(seedA.stdout).toMatch(new RegExp(`${reason}\\s+OK\\d{10}`));
    }
    // The newcomer plays the caller: each printed line is what that account's owner would truly say.
    const callers = [
      ...seedA.stdout.matchAll(
        /"I am (.+), my phone is (\+\d+), born ([\d-]+); my last payment was ([\d.]+) /g,
      ),
    ];
    expect(callers.length).toBeGreaterThanOrEqual(4);
    for (const [, fullName, phone, dob, amount] of callers) {
      const [owner] = rows(
        dbA,
        `SELECT a.full_name, a.date_of_birth, a.status, abs(t.amount) AS amount FROM accounts a
         JOIN transactions t ON t.account_id = a.id WHERE a.phone = '${phone}' ORDER BY t.at DESC LIMIT 1`,
      );
      expect(owner).toMatchObject({ full_name: fullName, date_of_birth: dob, status: 'locked' });
      expect(Number(owner!.amount).toFixed(2)).toBe(amount);
    }
    // Not a terminal: no progress bar, one summary line.
    expect(seedA.stderr).toBe(`seed: 2000 accounts written to ${dbA}\n`);
  });

  it('when the database already holds accounts, then seeding refuses unless --reset, which keeps the key files', async () => {
    const again = await seed(dbC, 43, 10);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds 300 accounts; run with --reset/);
    const key = loadKeys(dbC).piiKey.toString();
    const reset = await seed(dbC, 43, 10, ['--reset']);
    expect(reset.code).toBe(0);
    expect(rows(dbC, 'SELECT count(*) AS n FROM accounts')[0]!.n).toBe(10);
    expect(existsSync(`${dbC}.pii-key`)).toBe(true);
    expect(loadKeys(dbC).piiKey.toString()).toBe(key);
  });

  it('when an option is bad, then the usage is printed and the exit code is 2', async () => {
    const bad = await runScript('seed.ts', ['--db', tmp.file('x.db'), '--accounts', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--accounts must be a whole number/);
    expect(bad.stderr).toMatch(/Usage: npm run seed/);
    const unknown = await runScript('seed.ts', ['--db', tmp.file('x.db'), '--acounts', '5']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--acounts'/);
    expect(existsSync(tmp.file('x.db'))).toBe(false);
  });
});
