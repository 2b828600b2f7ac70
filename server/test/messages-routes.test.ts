import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/client';
import type { Account } from '../src/db/tables';
import { enqueueMessage } from '../src/messages/outbox';
import { createAccount } from './factories/accounts';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const LINK = 'http://localhost:3000/wallet/reset-password?token=SECRET_token_value';

function queueTwo(account: Account) {
  return inTransaction(t.deps.db, async (tx) => [
    await enqueueMessage(
      tx,
      {
        account,
        channel: 'sms',
        template: 'verification_code',
        vars: { code: '864209' },
        sealKey: t.deps.keys.messageKey,
      },
      1000,
    ),
    await enqueueMessage(
      tx,
      {
        account,
        channel: 'email',
        template: 'password_reset_link',
        vars: { link: LINK },
        sealKey: t.deps.keys.messageKey,
      },
      2000,
    ),
  ]);
}

const list = (
  c: { get: (u: string) => ReturnType<ReturnType<typeof client>['get']> },
  filter: unknown,
  extra = '',
) => c.get(`/api/messages?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`);

describe('messages list', () => {
  it('when an agent lists an account’s messages, then each shows masked recipient and status, never the subject, body or address', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const other = await createAccount(t);
    const [smsId, emailId] = await queueTwo(account);
    await queueTwo(other.account);
    const res = await list(agent, { accountId: account.id });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('messages 0-1/2');
    expect(res.body.map((m: { id: number }) => m.id)).toEqual([emailId, smsId]);
    expect(res.body[0]).toMatchObject({
      accountId: account.id,
      channel: 'email',
      template: 'password_reset_link',
      status: 'queued',
      attempts: 0,
      lastError: null,
      language: 'zh',
      createdAt: 2000,
    });
    expect(res.body[0].recipientMasked).toMatch(/\*\*\*/);
    expect(res.body[1].recipientMasked).toMatch(/^\+86 \*+\d{4}$/);
    for (const m of res.body) {
      expect(m).not.toHaveProperty('subject');
      expect(m).not.toHaveProperty('body');
      expect(m).not.toHaveProperty('recipient');
    }
    const raw = JSON.stringify(res.body);
    for (const secret of ['864209', 'SECRET_token_value', account.email, account.phone])
      expect(raw).not.toContain(secret);
  });

  it('when the list is sorted, filtered by status, or fetched by ids, then it follows ra-data-simple-rest', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t);
    const [smsId, emailId] = await queueTwo(account);
    const asc = await list(
      supervisor,
      { accountId: account.id },
      `&sort=${encodeURIComponent('["createdAt","ASC"]')}`,
    );
    expect(asc.body.map((m: { id: number }) => m.id)).toEqual([smsId, emailId]);
    const sms = await list(supervisor, { accountId: account.id, channel: 'sms', status: 'queued' });
    expect(sms.body.map((m: { id: number }) => m.id)).toEqual([smsId]);
    const many = await list(supervisor, { id: [emailId] });
    expect(many.body.map((m: { id: number }) => m.id)).toEqual([emailId]);
    const one = await supervisor.get(`/api/messages/${smsId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: smsId, channel: 'sms' });
    expect(one.body).not.toHaveProperty('body');
    expect((await supervisor.get('/api/messages/999999')).status).toBe(404);
  });

  it('when the filter has no accountId, then 400 names filter.accountId', async () => {
    const agent = await signedIn(t, 'agent');
    const res = await list(agent, {});
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(['filter.accountId']);
    const bad = await list(agent, { accountId: 1, body: 'x' });
    expect(bad.status).toBe(400);
  });

  it('when nobody is signed in, then 401 and no messages', async () => {
    const { account } = await createAccount(t);
    await queueTwo(account);
    const res = await list(client(t), { accountId: account.id });
    expect(res.status).toBe(401);
    expect((await client(t).get('/api/messages/1')).status).toBe(401);
  });
});
