import Database from 'better-sqlite3';
import pg from 'pg';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Config } from '../src/config';
import { inTransaction } from '../src/db/client';
import { DESK_WRITE_LOCK } from '../src/db/pgEngine';
import { rawGet, rawRun } from '../src/db/rows';
import type { AppDeps } from '../src/deps';
import { startDeliveryWorker } from '../src/messages/delivery';
import { enqueueMessage } from '../src/messages/outbox';
import { markDraining } from '../src/ops/lifecycle';
import { createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
const stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await t.close();
});

function app(config: Partial<Config> = {}, { worker = true } = {}) {
  t = makeTestApp(config);
  if (worker) stops.push(startDeliveryWorker(t.deps, 60_000));
  return t;
}

const ready = (a = t.app) => request(a).get('/api/ready');

/**
 * Another process in the middle of a write: on SQLite a second connection to the file inside BEGIN
 * IMMEDIATE, on PostgreSQL a second client inside a transaction holding the desk's write lock.
 */
async function holdWriteLock(): Promise<{ release: () => Promise<void> }> {
  if (t.deps.sqlite) {
    const other = new Database(t.dbFile);
    other.exec('BEGIN IMMEDIATE');
    return {
      release: async () => {
        other.exec('ROLLBACK');
        other.close();
      },
    };
  }
  // The test's database is created as its pool first connects: let that happen before a client of our own.
  await rawGet(t.deps.db, 'SELECT 1 AS one');
  const other = new pg.Client({ connectionString: t.deps.config.DATABASE_URL });
  await other.connect();
  await other.query('BEGIN');
  await other.query('SELECT pg_advisory_xact_lock($1)', [DESK_WRITE_LOCK]);
  return {
    release: async () => {
      await other.query('ROLLBACK');
      await other.end();
    },
  };
}

describe('health and readiness', () => {
  it('when everything is in order, then /api/health and /api/ready answer 200 with every check ok', async () => {
    app();
    expect((await request(t.app).get('/api/health')).body).toEqual({ status: 'ok' });
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      problems: [],
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        outbox: { ok: true },
        auditKey: { ok: true },
        accepting: { ok: true },
      },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when another process holds the write lock, then /api/ready is 503 saying the database is not writable; health stays 200', async () => {
    app();
    const other = await holdWriteLock();
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(res.body.checks.database).toMatchObject({ ok: false });
      expect(res.body.message).toMatch(/database is not writable: database is locked/);
      expect((await request(t.app).get('/api/health')).status).toBe(200);
    } finally {
      await other.release();
    }
    expect((await ready()).status).toBe(200);
  });

  it('when the database is behind the code’s migrations, then /api/ready names the migrations', async () => {
    app();
    await rawRun(t.deps.db, {
      sqlite:
        'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
      pg: 'DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)',
    });
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.problems).toEqual([expect.stringMatching(/^database schema is behind the code/)]);
  });

  it('when the outbox worker is not running, then /api/ready says so', async () => {
    app({}, { worker: false });
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.problems).toEqual(['outbox worker is not running']);
  });

  it('when the server runs with another audit key than the trail was written with, then /api/ready says the key does not match', async () => {
    app();
    const staff = await signedIn(t, 'agent'); // writes a staff.sign_in row with the real key
    expect(staff.member.id).toBeGreaterThan(0);
    const wrongKey: AppDeps = { ...t.deps, keys: { ...t.deps.keys, auditKey: Buffer.from('x'.repeat(64)) } };
    stops.push(startDeliveryWorker(wrongKey, 60_000));
    const res = await ready(createApp(wrongKey));
    expect(res.status).toBe(503);
    expect(res.body.problems).toEqual([expect.stringMatching(/^audit key does not match the audit trail/)]);
  });

  it('when the server is shutting down, then /api/ready is 503 and answers close their connection', async () => {
    app();
    markDraining(t.deps);
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.problems).toEqual(['shutting down: finishing requests in flight']);
    expect(res.headers.connection).toBe('close');
  });
});

describe('GET /metrics', () => {
  it('when scraped from loopback after a call, then it has HTTP, lookup, action, denial, outbox, audit and session figures, and no id or PII', async () => {
    app();
    const { account } = await createAccount(t, {
      fullName: 'Zhang Metricson',
      email: 'metricson@example.com',
    });
    const agent = await signedIn(t, 'agent');
    await agent.post('/api/lookup', { fullName: 'Zhang Metricson' });
    const kase = await openCase(agent, account.id);
    // An unlock without the level is refused: a denied attempt.
    await agent.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: 'caller asked',
      version: 1,
    });
    await inTransaction(t.deps.db, async (tx) =>
      enqueueMessage(tx, { account, channel: 'sms', template: 'account_unlocked' }, t.deps.now() - 90_000),
    );
    await agent.get(`/api/accounts/${account.id}`);

    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/api\/lookup",status="200"\} 1$/m);
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="\/api\/accounts\/:id",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/api\/cases",status="201"\} 1$/m,
    );
    expect(text).toMatch(/^recovery_desk_lookups_total\{outcome="success"\} 1$/m);
    expect(text).toMatch(/^recovery_desk_actions_total\{action="case.open",outcome="success"\} 1$/m);
    expect(text).toMatch(/^recovery_desk_denied_attempts_total\{action="account.unlock"\} 1$/m);
    expect(text).toMatch(/^recovery_desk_outbox_queue_depth 1$/m);
    const age = Number(/^recovery_desk_outbox_oldest_queued_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(90);
    const rows = (await rawGet<{ n: number }>(t.deps.db, 'SELECT count(*) AS n FROM audit_events'))!;
    expect(text).toMatch(new RegExp(`^recovery_desk_audit_chain_length ${rows.n}$`, 'm'));
    expect(text).toMatch(/^recovery_desk_active_staff_sessions 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
    expect(text).toMatch(/^recovery_desk_message_delivery_failures_total\{channel="email"\} 0$/m);
    expect(text).toMatch(
      /^http_requests_total\{method="POST",route="\/api\/accounts\/:id\/unlock",status="403"\} 1$/m,
    );

    const labels = [...text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).join('\n');
    for (const secret of [
      account.accountNumber,
      account.email,
      'Metricson',
      agent.member.username,
      `/${account.id}`,
    ]) {
      expect(labels).not.toContain(secret);
    }
    expect(labels).not.toMatch(/\/\d+/);
  });

  it('when METRICS_ALLOW does not include the caller, then 403 and no figures', async () => {
    app({ METRICS_ALLOW: ['10.0.0.0/8'] });
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('http_requests_total');
  });

  it('when a request through a local proxy comes from outside, then the forwarded address is refused too', async () => {
    app();
    const res = await request(t.app).get('/metrics').set('X-Forwarded-For', '198.51.100.23');
    expect(res.status).toBe(403);
    const allowed = await request(t.app).get('/metrics').set('X-Forwarded-For', '127.0.0.1');
    expect(allowed.status).toBe(200);
  });
});
