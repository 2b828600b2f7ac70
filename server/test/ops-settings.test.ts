import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addressMatcher, ConfigError, loadConfig, SETTINGS } from '../src/config';
import { client, createStaffMember, makeTestApp, STAFF_PASSWORD, type TestApp } from './harness';

const KEY = 'k'.repeat(40);
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: KEY,
  AUDIT_KEY: KEY,
  PII_KEY: KEY,
  PUBLIC_URL: 'https://desk.okpay.example',
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('production settings checked at start', () => {
  it('when NODE_ENV=production and nothing else is set, then one message names every missing setting', () => {
    const message = refusal({ NODE_ENV: 'production' });
    for (const name of ['SESSION_SECRET', 'AUDIT_KEY', 'PII_KEY', 'PUBLIC_URL']) {
      expect(message).toMatch(new RegExp(`^  ${name}: required when NODE_ENV=production`, 'm'));
    }
  });

  it('when one key is missing, then only that one is named', () => {
    const { PII_KEY: _omitted, ...rest } = PRODUCTION;
    const message = refusal(rest);
    expect(message).toContain('PII_KEY: required');
    expect(message).not.toContain('AUDIT_KEY');
    expect(message).not.toContain('SESSION_SECRET');
  });

  it('when PUBLIC_URL is plain http in production, then start-up refuses; in development it is fine', () => {
    expect(refusal({ ...PRODUCTION, PUBLIC_URL: 'http://desk.okpay.example' })).toContain(
      'PUBLIC_URL: must be an https:// address',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'http://localhost:3000' })).not.toThrow();
  });

  it('when every production setting is given, then it starts', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({ NODE_ENV: 'production', PII_KEY: KEY });
  });

  it('when a key is too short, then the message says so, naming it', () => {
    expect(refusal({ ...PRODUCTION, PII_KEY: 'short' })).toMatch(/PII_KEY: must be at least 32/);
  });

  it('when METRICS_ALLOW holds something that is not an address or range, then start-up refuses naming it', () => {
    expect(refusal({ METRICS_ALLOW: '10.0.0.0/8, prometheus.local' })).toMatch(
      /METRICS_ALLOW: "prometheus.local" is not an IP address/,
    );
    expect(refusal({ METRICS_ALLOW: '10.0.0.0/33' })).toMatch(/METRICS_ALLOW/);
    const allow = addressMatcher(loadConfig({ METRICS_ALLOW: '10.1.0.0/16, 2001:db8::1' }).METRICS_ALLOW);
    expect(['10.1.2.3', '::ffff:10.1.9.9', '2001:db8::1'].map(allow)).toEqual([true, true, true]);
    expect(['10.2.0.1', '127.0.0.1', '2001:db8::2', 'garbage'].map(allow)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('when .env.example is read, then it lists every setting the server reads, each with a comment', () => {
    const example = readFileSync(resolve(import.meta.dirname, '../../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s?([A-Z_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...SETTINGS].sort());
    for (const name of SETTINGS) {
      const line = example.split('\n').findIndex((l) => new RegExp(`^#?\\s?${name}=`).test(l));
      expect(example.split('\n')[line - 1], `${name} has a comment above it`).toMatch(/^# \S/);
    }
  });
});

describe('session cookie in production', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('when a supervisor signs in through the https proxy, then the session cookie is Secure, HttpOnly and SameSite=Strict', async () => {
    t = makeTestApp({ NODE_ENV: 'production', TRUST_PROXY: 'loopback' });
    const member = await createStaffMember(t, 'supervisor');
    const res = await client(t)
      .agent.post('/api/auth/login')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: member.username, password: STAFF_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/rd\.sid=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });
});
