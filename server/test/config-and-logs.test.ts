import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { ConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/http/logger';
import { client, makeTestApp, type TestApp } from './harness';

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DB_FILE: 'data/recovery-desk.db',
      MAILBOX_DIR: 'data/mailbox',
      PUBLIC_URL: 'http://localhost:3000',
    });
  });

  it('when PUBLIC_URL is not set, then links follow PORT; when set, it wins', () => {
    expect(loadConfig({ PORT: '3257' }).PUBLIC_URL).toBe('http://localhost:3257');
    expect(loadConfig({ PORT: '3257', PUBLIC_URL: 'https://desk.example.com/' }).PUBLIC_URL).toBe(
      'https://desk.example.com',
    );
  });

  it('when a value is bad, then the error names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ AUDIT_KEY: 'short' })).toThrow(/AUDIT_KEY: must be at least 32/);
  });

  it('when NODE_ENV is production without SESSION_SECRET, then start-up refuses', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required/);
  });
});

describe('request logs', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('when a request carries secrets in its body or query, then the log line has neither', async () => {
    t = makeTestApp();
    const lines: string[] = [];
    const app = createApp({ ...t.deps, logger: createLogger('info', (l) => lines.push(l)) });
    const c = client({ ...t, app });
    await c.post('/api/auth/login', { username: 'someone', password: 'hunter2-secret' });
    await c.get('/api/health?token=abc123secret');
    const text = lines.join('\n');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('abc123secret');
    expect(text).not.toContain('someone');
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.route)).toEqual(['/api/auth/login', '/api/health']);
    expect(entries[0]).toMatchObject({ status: 401, method: 'POST' });
    expect(entries[0].requestId).toMatch(/[0-9a-f-]{36}/);
  });
});
