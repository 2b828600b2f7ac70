import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChainPg } from '../../src/audit/pgAppend';
import { migratePgOnce } from '../../src/db/open';
import { createPgDb, type PgHandle } from '../../src/db/pg';
import { staff } from '../../src/db/pgSchema';
import { hashPassword } from '../../src/shared/passwords';
import { addPgAccounts } from './pgFactories';
import { pgAvailable, usePgCluster } from './pgHarness';

const ROOT = resolve(import.meta.dirname, '../../..');
const PASSWORD = 'two instances, one desk';
const KEYS = {
  AUDIT_KEY: 'a'.repeat(40),
  PII_KEY: 'p'.repeat(40),
  SESSION_SECRET: 's'.repeat(40),
  MESSAGE_KEY: 'm'.repeat(40),
};
const AJAX = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

type Instance = { base: string; mailbox: string; child: ChildProcess; log: () => string };

/** The real server (server/src/main.ts) in its own process on DATABASE_URL: one instance of several. */
async function startInstance(url: string, port: number): Promise<Instance> {
  const mailbox = mkdtempSync(join(tmpdir(), 'rd-instance-mail-'));
  const { DB_FILE: _none, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...env,
      ...KEYS,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      MAILBOX_DIR: mailbox,
      LOG_LEVEL: 'warn',
      // The test's two agents sign in with the password alone; every other rule is production's.
      STAFF_TOTP_EXEMPT: 'agent_a,agent_b,agent_c',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => {
    output += c;
  });
  child.stderr!.on('data', (c) => {
    output += c;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (waited > 60_000) throw new Error(`instance on ${port} did not answer within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, mailbox, child, log: () => output };
}

async function stopInstance(instance: Instance) {
  if (instance.child.exitCode === null) {
    const exited = new Promise((r) => instance.child.once('exit', r));
    instance.child.kill('SIGTERM');
    await exited;
  }
  rmSync(instance.mailbox, { recursive: true, force: true });
}

/** Signs in with the password (the agents are TOTP-exempt here) and answers the session cookie. */
async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: AJAX,
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} at ${base}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const post = (base: string, cookie: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { ...AJAX, cookie }, body: JSON.stringify(body) });

describe.skipIf(!pgAvailable('pg-instances.test.ts'))(
  'PostgreSQL: two server instances on one database',
  () => {
    const pgc = usePgCluster();
    let handle: PgHandle;
    let a: Instance;
    let b: Instance;
    let accountIds: number[];

    beforeAll(async () => {
      const url = await pgc.database('instances');
      await migratePgOnce(url);
      handle = createPgDb(url, { max: 4 });
      const passwordHash = await hashPassword(PASSWORD);
      await handle.db.insert(staff).values(
        ['agent_a', 'agent_b', 'agent_c'].map((username) => ({
          username,
          fullName: `Agent ${username}`,
          role: 'agent' as const,
          passwordHash,
        })),
      );
      accountIds = await addPgAccounts(
        handle.db,
        Array.from({ length: 40 }, (_, i) => `Instance Customer ${i}`),
      );
      // Both start at once: the migration lock lets one migrate while the other waits.
      [a, b] = await Promise.all([startInstance(url, 3371), startInstance(url, 3372)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([a, b].filter(Boolean).map(stopInstance));
      await handle?.close();
    });

    it('when a staff member signs in at one instance, then the other serves the same session', async () => {
      const cookie = await signIn(a.base, 'agent_a');
      const me = await fetch(`${b.base}/api/auth/me`, { headers: { ...AJAX, cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { username: string }).username).toBe('agent_a');
    });

    it('when both instances append audited lookups at once, then the chain has every row and verifies', async () => {
      const before = Number((await handle.pool.query('SELECT count(*) AS n FROM audit_events')).rows[0].n);
      const [cookieA, cookieB] = await Promise.all([signIn(a.base, 'agent_a'), signIn(b.base, 'agent_b')]);
      // Each agent's burst (20 lookups) is spent half on each instance, all at once.
      const perAgent = 20;
      const answers = await Promise.all(
        [cookieA, cookieB].flatMap((cookie, agent) =>
          Array.from({ length: perAgent }, (_, i) =>
            post(i % 2 ? b.base : a.base, cookie, '/api/lookup', {
              accountNumber: `OK${1_000_000_000 + ((agent * perAgent + i) % 40) + 1}`,
            }),
          ),
        ),
      );
      expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const after = Number((await handle.pool.query('SELECT count(*) AS n FROM audit_events')).rows[0].n);
      // Two sign-ins and one lookup row per request, none lost to a race.
      expect(after - before).toBe(perAgent * 2 + 2);
      const report = await verifyChainPg(handle.db, Buffer.from(KEYS.AUDIT_KEY));
      expect(report).toMatchObject({ ok: true, checked: after });
    }, 60_000);

    it('when one agent spreads 40 lookups over both instances at once, then the limit still answers exactly its burst of 20', async () => {
      const cookie = await signIn(a.base, 'agent_c');
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          post(i % 2 ? b.base : a.base, cookie, '/api/lookup', {
            accountNumber: `OK${1_000_000_000 + (i % 40) + 1}`,
          }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    }, 60_000);

    it('when both instances deliver one outbox, then every message is sent exactly once', async () => {
      const n = 120;
      const values = accountIds.flatMap((accountId, i) =>
        Array.from({ length: n / accountIds.length }, (_, k) => [
          accountId,
          'email',
          'instance_test',
          `c${i}.${k}@example.com`,
          'c***@example.com',
          'en',
          `Message ${i}.${k}`,
          `Body ${i}.${k}`,
          Date.now(),
        ]),
      );
      for (const row of values) {
        await handle.pool.query(
          `INSERT INTO messages (account_id, channel, template, recipient, recipient_masked, language, subject, body, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          row,
        );
      }
      for (let waited = 0; ; waited += 200) {
        const { rows } = await handle.pool.query(
          "SELECT count(*) AS n FROM messages WHERE template = 'instance_test' AND status <> 'sent'",
        );
        if (Number(rows[0].n) === 0) break;
        if (waited > 45_000)
          throw new Error(`${rows[0].n} messages still unsent; logs:\n${a.log()}\n${b.log()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const files = [a, b].map((x) => readdirSync(x.mailbox).filter((f) => f.endsWith('-instance_test.eml')));
      const ids = files.flat().map((f) => Number(f.split('-')[0]));
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
      // Which instance sent how many depends on whose tick came first (pg-concurrency.test.ts proves the
      // claims' SKIP LOCKED directly); here the point is that none was sent twice.
      console.info(`outbox split between the instances: ${files[0]!.length} + ${files[1]!.length}`);
      const { rows } = await handle.pool.query(
        "SELECT max(attempts) AS most FROM messages WHERE template = 'instance_test'",
      );
      expect(Number(rows[0].most)).toBe(1);
    }, 60_000);
  },
  180_000,
);
