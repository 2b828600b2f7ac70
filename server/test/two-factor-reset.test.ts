import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devices, messages } from '../src/db/tables';
import { addDevice, CUSTOMER_PASSWORD, createAccount, reloadAccount } from './factories/accounts';
import { auditRows, openCase, verifyTo } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Caller lost the phone with the authenticator';

/** An agent at L3 by email code + transaction on an account with 2FA on and a signed-in device; two supervisors. */
async function arrange(possession: 'sms' | 'email' = 'email') {
  const agent = await signedIn(t, 'agent');
  const approver = await signedIn(t, 'supervisor');
  const { account } = await createAccount(t, { twoFactorEnabled: true });
  await addDevice(t, account.id);
  const kase = await openCase(agent, account.id);
  await verifyTo(t, agent, kase.id, account, 3, { possession });
  const file = async (who = agent, caseId = kase.id) =>
    who.post(`/api/accounts/${account.id}/reset-2fa`, {
      caseId,
      reason: REASON,
      version: (await reloadAccount(t, account.id)).version,
    });
  return { agent, approver, account, kase, file };
}

const signedInDevices = async (accountId: number) =>
  (await t.deps.db.select().from(devices).where(eq(devices.accountId, accountId))).filter(
    (d) => d.revokedAt === null,
  ).length;

