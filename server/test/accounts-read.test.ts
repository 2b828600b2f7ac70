import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRun } from '../src/db/rows';
import { auditEvents } from '../src/db/tables';
import { addLoginEvent, createAccount } from './factories/accounts';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const MIN = 60_000;
const views = async () =>
  (await t.deps.db.select().from(auditEvents).orderBy(auditEvents.id)).filter(
    (e) => e.action === 'account.view',
  );

async function lock(
  id: number,
  reason: string,
  lockedAt: number,
  lockedBy: number | null = null,
  lockedUntil: number | null = null,
) {
  await rawRun(
    t.deps.db,
    "UPDATE accounts SET status = 'locked', lock_reason = ?, locked_at = ?, locked_until = ?, locked_by = ?, failed_sign_in_count = 5 WHERE id = ?",
    [reason, lockedAt, lockedUntil, lockedBy, id],
  );
}

async function arrangeCustomer() {
  return createAccount(t, {
    fullName: 'José Núñez',
    email: 'jose.nunez@example.com',
    phone: '+8613812345678',
    dateOfBirth: '1990-03-05',
    nationalId: '110101199003051234',
  });
}

describe('GET /api/accounts/:id', () => {
  it('when an agent opens an active account, then the record is masked, complete, and the view is audited', async () => {
    const { account, nationalId } = await arrangeCustomer();
    const c = await signedIn(t, 'agent');
    const res = await c.get(`/api/accounts/${account.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: account.id,
      accountNumber: account.accountNumber,
      fullName: 'José Núñez',
      maskedEmail: 'j***z@e**.com',
      maskedPhone: '+86 *******5678',
      birthYear: 1990,
      nationalIdMasked: '****1234',
      country: 'CN',
      status: 'active',
      lockReason: null,
      lockedAt: null,
      lockedUntil: null,
      lockedBy: null,
      failedSignInCount: 0,
      twoFactorEnabled: false,
      socialProvider: null,
      mustChangePassword: false,
      version: 1,
      lockDetails: null,
    });
    const text = JSON.stringify(res.body);
    for (const secret of [
      'jose.nunez@example.com',
      '13812345678',
      '1990-03-05',
      nationalId,
      account.passwordHash,
      account.nationalIdHash,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(res.body).not.toHaveProperty('passwordHash');
    expect(res.body).not.toHaveProperty('email');
    expect(await views()).toMatchObject([
      { actorId: c.member.id, targetType: 'account', targetId: String(account.id), outcome: 'success' },
    ]);
  });

  it('when the account was locked by failed sign-ins, then lockDetails lists the run of failures up to the lock', async () => {
    const { account } = await arrangeCustomer();
    const lockedAt = t.deps.now();
    await addLoginEvent(t, account.id, { at: lockedAt - 600 * MIN, outcome: 'failure', ip: '198.51.100.1' });
    await addLoginEvent(t, account.id, { at: lockedAt - 300 * MIN, outcome: 'success' });
    for (let i = 4; i >= 1; i--) {
      await addLoginEvent(t, account.id, {
        at: lockedAt - i * MIN,
        outcome: 'failure',
        ip: `203.0.113.${i}`,
        device: 'Firefox on Linux',
        country: 'RU',
      });
    }
    await addLoginEvent(t, account.id, {
      at: lockedAt,
      outcome: 'locked_out',
      ip: '203.0.113.9',
      device: 'Firefox on Linux',
      country: 'RU',
    });
    await addLoginEvent(t, account.id, { at: lockedAt + MIN, outcome: 'blocked' });
    await lock(account.id, 'failed_attempts', lockedAt, null, lockedAt + 30 * MIN);
    const c = await signedIn(t, 'agent');
    const res = await c.get(`/api/accounts/${account.id}`);
    expect(res.body).toMatchObject({
      status: 'locked',
      lockReason: 'failed_attempts',
      lockedAt,
      lockedUntil: lockedAt + 30 * MIN,
      failedSignInCount: 5,
    });
    expect(res.body.lockDetails).toHaveLength(5);
    expect(res.body.lockDetails[0]).toEqual({
      at: lockedAt,
      outcome: 'locked_out',
      ip: '203.0.113.9',
      device: 'Firefox on Linux',
      country: 'RU',
    });
    expect(res.body.lockDetails.map((e: { ip: string }) => e.ip)).toEqual([
      '203.0.113.9',
      '203.0.113.1',
      '203.0.113.2',
      '203.0.113.3',
      '203.0.113.4',
    ]);
  });

  it('when the account was locked for sign-ins from two countries, then lockDetails lists the successes of that hour', async () => {
    const { account } = await arrangeCustomer();
    const lockedAt = t.deps.now();
    await addLoginEvent(t, account.id, { at: lockedAt - 180 * MIN, outcome: 'success', country: 'CN' });
    await addLoginEvent(t, account.id, {
      at: lockedAt - 40 * MIN,
      outcome: 'success',
      country: 'CN',
      ip: '203.0.113.7',
    });
    await addLoginEvent(t, account.id, { at: lockedAt - 20 * MIN, outcome: 'failure', country: 'US' });
    await addLoginEvent(t, account.id, { at: lockedAt, outcome: 'success', country: 'US', ip: '192.0.2.55' });
    await lock(account.id, 'suspicious_activity', lockedAt);
    const c = await signedIn(t, 'agent');
    const res = await c.get(`/api/accounts/${account.id}`);
    expect(res.body.lockDetails.map((e: { country: string; ip: string }) => `${e.country} ${e.ip}`)).toEqual([
      'US 192.0.2.55',
      'CN 203.0.113.7',
    ]);
  });

  it('when a supervisor put the account on hold, then lockedBy names them and no sign-ins are blamed', async () => {
    const { account } = await arrangeCustomer();
    await addLoginEvent(t, account.id, { outcome: 'failure' });
    const c = await signedIn(t, 'supervisor');
    await lock(account.id, 'customer_request', t.deps.now(), c.member.id);
    const res = await c.get(`/api/accounts/${account.id}`);
    expect(res.body.lockedBy).toEqual({ id: c.member.id, username: c.member.username });
    expect(res.body.lockDetails).toEqual([]);
  });

  it('when the account does not exist or the id is not a number, then 404 / 400 and nothing is audited', async () => {
    const c = await signedIn(t, 'agent');
    expect((await c.get('/api/accounts/999999')).status).toBe(404);
    const bad = await c.get('/api/accounts/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('id');
    expect(await views()).toHaveLength(0);
  });

  it('when nobody is signed in, then 401', async () => {
    const { account } = await arrangeCustomer();
    expect((await client(t).get(`/api/accounts/${account.id}`)).status).toBe(401);
    expect(await views()).toHaveLength(0);
  });
});

describe('GET /api/accounts (getMany only)', () => {
  it('when react-admin asks for ids, then those masked accounts come back with Content-Range, audited once per account', async () => {
    const a = await arrangeCustomer();
    const b = await createAccount(t, { fullName: 'Li Wei' });
    await createAccount(t, { fullName: 'Not Asked For' });
    const c = await signedIn(t, 'agent');
    const filter = encodeURIComponent(JSON.stringify({ id: [b.account.id, a.account.id] }));
    const res = await c.get(`/api/accounts?filter=${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('accounts 0-1/2');
    expect(res.body.map((r: { id: number }) => r.id)).toEqual([a.account.id, b.account.id]);
    expect(res.body[0]).toMatchObject({ maskedEmail: 'j***z@e**.com', birthYear: 1990 });
    expect(JSON.stringify(res.body)).not.toContain('jose.nunez@example.com');
    expect((await views()).map((v) => [Number(v.targetId), JSON.parse(v.details)])).toEqual([
      [a.account.id, { list: true }],
      [b.account.id, { list: true }],
    ]);
  });

  it.each([
    ['', 'filter.id'],
    [`?filter=${encodeURIComponent('{}')}`, 'filter.id'],
    [`?filter=${encodeURIComponent('{"q":"Jose"}')}`, 'filter'],
    [`?filter=${encodeURIComponent('{"id":[]}')}`, 'filter.id'],
  ])('when the list is browsed without ids (%s), then 400 names the filter', async (query, field) => {
    await arrangeCustomer();
    const c = await signedIn(t, 'agent');
    const res = await c.get(`/api/accounts${query}`);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)[0]).toBe(field);
    expect(await views()).toHaveLength(0);
  });
});
