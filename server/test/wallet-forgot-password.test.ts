import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../src/db/tables';
import { FORGOT_ANSWER, FORGOT_MIN_ANSWER_MS, FORGOT_PER_LOGIN } from '../src/wallet/forgotPassword';
import { linkToken, mailbox } from './email-change-flow';
import { createAccount, reloadAccount } from './factories/accounts';
import { auditRows } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

// Every request comes from the test's one loopback address (no TRUST_PROXY): the network limit counts them all.
const forgot = (body: unknown) => client(t).post('/api/wallet/forgot-password', body);

describe('customer self-service forgot password', () => {
  it('when the login is known or unknown, then status, headers that matter and body are identical, and only the known one gets a link', async () => {
    const { account } = await createAccount(t);
    const known = await forgot({ login: account.email, channel: 'email' });
    const unknown = await forgot({ login: 'nobody.at.all@example.com', channel: 'email' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(known.body).toEqual(FORGOT_ANSWER);
    expect(unknown.headers['content-length']).toBe(known.headers['content-length']);
    expect(await mailbox(t, account.email, 'self_service_reset_link')).toMatch(
      /\/wallet\/reset-password\?token=/,
    );
    const rows = await auditRows(t, 'wallet.forgot_password');
    expect(rows.map((r) => r.outcome)).toEqual(['success', 'denied']);
    expect(JSON.parse(rows[1]!.details)).toMatchObject({ why: 'unknown_login' });
    expect(rows[1]!.details).not.toContain('nobody');
  });

  it('when any answer is sent, then it took at least the floor, known or not', async () => {
    const { account } = await createAccount(t);
    for (const login of [account.phone, '+8613900000000']) {
      const started = Date.now();
      await forgot({ login, channel: 'sms' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(FORGOT_MIN_ANSWER_MS - 5);
    }
  });

  it('when the customer picks SMS, then the link goes to the registered phone, never to anything typed', async () => {
    const { account } = await createAccount(t);
    const res = await forgot({ login: account.accountNumber, channel: 'sms' });
    expect(res.status).toBe(202);
    expect(await mailbox(t, account.phone, 'self_service_reset_link')).toMatch(/reset-password\?token=/);
    expect(await mailbox(t, account.email, 'self_service_reset_link')).toBeUndefined();
  });

  it('when a locked failed_attempts customer resets through the link, then it unlocks; a suspicious_activity lock stays', async () => {
    for (const lockReason of ['failed_attempts', 'suspicious_activity'] as const) {
      const { account } = await createAccount(t, {
        status: 'locked',
        lockReason,
        lockedAt: t.deps.now(),
        failedSignInCount: 5,
      });
      await forgot({ login: account.email, channel: 'email' });
      const token = linkToken(await mailbox(t, account.email, 'self_service_reset_link'), 'reset-password');
      const reset = await client(t).post('/api/wallet/password-reset', {
        token,
        newPassword: 'a brand new passphrase',
      });
      expect(reset.status).toBe(200);
      const after = await reloadAccount(t, account.id);
      expect(after.status, lockReason).toBe(lockReason === 'failed_attempts' ? 'active' : 'locked');
      expect(after.failedSignInCount).toBe(0);
    }
  });

  it('when one login is asked 4 times in an hour in different formats, then the 4th is 429 — the same for an unknown login — and nothing more is sent', async () => {
    const { account } = await createAccount(t, { phone: '+8613812345678' });
    const formats = ['+8613812345678', '138 1234 5678', '13812345678', '+86 138-1234-5678'];
    const statuses = [];
    for (const login of formats) statuses.push((await forgot({ login, channel: 'sms' })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const unknown = [];
    for (const login of ['+8613999999999', '139 9999 9999', '13999999999', '+86 139-9999-9999'])
      unknown.push((await forgot({ login, channel: 'sms' })).status);
    expect(unknown).toEqual(statuses);
    const sent = (await t.deps.db.select().from(messages)).filter((m) => m.accountId === account.id);
    expect(sent).toHaveLength(FORGOT_PER_LOGIN.limit);
  });

  it('when 40 requests race for one login, then exactly the limit gets through (counted in the database)', async () => {
    const { account } = await createAccount(t);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => forgot({ login: account.email, channel: 'email' })),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(FORGOT_PER_LOGIN.limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(40 - FORGOT_PER_LOGIN.limit);
  });

  it('when one network walks a list of logins, then it is refused after 10 in an hour', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await forgot({ login: `walker${i}@example.com`, channel: 'email' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('when the body is bad, then 400 naming the field and nothing is counted or sent', async () => {
    const res = await forgot({ login: '', channel: 'fax' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['channel', 'login']);
    expect(await auditRows(t, 'wallet.forgot_password')).toHaveLength(0);
  });

  it('when the customer tried self-service, then the agent sees when, by which channel, to the masked address and the delivery state', async () => {
    const { account } = await createAccount(t);
    await forgot({ login: account.email, channel: 'email' });
    const agent = await signedIn(t, 'agent');
    const filter = encodeURIComponent(
      JSON.stringify({ accountId: account.id, template: 'self_service_reset_link' }),
    );
    const res = await agent.get(`/api/messages?filter=${filter}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      channel: 'email',
      template: 'self_service_reset_link',
      recipientMasked: expect.stringContaining('***'),
    });
    expect(['queued', 'sent']).toContain(res.body[0].status);
    expect(JSON.stringify(res.body)).not.toContain(account.email);
    expect(JSON.stringify(res.body)).not.toContain('token=');
  });
});
