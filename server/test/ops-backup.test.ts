import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { verifyChain } from '../src/audit/verify';
import { createDb } from '../src/db/client';
import { createLogger } from '../src/http/logger';
import { loadKeys } from '../src/keys';
import { BackupError, backupDatabase, readAuditKey, restoreDatabase } from '../src/ops/backup';
import { describeSqliteOnly } from './engine/testDatabase';
import { createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await t?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Notes written one after another by an agent, each acknowledged (201) before the next is sent. */
async function writeNotesUntil(
  agent: Awaited<ReturnType<typeof signedIn>>,
  caseId: number,
  stop: { done: boolean },
  acknowledged: Array<{ id: number; at: number }>,
) {
  for (let n = 0; !stop.done && n < 2000; n++) {
    const res = await agent.post(`/api/cases/${caseId}/notes`, { text: `call note number ${n}` });
    expect(res.status).toBe(201);
    acknowledged.push({ id: res.body.id, at: Date.now() });
  }
  return acknowledged;
}

describeSqliteOnly(
  'backup and restore',
  "SQLite's online backup API and file restore; PostgreSQL is backed up with its own tools (pg_dump, base backups, replicas)",
  () => {
    it('when a backup is taken while an agent writes, then a restore into a new file serves, its chain verifies and every write acknowledged before the backup is there', async () => {
      t = makeTestApp();
      const agent = await signedIn(t, 'agent');
      const { account } = await createAccount(t);
      const kase = await openCase(agent, account.id);
      const outDir = tempDir('rd-backups-');

      const stop = { done: false };
      const acknowledged: Array<{ id: number; at: number }> = [];
      const writing = writeNotesUntil(agent, kase.id, stop, acknowledged);
      while (acknowledged.length < 10) await new Promise((r) => setTimeout(r, 10)); // some writes land first
      const backupStarted = Date.now();
      const backup = await backupDatabase({ dbFile: t.dbFile, outDir, keep: 5, env: {} });
      stop.done = true;
      await writing;
      const beforeBackup = acknowledged.filter((w) => w.at < backupStarted);
      expect(beforeBackup.length).toBeGreaterThanOrEqual(10);

      expect(backup.integrity).toBe('ok');
      expect(backup.chain.ok).toBe(true);
      expect(readdirSync(outDir)).toEqual([backup.file.split('/').pop()]); // no key file beside it
      expect(backup.keys.map((k) => k.env)).toEqual([
        'AUDIT_KEY',
        'PII_KEY',
        'SESSION_SECRET',
        'MESSAGE_KEY',
      ]);

      // The operator restores the key files first, then the database, into a new place.
      const target = join(tempDir('rd-restored-'), 'desk.db');
      for (const suffix of ['audit-key', 'pii-key', 'session-key', 'message-key']) {
        if (existsSync(`${t.dbFile}.${suffix}`)) copyFileSync(`${t.dbFile}.${suffix}`, `${target}.${suffix}`);
      }
      const restored = await restoreDatabase({ from: backup.file, dbFile: target, env: {} });
      expect(restored.chain.ok).toBe(true);

      const handle = createDb(target);
      try {
        const app = createApp({
          db: handle.db,
          sqlite: handle.sqlite,
          config: { ...t.deps.config, DB_FILE: target },
          keys: loadKeys(target, {}),
          logger: createLogger('silent'),
          now: () => Date.now(),
        });
        // No outbox worker runs in this in-process app; everything the restore decides is checked.
        const ready = await request(app).get('/api/ready');
        const { database, migrations, auditKey } = ready.body.checks;
        expect({ database, migrations, auditKey }).toEqual({
          database: { ok: true },
          migrations: { ok: true },
          auditKey: { ok: true },
        });
        const chain = verifyChain(handle.sqlite, readAuditKey(target, {}));
        expect(chain.ok).toBe(true);
        const ids = new Set(
          (handle.sqlite.prepare('SELECT id FROM case_notes').all() as Array<{ id: number }>).map(
            (r) => r.id,
          ),
        );
        for (const w of beforeBackup) expect(ids.has(w.id), `note ${w.id}`).toBe(true);
      } finally {
        handle.close();
      }
    });

    it('when more backups exist than --keep, then the oldest are pruned and the newest kept', async () => {
      t = makeTestApp();
      const outDir = tempDir('rd-backups-');
      const made: string[] = [];
      for (let day = 1; day <= 4; day++) {
        const now = new Date(Date.UTC(2026, 10, day, 10, 0, 0));
        made.push((await backupDatabase({ dbFile: t.dbFile, outDir, keep: 2, env: {}, now })).file);
      }
      expect(made[0]).toMatch(/recovery-desk-20261101T100000Z\.db$/);
      expect(readdirSync(outDir).sort()).toEqual(made.slice(2).map((f) => f.split('/').pop()));
    });

    it('when the backup folder is the database folder, then the backup is refused (its key files live there)', async () => {
      t = makeTestApp();
      await expect(backupDatabase({ dbFile: t.dbFile, outDir: t.dir, keep: 2, env: {} })).rejects.toThrow(
        BackupError,
      );
    });

    it('when another process holds the target database, then restore refuses and changes nothing', async () => {
      t = makeTestApp();
      const backup = await backupDatabase({
        dbFile: t.dbFile,
        outDir: tempDir('rd-backups-'),
        keep: 2,
        env: {},
      });
      // A second process with the file open, as a running server would have it.
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const db = require('better-sqlite3')(${JSON.stringify(t.dbFile)}); db.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000);`,
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
        await expect(restoreDatabase({ from: backup.file, dbFile: t.dbFile, env: {} })).rejects.toThrow(
          /stop the server first/,
        );
        expect(readdirSync(t.dir).some((f) => f.includes('before-restore'))).toBe(false);
      } finally {
        holder.kill('SIGKILL');
      }
    });

    it('when the backup was altered, then restore refuses it before touching the target', async () => {
      t = makeTestApp();
      const agent = await signedIn(t, 'agent');
      const { account } = await createAccount(t);
      await openCase(agent, account.id);
      const backup = await backupDatabase({
        dbFile: t.dbFile,
        outDir: tempDir('rd-backups-'),
        keep: 2,
        env: {},
      });
      const tampered = new Database(backup.file);
      tampered.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
      tampered.exec("UPDATE audit_events SET outcome = 'denied' WHERE id = 1");
      tampered.close();
      const target = join(tempDir('rd-restored-'), 'desk.db');
      copyFileSync(`${t.dbFile}.audit-key`, `${target}.audit-key`);
      await expect(restoreDatabase({ from: backup.file, dbFile: target, env: {} })).rejects.toThrow(
        /audit chain broken at row 1/,
      );
      expect(existsSync(target)).toBe(false);
    });
  },
);
