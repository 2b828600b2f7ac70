import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChainPg } from '../src/audit/pgAppend';
import { verifyChain } from '../src/audit/verify';
import { inTransaction } from '../src/db/client';
import type { PgDbOrTx } from '../src/db/pg';
import { firstRow } from '../src/db/rows';
import { accounts, caseNotes, messages } from '../src/db/tables';
import { enqueueMessage } from '../src/messages/outbox';
import { totpCode } from '../src/staff/totp';
import { createAccount } from './factories/accounts';
import { createStaffMember, makeTestApp, STAFF_PASSWORD, TEST_TOTP_SECRET, type TestApp } from './harness';
import { startSmtpSink } from './messages-sinks';

/**
 * Issue 12 point 5: SIGTERM while agents write and the outbox sends. The real server runs in its own
 * process on a fresh database; the test keeps its own connection to read what was committed.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const AJAX = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
const QUEUED_EMAILS = 200;
const WRITERS = 8;

let t: TestApp | undefined;
let server: ChildProcess | undefined;
let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
afterEach(async () => {
  server?.kill('SIGKILL');
  await sink?.close();
  await t?.close();
});

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/**
 * Where the server finds the test's database and keys: SQLite's file (the key files beside it), or
 * PostgreSQL's URL with the same keys passed in, as instances sharing one database get them.
 */
function databaseEnv(app: TestApp): Record<string, string> {
  if (app.engine === 'sqlite') return { DB_FILE: app.dbFile };
  const key = (name: string) => readFileSync(`${app.dbFile}.${name}-key`, 'utf8').trim();
  return {
    DATABASE_URL: app.deps.config.DATABASE_URL!,
    AUDIT_KEY: key('audit'),
    PII_KEY: key('pii'),
    SESSION_SECRET: key('session'),
    MESSAGE_KEY: key('message'),
  };
}