describe('two-factor reset (lost device)', () => {
  it('when an agent at L3 without SMS files it and another supervisor approves, then 2FA is off, enrolment is required, every device is signed out and both channels are told', async () => {
    const s = await arrange('email');
    const filed = await s.file();
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ id: expect.any(Number), status: 'pending_approval' });
    // Nothing changes for the customer until a second person approves.
    expect((await reloadAccount(t, s.account.id)).twoFactorEnabled).toBe(true);
    expect(await signedInDevices(s.account.id)).toBe(1);

    const view = await s.approver.get(`/api/two-factor-resets/${filed.body.id}`);
    expect(view.body.evidence.case).toMatchObject({ id: s.kase.id, level: 3 });
    expect(view.body.evidence.checks.map((c: { factor: string }) => c.factor)).toContain('email_otp');

    const approved = await s.approver.post(`/api/two-factor-resets/${filed.body.id}/approve`, {
      reason: REASON,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'completed',
      decidedBy: s.approver.member.id,
      nextStepBy: null,
    });
    const after = await reloadAccount(t, s.account.id);
    expect(after).toMatchObject({ twoFactorEnabled: false, twoFactorEnrolRequired: true });
    expect(await signedInDevices(s.account.id)).toBe(0);
    const notices = await t.deps.db.select().from(messages).where(eq(messages.accountId, s.account.id));
    expect(
      notices
        .filter((m) => m.template === 'two_factor_reset')
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['email', 'sms']);
    expect((await auditRows(t, 'account.two_factor_reset_request')).map((r) => r.outcome)).toEqual([
      'success',
    ]);
    const [decision] = await auditRows(t, 'two_factor_reset.approve');
    expect(decision).toMatchObject({ outcome: 'success', caseId: s.kase.id });
    expect(JSON.parse(decision!.details ?? '{}')).toMatchObject({
      devicesSignedOut: 1,
      notified: ['email', 'sms'],
    });

    // A second decision on a completed reset is refused.
    const again = await s.approver.post(`/api/two-factor-resets/${filed.body.id}/reject`, { reason: REASON });
    expect(again.status).toBe(409);
  });

  it('when the L3 rests on the SMS code (the lost phone), then 403 names possession:email_otp and nothing is filed', async () => {
    const s = await arrange('sms');
    const res = await s.file();
    expect(res.status).toBe(403);
    expect(res.body.missing).toContain('possession:email_otp');
    expect((await s.approver.get('/api/two-factor-resets')).body).toEqual([]);
    expect((await auditRows(t, 'account.two_factor_reset_request')).map((r) => r.outcome)).toEqual([
      'denied',
    ]);
  });

  it('when the requester (a supervisor) tries to approve their own reset, then 403 approver:other_than_requester, audited, and it stays pending', async () => {
    const s = await arrange('email');
    const supervisorCase = await openCase(s.approver, s.account.id);
    await verifyTo(t, s.approver, supervisorCase.id, await reloadAccount(t, s.account.id), 3, {
      possession: 'email',
    });
    const filed = await s.file(s.approver, supervisorCase.id);
    expect(filed.status).toBe(201);
    const own = await s.approver.post(`/api/two-factor-resets/${filed.body.id}/approve`, { reason: REASON });
    expect(own.status).toBe(403);
    expect(own.body.missing).toEqual(['approver:other_than_requester']);
    expect((await auditRows(t, 'two_factor_reset.approve')).map((r) => r.outcome)).toEqual(['denied']);
    expect((await reloadAccount(t, s.account.id)).twoFactorEnabled).toBe(true);
    const agentTry = await s.agent.post(`/api/two-factor-resets/${filed.body.id}/approve`, {
      reason: REASON,
    });
    expect(agentTry.status).toBe(403);
    expect((await s.agent.get(`/api/two-factor-resets/${filed.body.id}`)).status).toBe(404);
  });

  it('when a reset is already pending, then a second one is 409 open_reset; a rejected one changes nothing', async () => {
    const s = await arrange('email');
    const filed = await s.file();
    const second = await s.file();
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('open_reset');
    const rejected = await s.approver.post(`/api/two-factor-resets/${filed.body.id}/reject`, {
      reason: REASON,
    });
    expect(rejected.body.status).toBe('rejected');
    expect(await reloadAccount(t, s.account.id)).toMatchObject({
      twoFactorEnabled: true,
      twoFactorEnrolRequired: false,
    });
    expect(await signedInDevices(s.account.id)).toBe(1);
  });

  it('when the body is bad, then 400 names the field and nothing is filed', async () => {
    const s = await arrange('email');
    const res = await s.agent.post(`/api/accounts/${s.account.id}/reset-2fa`, {
      caseId: s.kase.id,
      reason: 'x',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(['reason', 'version']));
    expect((await s.approver.get('/api/two-factor-resets')).body).toEqual([]);
  });

  it('when a reset was approved, then the wallet sign-in with the right password says enrol again; a wrong one still answers the same 401', async () => {
    const s = await arrange('email');
    const walletSignIn = (password: string) =>
      client(t)
        .agent.post('/api/wallet/login')
        .set('X-Requested-With', 'XMLHttpRequest')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ login: s.account.email, password }));
    const before = await walletSignIn(CUSTOMER_PASSWORD);
    expect(before.body).toMatchObject({ signedIn: true, twoFactorEnrolRequired: false });
    const wrongBefore = await walletSignIn('not the password');

    const filed = await s.file();
    await s.approver.post(`/api/two-factor-resets/${filed.body.id}/approve`, { reason: REASON });
    const after = await walletSignIn(CUSTOMER_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      signedIn: true,
      accountNumber: s.account.accountNumber,
      mustChangePassword: false,
      twoFactorEnrolRequired: true,
    });
    // Until the customer enrols, every sign-in asks again.
    expect((await walletSignIn(CUSTOMER_PASSWORD)).body.twoFactorEnrolRequired).toBe(true);
    // Nothing about the reset leaks to someone without the password.
    const wrongAfter = await walletSignIn('not the password');
    expect(wrongAfter.status).toBe(401);
    const { requestId: _a, ...wrongBodyBefore } = wrongBefore.body;
    const { requestId: _b, ...wrongBodyAfter } = wrongAfter.body;
    expect(wrongBodyAfter).toEqual(wrongBodyBefore);
  });

  it('when one reset is rejected and the next approved, then the account timeline tells each step as an action of the account', async () => {
    const s = await arrange('email');
    const story = async () => {
      const res = await s.approver.get(
        `/api/account-timeline?filter=${encodeURIComponent(JSON.stringify({ accountId: s.account.id, kind: 'action' }))}`,
      );
      expect(res.status).toBe(200);
      return (res.body as { what: string; outcome: string; actor: string; reason: string }[])
        .filter((e) => e.what.includes('two_factor_reset'))
        .map((e) => `${e.what}:${e.outcome}:${e.actor}`)
        .reverse();
    };
    const rejected = await s.file();
    t.advance(1_000);
    await s.approver.post(`/api/two-factor-resets/${rejected.body.id}/reject`, { reason: REASON });
    t.advance(1_000);
    const approved = await s.file();
    t.advance(1_000);
    await s.approver.post(`/api/two-factor-resets/${approved.body.id}/approve`, { reason: REASON });
    const agentName = s.agent.member.fullName;
    const approverName = s.approver.member.fullName;
    expect(await story()).toEqual([
      `account.two_factor_reset_request:success:${agentName}`,
      `two_factor_reset.reject:success:${approverName}`,
      `account.two_factor_reset_request:success:${agentName}`,
      `two_factor_reset.approve:success:${approverName}`,
    ]);
    // Another account's resets are not in this story.
    const { account: other } = await createAccount(t);
    const res = await s.approver.get(
      `/api/account-timeline?filter=${encodeURIComponent(JSON.stringify({ accountId: other.id, kind: 'action' }))}`,
    );
    expect(res.body).toEqual([]);
  });
});
