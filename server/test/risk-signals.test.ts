import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devices } from '../src/db/tables';
import { addLoginEvent, createAccount, reloadAccount } from './factories/accounts';
import { auditRows, check, lastCodeSent, openCase, verifyTo } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const DAY = 86_400_000;
const REASON = 'Caller verified on the phone';
const signalsOf = async (c: Awaited<ReturnType<typeof signedIn>>, accountId: number) => {
  const res = await c.get(`/api/risk-signals?filter=${encodeURIComponent(JSON.stringify({ accountId }))}`);
  expect(res.status).toBe(200);
  return res.body as Array<{ id: string; code: string; at: number; count: number }>;
};

describe('risk signals of an account', () => {
  it('when the phone changed 2 days ago, then the account shows phone_changed and an SMS code is not possession: reveal is refused naming the signal, audited', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { phoneChangedAt: t.deps.now() - 2 * DAY });
    expect(await signalsOf(agent, account.id)).toEqual([
      { id: 'phone_changed', code: 'phone_changed', at: account.phoneChangedAt, count: 1 },
    ]);
    const kase = await openCase(agent, account.id);
    await check(agent, kase.id, 'full_name', account.fullName);
    await check(agent, kase.id, 'date_of_birth', account.dateOfBirth);
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' });
    const smsCheck = await check(agent, kase.id, 'sms_otp', await lastCodeSent(t, kase.id, 'sms'));
    expect(smsCheck.body).toMatchObject({ matched: true, level: 2 });

    const view = await agent.get(`/api/cases/${kase.id}`);
    expect(view.body.riskSignals).toEqual(['phone_changed']);
    expect(view.body.actions.reveal).toEqual({ allowed: false, missing: ['level:L2', 'risk:phone_changed'] });

    const res = await agent.post(`/api/accounts/${account.id}/reveal`, {
      caseId: kase.id,
      reason: REASON,
      field: 'email',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'policy_refused', missing: ['level:L2', 'risk:phone_changed'] });
    expect(JSON.stringify(res.body)).not.toContain(account.email);
    const [denied] = await auditRows(t, 'account.reveal');
    expect(denied).toMatchObject({ outcome: 'denied', caseId: kase.id });
    expect(JSON.parse(denied!.details).missing).toEqual(['level:L2', 'risk:phone_changed']);

    // The same code by email counts: the registered email did not change hands.
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    await check(agent, kase.id, 'email_otp', await lastCodeSent(t, kase.id, 'email'));
    const ok = await agent.post(`/api/accounts/${account.id}/reveal`, {
      caseId: kase.id,
      reason: REASON,
      field: 'email',
    });
    expect(ok.status).toBe(200);
  });

  it('when the phone changed 8 days ago, then there is no signal and the SMS code counts again', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { phoneChangedAt: t.deps.now() - 8 * DAY });
    expect(await signalsOf(agent, account.id)).toEqual([]);
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 3);
    const res = await agent.post(`/api/accounts/${account.id}/reveal`, {
      caseId: kase.id,
      reason: REASON,
      field: 'phone',
    });
    expect(res.status).toBe(200);
  });

  it('when a new device and a new country sign in, then two signals make reveal need L3 and a failed_attempts unlock need a supervisor', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, {
      status: 'locked',
      lockReason: 'failed_attempts',
      lockedAt: t.deps.now() - 60_000,
    });
    // A wallet sign-in from Germany on a device never seen before, an hour ago.
    await addLoginEvent(t, account.id, {
      at: t.deps.now() - 3_600_000,
      country: 'DE',
      device: 'Firefox on Linux',
    });
    await t.deps.db.insert(devices).values({
      accountId: account.id,
      label: 'Firefox on Linux',
      lastIp: '198.51.100.9',
      lastCountry: 'DE',
      firstSeenAt: t.deps.now() - 3_600_000,
      lastSeenAt: t.deps.now() - 3_600_000,
    });
    expect((await signalsOf(agent, account.id)).map((s) => s.code)).toEqual(['new_device', 'new_country']);

    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    const version = (await reloadAccount(t, account.id)).version;
    const reveal = await agent.post(`/api/accounts/${account.id}/reveal`, {
      caseId: kase.id,
      reason: REASON,
      field: 'email',
    });
    expect(reveal.status).toBe(403);
    expect(reveal.body.missing).toEqual(['level:L3', 'risk:new_device', 'risk:new_country']);
    const unlock = await agent.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version,
    });
    expect(unlock.status).toBe(403);
    expect(unlock.body.missing).toEqual([
      'role:supervisor',
      'risk:new_device',
      'risk:new_country',
      'level:L3',
    ]);
    expect((await reloadAccount(t, account.id)).status).toBe('locked');
    // L1 actions are untouched by the signals.
    const hint = await agent.post(`/api/accounts/${account.id}/email-hint`, {
      caseId: kase.id,
      reason: REASON,
    });
    expect(hint.status).toBe(200);
  });

  it('when a caller failed a check in another agent’s case and three agents opened cases this week, then both signals count', async () => {
    const { account } = await createAccount(t);
    const first = await signedIn(t, 'agent');
    const firstCase = await openCase(first, account.id);
    expect((await check(first, firstCase.id, 'date_of_birth', '1970-01-01')).body.matched).toBe(false);
    expect((await signalsOf(first, account.id)).map((s) => s.code)).toEqual(['failed_verifications']);
    await openCase(await signedIn(t, 'agent'), account.id);
    const third = await signedIn(t, 'agent');
    const thirdCase = await openCase(third, account.id);
    const signals = await signalsOf(third, account.id);
    expect(signals.map((s) => [s.code, s.count])).toEqual([
      ['several_agents', 3],
      ['failed_verifications', 1],
    ]);
    await verifyTo(t, third, thirdCase.id, account, 2);
    const view = await third.get(`/api/cases/${thirdCase.id}`);
    expect(view.body.actions.reveal.missing).toEqual([
      'level:L3',
      'risk:several_agents',
      'risk:failed_verifications',
    ]);
  });

  it('when the list is asked without an account, for an unknown one, or without a session, then 400, 404 and 401', async () => {
    const agent = await signedIn(t, 'agent');
    const bare = await agent.get('/api/risk-signals');
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toHaveProperty(['filter.accountId']);
    expect(
      (await agent.get(`/api/risk-signals?filter=${encodeURIComponent('{"accountId":99999}')}`)).status,
    ).toBe(404);
    expect(
      (await client(t).get(`/api/risk-signals?filter=${encodeURIComponent('{"accountId":1}')}`)).status,
    ).toBe(401);
  });
});
