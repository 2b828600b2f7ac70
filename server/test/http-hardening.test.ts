import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { auditEvents } from '../src/db/tables';
import { answerClientErrorsInJson } from '../src/http/clientErrors';
import { itSqliteOnly } from './engine/testDatabase';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
afterEach(() => t.close());

const ajax = (r: request.Test) =>
  r.set('X-Requested-With', 'XMLHttpRequest').set('Content-Type', 'application/json');

describe('finding 10: smaller hardening', () => {
  it('when a state-changing request is cross-site by Origin or Sec-Fetch-Site, then 403 and nothing happens', async () => {
    t = makeTestApp();
    const c = client(t);
    const crossOrigin = await ajax(
      c.agent.post('/api/auth/login').set('Origin', 'https://evil.example'),
    ).send('{"username":"a","password":"b"}');
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.body.code).toBe('cross_site');
    const crossFetch = await ajax(c.agent.post('/api/auth/login').set('Sec-Fetch-Site', 'cross-site')).send(
      '{"username":"a","password":"b"}',
    );
    expect(crossFetch.status).toBe(403);
    const sameSite = await ajax(c.agent.post('/api/auth/login').set('Sec-Fetch-Site', 'same-site')).send(
      '{}',
    );
    expect(sameSite.status).toBe(403);
    // Nothing was counted or audited for the refused requests.
    expect(await t.deps.db.select().from(auditEvents)).toEqual([]);
    // Our own origin (as PUBLIC_URL says or as the Host header says) passes.
    const own = await ajax(
      c.agent.post('/api/auth/login').set('Origin', new URL(t.deps.config.PUBLIC_URL).origin),
    ).send('{"username":"a","password":"b"}');
    expect(own.status).toBe(401);
    const sameOrigin = await ajax(c.agent.post('/api/auth/login').set('Sec-Fetch-Site', 'same-origin')).send(
      '{"username":"a","password":"b"}',
    );
    expect(sameOrigin.status).toBe(401);
  });

  it('when X-Forwarded-For is sent and TRUST_PROXY is unset, then the limits see the real address', async () => {
    t = makeTestApp();
    const c = client(t);
    await ajax(c.agent.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.77')).send(
      '{"username":"someone","password":"x"}',
    );
    const rows = await t.deps.db.select({ ip: auditEvents.ip }).from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ip).not.toBe('203.0.113.77');
    expect(rows[0]!.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('when TRUST_PROXY names the proxy, then its X-Forwarded-For is believed', async () => {
    t = makeTestApp({ TRUST_PROXY: 'loopback' });
    const c = client(t);
    await ajax(c.agent.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.77')).send(
      '{"username":"someone","password":"x"}',
    );
    expect(await t.deps.db.select({ ip: auditEvents.ip }).from(auditEvents)).toEqual([
      { ip: '203.0.113.77' },
    ]);
  });

  it('when a path id is not plain decimal, then 400 names it', async () => {
    t = makeTestApp();
    const sup = await signedIn(t, 'supervisor');
    for (const id of ['0x10', '1e3', '1%20', '%201', '01', '1.0', '-1', '0', '99999999999999999999']) {
      const res = await sup.get(`/api/staff/${id}`);
      expect(res.status, id).toBe(400);
      expect(res.body.errors, id).toHaveProperty('id');
    }
    expect((await sup.get(`/api/staff/${sup.member.id}`)).status).toBe(200);
  });

  it('when the console page is served, then index.html is no-cache while hashed assets stay cacheable', async () => {
    t = makeTestApp();
    const clientDir = join(t.dir, 'client');
    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    const app = createApp(t.deps, { clientDir });
    for (const path of ['/', '/wallet/reset-password', '/index.html']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
    }
    const asset = await request(app).get('/assets/app-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it("when the address is too long, then the answer is the JSON error shape (ours and the HTTP parser's)", async () => {
    t = makeTestApp();
    const long = await client(t).get(`/api/staff?filter=${'x'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.body.message).toMatch(/too long/i);
    const server = createApp(t.deps).listen(0);
    answerClientErrorsInJson(server);
    try {
      const port = (server.address() as { port: number }).port;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`GET /api/health?${'y'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (d) => {
          data += d;
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431/);
      expect(raw).toMatch(/Content-Type: application\/json/);
      expect(JSON.parse(raw.split('\r\n\r\n')[1] ?? '')).toHaveProperty('message');
    } finally {
      server.close();
    }
  });

  itSqliteOnly(
    'when the database is opened, then synchronous is FULL (an acknowledged action survives a power loss)',
    "a SQLite pragma: PostgreSQL's durability is its cluster's fsync and synchronous_commit, the operator's",
    () => {
      t = makeTestApp();
      expect(t.deps.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
    },
  );
});
