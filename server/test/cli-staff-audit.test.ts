import Database from 'better-sqlite3';
import { afterAll, expect, it, vi } from 'vitest';
import { appendAudit } from '../src/audit/writer';
import { createDb, inTransaction } from '../src/db/client';
import { loadKeys } from '../src/keys';
import { verifyPassword } from '../src/shared/passwords';
import { runScript, tempDir } from './cli-harness';
import { describeSqliteOnly } from './engine/testDatabase';

const SQLITE_FILE_SCRIPT =
  'the script runs on a SQLite file of its own (--db); its DATABASE_URL path is not exercised here';

// Each case spawns real CLI processes; a busy machine can take a few seconds per spawn.
vi.setConfig({ testTimeout: 90_000 });
const tmp = tempDir();
afterAll(() => tmp.remove());

const PASSWORD = 'A-long-staff-password';
const create = (db: string, username: string, extra: string[] = [], input = `${PASSWORD}\n`) =>
  runScript(
    'staff.ts',
    [
      'create',
      '--db',
      db,
      '--username',
      username,
      '--full-name',
      'Chloé Dubois',
      '--role',
      'agent',
      ...extra,
    ],
    { input },
  );

function query(db: string, sql: string) {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

describeSqliteOnly('staff CLI', SQLITE_FILE_SCRIPT, () => {
  it('when a member is created, listed and disabled, then each change is stored and audited as the cli', async () => {
    const db = tmp.file('staff.db');
    const created = await create(db, 'chloe', ['--totp-secret', 'jbswy3dpehpk3pxpjbswy3dpeh']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created agent "chloe" \(id 1\) with TOTP/);
    const [row] = query(db, 'SELECT * FROM staff');
    expect(row).toMatchObject({
      username: 'chloe',
      full_name: 'Chloé Dubois',
      role: 'agent',
      totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEH',
      disabled: 0,
    });
    expect(await verifyPassword(String(row!.password_hash), PASSWORD)).toBe(true);
    expect(created.stdout + created.stderr).not.toContain(PASSWORD);

    const disabled = await runScript('staff.ts', ['disable', '--db', db, '--username', 'chloe']);
    expect(disabled.code).toBe(0);
    const list = await runScript('staff.ts', ['list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/chloe\s+agent\s+disabled\s+-\s+Chloé Dubois/);

    expect(
      query(
        db,
        'SELECT action, outcome, actor_id, actor_username, target_type, target_id FROM audit_events ORDER BY id',
      ),
    ).toEqual([
      {
        action: 'staff.create',
        outcome: 'success',
        actor_id: null,
        actor_username: 'cli',
        target_type: 'staff',
        target_id: '1',
      },
      {
        action: 'staff.disable',
        outcome: 'success',
        actor_id: null,
        actor_username: 'cli',
        target_type: 'staff',
        target_id: '1',
      },
    ]);
  });

  it('when the password is short, the username taken or the role unknown, then nothing is created and the exit code says why', async () => {
    const db = tmp.file('refusals.db');
    const short = await create(db, 'sam', [], 'short-pass\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 12 characters/);
    const badRole = await runScript(
      'staff.ts',
      ['create', '--db', db, '--username', 'sam', '--full-name', 'Sam', '--role', 'admin'],
      { input: `${PASSWORD}\n` },
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of agent, supervisor/);
    expect((await create(db, 'sam')).code).toBe(0);
    const taken = await create(db, 'sam');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/username "sam" is taken/);
    const unknown = await runScript('staff.ts', ['disable', '--db', db, '--username', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no staff member "nobody"/);
    expect(query(db, 'SELECT username FROM staff')).toEqual([{ username: 'sam' }]);
    expect(query(db, 'SELECT count(*) AS n FROM audit_events')[0]!.n).toBe(1);
  });
});

describeSqliteOnly('audit:verify CLI', SQLITE_FILE_SCRIPT, () => {
  it('when the chain is intact, then it prints ok with the row count; when a row is rewritten, then it names that row and exits 1', async () => {
    const db = tmp.file('audit.db');
    const handle = createDb(db);
    const ctx = {
      actor: null,
      ip: null,
      userAgent: null,
      requestId: null,
      auditKey: loadKeys(db).auditKey,
      now: Date.now,
    };
    for (const reason of ['one', 'two', 'three']) {
      await inTransaction(handle.db, async (tx) =>
        appendAudit(tx, ctx, { action: 'audit.verify', outcome: 'success', reason }),
      );
    }
    handle.close();
    const ok = await runScript('audit-verify.ts', ['--db', db]);
    expect(ok).toMatchObject({ code: 0, stdout: 'ok, 3 rows checked\n' });

    // An attacker with write access to the file drops the append-only trigger first, then edits history.
    const sqlite = new Database(db);
    sqlite.exec('DROP TRIGGER audit_events_no_update');
    sqlite.prepare("UPDATE audit_events SET reason = 'nothing to see' WHERE id = 2").run();
    sqlite.close();
    const broken = await runScript('audit-verify.ts', ['--db', db]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN at audit_events row id 2 \(1 rows before it verified\)/);
  });

  it('when asked for help or given an unknown option, then usage goes to stdout with exit 0, or stderr with exit 2', async () => {
    const help = await runScript('audit-verify.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run audit:verify/);
    const bad = await runScript('migrate.ts', ['--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage: npm run migrate/);
  });
});
