import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases } from '../src/db/tables';
import { createAccount } from './factories/accounts';
import { auditRows, check, openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

describe('opening a case', () => {
  it('when an agent opens a case, then 201 with the case, no checks, level 0, every action and the audit row', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const res = await agent.post('/api/cases', {
      accountId: account.id,
      channel: 'chat',
      subject: 'Cannot sign in',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      accountId: account.id,
      level: 0,
      status: 'open',
      channel: 'chat',
      subject: 'Cannot sign in',
      openedBy: agent.member.id,
      checks: [],
      mismatchCount: 0,
      verificationFrozen: false,
      troubleshooting: { network: false, browserCache: false, serviceStatus: false },
    });
    expect(Object.keys(res.body.actions).sort()).toEqual([
      'email_change',
      'email_hint',
      'hold',
      'password_reset',
      'resend_message',
      'reset_2fa',
      'reveal',
      'sign_out_device',
      'sign_out_devices',
      'unlock',
    ]);
    expect(res.body.actions.email_hint).toEqual({ allowed: false, missing: ['level:L1'] });
    expect(res.body.actions.unlock.missing).toEqual(['account:locked', 'level:L2']);
    const [open] = await auditRows(t, 'case.open');
    expect(open).toMatchObject({ outcome: 'success', caseId: res.body.id, actorId: agent.member.id });
  });

  it('when the caller details from the lookup come along, then each identifying one is checked again and the level follows', async () => {
    const agent = await signedIn(t, 'agent');
    const { account, nationalId } = await createAccount(t, {
      fullName: 'José Núñez',
      phone: '+8613812345678',
    });
    const res = await agent.post('/api/cases', {
      accountId: account.id,
      channel: 'phone',
      callerDetails: {
        fullName: 'NUNEZ, jose',
        phone: '138 1234 5678',
        accountNumber: account.accountNumber,
        nationalIdLast4: nationalId.slice(-4),
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.level).toBe(1);
    expect(res.body.checks.map((c: { factor: string }) => c.factor)).toEqual([
      'full_name',
      'phone',
      'national_id_last4',
    ]);
    expect(
      res.body.checks.every((c: { matched: boolean; source: string }) => c.matched && c.source === 'lookup'),
    ).toBe(true);
    expect(res.body.actions.email_hint.allowed).toBe(true);
    const checks = (await auditRows(t, 'case.check')).map((r) => JSON.parse(r.details));
    expect(checks).toHaveLength(3);
    expect(JSON.stringify(checks)).not.toContain('138');
  });

  it('when the body is wrong, then 400 names the field and nothing is created', async () => {
    const agent = await signedIn(t, 'agent');
    const res = await agent.post('/api/cases', { accountId: 'x', channel: 'fax' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['accountId', 'channel']);
    const unknown = await agent.post('/api/cases', {
      accountId: 1,
      channel: 'phone',
      callerDetails: { pin: '1' },
    });
    expect(unknown.status).toBe(400);
    expect(await t.deps.db.select().from(cases)).toHaveLength(0);
  });

  it('when the account does not exist, then 404', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await agent.post('/api/cases', { accountId: 999, channel: 'phone' })).status).toBe(404);
  });
});

describe('seeing cases', () => {
  it('when agents list cases, then each sees only their own, and a filter cannot widen it; a supervisor sees all', async () => {
    const a1 = await signedIn(t, 'agent');
    const a2 = await signedIn(t, 'agent');
    const boss = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t);
    const mine = await openCase(a1, account.id);
    await openCase(a2, account.id);
    const own = await a1.get('/api/cases');
    expect(own.status).toBe(200);
    expect(own.body.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    expect(own.headers['content-range']).toBe('cases 0-0/1');
    const widened = await a1.get(
      `/api/cases?filter=${encodeURIComponent(JSON.stringify({ openedBy: a2.member.id }))}`,
    );
    expect(widened.body).toEqual([]);
    const all = await boss.get(
      `/api/cases?filter=${encodeURIComponent(JSON.stringify({ accountId: account.id }))}`,
    );
    expect(all.body).toHaveLength(2);
    expect(all.headers['content-range']).toBe('cases 0-1/2');
  });

  it('when an agent asks for another agent’s case, then 404 as if it did not exist; a supervisor sees it', async () => {
    const a1 = await signedIn(t, 'agent');
    const a2 = await signedIn(t, 'agent');
    const boss = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t);
    const theirs = await openCase(a2, account.id);
    const res = await a1.get(`/api/cases/${theirs.id}`);
    expect(res.status).toBe(404);
    expect((await a1.get('/api/cases/99999')).body.message).toBe(res.body.message);
    expect((await check(a1, theirs.id, 'full_name', account.fullName)).status).toBe(404);
    const seen = await boss.get(`/api/cases/${theirs.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.id).toBe(theirs.id);
  });

  it('when the list filter is malformed, then 400 naming it', async () => {
    const agent = await signedIn(t, 'agent');
    const res = await agent.get(`/api/cases?filter=${encodeURIComponent('{"status":"maybe"}')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('filter.status');
  });
});

describe('troubleshooting and closing', () => {
  it('when the agent ticks troubleshooting steps, then they are saved on the case and audited', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const steps = { network: true, browserCache: false, serviceStatus: true };
    const res = await agent.put(`/api/cases/${kase.id}/troubleshooting`, steps);
    expect(res.status).toBe(200);
    expect(res.body.troubleshooting).toEqual(steps);
    expect((await agent.get(`/api/cases/${kase.id}`)).body.troubleshooting).toEqual(steps);
    expect(await auditRows(t, 'case.troubleshooting')).toHaveLength(1);
    expect((await agent.put(`/api/cases/${kase.id}/troubleshooting`, { network: 'yes' })).status).toBe(400);
  });

  it('when a case is closed, then it needs a resolution from the fixed list; once closed, further checks answer 409', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const missing = await agent.post(`/api/cases/${kase.id}/close`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty('resolution');
    const freeText = await agent.post(`/api/cases/${kase.id}/close`, {
      resolution: 'Unlocked, customer signed in',
    });
    expect(freeText.status).toBe(400);
    expect(freeText.body.errors).toHaveProperty('resolution');
    const res = await agent.post(`/api/cases/${kase.id}/close`, { resolution: 'unlocked' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', resolution: 'unlocked' });
    expect(res.body.closedAt).toEqual(expect.any(Number));
    expect(res.body.actions.email_hint.missing).toContain('case:open');
    expect((await check(agent, kase.id, 'full_name', account.fullName)).status).toBe(409);
    expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' })).status).toBe(409);
    const again = await agent.post(`/api/cases/${kase.id}/close`, { resolution: 'information_only' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already closed/);
    expect((await auditRows(t, 'case.close')).map((r) => r.outcome)).toEqual(['success', 'denied']);
  });
});
