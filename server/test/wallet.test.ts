import { asc, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditEvents, devices, loginEvents } from '../src/db/tables';
import { LOCKED_MESSAGE, WRONG_LOGIN_MESSAGE } from '../src/wallet/walletSignIn';
import { createAccount, reloadAccount } from './factories/accounts';
import { secondInstance } from './factories/secondInstance';
import { client, makeTestApp, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const MIN = 60_000;

function signIn(login: string, password: string, country = 'CN', userAgent = CHROME_WINDOWS, app = t.app) {
  return request(app)
    .post('/api/wallet/login')
    .set('X-Requested-With', 'XMLHttpRequest')
    .set('Content-Type', 'application/json')
    .set('X-Geo-Country', country)
    .set('User-Agent', userAgent)
    .send(JSON.stringify({ login, password }));
}

const events = (accountId: number) =>
  t.deps.db
    .select()
    .from(loginEvents)
    .where(eq(loginEvents.accountId, accountId))
    .orderBy(asc(loginEvents.id));

async function failTimes(email: string, n: number) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await signIn(email, 'wrong password!')).status);
  return statuses;
}

describe('wallet sign-in', () => {
  it('when the password is right, then 200 with the account number, an event and a device are recorded', async () => {
    const { account, password } = await createAccount(t);
    const res = await signIn(account.email, password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      signedIn: true,
      accountNumber: account.accountNumber,
      mustChangePassword: false,
      twoFactorEnrolRequired: false,
    });
    expect(await events(account.id)).toMatchObject([
      { outcome: 'success', device: 'Chrome on Windows', country: 'CN', at: t.deps.now() },
    ]);
    const rows = await t.deps.db.select().from(devices).where(eq(devices.accountId, account.id));
    expect(rows).toMatchObject([{ label: 'Chrome on Windows', lastCountry: 'CN', revokedAt: null }]);
  });

  it('when 5 wrong passwords follow each other, then the 5th answers 423, locks for 30 min and bumps the version', async () => {
    const { account } = await createAccount(t);
    expect(await failTimes(account.email, 5)).toEqual([401, 401, 401, 401, 423]);
    const after = await reloadAccount(t, account.id);
    expect(after).toMatchObject({ status: 'locked', lockReason: 'failed_attempts', lockedAt: t.deps.now() });
    expect(after.lockedUntil).toBe(t.deps.now() + 30 * MIN);
    expect(after.version).toBe(account.version + 1);
    expect((await events(account.id)).map((e) => e.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'locked_out',
    ]);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'wallet.auto_lock'));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ lockReason: 'failed_attempts', permanent: false });
  });

  it('when the account is locked, then the right password gets the same 423 message as a wrong one', async () => {
    const { account, password } = await createAccount(t);
    await failTimes(account.email, 5);
    const right = await signIn(account.email, password);
    const wrong = await signIn(account.email, 'still wrong!');
    expect(right.status).toBe(423);
    expect(wrong.status).toBe(423);
    expect(right.body.message).toBe(LOCKED_MESSAGE);
    expect(wrong.body.message).toBe(right.body.message);
    expect((await events(account.id)).slice(-2).map((e) => e.outcome)).toEqual(['blocked', 'blocked']);
    expect((await reloadAccount(t, account.id)).version).toBe(account.version + 1);
  });

  it('when 30 minutes have passed, then the next attempt lifts the lock and the right password signs in', async () => {
    const { account, password } = await createAccount(t);
    await failTimes(account.email, 5);
    t.advance(29 * MIN);
    expect((await signIn(account.email, password)).status).toBe(423);
    t.advance(MIN);
    expect((await signIn(account.email, password)).status).toBe(200);
    expect(await reloadAccount(t, account.id)).toMatchObject({
      status: 'active',
      lockReason: null,
      lockedUntil: null,
      failedSignInCount: 0,
      version: account.version + 2,
    });
  });

  it('when the third lock comes within 24 h, then it lasts until support unlocks it', async () => {
    const { account, password } = await createAccount(t);
    for (let lock = 1; lock <= 3; lock++) {
      expect((await failTimes(account.email, 5)).at(-1)).toBe(423);
      const after = await reloadAccount(t, account.id);
      expect(after.lockedUntil).toBe(lock < 3 ? t.deps.now() + 30 * MIN : null);
      t.advance(31 * MIN);
    }
    t.advance(24 * 60 * MIN);
    expect((await signIn(account.email, password)).status).toBe(423);
    expect(await reloadAccount(t, account.id)).toMatchObject({
      status: 'locked',
      lockReason: 'failed_attempts',
    });
  }, 60_000);

  it('when a right password comes between wrong ones, then the count restarts and 4 more failures do not lock', async () => {
    const { account, password } = await createAccount(t);
    await failTimes(account.email, 4);
    expect((await signIn(account.email, password)).status).toBe(200);
    expect((await reloadAccount(t, account.id)).failedSignInCount).toBe(0);
    expect(await failTimes(account.email, 4)).toEqual([401, 401, 401, 401]);
    expect(await reloadAccount(t, account.id)).toMatchObject({ status: 'active', failedSignInCount: 4 });
  });

  it('when two countries sign in successfully within an hour, then the second answers 423 and locks suspicious_activity', async () => {
    const { account, password } = await createAccount(t);
    expect((await signIn(account.email, password, 'CN')).status).toBe(200);
    t.advance(59 * MIN);
    const second = await signIn(account.email, password, 'US');
    expect(second.status).toBe(423);
    expect(second.body.message).toBe(LOCKED_MESSAGE);
    expect(await reloadAccount(t, account.id)).toMatchObject({
      status: 'locked',
      lockReason: 'suspicious_activity',
      lockedUntil: null,
      version: account.version + 1,
    });
    expect((await events(account.id)).map((e) => `${e.outcome}:${e.country}`)).toEqual([
      'success:CN',
      'locked_out:US',
    ]);
    t.advance(24 * 60 * MIN);
    expect((await signIn(account.email, password, 'US')).status).toBe(423);
  });

  it('when the two countries are 61 minutes apart, then both sign in', async () => {
    const { account, password } = await createAccount(t);
    expect((await signIn(account.email, password, 'CN')).status).toBe(200);
    t.advance(61 * MIN);
    expect((await signIn(account.email, password, 'US')).status).toBe(200);
    expect((await reloadAccount(t, account.id)).status).toBe('active');
  });

  it('when the country header is missing or malformed, then ZZ is recorded and never counts as another country', async () => {
    const { account, password } = await createAccount(t);
    expect((await signIn(account.email, password, 'CN')).status).toBe(200);
    expect((await signIn(account.email, password, 'china')).status).toBe(200);
    expect((await events(account.id)).map((e) => e.country)).toEqual(['CN', 'ZZ']);
  });

  it('when the login is the phone in another format or the account number, then it signs in', async () => {
    const { account, password } = await createAccount(t, { phone: '+8613812345678' });
    expect((await signIn('138 1234 5678', password)).status).toBe(200);
    expect((await signIn('0086-138-1234-5678', password)).status).toBe(200);
    const spaced = `${account.accountNumber.slice(0, 2).toLowerCase()} ${account.accountNumber.slice(2)}`;
    expect((await signIn(spaced, password)).status).toBe(200);
    expect((await signIn(account.email.toUpperCase(), password)).status).toBe(200);
  });

  it('when the login is unknown, then 401 with the same message as a wrong password and nothing is recorded', async () => {
    const { account } = await createAccount(t);
    const unknown = await signIn('nobody@example.com', 'whatever password');
    const wrong = await signIn(account.email, 'whatever password');
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(WRONG_LOGIN_MESSAGE);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(await t.deps.db.select().from(loginEvents)).toHaveLength(1);
  });

  it('when the account is closed, then 423 with the one locked message even for the right password', async () => {
    const { account, password } = await createAccount(t, { status: 'closed' });
    const res = await signIn(account.email, password);
    expect(res.status).toBe(423);
    expect(res.body.message).toBe(LOCKED_MESSAGE);
    expect((await events(account.id)).map((e) => e.outcome)).toEqual(['blocked']);
  });

  it('when fields are missing, then 400 names each of them and nothing is recorded', async () => {
    const res = await client(t).post('/api/wallet/login', { login: '  ' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['login', 'password']);
    expect(await t.deps.db.select().from(loginEvents)).toHaveLength(0);
  });

  it('when one network tries more than 30 times a minute, then 429 until the minute is over', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await signIn(`nobody${i}@example.com`, 'x')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    t.advance(MIN);
    expect((await signIn('nobody@example.com', 'x')).status).toBe(401);
  }, 60_000);

  it('when one network tries 31 times a minute across two server instances, then the 31st still answers 429', async () => {
    const other = secondInstance(t);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const app = i % 2 ? other.app : t.app;
        statuses.push((await signIn(`nobody${i}@example.com`, 'x', 'CN', CHROME_WINDOWS, app)).status);
      }
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses[30]).toBe(429);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('when the password is wrong, then the response and the database never hold it', async () => {
    const { account } = await createAccount(t);
    const res = await signIn(account.email, 'my-secret-guess');
    expect(JSON.stringify(res.body)).not.toContain('my-secret-guess');
    const row = await t.deps.db.select().from(accounts).where(eq(accounts.id, account.id));
    expect(JSON.stringify(row)).not.toContain('my-secret-guess');
  });
});