function startServer(app: TestApp, port: number, smtpUrl: string) {
  // Keys come from the files beside the test database, never from the developer's environment.
  const {
    DB_FILE: _d,
    DATABASE_URL: _u,
    AUDIT_KEY: _a,
    PII_KEY: _p,
    SESSION_SECRET: _s,
    MESSAGE_KEY: _m,
    ...env
  } = process.env;
  // node itself, not the tsx wrapper: the signal must reach the server's own handler.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'test',
      PORT: String(port),
      ...databaseEnv(app),
      SMTP_URL: smtpUrl,
      LOG_LEVEL: 'info',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SHUTDOWN_TIMEOUT_MS: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => {
    output += c;
  });
  child.stderr?.on('data', (c) => {
    output += c;
  });
  // 'close', not 'exit': 'exit' can come before the pipes have delivered the last lines (the "shutdown
  // complete" line was missing once in CI while the exit code was 0).
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(base: string, output: () => string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer /api/health in 30 s:\n${output()}`);
}

async function post(base: string, path: string, cookie: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...AJAX, cookie },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), cookie: res.headers.getSetCookie() };
}

describe('clean shutdown', () => {
  it('when SIGTERM arrives under load, then every acknowledged write is in the database, no message is left claimed but unsent, and the process exits 0 within the bound', async () => {
    t = makeTestApp();
    const agent = await createStaffMember(t, 'agent', { totpSecret: TEST_TOTP_SECRET });
    const { account } = await createAccount(t);
    const row = (await firstRow(
      t.deps.db.select().from(accounts).where(eq(accounts.id, account.id)).limit(1),
    ))!;
    await inTransaction(t.deps.db, async (tx) => {
      for (let i = 0; i < QUEUED_EMAILS; i++)
        await enqueueMessage(
          tx,
          { account: row, channel: 'email', template: 'account_unlocked' },
          Date.now(),
        );
    });
    sink = await startSmtpSink();
    sink.mode.delayMs = 300; // a slow provider: the outbox is mid-batch when the signal comes
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const run = startServer(t, port, sink.url);
    server = run.child;
    await waitForHealth(base, run.output);

    const login = await post(base, '/api/auth/login', '', {
      username: agent.username,
      password: STAFF_PASSWORD,
    });
    expect(login.body).toEqual({ mfaRequired: true });
    const pending = login.cookie.map((c) => c.split(';')[0]).join('; ');
    // The server runs on the real clock: the code is the one an authenticator shows now.
    const mfa = await post(base, '/api/auth/mfa', pending, { code: totpCode(TEST_TOTP_SECRET, Date.now()) });
    expect(mfa.status).toBe(200);
    const cookie = mfa.cookie.map((c) => c.split(';')[0]).join('; ');
    const opened = await post(base, '/api/cases', cookie, { accountId: account.id, channel: 'phone' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);

    const acknowledged: number[] = [];
    let refused = 0;
    let signalled = false;
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        try {
          const res = await post(base, `/api/cases/${opened.body.id}/notes`, cookie, { text: `w${w} n${i}` });
          if (res.status === 201) acknowledged.push(res.body.id);
          else if (signalled) refused++;
          else
            throw new Error(`a note answered ${res.status} before the signal: ${JSON.stringify(res.body)}`);
        } catch (error) {
          if (!signalled) throw error;
          return; // the server stopped accepting: this client got no answer and would retry
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    // At least 1.5 s of load, and more notes than writers acknowledged (PostgreSQL on a busy machine
    // commits them slower than SQLite does): the signal must land while writes flow.
    const loadStart = Date.now();
    while (
      Date.now() - loadStart < 1_500 ||
      (acknowledged.length <= WRITERS && Date.now() - loadStart < 15_000)
    )
      await new Promise((r) => setTimeout(r, 50));
    const before = acknowledged.length;
    signalled = true;
    const signalAt = Date.now();
    run.child.kill('SIGTERM');
    const code = await run.exited;
    const exitMs = Date.now() - signalAt;
    await Promise.all(writers);

    expect(code, run.output()).toBe(0);
    expect(before, 'writes were flowing when the signal came').toBeGreaterThan(WRITERS);
    const done = run
      .output()
      .split('\n')
      .find((l) => l.includes('"shutdown complete"'));
    expect(done, run.output()).toBeDefined();
    const { drainMs, forced } = JSON.parse(done!) as { drainMs: number; forced: boolean };
    expect(forced).toBe(false);
    expect(exitMs).toBeLessThan(10_000 + 5_000);

    // Every note the server answered 201 for is there, and the trail holding them verifies.
    const stored = await t.deps.db
      .select({ id: caseNotes.id })
      .from(caseNotes)
      .where(inArray(caseNotes.id, acknowledged));
    expect(stored.length).toBe(acknowledged.length);
    const chain = t.deps.sqlite
      ? verifyChain(t.deps.sqlite, t.deps.keys.auditKey)
      : await verifyChainPg(t.deps.db as unknown as PgDbOrTx, t.deps.keys.auditKey);
    expect(chain.ok).toBe(true);

    // The outbox finished what it had claimed: nothing queued under a running lease, and what the
    // provider received is exactly what is marked sent (nothing sent twice, nothing marked unsent).
    const outbox = await t.deps.db.select().from(messages);
    const claimedUnsent = outbox.filter((m) => m.status === 'queued' && m.attempts > 0);
    expect(claimedUnsent).toEqual([]);
    const sent = outbox.filter((m) => m.status === 'sent').length;
    expect(sent).toBeGreaterThan(0);
    expect(sink.received.length).toBe(sent);
    console.log(
      `shutdown under load: ${before} notes before SIGTERM, ${acknowledged.length} acknowledged in all, ` +
        `${refused} refused while draining; drain ${drainMs} ms, exit ${exitMs} ms after the signal; ` +
        `${sent} of ${QUEUED_EMAILS} emails sent, the rest queued unclaimed`,
    );
  }, 60_000);
});
