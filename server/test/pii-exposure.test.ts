import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDevice, addLoginEvent, addTransactions, createAccount } from './factories/accounts';
import { lastCodeSent } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

/**
 * Walks a whole frozen-account call through the API and keeps every answer: none may carry the
 * customer's email, phone, date of birth or national ID — except the one audited reveal.
 */
describe('what the console is ever told about a customer', () => {
  it('when an agent does a whole call, then only the reveal answer holds an unmasked email, phone, DOB or national ID', async () => {
    const { account, nationalId } = await createAccount(t, {
      fullName: '王小明',
      email: 'wang.xiaoming@163.com',
      phone: '+8613812345678',
      dateOfBirth: '1990-03-05',
      status: 'locked',
      lockReason: 'failed_attempts',
      lockedAt: t.deps.now() - 60_000,
      failedSignInCount: 5,
    });
    await addTransactions(t, account.id, [10.5, 20, 30, 40, 50, 60.25]);
    await addDevice(t, account.id);
    for (let i = 0; i < 5; i++)
      await addLoginEvent(t, account.id, {
        outcome: i === 4 ? 'locked_out' : 'failure',
        at: t.deps.now() - (5 - i) * 1000,
      });
    const agent = await signedIn(t, 'agent');
    const answers: unknown[] = [];
    const keep = async <R extends { body: unknown; status: number }>(p: Promise<R>) => {
      const res = await p;
      answers.push(res.body);
      return res;
    };
    const q = (filter: object) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

    const found = await keep(agent.post('/api/lookup', { fullName: '王 小明', phone: '138 1234 5678' }));
    expect(found.body[0].id).toBe(account.id);
    const kase = await keep(
      agent.post('/api/cases', {
        accountId: account.id,
        channel: 'phone',
        callerDetails: { fullName: '王小明', phone: '138 1234 5678' },
      }),
    );
    const caseId = kase.body.id as number;
    await keep(agent.post(`/api/cases/${caseId}/checks`, { factor: 'date_of_birth', value: '1990年3月5日' }));
    await keep(
      agent.post(`/api/cases/${caseId}/checks`, { factor: 'national_id_last4', value: nationalId.slice(-4) }),
    );
    await keep(agent.post(`/api/cases/${caseId}/otp`, { channel: 'sms' }));
    const code = await lastCodeSent(t, caseId, 'sms');
    const level = await keep(agent.post(`/api/cases/${caseId}/checks`, { factor: 'sms_otp', value: code }));
    expect(level.body.level).toBe(2);
    const view = await keep(agent.get(`/api/accounts/${account.id}`));
    await keep(agent.get(`/api/accounts?${q({ id: [account.id] })}`));
    expect((await keep(agent.get(`/api/login-events?${q({ accountId: account.id, caseId })}`))).status).toBe(
      200,
    );
    expect((await keep(agent.get(`/api/devices?${q({ accountId: account.id, caseId })}`))).status).toBe(200);
    expect((await keep(agent.get(`/api/transactions?${q({ accountId: account.id, caseId })}`))).status).toBe(
      200,
    );
    await keep(agent.get(`/api/cases/${caseId}`));
    await keep(agent.get(`/api/cases?${q({ accountId: account.id })}`));
    await keep(
      agent.post(`/api/accounts/${account.id}/email-hint`, { caseId, reason: 'caller forgot the address' }),
    );
    await keep(
      agent.post(`/api/accounts/${account.id}/password-reset`, {
        caseId,
        reason: 'caller asked for a link',
        channel: 'email',
      }),
    );
    const unlocked = await keep(
      agent.post(`/api/accounts/${account.id}/unlock`, {
        caseId,
        reason: 'caller verified by phone',
        version: view.body.version,
      }),
    );
    expect(unlocked.status).toBe(200);
    await keep(agent.get(`/api/messages?${q({ accountId: account.id })}`));

    const text = JSON.stringify(answers);
    for (const secret of [account.email, account.phone, '13812345678', '1990-03-05', nationalId, code]) {
      expect(text, `an answer exposed ${secret.slice(0, 3)}…`).not.toContain(secret);
    }
    // The reveal is the one exception, and it says exactly what was asked for.
    const reveal = await agent.post(`/api/accounts/${account.id}/reveal`, {
      caseId,
      reason: 'caller asked to confirm',
      field: 'phone',
    });
    expect(reveal.body).toEqual({ field: 'phone', value: account.phone });
  });
});
