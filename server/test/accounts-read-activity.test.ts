import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRun } from '../src/db/rows';
import { addDevice, addLoginEvent, addTransactions, createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const q = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

describe('GET /api/login-events', () => {
  it('when listed for an account, then its events only, newest first, paged with Content-Range', async () => {
    const { account } = await createAccount(t);
    const { account: someoneElse } = await createAccount(t);
    const now = t.deps.now();
    for (let i = 0; i < 3; i++)
      await addLoginEvent(t, account.id, { at: now - i * 1000, ip: `203.0.113.${i}` });
    await addLoginEvent(t, someoneElse.id, { ip: '198.51.100.9' });
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const res = await c.get(
      `/api/login-events?${q({ filter: { accountId: account.id, caseId: kase.id }, sort: ['at', 'DESC'], range: [0, 1] })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('login-events 0-1/3');
    expect(res.body.map((e: { ip: string }) => e.ip)).toEqual(['203.0.113.0', '203.0.113.1']);
    expect(res.body[0]).toEqual({
      id: expect.any(Number),
      accountId: account.id,
      at: now,
      outcome: 'success',
      ip: '203.0.113.0',
      device: 'Chrome on Windows',
      country: 'CN',
    });
  });

  it('when filtered by outcome, then only those events count', async () => {
    const { account } = await createAccount(t);
    await addLoginEvent(t, account.id, { outcome: 'failure' });
    await addLoginEvent(t, account.id, { outcome: 'success' });
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const res = await c.get(
      `/api/login-events?${q({ filter: { accountId: account.id, caseId: kase.id, outcome: 'failure' } })}`,
    );
    expect(res.headers['content-range']).toBe('login-events 0-0/1');
    expect(res.body[0].outcome).toBe('failure');
  });
});

describe('GET /api/devices', () => {
  it('when listed for an account, then its devices come back, and active=false shows only revoked ones', async () => {
    const { account } = await createAccount(t);
    const phone = await addDevice(t, account.id, 'iPhone 15');
    const laptop = await addDevice(t, account.id, 'MacBook');
    await rawRun(t.deps.db, 'UPDATE devices SET revoked_at = ? WHERE id = ?', [t.deps.now(), laptop.id]);
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const all = await c.get(
      `/api/devices?${q({ filter: { accountId: account.id, caseId: kase.id }, sort: ['label', 'ASC'] })}`,
    );
    expect(all.headers['content-range']).toBe('devices 0-1/2');
    expect(all.body.map((d: { label: string }) => d.label)).toEqual(['MacBook', 'iPhone 15']);
    const revoked = await c.get(
      `/api/devices?${q({ filter: { accountId: account.id, caseId: kase.id, active: false } })}`,
    );
    expect(revoked.body.map((d: { id: number }) => d.id)).toEqual([laptop.id]);
    const active = await c.get(
      `/api/devices?${q({ filter: { accountId: account.id, caseId: kase.id, active: true } })}`,
    );
    expect(active.body.map((d: { id: number }) => d.id)).toEqual([phone.id]);
  });
});

describe('GET /api/transactions', () => {
  it('when listed, then the 5 most recent amounts are withheld and older ones shown, on every page and order', async () => {
    const { account } = await createAccount(t);
    await addTransactions(t, account.id, [10.5, 20, 30, 40, 50, 60, 70]); // 10.5 is the oldest
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const newest = await c.get(
      `/api/transactions?${q({ filter: { accountId: account.id, caseId: kase.id } })}`,
    );
    expect(newest.headers['content-range']).toBe('transactions 0-6/7');
    expect(newest.body.map((x: { amount: number | null }) => x.amount)).toEqual([
      null,
      null,
      null,
      null,
      null,
      20,
      10.5,
    ]);
    expect(newest.body.map((x: { amountWithheld: boolean }) => x.amountWithheld)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(JSON.stringify(newest.body)).not.toMatch(/"amount":(30|40|50|60|70)\b/);
    const oldestFirst = await c.get(
      `/api/transactions?${q({ filter: { accountId: account.id, caseId: kase.id }, sort: ['at', 'ASC'], range: [0, 2] })}`,
    );
    expect(oldestFirst.body.map((x: { amount: number | null }) => x.amount)).toEqual([10.5, 20, null]);
    expect(oldestFirst.body[0]).toMatchObject({
      currency: 'CNY',
      counterparty: 'Shop 0',
      amountWithheld: false,
    });
  });

  it('when someone tries to sort or filter by amount, then 400 (that would order the withheld amounts)', async () => {
    const { account } = await createAccount(t);
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const sorted = await c.get(
      `/api/transactions?${q({ filter: { accountId: account.id, caseId: kase.id }, sort: ['amount', 'DESC'] })}`,
    );
    expect(sorted.status).toBe(400);
    expect(sorted.body.errors).toHaveProperty('sort');
    const filtered = await c.get(
      `/api/transactions?${q({ filter: { accountId: account.id, caseId: kase.id, amount: 30 } })}`,
    );
    expect(filtered.status).toBe(400);
  });
});

describe('activity lists: access', () => {
  it.each(['login-events', 'devices', 'transactions'])(
    'when %s is asked for without an accountId, then 400 names filter.accountId',
    async (resource) => {
      const c = await signedIn(t, 'agent');
      const res = await c.get(`/api/${resource}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('filter.accountId');
    },
  );

  it.each(['login-events', 'devices', 'transactions'])(
    'when %s is asked for without a session, then 401',
    async (resource) => {
      const { account } = await createAccount(t);
      const res = await client(t).get(`/api/${resource}?${q({ filter: { accountId: account.id } })}`);
      expect(res.status).toBe(401);
    },
  );
});
